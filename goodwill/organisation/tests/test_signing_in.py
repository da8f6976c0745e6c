"""Who is signed in is read once a request, with their site (every page's header names it)."""

from django.contrib.auth import get_user
from django.test import RequestFactory

from conftest import PASSWORD
from goodwill.organisation.models import User


def test_the_signed_in_person_comes_with_their_site_in_one_query(
    client, advisor: User, django_assert_num_queries
) -> None:
    client.post("/login/", {"username": advisor.username, "password": PASSWORD})
    request = RequestFactory().get("/")
    request.session = client.session
    assert request.session.get("language") == "en"  # the session read
    with django_assert_num_queries(1):
        user = get_user(request)
        assert user == advisor and user.site.name == "Aurelis München"


def test_a_deactivated_person_is_signed_out(client, advisor: User) -> None:
    client.post("/login/", {"username": advisor.username, "password": PASSWORD})
    assert client.get("/").status_code == 200
    User.objects.filter(pk=advisor.pk).update(is_active=False)
    assert client.get("/").status_code == 302
