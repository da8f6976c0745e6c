"""The advisor's book, worst relationship first, and the client page's "Before the next sale"."""

from __future__ import annotations

import datetime as dt

from django.test import Client as Browser
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.cases.services import OutcomeGiven, case_change_status, case_open
from goodwill.clients.models import Client, Product
from goodwill.clients.services import client_create
from goodwill.experience import selectors
from goodwill.experience.sweeps import experience_due
from goodwill.organisation.models import Site, User
from goodwill.promises.models import Promise
from goodwill.promises.services import promise_make
from goodwill.promises.sweeps import promises_due
from goodwill.timeline.services import record_message_in


def _complaint(case: Case) -> None:
    record_message_in(
        client=case.client,
        case=case,
        subject="Unacceptable",
        body="I am very disappointed.",
        sender=case.client.name,
        channel="email",
        extra={"signal": {"kind": "complaint", "mood": "desperate", "score": 0.9}},
    )


def test_the_book_is_sorted_by_health_worst_first(
    client: Browser, advisor: User, client_t: Client, case_t: Case, munich: Site
) -> None:
    client_create(actor=advisor, last_name="Aaron", site=munich, advisor=advisor)
    zeller = client_create(actor=advisor, last_name="Zeller", site=munich, advisor=advisor)
    case_open(actor=advisor, client=zeller, summary="A question")
    _complaint(case_t)
    experience_due(timezone.now())

    page = selectors.book_by_health(user=advisor, page=1)
    assert [c.last_name for c in page.object_list] == ["Lefèvre", "Zeller", "Aaron"]
    assert page.object_list[0].health.score < page.object_list[1].health.score == 100

    client.force_login(advisor)
    html = client.get("/clients/").text
    assert html.index("Lefèvre") < html.index("Zeller") < html.index("Aaron")
    assert "score-poor" in html or "score-fair" in html
    assert "sorted by health, worst first" in html


def test_before_the_next_sale_tells_what_happened_since_the_last_purchase(
    client: Browser, advisor: User, client_t: Client, car: Product, case_t: Case
) -> None:
    now = timezone.now()
    old = case_open(
        actor=advisor,
        client=client_t,
        summary="Before the car",
        opened_at=now - dt.timedelta(days=2000),
    )
    case_change_status(actor=None, case=old, status="closed", at=now - dt.timedelta(days=1999))
    _complaint(case_t)
    broken = promise_make(
        actor=advisor, case=case_t, text="Call you back by noon", due_at=now + dt.timedelta(hours=1)
    )
    promises_due(now + dt.timedelta(hours=2))
    pending = promise_make(
        actor=advisor, case=case_t, text="Send the invoice", due_at=now + dt.timedelta(days=2)
    )
    experience_due(timezone.now())

    view = selectors.before_next_sale(client=client_t)
    assert view.last_purchase == car and view.since == car.purchase_date
    assert [c.case for c in view.cases] == [case_t]  # the case before the purchase is history
    assert view.cases[0].score < 100 and view.average == view.cases[0].score
    assert [c.case for c in view.still_open] == [case_t]
    assert Promise.objects.get(pk=broken.pk).status == Promise.Status.BROKEN
    assert view.promises_broken == [broken] and view.not_yet_kept == [pending]
    assert not view.clear

    client.force_login(advisor)
    html = client.get(f"/clients/{client_t.ref}/").text
    assert "Before the next sale" in html
    assert "Call you back by noon" in html and "Send the invoice" in html
    assert "a complaint" in html and "Before the car" not in html.split("The whole story")[0]


def test_a_client_with_nothing_pending_is_clear(
    advisor: User, client_t: Client, car: Product, case_t: Case
) -> None:
    case_change_status(
        actor=advisor,
        case=case_t,
        status="resolved",
        outcome=OutcomeGiven(done="Tyre changed", done_by="Workshop", fixed=True),
    )
    experience_due(timezone.now())
    view = selectors.before_next_sale(client=client_t)
    assert view.still_open == [] and view.clear


def test_the_books_query_count_does_not_grow_with_its_health(
    client: Browser, advisor: User, client_t: Client, munich: Site
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(advisor)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/clients/").status_code == 200
        return len(captured)

    experience_due(timezone.now())
    before = queries()
    for n in range(10):
        other = client_create(actor=advisor, last_name=f"Client {n}", site=munich, advisor=advisor)
        _complaint(case_open(actor=advisor, client=other, summary=f"Question {n}"))
    experience_due(timezone.now())
    assert queries() == before
