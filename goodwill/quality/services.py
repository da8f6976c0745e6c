"""The quality writes: sampling conversations to review, scoring a review, editing the rubric.

Managers only. A site's manager samples and reviews their site's cases; the care centre's (who see
every client) the brand's. A case of another site answers as missing (`OtherSite`)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _

from goodwill.cases.models import Case
from goodwill.checks import selectors as checks
from goodwill.checks.rules import check_message
from goodwill.experience.models import CaseExperience
from goodwill.experience.rules import Reason
from goodwill.intake.language import detect_language
from goodwill.organisation.access import OtherSite, site_scoped
from goodwill.organisation.models import User
from goodwill.promises.selectors import is_manager
from goodwill.quality import rules
from goodwill.quality.models import HIGHEST, LOWEST, Criterion, Review, Score
from goodwill.timeline.models import Entry

# A case scoring below this is sampled as "low experience score".
LOW_SCORE = 60
# How far back a sample looks, and how many outgoing messages of a case the checks read again.
WINDOW = dt.timedelta(days=30)
MESSAGES_CHECKED = 20


def ensure_manager(user: User) -> None:
    if not is_manager(user):
        raise PermissionDenied(_("Only managers review conversations."))


def cases_in_scope(user: User) -> QuerySet[Case]:
    """The cases a manager may review: their site's, or every site's from the care centre."""
    return site_scoped(Case.objects.all(), user=user)


def _flagged(
    *, scope: QuerySet[Case], since: dt.datetime, taken: set[int], limit: int
) -> list[tuple[int, str]]:
    """Cases worth a look, most telling first: sent despite a check, then a complaint, then the
    lowest experience scores; (case id, source), each case once, none already reviewed."""
    entries = Entry.objects.filter(case__in=scope, at__gte=since)
    candidates = [
        *(
            (pk, Review.Source.OVERRIDE)
            for pk in entries.filter(kind=Entry.Kind.CHECK_OVERRIDE)
            .order_by("-at")
            .values_list("case_id", flat=True)[: limit * 4]
        ),
        *(
            (pk, Review.Source.COMPLAINT)
            for pk in entries.filter(kind=Entry.Kind.MESSAGE_IN, payload__signal__kind="complaint")
            .order_by("-at")
            .values_list("case_id", flat=True)[: limit * 4]
        ),
        *(
            (pk, Review.Source.LOW_SCORE)
            for pk in CaseExperience.objects.filter(
                case__in=scope, last_at__gte=since, score__lt=LOW_SCORE
            )
            .order_by("score")
            .values_list("case_id", flat=True)[: limit * 4]
        ),
    ]
    chosen: list[tuple[int, str]] = []
    for pk, source in candidates:
        if pk is not None and pk not in taken and len(chosen) < limit:
            taken.add(pk)
            chosen.append((pk, source))
    return chosen


def _random(
    *, scope: QuerySet[Case], since: dt.datetime, taken: set[int], count: int
) -> list[tuple[int, str]]:
    """Cases we wrote to lately, drawn at random among the latest thousand (no ORDER BY
    random() over a brand's every case)."""
    pool = list(
        Entry.objects.filter(case__in=scope, at__gte=since, kind=Entry.Kind.MESSAGE_OUT)
        .order_by("-at")
        .values_list("case_id", flat=True)[:1000]
    )
    pool = sorted({pk for pk in pool if pk is not None and pk not in taken})
    drawn = random.sample(pool, min(count, len(pool)))
    taken.update(drawn)
    return [(pk, Review.Source.RANDOM) for pk in drawn]


def review_flags(*, case: Case) -> dict[str, list[str]]:
    """What the automatic checks find on the case's outgoing messages (as sent), and what its
    experience score says, by criterion key (quality.rules.prefill)."""
    sent = list(
        Entry.objects.filter(case=case, kind=Entry.Kind.MESSAGE_OUT)
        .order_by("-at")
        .values_list("summary", "body")[:MESSAGES_CHECKED]
    )
    findings: list[tuple[str, str]] = []
    if sent:
        client, facts, brand = (
            checks.client_facts(case=case),
            checks.case_facts(case=case),
            checks.brand_rules(),
        )
        for subject, body in sent:
            found = check_message(
                subject=subject,
                body=body,
                client=client,
                case=facts,
                brand=brand,
                detect=lambda text: detect_language(text, settings.GOODWILL_BRAND_LANGUAGES),
            )
            findings.extend((finding.code, str(finding.message)) for finding in found)
    experience = CaseExperience.objects.filter(case=case).values_list("reasons", flat=True).first()
    reasons = [Reason.from_json(value) for value in experience or []]
    return rules.prefill(
        findings=findings, reasons=[(reason.code, reason.phrase) for reason in reasons]
    )


def _authors(*, case_ids: list[int]) -> dict[int, int]:
    """Whose conversation each case is: who wrote most of its messages to the client (the owner
    may have changed since), by case id; a case nobody wrote on is its owner's."""
    counts = (
        Entry.objects.filter(case_id__in=case_ids, kind=Entry.Kind.MESSAGE_OUT, actor__isnull=False)
        .order_by()
        .values("case_id", "actor_id")
        .annotate(n=Count("id"))
    )
    best: dict[int, tuple[int, int]] = {}
    for row in counts:
        case_id, actor_id, n = row["case_id"], row["actor_id"], row["n"]
        if n > best.get(case_id, (0, 0))[0]:
            best[case_id] = (n, actor_id)
    return {case_id: actor_id for case_id, (_, actor_id) in best.items()}


@transaction.atomic
def review_sample(
    *, actor: User, now: dt.datetime, flagged: int = 5, at_random: int = 3
) -> list[Review]:
    """Sample conversations of the actor's scope to review: `flagged` ones (sent despite a check,
    a complaint, a low experience score) and `at_random` others the brand wrote to lately, never
    one already sampled; each with what the checks pre-fill."""
    ensure_manager(actor)
    scope = cases_in_scope(actor)
    since = now - WINDOW
    taken = set(Review.objects.filter(case__in=scope).values_list("case_id", flat=True))
    picked = _flagged(scope=scope, since=since, taken=taken, limit=flagged)
    picked += _random(scope=scope, since=since, taken=taken, count=at_random)
    cases = Case.objects.select_related("client").in_bulk([pk for pk, _ in picked])
    authors = _authors(case_ids=list(cases))
    reviews = []
    for pk, source in picked:
        case = cases[pk]
        try:
            with transaction.atomic():
                reviews.append(
                    Review.objects.create(
                        case=case,
                        site_id=case.site_id,
                        advisor_id=authors.get(pk, case.owner_id),
                        reviewer=actor,
                        source=source,
                        sampled_at=now,
                        flags=review_flags(case=case),
                    )
                )
        except IntegrityError:
            continue  # sampled by another manager meanwhile: theirs stands
    return reviews


def ensure_can_review(*, actor: User, review: Review) -> None:
    ensure_manager(actor)
    if not actor.sees_site(review.site_id):
        raise OtherSite(_("This review belongs to another site."))


@transaction.atomic
def review_score(
    *,
    actor: User,
    review: Review,
    scores: Mapping[int, int],
    notes: str,
    now: dt.datetime,
) -> Review:
    """Score a review on every active criterion (1 to 5) with the coaching notes; scoring again
    replaces the scores. The reviewed advisor reads them at /quality/me/."""
    ensure_can_review(actor=actor, review=review)
    criteria = list(Criterion.objects.filter(active=True))
    errors: dict[str, list[str]] = {}
    for criterion in criteria:
        value = scores.get(criterion.pk)
        if value is None or not LOWEST <= value <= HIGHEST:
            errors[f"score_{criterion.pk}"] = [
                _("Score %(name)s from %(low)d to %(high)d.")
                % {"name": criterion.name, "low": LOWEST, "high": HIGHEST}
            ]
    if len(notes) > 5000:
        errors["notes"] = [_("Keep the notes under 5,000 characters.")]
    if errors:
        raise ValidationError(errors)
    for criterion in criteria:
        Score.objects.update_or_create(
            review=review, criterion=criterion, defaults={"score": scores[criterion.pk]}
        )
    review.notes, review.reviewer = notes.strip(), actor
    review.status, review.reviewed_at = Review.Status.DONE, now
    review.save(update_fields=["notes", "reviewer", "status", "reviewed_at"])
    return review


@transaction.atomic
def criterion_save(
    *,
    actor: User,
    criterion: Criterion | None,
    name: str,
    description: str,
    position: int,
    active: bool,
) -> Criterion:
    """Add a line to the rubric (`criterion` None) or change one. Lines are never deleted, past
    reviews were scored on them: a line no longer wanted is made inactive."""
    ensure_manager(actor)
    name, description = name.strip(), description.strip()
    if not name:
        raise ValidationError({"name": [_("Name the criterion.")]})
    if criterion is None:
        key = slugify(name)[:40] or "criterion"
        if Criterion.objects.filter(key=key).exists():
            raise ValidationError({"name": [_("The rubric has a criterion of that name.")]})
        criterion = Criterion(key=key)
    criterion.name, criterion.description = name, description
    criterion.position, criterion.active = position, active
    criterion.save()
    return criterion
