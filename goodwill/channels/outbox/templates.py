"""Rendering the words Goodwill sends to clients from the managers' templates (MessageTemplate).

Templates are plain text in a small sandboxed language, not Django's template engine: a
manager's template can only name the documented placeholders of its kind (defaults.py), as
`{{ placeholder }}`, and show a part only when one has a value,
`{% if placeholder %}…{% else %}…{% endif %}`. Anything else (`{% include %}`, `{% load %}`,
filters, attributes, comments, an unknown name) is refused when the template is saved, with the
reason shown in the editor. Context values are plain data (names, references, dates as text),
never model instances, so a template cannot reach into the database or the file system.

A stored template that still cannot render (written before these rules, or by hand in the
database) never stops a message: `render_message` falls back to the built-in words and
announces `TemplateBroken`, on which the managers are told (goodwill/reactions.py).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import logging
import re
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from goodwill.cases.models import Case
from goodwill.cases.wording import client_status, client_title
from goodwill.channels.outbox.defaults import DEFAULT_TEMPLATES, NAMES
from goodwill.channels.outbox.events import TemplateBroken
from goodwill.channels.outbox.models import MessageTemplate
from goodwill.clients.models import Client
from goodwill.events import announce
from goodwill.languages import client_language, client_languages, staff_language_name
from goodwill.memo import memoized
from goodwill.organisation.models import User

log = logging.getLogger("goodwill.outbox")

FALLBACK_LANGUAGE = "en"

# What every client template may use about a case (case_context builds it; defaults.py documents
# each). Nothing internal is in it: not the internal summary, the internal status label, notes,
# priority or the owner's login; `case_summary` is kept for templates written before the
# client-facing title, and carries that title. Some kinds are given a few more (EXTRA_).
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
EXTRA_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "acknowledgement": frozenset({"by_phone", "reply_by"}),
    "reply": frozenset({"message"}),
    "case_update": frozenset({"update"}),
    "backup_cover": frozenset({"backup", "away_until"}),
    "partner_update": frozenset({"task", "partner", "eta", "done", "refused"}),
    "suggested_reply": frozenset({"next_step", "promised"}),
    "portal_link": frozenset({"link", "valid_until"}),
    "claim_decision": frozenset({"claim", "amount", "approved", "reason"}),
    "booking_invite": frozenset({"appointment", "site", "link", "expires"}),
    "booking_reminder": frozenset({"appointment", "site", "when", "link"}),
    "survey_satisfaction": frozenset({"scores", "link", "stop"}),
    "survey_recommendation": frozenset({"scores", "link", "stop"}),
    "quote_sent": frozenset({"work", "amount", "quote_until", "link", "valid_until"}),
    "recall_notice": frozenset(
        {"campaign_title", "campaign_text", "vehicles", "appointment", "site", "link", "expires"}
    ),
    "recall_reminder": frozenset(
        {"campaign_title", "campaign_text", "vehicles", "appointment", "site", "link", "expires"}
    ),
    "journey_stage": frozenset({"stage", "update", "link", "expires"}),
    "advisor_changed": frozenset({"previous"}),
}
ALL_PLACEHOLDERS = CLIENT_FIELDS.union(*EXTRA_PLACEHOLDERS.values())
# {% if %} inside {% if %} this deep is no message anyone writes.
_MAX_NESTING = 8


def placeholders_for(name: str) -> frozenset[str]:
    """The placeholders template `name` may use (a name of its own: every documented one)."""
    if name not in NAMES:
        return ALL_PLACEHOLDERS
    return CLIENT_FIELDS | EXTRA_PLACEHOLDERS.get(name, frozenset())


class TemplateError(ValueError):
    """The template cannot be used; the message says why and where, for the manager."""


class TemplateMissing(LookupError):
    """No template of that name in the language asked for nor in English."""


@dataclasses.dataclass(frozen=True)
class _If:
    name: str
    then: tuple[_Node, ...]
    otherwise: tuple[_Node, ...]


@dataclasses.dataclass(frozen=True)
class _Var:
    name: str


_Node = str | _Var | _If

# A tag, a variable or a comment; a lone "{{", "{%" or "{#" is caught as unclosed.
_TOKEN = re.compile(r"\{\{(.*?)\}\}|\{%(.*?)%\}|\{#(.*?)#\}|\{\{|\{%|\{#", re.DOTALL)
_NAME = re.compile(r"[a-z_]+")


def _line(source: str, position: int) -> int:
    return source.count("\n", 0, position) + 1


@functools.lru_cache(maxsize=512)
def _compile(source: str, allowed: frozenset[str]) -> tuple[_Node, ...]:
    """The template as text, placeholders and ifs; TemplateError on anything else."""
    # Each open {% if %}: (its placeholder, the nodes before it, its then-part if in else).
    stack: list[tuple[str, list[_Node], list[_Node] | None]] = []
    nodes: list[_Node] = []
    at = 0

    def refuse(message: str, position: int) -> TemplateError:
        return TemplateError(
            _("Line %(line)s: %(problem)s") % {"line": _line(source, position), "problem": message}
        )

    def placeholder(raw: str, position: int) -> str:
        name = raw.strip()
        if not _NAME.fullmatch(name):
            raise refuse(
                _(
                    "“%(text)s” is not a placeholder: write {{ name }} with one of %(names)s "
                    "(no filters, dots or other syntax)."
                )
                % {"text": raw.strip()[:40], "names": ", ".join(sorted(allowed))},
                position,
            )
        if name not in allowed:
            raise refuse(
                _("{{ %(name)s }} is not a placeholder of this template; use one of %(names)s.")
                % {"name": name, "names": ", ".join(sorted(allowed))},
                position,
            )
        return name

    for match in _TOKEN.finditer(source):
        if match.start() > at:
            nodes.append(source[at : match.start()])
        at = match.end()
        variable, tag, comment = match.groups()
        if variable is not None:
            nodes.append(_Var(placeholder(variable, match.start())))
        elif tag is not None:
            words = tag.split()
            keyword = words[0] if words else ""
            if keyword == "if" and len(words) == 2:
                if len(stack) >= _MAX_NESTING:
                    raise refuse(_("{% if %} is nested too deeply."), match.start())
                stack.append((placeholder(words[1], match.start()), nodes, None))
                nodes = []
            elif keyword == "else" and len(words) == 1 and stack and stack[-1][2] is None:
                name, outer, _then = stack[-1]
                stack[-1] = (name, outer, nodes)
                nodes = []
            elif keyword == "endif" and len(words) == 1 and stack:
                name, outer, then = stack.pop()
                if then is None:
                    outer.append(_If(name, tuple(nodes), ()))
                else:
                    outer.append(_If(name, tuple(then), tuple(nodes)))
                nodes = outer
            else:
                raise refuse(
                    _(
                        "{%% %(tag)s %%} is not allowed: templates use only {{ placeholder }} "
                        "and {%% if placeholder %%}…{%% else %%}…{%% endif %%}."
                    )
                    % {"tag": tag.strip()[:40]},
                    match.start(),
                )
        elif comment is not None:
            raise refuse(_("Comments {# … #} are not allowed: delete them."), match.start())
        else:
            raise refuse(
                _("“%(opening)s” is never closed.") % {"opening": match.group(0)}, match.start()
            )
    if stack:
        raise refuse(_("{% if %} without its {% endif %}."), len(source))
    if at < len(source):
        nodes.append(source[at:])
    return tuple(nodes)


def _render(nodes: tuple[_Node, ...], context: dict[str, Any]) -> str:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, _Var):
            value = context.get(node.name)
            out.append("" if value is None else str(value))
        else:
            out.append(_render(node.then if context.get(node.name) else node.otherwise, context))
    return "".join(out)


def check_template(source: str, *, name: str) -> str | None:
    """Why template `name` cannot be used, or None: the editor refuses it with that reason."""
    try:
        _compile(source, placeholders_for(name))
    except TemplateError as error:
        return str(error)
    return None


def render_string(source: str, context: dict[str, Any], *, name: str = "") -> str:
    """Render one template string of kind `name` (any documented placeholder without one);
    raises TemplateError on what the sandbox refuses."""
    allowed = placeholders_for(name) if name else ALL_PLACEHOLDERS
    return _render(_compile(source, allowed), context)


def template_variables(source: str, *, name: str) -> list[str]:
    """The placeholders of a template, each once, in the order they first appear: a provider
    that numbers them ({{1}}, {{2}}…, WhatsApp's approved templates) gets them in that order.
    TemplateError for a template with an {% if %}: numbered words cannot hold one."""
    found: list[str] = []
    for node in _compile(source, placeholders_for(name)):
        if isinstance(node, _If):
            raise TemplateError("Numbered variables cannot hold an {% if %}.")
        if isinstance(node, _Var) and node.name not in found:
            found.append(node.name)
    return found


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
    found = (
        rows.get(language) or rows.get(FALLBACK_LANGUAGE) or _builtin(name=name, language=language)
    )
    if found is not None:
        return found
    raise TemplateMissing(f"No message template {name!r} in {language!r} or {FALLBACK_LANGUAGE!r}")


def template_language(*, name: str, language: str) -> str:
    """The language template `name` is actually written in for a client reading `language`:
    theirs when the brand has the template in it, else English. Automatic messages are worded
    and recorded in this language (the whole message, status phrase included, never half and
    half); staff are told of the swap (`template_missing`). Shares `template_for`'s query."""
    return template_for(name=name, language=client_language(language) or FALLBACK_LANGUAGE).language


def template_missing(*, name: str, language: str) -> str | None:
    """What to tell staff when the brand has no template `name` in `language` (a client writing
    Polish, a template a manager deleted), or None: a swap to English is said, never silent."""
    used = template_language(name=name, language=language)
    if used == client_language(language):
        return None
    return _(
        "No “%(name)s” template in %(language)s: this message would go in %(used)s — add one "
        "under Message templates, or choose a language."
    ) % {
        "name": name,
        "language": staff_language_name(client_language(language)),
        "used": staff_language_name(used),
    }


def template_languages(*, name: str) -> list[str]:
    """The client languages the brand has template `name` in (one query), English always (its
    built-in words are the last fallback), in the order of settings.GOODWILL_CLIENT_LANGUAGES."""
    stored = set(
        MessageTemplate.objects.filter(name=name).order_by().values_list("language", flat=True)
    )
    if not stored:  # a database emptied by `flush`: the built-in words are what would be sent
        stored = {language for (kind, language) in DEFAULT_TEMPLATES if kind == name}
    return [code for code in client_languages() if code in stored or code == FALLBACK_LANGUAGE]


def render_message(*, name: str, language: str, context: dict[str, Any]) -> tuple[str, str]:
    """(subject, body) of template `name` in the client's `language`, falling back to English.

    Subjects are one line: any line breaks a template produces are folded into spaces. A stored
    template that cannot render is replaced by the built-in words, and the managers are told
    (TemplateBroken): a message is never lost or held back for a template."""
    template = template_for(name=name, language=language)
    try:
        return _words(template, context)
    except TemplateError as error:
        fallback = _builtin(name=name, language=template.language)
        if fallback is None:
            raise
        log.warning(
            "template %s (%s) cannot render, built-in words used: %s", name, language, error
        )
        text = f"{template.subject}\0{template.body}".encode()
        announce(
            TemplateBroken(
                template=name,
                language=template.language,
                problem=str(error),
                version=hashlib.sha256(text).hexdigest()[:16],
            )
        )
        return _words(fallback, context)


def _words(template: MessageTemplate, context: dict[str, Any]) -> tuple[str, str]:
    subject = " ".join(render_string(template.subject, context, name=template.name).split())
    body = render_string(template.body, context, name=template.name).strip() + "\n"
    return subject, body


def _builtin(*, name: str, language: str) -> MessageTemplate | None:
    for lang in (language, FALLBACK_LANGUAGE):
        if (name, lang) in DEFAULT_TEMPLATES:
            subject, body = DEFAULT_TEMPLATES[name, lang]
            return MessageTemplate(name=name, language=lang, subject=subject, body=body)
    return None


def staff_name(user: User | None) -> str:
    """How a staff member is named to a client: their full name, never their login."""
    if user is None:
        return _client_care()
    return user.get_full_name() or _client_care()


def _client_care() -> str:
    return f"{settings.GOODWILL_BRAND_NAME} Client Care"


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


def client_context(*, client: Client, language: str, **extra: Any) -> dict[str, Any]:
    """The context of a client template about no case (portal_link): the client's fields as
    case_context gives them, the case's empty, the advisor the client's own."""
    context = {
        "greeting_name": client.greeting_name
        if (client.address_as or client.title)
        else client.name,
        "client_name": client.name,
        "advisor": staff_name(client.advisor),
        "reference": "",
        "case_title": "",
        "case_summary": "",
        "status": "",
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
