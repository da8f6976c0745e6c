"""Every write of a survey: scheduled when a case closes, sent by the sweep within the limits,
scored with one click, made final with its comment, the loop closed on an unhappy answer, and
the call's outcome recorded. Each writes the timeline (survey_sent, survey_answered,
survey_outcome).

The limits that respect the client (survey_send): at most one survey a client every
GOODWILL_SURVEY_MIN_DAYS, none while they have a case open, none after they asked for no more,
none without an e-mail address; one a case at most (a unique constraint), so never twice.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from goodwill.care.models import CallTask
from goodwill.care.services import call_task_close, detractor_callback
from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.services import outbound_queue
from goodwill.channels.outbox.templates import case_context, render_message, template_language
from goodwill.clients.models import Client
from goodwill.clients.selectors import client_email
from goodwill.clients.services import ensure_visible
from goodwill.events import announce
from goodwill.intake.signals import classify
from goodwill.news.services import is_history
from goodwill.notifications.models import Notification
from goodwill.notifications.services import notify
from goodwill.organisation.models import User
from goodwill.organisation.services import managers_for
from goodwill.surveys.events import SurveyAnswered
from goodwill.surveys.models import DETRACTOR_AT_MOST, Survey, SurveyPreference
from goodwill.surveys.selectors import token_hash
from goodwill.timeline import services as timeline

# A year between two recommendation questions to the same client ("once a year").
RECOMMENDATION_EVERY = dt.timedelta(days=365)
# Two different scores clicked closer than this are a mail scanner opening every link of the
# e-mail (a person clicks one, reads the page, and maybe changes their mind later).
SCANNER_BURST = dt.timedelta(seconds=20)
COMMENT_MAX = 4000
OFFERED_MAX = 2000


def _kind_for(*, case: Case, at: dt.datetime) -> str:
    """Recommendation after a delivery (the moment the client judges the brand, not a case),
    and once a year for a client of more than a year who was not asked in the last one;
    satisfaction with how the case went otherwise."""
    if case.category == Case.Category.DELIVERY:
        return Survey.Kind.RECOMMENDATION
    client = case.client
    if client.client_since <= at - RECOMMENDATION_EVERY:
        asked = Survey.objects.filter(
            client=client,
            kind=Survey.Kind.RECOMMENDATION,
            sent_at__gt=at - RECOMMENDATION_EVERY,
        ).exists()
        if not asked:
            return Survey.Kind.RECOMMENDATION
    return Survey.Kind.SATISFACTION


@transaction.atomic
def survey_schedule(*, case: Case, at: dt.datetime, history: bool = False) -> Survey | None:
    """A case that closes gets one survey, sent GOODWILL_SURVEY_DELAY_HOURS later by the sweep
    (the limits are checked then: the client may open another case meanwhile). A case closed
    again after a reopening keeps its survey, moved to the new day if still waiting; a close
    recorded after the fact asks nothing, unless `history` says the caller records a survey of
    the past too (the demo's stories, through the same path)."""
    if case.status not in Case.CLOSED_STATUSES or (is_history(at) and not history):
        return None
    due = at + dt.timedelta(hours=settings.GOODWILL_SURVEY_DELAY_HOURS)
    existing = Survey.objects.filter(case=case).first()
    if existing is not None:
        if existing.state == Survey.State.SCHEDULED:
            existing.due_at = max(existing.due_at, due)
            existing.save(update_fields=["due_at"])
        return existing
    client = case.client
    return Survey.objects.create(
        kind=_kind_for(case=case, at=at),
        case=case,
        client=client,
        site_id=case.site_id,
        owner_id=case.owner_id,
        category=case.category,
        tier=client.tier,
        made_at=at,
        due_at=due,
    )


def _skip_reason(survey: Survey, *, at: dt.datetime) -> str:
    case, client = survey.case, survey.client
    if SurveyPreference.objects.filter(client=client).exists():
        return Survey.Skip.DECLINED
    if case.status not in Case.CLOSED_STATUSES:
        return Survey.Skip.REOPENED
    if Case.objects.filter(client=client, status__in=Case.OPEN_STATUSES).exists():
        return Survey.Skip.CASE_OPEN
    period = dt.timedelta(days=settings.GOODWILL_SURVEY_MIN_DAYS)
    if Survey.objects.filter(client=client, sent_at__gt=at - period).exclude(pk=survey.pk).exists():
        return Survey.Skip.RECENT
    if client_email(client=client) is None:
        return Survey.Skip.NO_EMAIL
    return ""


def _url(name: str, *args: object) -> str:
    return settings.GOODWILL_PUBLIC_URL + reverse(name, args=args)


def survey_send(*, survey_id: int, at: dt.datetime) -> bool:
    """Send one due survey, or set it aside with why (the limits above). Claimed by a conditional
    update in its own transaction, so a second worker or a second run sends nothing twice.
    Returns whether an e-mail was queued."""
    with transaction.atomic():
        # The claim: the placeholder hash (no SHA-256 looks like it) is replaced below in the
        # same transaction; it only keeps survey_sent_has_link true meanwhile.
        claimed = Survey.objects.filter(
            pk=survey_id, state=Survey.State.SCHEDULED, due_at__lte=at
        ).update(state=Survey.State.SENT, sent_at=at, token_hash=f"claim:{survey_id}")
        if not claimed:
            return False
        survey = Survey.objects.select_related("case", "case__client", "case__owner").get(
            pk=survey_id
        )
        survey.client = survey.case.client
        skip = _skip_reason(survey, at=at)
        if skip:
            survey.state, survey.skipped = Survey.State.SKIPPED, skip
            survey.sent_at = survey.token_hash = None
            survey.save(update_fields=["state", "skipped", "sent_at", "token_hash"])
            return False
        token = secrets.token_urlsafe(32)
        name = f"survey_{survey.kind}"
        language = template_language(
            name=name, language=survey.client.language or survey.case.language
        )
        survey.token_hash = token_hash(token)
        survey.language = language
        survey.expires_at = at + dt.timedelta(days=settings.GOODWILL_SURVEY_LINK_DAYS)
        survey.save(update_fields=["token_hash", "language", "expires_at"])
        scores = range(survey.bottom, survey.top + 1)
        # Highest first: the client reads the scale as they would say it.
        lines = "\n".join(
            f"{score:>2}  {_url('survey-click', token, score)}" for score in reversed(scores)
        )
        subject, body = render_message(
            name=name,
            language=language,
            context=case_context(
                case=survey.case,
                language=language,
                scores=lines,
                link=_url("survey-page", token),
                stop=_url("survey-stop", token),
            ),
        )
        outbound_queue(
            key=f"survey:{survey.pk}",
            purpose=OutboundMessage.Purpose.NOTIFICATION,
            reason=OutboundMessage.Reason.SURVEY,
            to_address=client_email(client=survey.client) or "",
            to_name=survey.client.name,
            subject=subject,
            body_text=body,
            language=language,
            client=survey.client,
            case=survey.case,
            at=at,
        )
        timeline.record_survey_sent(survey=survey, at=at)
        return True


def _check_score(survey: Survey, score: int) -> None:
    if not survey.bottom <= score <= survey.top:
        message = _("Choose a score from %(low)s to %(high)s.") % {
            "low": survey.bottom,
            "high": survey.top,
        }
        raise ValidationError({"score": [message]})


@transaction.atomic
def survey_click(*, survey: Survey, score: int, at: dt.datetime | None = None) -> Survey:
    """A score clicked in the e-mail: recorded at once (one click is the whole answer), and the
    client may change it or add a comment until they submit, or until the sweep settles it.

    Why a GET records: the client clicks once and is done. Mail scanners that open every link
    are met twice: a second, different score within SCANNER_BURST of the last click takes the
    score back (nobody clicks two scores in a few seconds), and nothing follows from a click
    until the answer is final (timeline, the call to an unhappy client), by which time a
    person's own click has replaced a scanner's. A final or expired survey changes nothing.
    (A confirming POST would be safer still, but two clicks for one answer lose most answers.)"""
    at = at or timezone.now()
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not survey.open or survey.expires_at is None or survey.expires_at <= at:
        return survey
    _check_score(survey, score)
    if survey.score == score:
        return survey
    if survey.clicked_at is not None and at - survey.clicked_at < SCANNER_BURST:
        # A burst: every click in it, and the score before it, count for nothing.
        survey.state, survey.score, survey.answered_at = Survey.State.SENT, None, None
    else:
        survey.state, survey.score = Survey.State.ANSWERED, score
        survey.answered_at = survey.answered_at or at
    survey.clicked_at = at
    survey.channel = "email"
    survey.save(update_fields=["state", "score", "answered_at", "clicked_at", "channel"])
    return survey


@transaction.atomic
def survey_submit(
    *,
    survey: Survey,
    score: int,
    effort: int | None = None,
    comment: str = "",
    channel: str = "email",
    at: dt.datetime | None = None,
) -> Survey:
    """The client's answer, submitted from the survey's page or the portal: made final at once
    (the session or the form proves a person). Refused when the survey is closed."""
    at = at or timezone.now()
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not survey.open or survey.expires_at is None or survey.expires_at <= at:
        raise ValidationError({"score": [_("This survey is closed. Thank you all the same.")]})
    _check_score(survey, score)
    if effort is not None and not 1 <= effort <= 5:
        raise ValidationError({"effort": [_("Choose a score from 1 to 5.")]})
    survey.score = score
    survey.effort = effort
    survey.comment = comment.strip()[:COMMENT_MAX]
    survey.answered_at = survey.answered_at or at
    survey.channel = channel
    return _settle(survey, at=at)


def _settle(survey: Survey, *, at: dt.datetime) -> Survey:
    """Make the answer final: on the timeline, and the loop closed when the client is unhappy
    (a low score, or a comment that is a complaint or angry): a call for their advisor with its
    own clock, and the site's managers told."""
    survey.client = Client.objects.get(pk=survey.client_id)
    case = Case.objects.select_related("client", "client__advisor", "owner").get(pk=survey.case_id)
    survey.case = case
    signal = classify(survey.comment, language=survey.language) if survey.comment else None
    assert survey.score is not None
    low = survey.score <= DETRACTOR_AT_MOST[survey.kind]
    survey.detractor = low or (signal is not None and signal.alarming)
    survey.signal = signal.as_payload() if signal is not None else {}
    survey.state, survey.final_at = Survey.State.FINAL, at
    survey.save()
    timeline.record_survey_answered(
        survey=survey,
        channel=survey.channel,
        signal=survey.signal,
        detractor=survey.detractor,
        at=at,
    )
    if survey.detractor:
        _close_the_loop(survey, case=case, at=at)
    announce(SurveyAnswered(survey=survey, at=at))
    return survey


def _close_the_loop(survey: Survey, *, case: Case, at: dt.datetime) -> None:
    advisor = case.client.advisor
    assignee = advisor if advisor is not None and advisor.is_active else case.owner
    words = {"score": survey.score, "top": survey.top, "comment": survey.comment[:300]}
    with translation.override(assignee.language):
        reason = (
            _("The client scored us %(score)s/%(top)s: call them, listen, put it right.") % words
        )
        if survey.comment:
            reason += " " + _("They wrote: “%(comment)s”") % words
    task = detractor_callback(case=case, reason=reason, source_key=f"survey:{survey.pk}", at=at)
    if task is None:
        return
    survey.call_task = task
    survey.save(update_fields=["call_task"])
    for manager in managers_for(site=case.site):
        with translation.override(manager.language):
            title = _("Unhappy client: %(client)s scored %(score)s/%(top)s (%(reference)s)") % {
                **words,
                "client": case.client.name,
                "reference": case.reference,
            }
            body = _("%(assignee)s is to call them by the end of the next business day.") % {
                "assignee": assignee
            }
        notify(
            recipient=manager,
            kind=Notification.Kind.DETRACTOR,
            title=title,
            body=body + (f"\n“{survey.comment[:300]}”" if survey.comment else ""),
            case=case,
            at=at,
            key=f"detractor:{survey.pk}:{manager.pk}",
        )


def survey_settle(*, survey_id: int, at: dt.datetime) -> bool:
    """A score clicked and left alone for GOODWILL_SURVEY_SETTLE_MINUTES is the answer: made
    final by the sweep (claimed by the state, so once)."""
    with transaction.atomic():
        survey = (
            Survey.objects.select_for_update()
            .filter(pk=survey_id, state=Survey.State.ANSWERED)
            .first()
        )
        if survey is None:
            return False
        _settle(survey, at=at)
        return True


@transaction.atomic
def surveys_decline(*, client: Client, via: str, at: dt.datetime | None = None) -> bool:
    """The client asks for no more surveys (the link in every survey e-mail, or the portal).
    Surveys still waiting are set aside. Returns whether it is new."""
    at = at or timezone.now()
    _, created = SurveyPreference.objects.get_or_create(
        client=client, defaults={"declined_at": at, "via": via[:10]}
    )
    Survey.objects.filter(client=client, state=Survey.State.SCHEDULED).update(
        state=Survey.State.SKIPPED, skipped=Survey.Skip.DECLINED
    )
    return created


@transaction.atomic
def detractor_outcome_record(
    *,
    actor: User,
    survey: Survey,
    recovered: bool,
    offered: str,
    at: dt.datetime | None = None,
) -> Survey:
    """How the call to an unhappy client went: won back or not, and what was offered (a
    gesture, a visit, nothing). Once a survey; closes the call as made if it is still open."""
    ensure_visible(actor=actor, client=survey.client)
    at = at or timezone.now()
    survey = Survey.objects.select_for_update().select_related("client", "case").get(pk=survey.pk)
    if survey.call_task_id is None:
        raise ValidationError({"recovered": [_("No call was asked for on this survey.")]})
    if survey.outcome_at is not None:
        raise ValidationError({"recovered": [_("The outcome of this call is recorded already.")]})
    survey.recovered = recovered
    survey.offered = offered.strip()[:OFFERED_MAX]
    survey.outcome_at, survey.outcome_by = at, actor
    survey.save(update_fields=["recovered", "offered", "outcome_at", "outcome_by"])
    task = CallTask.objects.get(pk=survey.call_task_id)
    call_task_close(task=task, actor=actor, at=at)
    timeline.record_survey_outcome(
        survey=survey, actor=actor, recovered=recovered, offered=survey.offered, at=at
    )
    return survey
