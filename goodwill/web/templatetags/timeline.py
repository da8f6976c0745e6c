"""How a timeline entry reads, in the reader's language.

Entries store codes (statuses, cover kinds, field names) in their payload; the words are chosen
when the page is shown, so a French reader and a German reader each see their own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from goodwill.assistance.models import ApproverRole, ExpenseClaim, PartnerTask
from goodwill.care.models import Clock
from goodwill.cases.models import Case
from goodwill.clients.models import Client, Cover, Product
from goodwill.documents.models import Document
from goodwill.timeline.models import Entry

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

register = template.Library()


def _translated(labels: dict[str, StrOrPromise]) -> Callable[[str], str]:
    """The label of a code in the reader's language. Each language's labels are translated once
    a process (catalogues do not change while it runs): str() of a lazy label goes through the
    whole translation machinery, and a page of the story asks twice an entry."""
    by_language: dict[str | None, dict[str, str]] = {}

    def label(code: str) -> str:
        language = get_language()
        words = by_language.get(language)
        if words is None:
            words = by_language[language] = {key: str(text) for key, text in labels.items()}
        return words.get(code, code)

    return label


_channel = _translated(dict(Case.Channel.choices))
_kind = _translated(dict(Entry.Kind.choices))


def _label(
    choices: type[Case.Status]
    | type[Cover.Kind]
    | type[PartnerTask.Status]
    | type[ExpenseClaim.What]
    | type[ExpenseClaim.Status]
    | type[ApproverRole]
    | type[Document.Kind],
    code: str,
) -> str:
    try:
        return str(choices(code).label)
    except ValueError:
        return code


def _field_label(field: str, model: type[Client] | type[Product] = Client) -> str:
    try:
        return str(getattr(model._meta.get_field(field), "verbose_name", field))
    except FieldDoesNotExist:
        return field


@register.filter
def entry_line(entry: Entry) -> str:
    """The one-line summary of an entry."""
    changes = entry.payload.get("changes", {}) if isinstance(entry.payload, dict) else {}
    if entry.kind == Entry.Kind.STATUS_CHANGED and "status" in changes:
        old, new = changes["status"]
        return f"{_label(Case.Status, old)} → {_label(Case.Status, new)}"
    if entry.kind == Entry.Kind.COVER_ADDED and "kind" in entry.payload:
        return _("%(kind)s from %(start)s to %(end)s") % {
            "kind": _label(Cover.Kind, entry.payload["kind"]),
            "start": entry.payload.get("starts_on", ""),
            "end": entry.payload.get("ends_on", ""),
        }
    if entry.kind == Entry.Kind.CLIENT_CHANGED and changes:
        # A change to something the client owns (its delivery day, its mileage) names it.
        model = Product if "product" in entry.payload else Client
        line = "; ".join(
            f"{_field_label(field, model)}: {old or '—'} → {new or '—'}"
            for field, (old, new) in sorted(changes.items())
        )
        label = entry.payload.get("product_label")
        return f"{label} · {line}" if label else line
    if entry.kind in (Entry.Kind.SLA_WARNING, Entry.Kind.SLA_BREACHED) and "clock" in entry.payload:
        code = entry.payload["clock"]
        clock = str(Clock.Kind(code).label) if code in Clock.Kind.values else code
        return (
            _("%(clock)s at risk")
            if entry.kind == Entry.Kind.SLA_WARNING
            else _("%(clock)s overdue")
        ) % {"clock": clock}
    if entry.kind == Entry.Kind.CASE_OUTCOME:
        payload = entry.payload
        parts = [_("by %(who)s") % {"who": payload.get("done_by", "")}]
        if payload.get("cost") is not None:
            parts.append(f"{payload['cost']} {payload.get('currency', '')}".strip())
        parts.append(_("fixed") if payload.get("fixed") else _("not fixed"))
        return f"{entry.summary} · {' · '.join(parts)}"
    if entry.kind == Entry.Kind.CALL_TASK_DONE:
        return {
            "callback": _("Called back"),
            "detractor": _("Unhappy client called"),
        }.get(entry.payload.get("task_kind", ""), _("Follow-up call made")) + (
            " · " + _("late") if entry.payload.get("late") else ""
        )
    if entry.kind in (Entry.Kind.SURVEY_SENT, Entry.Kind.SURVEY_ANSWERED):
        return _survey_line(entry)
    if entry.kind == Entry.Kind.SURVEY_OUTCOME:
        won = _("won back") if entry.payload.get("recovered") else _("not won back")
        return f"{won} · {entry.summary}" if entry.summary else won
    if (
        entry.kind == Entry.Kind.PARTNER_UPDATE
        and "status" in changes
        and "partner" in entry.payload
    ):
        old, new = changes["status"]
        return f"{entry.summary.rsplit(':', 1)[0]}: {_label(PartnerTask.Status, old)} → " + (
            _label(PartnerTask.Status, new)
        )
    if entry.kind == Entry.Kind.EXPENSE_CLAIM and "status" in entry.payload:
        payload = entry.payload
        cost = "{} {} {}".format(
            _label(ExpenseClaim.What, payload.get("what", "")),
            payload.get("amount", ""),
            payload.get("currency", ""),
        )
        if payload.get("within_policy"):
            return _("%(cost)s: approved at once, within the goodwill policy") % {"cost": cost}
        if payload["status"] == ExpenseClaim.Status.PENDING:
            return _("%(cost)s: above the policy, for the %(role)s to decide") % {
                "cost": cost,
                "role": _label(ApproverRole, payload.get("approver_role", "")).lower(),
            }
        return f"{cost}: {_label(ExpenseClaim.Status, payload['status'])}"
    if entry.kind == Entry.Kind.PARTNER_ALERT and "reason" in entry.payload:
        return (
            _("%(partner)s has not accepted in time")
            if entry.payload["reason"] == "not_accepted"
            else _("%(partner)s is past their ETA")
        ) % {"partner": entry.payload.get("partner", "")}
    if entry.kind == Entry.Kind.DOCUMENT_ASKED and "kinds" in entry.payload:
        return ", ".join(_label(Document.Kind, kind) for kind in entry.payload["kinds"])
    if entry.kind in (Entry.Kind.NOTE, Entry.Kind.CALL, Entry.Kind.MESSAGE_IN) and (
        entry.body.strip().startswith(entry.summary.strip())
    ):
        # The body says it all; its first line is the summary (a note, a call, a message with no
        # subject of its own, like the web form's), which would otherwise be read twice.
        return ""
    return entry.summary


def _survey_line(entry: Entry) -> str:
    """The answer's line, "Satisfaction 2/5 · effort 4/5 · to call back" (the comment is the
    body, shown below)."""
    payload = entry.payload
    kind = payload.get("survey_kind", "")
    name = _("Satisfaction") if kind == "satisfaction" else _("Recommendation")
    if entry.kind == Entry.Kind.SURVEY_SENT:
        return name
    parts = [f"{name} {payload.get('score')}/{5 if kind == 'satisfaction' else 10}"]
    if payload.get("effort") is not None:
        parts.append(_("effort %(score)s/5") % {"score": payload["effort"]})
    if payload.get("detractor"):
        parts.append(_("to call back"))
    return " · ".join(parts)


@register.filter
def kind_label(entry: Entry) -> str:
    """entry.get_kind_display without its cost: that hashes (so translates) all the labels on each
    call. The phone pop's filter of the same name does the same."""
    if entry.kind == Entry.Kind.MESSAGE_IN and "partner_task_id" in entry.payload:
        # A partner answering its task's e-mail (intake._partner_reply), not the client.
        return _("Message from %(partner)s") % {"partner": entry.payload.get("partner", "")}
    return _kind(entry.kind)


@register.filter
def channel_label(code: str) -> str:
    return _channel(code)


@register.filter
def signal_label(entry: Entry) -> str:
    """The badge a client's message wears on the story: its mood when alarming (Angry,
    Desperate), else what it was (Complaint, Chaser, Thanks); nothing for plain information."""
    signal = entry.payload.get("signal") if isinstance(entry.payload, dict) else None
    if entry.kind != Entry.Kind.MESSAGE_IN or not isinstance(signal, dict):
        return ""
    mood, kind = signal.get("mood"), signal.get("kind")
    if mood == "angry":
        return _("Angry")
    if mood == "desperate":
        return _("Desperate")
    if kind == "complaint":
        return _("Complaint")
    if kind == "chaser":
        return _("Chaser")
    if kind == "thanks":
        return _("Thanks")
    return ""
