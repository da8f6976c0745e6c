"""Suggested replies: a draft for the reply box from the case's facts (its status, its owner, the
promises of the ledger with their days), in the client's language.

The draft comes from the `suggested_reply` template the managers edit; when the brand points
Goodwill at its own model server (GOODWILL_MODEL_URL), the model writes the middle of the message
between the reply template's greeting and signature, from the same facts. A model that cannot
be reached or answers nonsense leaves the template draft, with a message saying why. Either way
the draft is only text in the box: it goes through the same checks before it is sent, and a
promise in it that is not in the ledger is a finding (checks.rules.check_promises) shown with the
draft and blocking at the preview.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from goodwill.cases.models import Case
from goodwill.channels.outbox.templates import case_context, render_message, reply_frame
from goodwill.checks import model_server
from goodwill.clients.selectors import client_time_zone
from goodwill.promises.models import Promise
from goodwill.timeline.models import Entry

# A summary reads the case's latest entries, never its whole history.
SUMMARY_ENTRIES = 40

# How a day is written in a draft, per language: the checks read it back (checks.reading).
_DAY_FORMATS = {"de": "l, j. F, H:i", "fr": "l j F, H:i", "it": "l j F, H:i"}


@dataclasses.dataclass(frozen=True)
class Draft:
    subject: str
    body: str
    source: str  # "templates" or "model"
    # Why the model's draft is not the one given (empty when all went as asked).
    notice: str = ""


def _day(at: dt.datetime, *, zone: str, language: str) -> str:
    with translation.override(language):
        return formats.date_format(
            timezone.localtime(at, ZoneInfo(zone)), _DAY_FORMATS.get(language, "l j F, H:i")
        )


def _ledger(*, case: Case, language: str) -> tuple[str, str]:
    """(next_step, promised): the next open promise with its day, and the others, one a line."""
    zone = client_time_zone(client=case.client)
    lines = [
        f"{promise.text}, {_day(promise.due_at, zone=zone, language=language)}"
        for promise in Promise.objects.filter(case=case, status=Promise.Status.OPEN).order_by(
            "due_at"
        )
    ]
    if not lines:
        return "", ""
    return lines[0], "\n".join(f"- {line}" for line in lines[1:])


def template_draft(*, case: Case, language: str, sender: str) -> Draft:
    next_step, promised = _ledger(case=case, language=language)
    context = case_context(
        case=case, language=language, advisor=sender, next_step=next_step, promised=promised
    )
    subject, body = render_message(name="suggested_reply", language=language, context=context)
    return Draft(subject=subject, body=body, source="templates")


def _prompt(*, case: Case, language: str, next_step: str, promised: str) -> list[dict[str, str]]:
    context = case_context(case=case, language=language)
    facts = "\n".join(
        [
            f"Language: {language}",
            f"Case: {context['case_title']} ({context['reference']})",
            f"Where it stands: {context['status']}",
            f"Handled by: {context['advisor']}",
            f"Next step in the ledger: {next_step or 'none'}",
            f"Other promises in the ledger: {promised or 'none'}",
        ]
    )
    return [
        {
            "role": "system",
            "content": (
                "You draft the middle of a short e-mail from a luxury brand's client care to a "
                "client: no greeting, no signature. Write in the language given. Say where the "
                "request stands and what happens next. Never promise anything, and never name a "
                "day or a time, that is not in the ledger below. Never send the client to "
                "someone else."
            ),
        },
        {"role": "user", "content": facts},
    ]


def suggest_reply(*, case: Case, language: str, sender: str) -> Draft:
    """The draft for the reply box: the model's when the brand runs one and it answers, else the
    template's (with a notice saying what went wrong)."""
    fallback = template_draft(case=case, language=language, sender=sender)
    if not model_server.model_enabled():
        return fallback
    next_step, promised = _ledger(case=case, language=language)
    try:
        middle = model_server.chat(
            _prompt(case=case, language=language, next_step=next_step, promised=promised)
        )
    except model_server.ModelError as error:
        return dataclasses.replace(
            fallback,
            notice=_("No draft from the model server (%(reason)s): here is the templates' draft.")
            % {"reason": error},
        )
    subject, greeting, signature = reply_frame(case=case, language=language, sender=sender)
    body = f"{greeting}\n\n{middle.strip()}\n\n{signature}".strip() + "\n"
    return Draft(subject=subject, body=body, source="model")


@dataclasses.dataclass(frozen=True)
class Summary:
    text: str
    # Why there is none (the model server off or failing), for the person who asked.
    notice: str = ""


def case_summary(*, case: Case) -> Summary:
    """A few lines for staff on where the case stands, from the brand's model server, read from
    the case's latest entries (oldest first). Without a server, or when it fails, no summary and
    a notice: the story itself is on the page."""
    if not model_server.model_enabled():
        return Summary("", notice=_("No model server is set up for summaries."))
    entries = list(
        Entry.objects.filter(case=case)
        .select_related("actor")
        .order_by("-at", "-id")[:SUMMARY_ENTRIES]
    )
    story = "\n".join(
        f"{entry.at:%Y-%m-%d %H:%M} {entry.kind}"
        f"{f' ({entry.actor})' if entry.actor else ''}: {entry.summary}"
        f"{f' — {entry.body[:500]}' if entry.body and entry.body != entry.summary else ''}"
        for entry in reversed(entries)
    )
    try:
        text = model_server.chat(
            [
                {
                    "role": "system",
                    "content": (
                        "Summarise this client-care case for the advisor taking it over, in at "
                        "most five short lines: what the client wants, what was done, what was "
                        "promised and what is next. Only what the story says."
                    ),
                },
                {"role": "user", "content": f"Case {case.reference}\n{story}"},
            ],
            max_tokens=300,
        )
    except model_server.ModelError as error:
        return Summary("", notice=_("No summary (%(reason)s).") % {"reason": error})
    return Summary(text)
