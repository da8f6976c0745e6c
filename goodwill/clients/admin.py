"""Read-only views of the client book for administrators.

Changes go through the workspace so they pass the services and land on the timeline;
nothing is ever deleted here.
"""

from django.contrib import admin

from goodwill.admin_readonly import ReadOnlyAdmin
from goodwill.clients.models import Client, Product


@admin.register(Client)
class ClientAdmin(ReadOnlyAdmin):
    list_display = ("ref", "first_name", "last_name", "tier", "country", "site", "advisor")
    list_filter = ("tier", "country")
    list_select_related = ("site", "advisor")
    search_fields = ("ref", "last_name")
    show_full_result_count = False


@admin.register(Product)
class ProductAdmin(ReadOnlyAdmin):
    list_display = ("brand", "model", "kind", "plate", "vin", "serial", "client")
    list_select_related = ("client",)
    search_fields = ("plate", "vin", "serial")
    show_full_result_count = False
