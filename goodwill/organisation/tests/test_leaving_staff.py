"""Someone who leaves is deactivated, never deleted, once they own history: the timeline names
them as the actor of what they did, and the story must keep saying who did it."""

from __future__ import annotations

from django.contrib.auth.models import Permission

from goodwill.cases.models import Case
from goodwill.organisation.models import Site, User
from goodwill.organisation.selectors import staff_owns_history
from goodwill.organisation.services import staff_create, staff_deactivate


def _admin(client) -> User:
    admin = User.objects.create_superuser("root", "root@example.com", "pw-long-enough-1")
    client.force_login(admin)
    return admin


def test_the_admin_cannot_delete_someone_who_owns_history(
    client, advisor: User, case_t: Case
) -> None:
    _admin(client)
    assert staff_owns_history(user=advisor)
    page = client.get(f"/admin/organisation/user/{advisor.pk}/change/").content.decode()
    assert f"/admin/organisation/user/{advisor.pk}/delete/" not in page
    assert client.get(f"/admin/organisation/user/{advisor.pk}/delete/").status_code == 403
    assert client.post(f"/admin/organisation/user/{advisor.pk}/delete/", {"post": "yes"})
    assert User.objects.filter(pk=advisor.pk).exists()


def test_the_bulk_delete_is_replaced_by_deactivate(client, advisor: User, case_t: Case) -> None:
    _admin(client)
    listing = client.get("/admin/organisation/user/").content.decode()
    assert 'value="delete_selected"' not in listing
    assert 'value="deactivate_selected"' in listing
    response = client.post(
        "/admin/organisation/user/",
        {"action": "delete_selected", "_selected_action": [advisor.pk], "post": "yes"},
    )
    assert User.objects.filter(pk=advisor.pk).exists()
    response = client.post(
        "/admin/organisation/user/",
        {"action": "deactivate_selected", "_selected_action": [advisor.pk]},
        follow=True,
    )
    assert response.status_code == 200
    advisor.refresh_from_db()
    assert not advisor.is_active
    assert "deactivated" in response.content.decode()


def test_someone_created_by_mistake_can_still_be_deleted(client, munich: Site) -> None:
    _admin(client)
    typo = staff_create(
        username="anan",
        password=None,
        first_name="Anan",
        last_name="X",
        role="advisor",
        site=munich,
    )
    assert not staff_owns_history(user=typo)
    response = client.post(f"/admin/organisation/user/{typo.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=typo.pk).exists()


def test_deactivating_keeps_the_story_and_refuses_sign_in(
    client, advisor: User, manager: User, case_t: Case
) -> None:
    staff_deactivate(actor=manager, user=advisor)
    advisor.refresh_from_db()
    assert not advisor.is_active
    assert case_t.client.timeline.filter(actor=advisor).exists()
    assert not client.login(username="anna", password="correct-horse-battery")


def test_a_staff_member_with_only_the_delete_permission_still_cannot_delete_history(
    client, advisor: User, case_t: Case, munich: Site
) -> None:
    clerk = staff_create(
        username="clerk",
        password="pw-long-enough-1",
        first_name="C",
        last_name="K",
        role="manager",
        site=munich,
    )
    clerk.is_staff = True
    clerk.save()
    clerk.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "delete_user", "change_user"])
    )
    client.force_login(clerk)
    assert client.get(f"/admin/organisation/user/{advisor.pk}/delete/").status_code == 403
