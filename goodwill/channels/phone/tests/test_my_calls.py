"""My calls: where an agent summarises a call once the pop has gone."""

from __future__ import annotations

from goodwill.cases.models import Case
from goodwill.channels.phone.models import Call
from goodwill.channels.phone.tests.conftest import Poster
from goodwill.clients.models import Client
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry

MR_T = "+49 171 2345678"


def _talk(post_event: Poster, call_id: str, agent: str) -> Call:
    for event in ("ringing", "answered", "ended"):
        post_event(
            {
                "event": event,
                "call_id": call_id,
                "from": MR_T,
                "agent": agent,
                "duration_seconds": 120,
            }
        )
    return Call.objects.get(call_id=call_id)


def test_an_agent_summarises_a_call_from_her_calls_page(
    post_event: Poster, agent: User, case_t: Case, client
) -> None:
    call = _talk(post_event, "c-1", "chiara")
    client.force_login(agent)
    page = client.get("/phone/calls/").content.decode()
    assert "Herr Lefèvre" in page and case_t.reference in page and "Save the summary" in page
    assert 'href="/phone/calls/"' in page  # in the top bar of every page

    response = client.post(
        f"/phone/calls/{call.pk}/summary/",
        {"summary": "Courtesy car tomorrow 9:00", "next": f"/phone/calls/#call-{call.pk}"},
    )
    assert response.status_code == 302 and response.url == f"/phone/calls/#call-{call.pk}"
    assert Entry.objects.get(kind="note", case=case_t).body == "Courtesy car tomorrow 9:00"
    assert "Courtesy car tomorrow 9:00" in client.get("/phone/calls/").content.decode()


def test_it_never_sends_anyone_off_site(
    post_event: Poster, agent: User, client_t: Client, client
) -> None:
    call = _talk(post_event, "c-2", "chiara")
    client.force_login(agent)
    response = client.post(
        f"/phone/calls/{call.pk}/summary/", {"summary": "ok", "next": "https://evil.example/"}
    )
    assert response.url == "/"


def test_a_dealer_taking_a_call_for_another_sites_client_does_not_see_who_it_was(
    post_event: Poster, foreign_dealer: User, client_t: Client, client
) -> None:
    call = _talk(post_event, "c-3", "pierre")
    client.force_login(foreign_dealer)
    page = client.get("/phone/calls/").content.decode()
    assert "Lefèvre" not in page and "+49 171 2345678" in page
    # and cannot write on the Munich client's story: to them it is not there, like any object of
    # another site (404, not 403, which would say it exists)
    response = client.post(f"/phone/calls/{call.pk}/summary/", {"summary": "who was that?"})
    assert response.status_code == 404
    assert not Entry.objects.filter(kind="note").exists()


def test_another_agents_call_is_not_found_for_a_dealer(
    post_event: Poster, advisor: User, foreign_dealer: User, client
) -> None:
    post_event({"event": "ringing", "call_id": "c-9", "from": "+33 1 23 45 67 89"})
    call = Call.objects.get(call_id="c-9")
    client.force_login(foreign_dealer)
    for url in ("summary", "take", "../../pop/{pk}/dismiss"):
        target = f"/phone/calls/{call.pk}/{url}/".replace("{pk}", str(call.pk))
        assert client.post(target, {"summary": "x"}).status_code == 404, target
