"""The screen pop: who is calling, how to greet them and what they are waiting for, before the agent
picks up; only clients the agent may see; nearly free while nothing rings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.cases.services import case_add_note
from goodwill.channels.phone.models import Call
from goodwill.channels.phone.selectors import screen_pop
from goodwill.channels.phone.tests.conftest import Poster
from goodwill.clients.models import Client
from goodwill.clients.services import client_create
from goodwill.organisation.models import Site, User
from goodwill.organisation.services import site_create

MR_T = "+49 171 2345678"


def _ring(post_event: Poster, call_id: str = "c-1", number: str = MR_T, **extra: str) -> None:
    assert (
        post_event({"event": "ringing", "call_id": call_id, "from": number, **extra}).json()[
            "status"
        ]
        == "ok"
    )


def _pop(http: HttpClient, shown: str = "") -> tuple[int, str]:
    response = http.get(
        "/phone/pop/", {"shown": shown} if shown else {}, headers={"HX-Request": "true"}
    )
    return response.status_code, response.content.decode()


def _key(html: str) -> str:
    return html.split('name="shown" value="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize(
    ("number", "country", "languages"),
    [
        ("+41 79 123 45 67", "Switzerland", ["German", "French", "Italian"]),
        ("+31 6 12345678", "Netherlands", ["Dutch"]),
        ("+32 470 12 34 56", "Belgium", ["Dutch", "French", "German"]),
        ("+1 212 555 0100", "United States", ["English"]),
    ],
)
def test_an_unknown_number_says_where_the_caller_is_and_what_they_likely_speak(
    agent: User, number: str, country: str, languages: list[str]
) -> None:
    caller = screen_pop(number=number, viewer=agent, language="en")
    assert caller.client is None
    assert (caller.country_name, caller.likely_languages) == (country, languages)


def test_countries_and_languages_are_named_in_the_agents_language(agent: User) -> None:
    caller = screen_pop(number="+41 79 123 45 67", viewer=agent, language="it")
    assert caller.country_name == "Svizzera"
    assert caller.likely_languages == ["tedesco", "francese", "italiano"]


def test_the_pop_for_a_new_caller_offers_to_create_the_client(
    post_event: Poster, agent: User, client
) -> None:
    _ring(post_event, number="+41 79 123 45 67")
    client.force_login(agent)
    status, html = _pop(client)
    assert status == 200
    assert (
        "New caller from Switzerland (+41)" in html and "likely German, French, or Italian" in html
    )
    assert "/clients/new/?phone=%2B41791234567&amp;country=CH" in html
    form = client.get("/clients/new/?phone=%2B41791234567&country=CH").text
    assert 'value="+41791234567"' in form and 'value="CH"' in form


def test_the_pop_for_a_known_caller_shows_how_to_greet_him_and_his_open_cases(
    post_event: Poster, agent: User, case_t: Case, client
) -> None:
    # Given Mr. T, who chased once already, and who writes in Dutch though his language is German
    Case.objects.filter(pk=case_t.pk).update(chaser_count=1)
    _ring(post_event)
    client.force_login(agent)
    _status, html = _pop(client)
    assert "Herr Lefèvre" in html and "VIP" in html
    assert "Greet in" in html and "German" in html
    assert case_t.reference in html and "Flat tyre on holiday" in html and "chased 1 time" in html
    assert "Anna Schmid" in html  # his advisor
    # Each open case with its product, the cover running on it and who owns it
    assert "Aurelis GT Spyder" in html
    assert "Insurance (Aurelis Insurance) until 28/02/2099" in html
    assert "owned by Anna Schmid" in html
    assert "Case opened" in html  # the last entries of his story
    assert f"/clients/{case_t.client.ref}/" in html
    Client.objects.filter(pk=case_t.client_id).update(writes_in="nl")
    assert screen_pop(number=MR_T, viewer=agent, language="en").greet_in == "Dutch"


def test_a_paris_dealer_never_sees_a_munich_client_in_a_pop(
    post_event: Poster, foreign_dealer: User, client_t: Client, case_t: Case, client
) -> None:
    # The Munich client's number rings for Pierre, of the Paris dealer
    _ring(post_event, agent="pierre")
    client.force_login(foreign_dealer)
    status, html = _pop(client)
    assert status == 200 and "Incoming call" in html
    assert "Lefèvre" not in html and case_t.reference not in html and "Thomas" not in html
    assert "New caller from Germany" in html
    assert screen_pop(number=MR_T, viewer=foreign_dealer).client is None
    # And he cannot touch calls that are not his
    Call.objects.update(agent=None)
    assert client.post(f"/phone/pop/{Call.objects.get().pk}/dismiss/").status_code == 404


def test_the_selector_runs_a_fixed_number_of_queries(
    agent: User, advisor: User, case_t: Case, django_assert_num_queries
) -> None:
    for n in range(8):  # a long story: the pop still reads only five entries
        case_add_note(actor=advisor, case=case_t, text=f"Note {n}")
    viewer = User.objects.select_related("site").get(pk=agent.pk)  # as the request has it
    # client by number, open cases (with product and owner), the product's covers, last entries
    with django_assert_num_queries(4):
        caller = screen_pop(number=MR_T, viewer=viewer, language="en")
    assert (
        caller.client == case_t.client
        and len(caller.last_entries) == 5
        and caller.open_cases == [case_t]
    )
    with django_assert_num_queries(1):  # an unknown number
        assert screen_pop(number="+41 79 000 00 00", viewer=viewer).client is None


def test_the_poll_costs_almost_nothing_while_nothing_rings(
    agent: User, client, django_assert_max_num_queries
) -> None:
    client.force_login(agent)
    with django_assert_max_num_queries(3):  # session, user, calls
        status, html = _pop(client)
    assert status == 204 and html == ""


def test_the_poll_answers_204_until_the_pop_changes(
    post_event: Poster, agent: User, client_t: Client, client
) -> None:
    client.force_login(agent)
    _ring(post_event, agent="chiara")
    status, html = _pop(client)
    assert status == 200 and "Incoming call" in html
    assert _pop(client, shown=_key(html))[0] == 204  # the agent may be typing in it: do not redraw
    post_event({"event": "answered", "call_id": "c-1", "from": MR_T, "agent": "chiara"})
    status, html = _pop(client, shown=_key(html))
    assert status == 200 and "On the line" in html
    post_event({"event": "ended", "call_id": "c-1", "from": MR_T, "duration_seconds": 80})
    status, html = _pop(client, shown=_key(html))
    assert "Call ended" in html and "Save the summary" in html
    # The summary from the pop: saved as a note, and the pop is empty again
    call = Call.objects.get()
    response = client.post(
        f"/phone/calls/{call.pk}/summary/",
        {"summary": "Wants a courtesy car"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200 and "<section" not in response.content.decode()
    call.refresh_from_db()
    assert call.summary == "Wants a courtesy car"


def test_an_empty_summary_keeps_the_form_with_its_error(
    post_event: Poster, agent: User, client_t: Client, client
) -> None:
    for event in ("ringing", "answered", "ended"):
        post_event(
            {
                "event": event,
                "call_id": "c-9",
                "from": MR_T,
                "agent": "chiara",
                "duration_seconds": 9,
            }
        )
    client.force_login(agent)
    response = client.post(
        f"/phone/calls/{Call.objects.get().pk}/summary/",
        {"summary": "  "},
        headers={"HX-Request": "true"},
    )
    assert "errorlist" in response.content.decode()
    assert Call.objects.get().summary == ""


def test_unassigned_calls_pop_for_the_care_centre_and_the_first_to_take_one_keeps_it(
    post_event: Poster, agent: User, manager: User, advisor: User, client_t: Client, client
) -> None:
    _ring(post_event)
    anna = HttpClient()
    anna.force_login(advisor)
    assert _pop(anna)[0] == 204  # a dealer's advisor gets only calls meant for them
    client.force_login(agent)
    _status, html = _pop(client)
    assert "I&#x27;m taking this call" in html or "I'm taking this call" in html
    call = Call.objects.get()
    client.post(f"/phone/calls/{call.pk}/take/", headers={"HX-Request": "true"})
    margaux = HttpClient()
    margaux.force_login(manager)
    margaux.post(f"/phone/calls/{call.pk}/take/")
    call.refresh_from_db()
    assert call.agent == agent
    assert _pop(margaux)[0] == 204  # no longer ringing for nobody


def test_a_dismissed_pop_stays_dismissed(
    post_event: Poster, agent: User, client_t: Client, client
) -> None:
    _ring(post_event, agent="chiara")
    client.force_login(agent)
    _status, _html = _pop(client)
    response = client.post(
        f"/phone/pop/{Call.objects.get().pk}/dismiss/", headers={"HX-Request": "true"}
    )
    assert "<section" not in response.content.decode()
    assert _pop(client)[0] == 204


def test_a_call_whose_end_never_arrived_stops_popping(
    post_event: Poster, agent: User, client_t: Client, client
) -> None:
    _ring(post_event, agent="chiara")
    Call.objects.update(started_at=timezone.now() - dt.timedelta(hours=3))
    client.force_login(agent)
    assert _pop(client)[0] == 204


def test_a_logged_out_page_stops_polling(client, db: None) -> None:
    assert client.get("/phone/pop/").status_code == 286


def test_every_staff_page_carries_the_pop(agent: User, client) -> None:
    client.force_login(agent)
    html = client.get("/").content.decode()
    assert 'id="phone-pop"' in html and 'hx-get="/phone/pop/"' in html and "every 2s" in html


def test_the_poll_with_a_caller_runs_a_fixed_number_of_queries(
    post_event: Poster, agent: User, advisor: User, case_t: Case, client, django_assert_num_queries
) -> None:
    _ring(post_event, agent="chiara")
    client.force_login(agent)
    _pop(client)
    for n in range(8):  # a longer story, notes and all: the pop reads no more
        case_add_note(actor=advisor, case=case_t, text=f"Note {n}\nwith a body the pop never reads")
    # session, user with their site, calls, then the selector's client, open cases, the covers of
    # their products and last entries
    with django_assert_num_queries(7):
        status, html = _pop(client)
    assert status == 200 and "Note 7" in html


def test_an_outbound_call_pops_the_client_being_called(
    post_event: Poster, advisor: User, case_t: Case, client
) -> None:
    post_event(
        {
            "event": "ringing",
            "call_id": "out-1",
            "from": "+49 89 000 00 00",
            "to": MR_T,
            "direction": "outbound",
            "agent": "anna",
        }
    )
    client.force_login(advisor)
    _status, html = _pop(client)
    assert "Calling out" in html and "Herr Lefèvre" in html and "Incoming call" not in html


@pytest.fixture
def amsterdam(db: None) -> Site:
    return site_create(
        code="NL-AMS-003",
        name="Aurelis Amsterdam",
        kind="dealer",
        country="NL",
        timezone="Europe/Amsterdam",
        languages=["nl", "en"],
    )


def test_a_national_dutch_mobile_is_read_as_dutch_even_at_a_swiss_care_centre(
    agent: User, amsterdam: Site
) -> None:
    dutch = client_create(
        actor=agent,
        first_name="Sanne",
        last_name="de Vries",
        phone="+31 6 12345678",
        language="nl",
        country="NL",
        site=amsterdam,
    )
    assert agent.site.country == "CH"  # where 061 234 56 78 is a Basel number

    caller = screen_pop(number="06 12345678", viewer=agent, language="en")

    assert caller.client == dutch
    assert (caller.number, caller.country_name, caller.greet_in) == (
        "+31612345678",
        "Netherlands",
        "Dutch",
    )


def test_a_new_callers_national_number_is_read_in_the_sites_country(
    agent: User, amsterdam: Site
) -> None:
    dealer = User.objects.create_user(
        username="joost", password="x", role="advisor", site=amsterdam, language="en"
    )
    assert screen_pop(number="06 12345678", viewer=dealer, language="en").country_name == (
        "Netherlands"
    )
    # At the Swiss care centre an unknown 061… is a Swiss (Basel) number.
    assert screen_pop(number="061 234 56 78", viewer=agent, language="en").country_name == (
        "Switzerland"
    )
    # A number valid only in another of the brand's countries is read there.
    assert screen_pop(number="0612345678", viewer=dealer, language="en").number == ("+31612345678")
