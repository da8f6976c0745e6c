"""Rendering the words Goodwill sends to clients from the managers' templates (MessageTemplate).

Templates are plain text rendered by Django's template engine with autoescaping off: the output
is an e-mail body, not HTML. Context values are plain data (names, references, dates as text),
never model instances, so a template edited in the UI cannot reach into the database.
"""

from __future__ import annotations

import functools
from typing import Any

from django.conf import settings
from django.template import Context, Engine, Template, TemplateSyntaxError

from goodwill.cases.models import Case
from goodwill.cases.wording import client_status, client_title
from goodwill.channels.outbox.defaults import DEFAULT_TEMPLATES
from goodwill.channels.outbox.models import MessageTemplate
from goodwill.memo import memoized
from goodwill.organisation.models import User

FALLBACK_LANGUAGE = "en"

# A private engine: no loaders (templates come from the database), no autoescape (plain text).
_engine = Engine(autoescape=False, debug=False, libraries={}, builtins=[])


class TemplateMissing(LookupError):
    """No template of that name in the language asked for nor in English."""


def template_for(*, name: str, language: str) -> MessageTemplate:
    """The template in `language`, else in English (one query).

    A template missing from the database (emptied by `flush`) falls back to the built-in
    default in the same order, so a client is never left without an answer for want of words."""
    rows = memoized(
        ("message_template", name, language),
        lambda: {
            row.language: row
            # Unordered: the rows land in a dict, and compiling Meta.ordering costs more than the
            # read.
            for row in MessageTemplate.objects.filter(
                name=name, language__in={language, FALLBACK_LANGUAGE}
            ).order_by()
        },
    )
    found = rows.get(language) or rows.get(FALLBACK_LANGUAGE)
    if found is not None:
        return found
    for lang in (language, FALLBACK_LANGUAGE):
        if (name, lang) in DEFAULT_TEMPLATES:
            subject, body = DEFAULT_TEMPLATES[name, lang]
            return MessageTemplate(name=name, language=lang, subject=subject, body=body)
    raise TemplateMissing(f"No message template {name!r} in {language!r} or {FALLBACK_LANGUAGE!r}")


def render_string(source: str, context: dict[str, Any]) -> str:
    """Render one template string; raises TemplateSyntaxError on a broken template."""
    return _compiled(source).render(Context(context, autoescape=False))


@functools.lru_cache(maxsize=256)
def _compiled(source: str) -> Template:
    # Compiling costs more than rendering; a compiled template is immutable and safe to share.
    return _engine.from_string(source)


def check_syntax(source: str) -> str | None:
    """The syntax error in `source`, or None: the template editor refuses broken templates."""
    try:
        _engine.from_string(source)
    except TemplateSyntaxError as error:
        return str(error)
    return None


def render_message(*, name: str, language: str, context: dict[str, Any]) -> tuple[str, str]:
    """(subject, body) of template `name` in the client's `language`, falling back to English.

    Subjects are one line: any line breaks a template produces are folded into spaces."""
    template = template_for(name=name, language=language)
    subject = " ".join(render_string(template.subject, context).split())
    body = render_string(template.body, context).strip() + "\n"
    return subject, body


def staff_name(user: User | None) -> str:
    """How a staff member is named to a client: their full name, never their login."""
    if user is None:
        return _client_care()
    return user.get_full_name() or _client_care()


def _client_care() -> str:
    return f"{settings.GOODWILL_BRAND_NAME} Client Care"


# What a client template may use about a case. Nothing internal is in it: not the internal
# summary, the internal status label, notes, priority or the owner's login; `case_summary` is
# kept for templates written before the client-facing title, and carries that title.
CLIENT_FIELDS = frozenset(
    {
        "greeting_name",
        "client_name",
        "advisor",
        "reference",
        "case_title",
        "case_summary",
        "status",
        "brand",
    }
)


def case_context(*, case: Case, language: str, **extra: Any) -> dict[str, Any]:
    """The plain-data context every client template may use about `case` (see defaults.py):
    client-facing values only (cases.wording), in the client's `language`. `extra` adds what
    the message itself carries (staff's text, the backup's name, a date)."""
    client = case.client
    title = client_title(case=case, language=language)
    context = {
        # "Dear Mr Rossi" needs a title; without one (web form, unverified) "Dear Marco Rossi".
        "greeting_name": client.greeting_name
        if (client.address_as or client.title)
        else client.name,
        "client_name": client.name,
        "advisor": staff_name(case.owner),
        "reference": case.reference,
        "case_title": title,
        "case_summary": title,
        "status": client_status(status=case.status, language=language),
        "brand": settings.GOODWILL_BRAND_NAME,
    }
    assert context.keys() == CLIENT_FIELDS
    return {**context, **extra}


_MESSAGE_MARK = "\x00message\x00"


def reply_frame(*, case: Case, language: str, sender: str) -> tuple[str, str, str]:
    """(subject, greeting, signature) of the `reply` template in `language`, around what staff
    write: the case page pre-fills the message box with greeting + blank line + signature."""
    context = case_context(case=case, language=language, advisor=sender, message=_MESSAGE_MARK)
    subject, body = render_message(name="reply", language=language, context=context)
    greeting, mark, signature = body.partition(_MESSAGE_MARK)
    if not mark:  # a manager's template without {{ message }}: the whole text is the greeting
        return subject, body.strip(), ""
    return subject, greeting.strip(), signature.strip()


def reply_draft(*, case: Case, language: str, sender: str) -> tuple[str, str]:
    """(subject, body) to pre-fill the reply form with."""
    subject, greeting, signature = reply_frame(case=case, language=language, sender=sender)
    return subject, f"{greeting}\n\n\n\n{signature}".strip() + "\n"


def reply_relanguage(
    *, case: Case, body: str, old: str, new: str, sender: str
) -> tuple[str, str] | None:
    """Staff switched the reply's language: the same text with the greeting and signature of
    `new` in place of those of `old`, and the subject in `new`. None when the text no longer
    starts and ends with `old`'s (staff rewrote them): then nothing is touched."""
    _, old_greeting, old_signature = reply_frame(case=case, language=old, sender=sender)
    subject, greeting, signature = reply_frame(case=case, language=new, sender=sender)
    text = body.replace("\r\n", "\n").strip()
    if not (text.startswith(old_greeting) and text.endswith(old_signature)):
        return None
    middle = (
        text[len(old_greeting) : len(text) - len(old_signature)]
        if old_signature
        else text[len(old_greeting) :]
    )
    middle = middle.strip("\n")
    if not middle.strip():
        return reply_draft(case=case, language=new, sender=sender)
    return subject, f"{greeting}\n\n{middle}\n\n{signature}".strip() + "\n"
