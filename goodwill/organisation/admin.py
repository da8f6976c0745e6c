from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from goodwill.organisation.models import Site, Team, User
from goodwill.organisation.selectors import staff_book_size, staff_owns_history
from goodwill.organisation.services import staff_deactivate


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin[Site]):
    list_display = ("code", "name", "kind", "city", "country", "timezone")
    list_filter = ("kind", "country")
    search_fields = ("code", "name", "city")


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin[Team]):
    """A region or a group of dealers: its members (the staff page's Team field) see the clients
    of all its sites."""

    list_display = ("name",)
    search_fields = ("name",)
    filter_horizontal = ("sites",)


@admin.register(User)
class StaffAdmin(UserAdmin):
    """Staff who leave are deactivated, never deleted once they own history: the story keeps
    saying who did what. Deleting stays possible only for an account that has done nothing yet
    (one created by mistake); the bulk delete is replaced by a deactivate action."""

    list_display = (
        "username",
        "first_name",
        "last_name",
        "role",
        "site",
        "team",
        "language",
        "is_active",
        "handover_link",
    )
    list_filter = ("role", "site__kind", "team", "is_active")
    list_select_related = ("site", "team")
    actions = ("deactivate_selected",)
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (
            "Goodwill",
            {
                "fields": (
                    "role",
                    "site",
                    "team",
                    "code",
                    "phone",
                    "language",
                    "languages_spoken",
                    "backup",
                )
            },
        ),
    )

    def get_actions(
        self, request: HttpRequest, action_location: Any = ActionLocation.CHANGE_LIST
    ) -> dict[str, Any]:
        actions = super().get_actions(request, action_location=action_location)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description=_("Book"))
    def handover_link(self, obj: User) -> str:
        # The page is the people app's; linked by its path, since this low app imports no
        # higher one (docs/architecture.md, the layers).
        return format_html('<a href="/staff/{}/handover/">{}</a>', obj.username, _("Hand over"))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and staff_owns_history(user=obj):
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description=_("Deactivate the selected staff (they keep their history)"))
    def deactivate_selected(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        if not self.has_change_permission(request):
            messages.error(request, _("You may not change staff."))
            return
        actor = request.user if isinstance(request.user, User) else None
        done = 0
        for user in queryset:
            try:
                staff_deactivate(actor=actor, user=user)
            except (ValidationError, PermissionDenied) as error:
                problem = error.messages if isinstance(error, ValidationError) else [str(error)]
                messages.error(request, " ".join(problem))
            else:
                done += 1
                if book := staff_book_size(user=user):
                    messages.warning(
                        request,
                        _(
                            "%(name)s still advises %(count)s clients: hand their book over at "
                            "/staff/%(username)s/handover/."
                        )
                        % {"name": user, "count": book, "username": user.username},
                    )
        messages.success(
            request,
            ngettext(
                "%(count)d staff member deactivated: they can no longer sign in.",
                "%(count)d staff members deactivated: they can no longer sign in.",
                done,
            )
            % {"count": done},
        )
