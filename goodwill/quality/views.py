"""The quality pages: the managers' board (/quality/), the rubric (/quality/rubric/), a review
(/quality/reviews/<id>/) and an advisor's own trend and notes (/quality/me/). Thin: parse, call a
selector or a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goodwill.http import apply_errors, staff_member
from goodwill.organisation.models import User
from goodwill.promises.selectors import is_manager
from goodwill.quality import forms, rules, selectors, services
from goodwill.quality.models import Criterion, Review


def _manager(request: HttpRequest) -> User:
    user = staff_member(request)
    services.ensure_manager(user)
    return user


@require_GET
def quality_board(request: HttpRequest) -> HttpResponse:
    user = staff_member(request)
    if not is_manager(user):
        return redirect("quality-me")
    names = {c.key: c.name for c in selectors.rubric(with_inactive=True)}
    context = {
        # Each review with its flags as (criterion's name, how many).
        "reviews": [
            (review, [(names.get(key, key), len(found)) for key, found in review.flags.items()])
            for review in selectors.reviews_for_manager(user=user)
        ],
        "trend": selectors.site_trend(user=user),
    }
    return render(request, "quality/board.html", context)


@require_POST
def quality_sample(request: HttpRequest) -> HttpResponse:
    user = _manager(request)
    sampled = services.review_sample(actor=user, now=timezone.now())
    if sampled:
        messages.success(
            request,
            ngettext(
                "%(n)d conversation sampled to review.",
                "%(n)d conversations sampled to review.",
                len(sampled),
            )
            % {"n": len(sampled)},
        )
    else:
        messages.info(request, _("Nothing new to sample in the last 30 days."))
    return redirect("quality")


def _rubric_page(
    request: HttpRequest, *, forms_by_pk: dict[int, forms.CriterionForm], new: forms.CriterionForm
) -> HttpResponse:
    criteria = selectors.rubric(with_inactive=True)
    rows = [
        (c, forms_by_pk.get(c.pk) or forms.CriterionForm(initial=_initial(c), prefix=f"c{c.pk}"))
        for c in criteria
    ]
    bound = any(f.errors for f in forms_by_pk.values()) or new.errors
    return render(
        request,
        "quality/rubric.html",
        {"rows": rows, "new": new},
        status=400 if bound else 200,
    )


def _initial(criterion: Criterion) -> dict[str, object]:
    return {
        "name": criterion.name,
        "description": criterion.description,
        "position": criterion.position,
        "active": criterion.active,
    }


@require_http_methods(["GET", "POST"])
def quality_rubric(request: HttpRequest) -> HttpResponse:
    """The rubric: each line editable; a new one added. The form posted says which line by
    `criterion` (empty: a new one)."""
    user = _manager(request)
    if request.method == "GET":
        return _rubric_page(request, forms_by_pk={}, new=forms.CriterionForm(prefix="new"))
    raw = request.POST.get("criterion", "")
    criterion: Criterion | None = None
    if raw:
        if not raw.isdigit():
            raise Http404("No such criterion")
        criterion = Criterion.objects.filter(pk=int(raw)).first()
        if criterion is None:
            raise Http404("No such criterion")
    form = forms.CriterionForm(request.POST, prefix=f"c{criterion.pk}" if criterion else "new")
    if form.is_valid():
        try:
            services.criterion_save(actor=user, criterion=criterion, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Rubric saved."))
            return redirect("quality-rubric")
    if criterion is None:
        return _rubric_page(request, forms_by_pk={}, new=form)
    return _rubric_page(
        request, forms_by_pk={criterion.pk: form}, new=forms.CriterionForm(prefix="new")
    )


@require_http_methods(["GET", "POST"])
def quality_review(request: HttpRequest, pk: int) -> HttpResponse:
    """One conversation: the case's messages, what the checks flagged, the scores and notes.
    Its site's managers score it; the advisor reviewed reads it."""
    user = staff_member(request)
    review = selectors.review_get(user=user, pk=pk)
    can_score = is_manager(user) and review.advisor_id != user.pk
    criteria = selectors.rubric()
    given = {score.criterion_id: score.score for score in review.scores.all()}
    initial = {
        c.pk: given.get(c.pk) or rules.suggested(review.flags.get(c.key, [])) for c in criteria
    }
    form = forms.ReviewForm(
        request.POST or None,
        criteria=criteria,
        initial_scores=initial,
        initial={"notes": review.notes},
    )
    if request.method == "POST":
        if not can_score:
            raise Http404("No such review")
        if form.is_valid():
            try:
                services.review_score(
                    actor=user,
                    review=review,
                    scores=form.scores(),
                    notes=form.cleaned_data["notes"],
                    now=timezone.now(),
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Review saved. The advisor sees it on their page."))
                return redirect("quality-review", pk=review.pk)
    context = {
        "review": review,
        "form": form,
        "can_score": can_score,
        "rows": [(c, form[f"score_{c.pk}"], review.flags.get(c.key, [])) for c in criteria],
        "messages_in_case": selectors.conversation(case=review.case),
        "scores": sorted(review.scores.all(), key=lambda s: (s.criterion.position, s.criterion_id)),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "quality/review.html", context, status=status)


@require_GET
def quality_me(request: HttpRequest) -> HttpResponse:
    user = staff_member(request)
    context = {
        "trend": selectors.advisor_trend(advisor=user),
        "notes": selectors.coaching_notes(advisor=user),
        "sources": dict(Review.Source.choices),
    }
    return render(request, "quality/me.html", context)
