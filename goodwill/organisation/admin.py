from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from goodwill.organisation.models import Site, User


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin[Site]):
    list_display = ("code", "name", "kind", "city", "country", "timezone")
    list_filter = ("kind", "country")
    search_fields = ("code", "name", "city")


@admin.register(User)
class StaffAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "site", "language", "is_active")
    list_filter = ("role", "site__kind", "is_active")
    list_select_related = ("site",)
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (
            "Goodwill",
            {"fields": ("role", "site", "code", "phone", "language", "languages_spoken", "backup")},
        ),
    )
