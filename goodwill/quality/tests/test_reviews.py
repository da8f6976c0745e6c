"""Managers sample conversations, score them on the rubric they edit; advisors follow their
trend; a site's managers see only their site's."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client as Browser
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.cases.services import case_open
from goodwill.clients.models import Client
from goodwill.experience.sweeps import experience_due
from goodwill.organisation.access import OtherSite
from goodwill.organisation.models import User
from goodwill.quality import selectors, services
from goodwill.quality.models import Criterion, Review
from goodwill.timeline.services import record_check_override, record_message_in, record_message_out


def _brush_off_reply(case: Case, advisor: User) -> None:
    record_message_out(
        case=case,
        actor=advisor,
        subject="Your car",
        body="Dear Mr Lefèvre,\n\nPlease contact the warranty company directly.\n\nAnna",
        to="thomas.lefevre@example.com",
    )


def _complaint(case: Case) -> None:
    record_message_in(
        client=case.client,
        case=case,
        subject="Unacceptable",
        body="Nobody calls me back.",
        sender=case.client.name,
        channel="email",
        extra={"signal": {"kind": "complaint", "mood": "angry", "score": 0.9}},
    )


def _scores(value: int) -> dict[int, int]:
    return {c.pk: value for c in Criterion.objects.filter(active=True)}


def test_a_sample_takes_flagged_conversations_first_with_the_checks_prefilled(
    advisor: User, munich_manager: User, client_t: Client, case_t: Case
) -> None:
    _brush_off_reply(case_t, advisor)
    _complaint(case_t)
    overridden = case_open(actor=advisor, client=client_t, summary="Invoice")
    record_check_override(
        client=client_t,
        case=overridden,
        actor=advisor,
        reason="The client asked for it",
        findings=[{"code": "brush_off", "message": "Brush-off"}],
    )
    quiet = case_open(actor=advisor, client=client_t, summary="Key fob")
    record_message_out(case=quiet, actor=advisor, subject="Key", body="Hello", to="t@example.com")
    experience_due(timezone.now())

    reviews = services.review_sample(actor=munich_manager, now=timezone.now())
    by_case = {r.case_id: r for r in reviews}
    assert by_case[overridden.pk].source == Review.Source.OVERRIDE
    assert by_case[case_t.pk].source == Review.Source.COMPLAINT
    assert by_case[quiet.pk].source == Review.Source.RANDOM
    flags = by_case[case_t.pk].flags
    assert flags["empathy"] and all(r.advisor == advisor for r in reviews)
    # Sampled once: a second sample finds nothing new.
    assert services.review_sample(actor=munich_manager, now=timezone.now()) == []


def test_only_managers_sample(advisor: User) -> None:
    with pytest.raises(PermissionDenied):
        services.review_sample(actor=advisor, now=timezone.now())


def test_a_review_page_prefills_and_saves_scores_and_notes(
    client: Browser, advisor: User, munich_manager: User, case_t: Case
) -> None:
    _brush_off_reply(case_t, advisor)
    _complaint(case_t)
    (review,) = services.review_sample(actor=munich_manager, now=timezone.now())
    client.force_login(munich_manager)
    page = client.get(f"/quality/reviews/{review.pk}/")
    assert page.status_code == 200
    empathy = Criterion.objects.get(key="empathy")
    assert "contact the warranty company" in page.text  # the conversation
    assert f'name="score_{empathy.pk}" value="2"' in page.text.replace(" checked", "")
    assert "⚑" in page.text

    bad = client.post(f"/quality/reviews/{review.pk}/", {f"score_{empathy.pk}": "9"})
    assert bad.status_code == 400
    data = {f"score_{pk}": str(v) for pk, v in _scores(4).items()}
    data[f"score_{empathy.pk}"] = "2"
    data["notes"] = "Never send a client to the warranty company: we own the case."
    assert client.post(f"/quality/reviews/{review.pk}/", data).status_code == 302
    review.refresh_from_db()
    assert review.status == Review.Status.DONE and review.notes.startswith("Never send")
    assert review.scores.get(criterion=empathy).score == 2


def test_the_advisor_sees_their_trend_and_notes(
    client: Browser, advisor: User, munich_manager: User, client_t: Client, case_t: Case
) -> None:
    second = case_open(actor=advisor, client=client_t, summary="Second")
    for case in (case_t, second):
        _complaint(case)
    reviews = services.review_sample(actor=munich_manager, now=timezone.now())
    assert len(reviews) == 2
    services.review_score(
        actor=munich_manager,
        review=reviews[0],
        scores=_scores(2),
        notes="Call back the same day.",
        now=timezone.now(),
    )
    services.review_score(
        actor=munich_manager, review=reviews[1], scores=_scores(4), notes="", now=timezone.now()
    )
    trend = selectors.advisor_trend(advisor=advisor)
    assert [c.key for c in trend.criteria] == [
        "ownership",
        "empathy",
        "language",
        "accuracy",
        "next_step",
    ]
    (month,) = trend.rows
    assert month.count == 2 and month.averages == [3.0] * 5

    client.force_login(advisor)
    page = client.get("/quality/me/").text
    assert "Call back the same day." in page and "3.0" in page
    assert client.get(f"/quality/reviews/{reviews[0].pk}/").status_code == 200
    # The advisor reads; they do not score.
    assert client.post(f"/quality/reviews/{reviews[0].pk}/", {"notes": "x"}).status_code == 404
    assert client.get("/quality/").status_code == 302  # to their own page

    client.force_login(munich_manager)
    board = client.get("/quality/").text
    assert "Anna Schmid" in board and "Second" in board


def test_managers_edit_the_rubric(client: Browser, munich_manager: User, advisor: User) -> None:
    client.force_login(munich_manager)
    assert client.get("/quality/rubric/").status_code == 200
    empathy = Criterion.objects.get(key="empathy")
    response = client.post(
        "/quality/rubric/",
        {
            "criterion": str(empathy.pk),
            f"c{empathy.pk}-name": "Warmth",
            f"c{empathy.pk}-description": "The client feels heard.",
            f"c{empathy.pk}-position": "1",
            f"c{empathy.pk}-active": "on",
        },
    )
    assert response.status_code == 302
    empathy.refresh_from_db()
    assert empathy.name == "Warmth" and empathy.key == "empathy"
    added = client.post(
        "/quality/rubric/",
        {"criterion": "", "new-name": "Brand values", "new-position": "9", "new-active": "on"},
    )
    assert added.status_code == 302 and Criterion.objects.filter(key="brand-values").exists()
    assert client.post("/quality/rubric/", {"criterion": "", "new-name": ""}).status_code == 400
    assert client.post("/quality/rubric/", {"criterion": "abc"}).status_code == 404
    assert client.post("/quality/rubric/", {"criterion": "99999"}).status_code == 404

    client.force_login(advisor)
    assert client.get("/quality/rubric/").status_code == 403


def test_a_site_manager_reviews_only_their_sites_cases(
    client: Browser,
    advisor: User,
    munich_manager: User,
    paris_manager: User,
    foreign_dealer: User,
    case_t: Case,
    paris_client: Client,
) -> None:
    _complaint(case_t)
    paris_case = case_open(actor=foreign_dealer, client=paris_client, summary="Paris")
    _complaint(paris_case)
    munich_reviews = services.review_sample(actor=munich_manager, now=timezone.now())
    assert [r.case_id for r in munich_reviews] == [case_t.pk]
    (paris_review,) = services.review_sample(actor=paris_manager, now=timezone.now())

    client.force_login(munich_manager)
    assert client.get(f"/quality/reviews/{paris_review.pk}/").status_code == 404
    assert client.post(f"/quality/reviews/{paris_review.pk}/", {}).status_code == 404
    assert client.get("/quality/reviews/999999/").status_code == 404
    assert "Paris" not in client.get("/quality/").text
    with pytest.raises(OtherSite):
        services.review_score(
            actor=munich_manager,
            review=paris_review,
            scores=_scores(3),
            notes="",
            now=timezone.now(),
        )
    client.force_login(foreign_dealer)
    assert client.get(f"/quality/reviews/{munich_reviews[0].pk}/").status_code == 404


def test_hostile_ids_are_a_clear_4xx(client: Browser, munich_manager: User) -> None:
    client.force_login(munich_manager)
    assert client.get("/quality/reviews/99999999999999999999999999/").status_code in (400, 404)
    assert client.post("/quality/rubric/", {"criterion": "9" * 30}).status_code in (400, 404)
    assert client.post("/quality/sample/").status_code == 302
    assert client.get("/quality/sample/").status_code == 405


def test_the_conversation_is_its_writers_not_the_new_owners(
    advisor: User, backup: User, munich_manager: User, case_t: Case
) -> None:
    from goodwill.cases.services import case_reassign

    _brush_off_reply(case_t, advisor)
    _complaint(case_t)
    case_reassign(actor=advisor, case=case_t, new_owner=backup, handoff_note="Over to you")
    (review,) = services.review_sample(actor=munich_manager, now=timezone.now())
    assert review.advisor == advisor
