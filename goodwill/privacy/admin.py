from django.contrib import admin

from goodwill.admin_readonly import ReadOnlyAdmin
from goodwill.privacy.models import Erasure


@admin.register(Erasure)
class ErasureAdmin(ReadOnlyAdmin):
    list_display = ("client_ref", "at", "erased_by", "operator", "site")
    list_select_related = ("erased_by", "site")
    ordering = ("-at",)
