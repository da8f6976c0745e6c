"""The checks a message to a client goes through before it leaves, as pure functions: the message
as the client will read it, what we know of the client and the case, and the brand's phrases and
rules in; findings out. No database: checks.services reads the facts and calls `check_message`.

Hard findings block sending unless a person overrides them with a reason (recorded on the
timeline); the others warn. What is hard: a brush-off phrase, a promise that is not in the
ledger, and a manager's rule they marked so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from goodwill.checks.reading import Folded, Span, fold, phrase_pattern, read_dates, sentences

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class Severity(enum.StrEnum):
    HARD = "hard"
    WARN = "warn"


class Code(enum.StrEnum):
    GREETING = "greeting"
    LANGUAGE = "language"
    BRUSH_OFF = "brush_off"
    DOCUMENT_ON_FILE = "document_on_file"
    PROMISE_UNRECORDED = "promise_unrecorded"
    NO_NEXT_STEP = "no_next_step"
    RULE = "rule"


@dataclasses.dataclass(frozen=True)
class Finding:
    code: Code
    severity: Severity
    message: str
    span: Span | None = None
    # A promise finding: what was promised (its sentence) and the day read from the text.
    promise_text: str = ""
    due: dt.date | None = None
    # A document-on-file finding: the document in the vault to use instead of asking again.
    document_id: int | None = None

    @property
    def blocks(self) -> bool:
        return self.severity == Severity.HARD


@dataclasses.dataclass(frozen=True)
class ClientFacts:
    name: str
    # "Herr Lefèvre", "Mme Dubois": the form of address, or the name when there is none.
    greeting_name: str
    language: str
    tier: str


@dataclasses.dataclass(frozen=True)
class Document:
    """A document the client gave us, as the vault recognised it (documents.reading.recognise:
    "proof_of_purchase", "photo", "warranty_card", …)."""

    filename: str
    kind: str
    received_on: dt.date | None = None
    document_id: int | None = None


@dataclasses.dataclass(frozen=True)
class CaseFacts:
    documents: tuple[Document, ...] = ()
    # The days (in the client's time zone) of the promises in the ledger still open.
    promised_days: frozenset[dt.date] = frozenset()
    today: dt.date = dataclasses.field(default_factory=dt.date.today)


class RuleKind(enum.StrEnum):
    NEVER = "never"
    ALWAYS_OFFER = "always_offer"


@dataclasses.dataclass(frozen=True)
class Rule:
    """A manager's rule as read by `parse_rule`."""

    kind: RuleKind
    phrase: str
    severity: Severity
    text: str
    tier: str = ""


@dataclasses.dataclass(frozen=True)
class BrandRules:
    # (language, phrase)
    brush_offs: tuple[tuple[str, str], ...] = ()
    rules: tuple[Rule, ...] = ()


# --- words per language ------------------------------------------------------------------------

GREETINGS: dict[str, tuple[str, ...]] = {
    "en": ("dear", "hello", "hi", "good morning", "good afternoon", "good evening"),
    "fr": ("bonjour", "bonsoir", "cher", "chere", "madame", "monsieur"),
    "de": (
        "sehr geehrte",
        "sehr geehrter",
        "liebe",
        "lieber",
        "guten tag",
        "guten morgen",
        "hallo",
    ),
    "it": ("gentile", "gentilissima", "gentilissimo", "caro", "cara", "egregio", "buongiorno"),
    "es": ("estimado", "estimada", "hola", "buenos dias", "buenas tardes"),
    "nl": ("beste", "geachte", "hallo", "goedemorgen", "goedemiddag"),
    "pt": ("caro", "cara", "prezado", "prezada", "ola", "bom dia", "boa tarde", "exmo", "exma"),
}

# What makes a message end with something to do: a question, a date, or one of these.
NEXT_STEP_MARKERS: tuple[str, ...] = (
    # en
    "we will", "we'll", "i will", "i'll", "let me know", "let us know", "please", "call you",
    "call us", "reply", "next step", "appointment", "book", "do not hesitate", "don't hesitate",
    "feel free", "we are going to", "i am going to",
    # fr
    "nous allons", "je vais", "nous vous", "je vous", "n'hesitez pas", "merci de", "rendez-vous",
    "appelez", "prochaine etape", "je reviens vers vous", "nous reviendrons", "pourriez-vous",
    # de
    "wir werden", "ich werde", "bitte", "melden sie sich", "termin", "rufen sie", "wir melden uns",
    "ich melde mich", "nachster schritt", "zogern sie nicht",
    # it
    "provvederemo", "la richiameremo", "la contatteremo", "le faremo sapere", "non esiti",
    "la prego", "appuntamento", "prossimo passo", "la aggiorneremo", "ci faccia sapere",
    # es
    "le llamaremos", "le contactaremos", "vamos a", "no dude", "por favor", "cita",
    "siguiente paso", "le informaremos",
    # nl
    "wij zullen", "we zullen", "ik zal", "neem gerust contact", "laat u weten", "afspraak",
    "graag", "volgende stap", "aarzel niet",
    # pt
    "vamos", "iremos", "entraremos em contato", "nao hesite", "agendamento", "proximo passo",
    "informaremos",
)  # fmt: skip

# Documents the client may be asked for, by kind, in every language; and words of a file name.
DOCUMENT_WORDS: dict[str, tuple[str, ...]] = {
    "proof_of_purchase": (
        "proof of purchase", "invoice", "receipt", "bill of sale", "facture", "preuve d'achat",
        "justificatif d'achat", "ticket de caisse", "recu", "rechnung", "kaufbeleg",
        "kaufnachweis", "quittung", "kassenbon", "beleg", "fattura", "prova d'acquisto",
        "scontrino", "ricevuta", "factura", "prueba de compra", "recibo", "justificante de compra",
        "factuur", "aankoopbewijs", "kassabon", "bewijs van aankoop", "fatura",
        "comprovativo de compra", "comprovante de compra", "nota fiscal",
    ),
    "photo": (
        "photo", "photos", "picture", "pictures", "foto", "fotos", "bild", "bilder", "fotografia",
        "fotografie", "foto's",
    ),
    "warranty_card": (
        "warranty card", "warranty certificate", "certificate of authenticity",
        "carte de garantie", "certificat de garantie", "garantiekarte", "garantieschein",
        "garantiezertifikat", "certificato di garanzia", "scheda di garanzia",
        "tarjeta de garantia", "certificado de garantia", "garantiebewijs", "garantiekaart",
        "cartao de garantia",
    ),
    "registration": (
        "registration certificate", "vehicle registration", "registration document",
        "carte grise", "certificat d'immatriculation", "zulassungsbescheinigung",
        "fahrzeugschein", "libretto di circolazione", "carta di circolazione",
        "permiso de circulacion", "kentekenbewijs",
    ),
    "identity": (
        "passport", "identity card", "id card", "passeport", "carte d'identite",
        "personalausweis", "reisepass", "carta d'identita", "passaporto", "pasaporte",
        "paspoort", "identiteitskaart",
    ),
}  # fmt: skip
DOCUMENT_NAMES: dict[str, StrOrPromise] = {
    "proof_of_purchase": gettext_lazy("proof of purchase"),
    "photo": gettext_lazy("photos"),
    "warranty_card": gettext_lazy("warranty card"),
    "registration": gettext_lazy("registration certificate"),
    "identity": gettext_lazy("identity document"),
}
REQUEST_MARKERS: tuple[str, ...] = (
    "send", "provide", "attach", "forward", "upload", "share", "could you", "can you", "please",
    "we need", "we require", "envoyer", "envoyez", "transmettre", "transmettez", "joindre",
    "fournir", "merci de", "pourriez-vous", "pouvez-vous", "avons besoin", "senden", "schicken",
    "ubermitteln", "zusenden", "bitte", "benotigen", "brauchen", "inviare", "inviarci", "invii",
    "mandare", "mandarci", "allegare", "fornire", "potrebbe", "abbiamo bisogno", "la prego",
    "enviar", "envie", "envienos", "enviarnos", "adjuntar", "adjunte", "podria", "necesitamos",
    "por favor", "sturen", "stuur", "toesturen", "opsturen", "kunt u", "wilt u", "graag", "nodig",
    "anexar", "anexe", "fornecer", "poderia", "precisamos",
)  # fmt: skip
THANKS = ("thank", "thanks", "merci", "danke", "grazie", "gracias", "bedankt", "obrigad")


def _any_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    alternatives = sorted({fold(p) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, alternatives)) + r")(?!\w)")


_NEXT_STEP = _any_pattern(NEXT_STEP_MARKERS)
_REQUEST = _any_pattern(REQUEST_MARKERS)
_THANKS = re.compile(r"(?<!\w)(?:" + "|".join(THANKS) + r")")
_DOCUMENTS = {kind: _any_pattern(words) for kind, words in DOCUMENT_WORDS.items()}
_GREETING_ANY = _any_pattern(word for words in GREETINGS.values() for word in words)


# --- the checks --------------------------------------------------------------------------------


def _first_line(body: str) -> tuple[Span, str]:
    offset = 0
    for line in body.splitlines(keepends=True):
        if line.strip():
            start = offset + (len(line) - len(line.lstrip()))
            return Span(start, offset + len(line.rstrip())), line.strip()
        offset += len(line)
    return Span(0, 0), ""


def check_greeting(body: str, client: ClientFacts) -> list[Finding]:
    """The message opens with a greeting in the client's language that names them as they are
    addressed ("Guten Tag Herr Lefèvre,")."""
    span, line = _first_line(body)
    folded = fold(line)
    match = _GREETING_ANY.match(folded)
    own = _any_pattern(GREETINGS.get(client.language, GREETINGS["en"]))
    expected = client.greeting_name or client.name
    if match is None:
        return [
            Finding(
                Code.GREETING,
                Severity.WARN,
                _("The message does not open with a greeting: start with “%(example)s”.")
                % {"example": expected},
                span,
            )
        ]
    findings = []
    if not own.match(folded):
        findings.append(
            Finding(
                Code.GREETING,
                Severity.WARN,
                _("The greeting is not in the client's language (%(language)s).")
                % {"language": client.language},
                span,
            )
        )
    if expected and not Folded(line).contains(expected):
        findings.append(
            Finding(
                Code.GREETING,
                Severity.WARN,
                _("The greeting does not name the client as they are addressed: “%(name)s”.")
                % {"name": expected},
                span,
            )
        )
    return findings


def check_language(
    body: str, client: ClientFacts, detect: Callable[[str], str | None]
) -> list[Finding]:
    """The message is written in the client's language (when the detector is sure of it). The
    greeting and the signature (first and last paragraphs, when there are three or more) are
    left out: they are the template's, and would drown a few sentences in another language."""
    paragraphs = [part for part in re.split(r"\n\s*\n", body) if part.strip()]
    written = detect("\n\n".join(paragraphs[1:-1] if len(paragraphs) >= 3 else paragraphs))
    if written is None or written == client.language:
        return []
    return [
        Finding(
            Code.LANGUAGE,
            Severity.WARN,
            _("The message reads as %(written)s; the client's language is %(language)s.")
            % {"written": written, "language": client.language},
        )
    ]


def check_brush_offs(text: Folded, phrases: Iterable[tuple[str, str]]) -> list[Finding]:
    """No phrase that sends the client elsewhere: the brand's list, every language."""
    return [
        Finding(
            Code.BRUSH_OFF,
            Severity.HARD,
            _(
                "“%(text)s” sends the client elsewhere (%(language)s brush-off list): "
                "say what we will do for them instead."
            )
            % {"text": text.text[span.start : span.end], "language": language},
            span,
        )
        for language, phrase in phrases
        if phrase.strip()
        for span in text.find(phrase_pattern(phrase))
    ]


def check_documents_on_file(body: str, documents: Sequence[Document]) -> list[Finding]:
    """Not asking for a document the client already sent: a sentence asking for one (not a
    thank-you for it) of a kind we hold."""
    on_file: dict[str, Document] = {}
    for document in documents:
        if document.kind in _DOCUMENTS:
            on_file.setdefault(document.kind, document)
    if not on_file:
        return []
    findings = []
    for span, sentence in sentences(body):
        folded = Folded(sentence)
        if not _REQUEST.search(folded.folded) or _THANKS.search(folded.folded):
            continue
        for kind, document in on_file.items():
            match = _DOCUMENTS[kind].search(folded.folded)
            if match is None:
                continue
            inner = folded.span(match.start(), match.end())
            when = (
                _(" on %(day)s") % {"day": document.received_on.isoformat()}
                if document.received_on
                else ""
            )
            findings.append(
                Finding(
                    Code.DOCUMENT_ON_FILE,
                    Severity.WARN,
                    _("The client already sent the %(kind)s: “%(file)s”%(when)s.")
                    % {"kind": DOCUMENT_NAMES[kind], "file": document.filename, "when": when},
                    Span(span.start + inner.start, span.start + inner.end),
                    document_id=document.document_id,
                )
            )
    return findings


def check_promises(body: str, case: CaseFacts) -> list[Finding]:
    """Every promise in the text is in the ledger: a sentence that names a day from today on
    (not a question) promises something by then; it must match an open promise of that day."""
    findings = []
    for span, sentence in sentences(body):
        if sentence.rstrip().endswith("?"):
            continue
        for seen in read_dates(sentence, today=case.today):
            if seen.day < case.today or seen.day in case.promised_days:
                continue
            findings.append(
                Finding(
                    Code.PROMISE_UNRECORDED,
                    Severity.HARD,
                    _(
                        "“%(written)s” promises something by %(day)s, and there is no promise "
                        "for that day in the ledger: record it, or take it out."
                    )
                    % {"written": seen.written, "day": seen.day.isoformat()},
                    Span(span.start + seen.span.start, span.start + seen.span.end),
                    promise_text=" ".join(sentence.split())[:300],
                    due=seen.day,
                )
            )
    return findings


def check_next_step(body: str, today: dt.date) -> list[Finding]:
    """The client knows what happens next: a question, a day, an offer or an action."""
    if "?" in body or read_dates(body, today=today) or _NEXT_STEP.search(fold(body)):
        return []
    return [
        Finding(
            Code.NO_NEXT_STEP,
            Severity.WARN,
            _("The message gives no next step: say what happens next, and when."),
        )
    ]


def check_rules(text: Folded, client: ClientFacts, rules: Iterable[Rule]) -> list[Finding]:
    findings: list[Finding] = []
    for rule in rules:
        if rule.kind == RuleKind.NEVER:
            findings.extend(
                Finding(
                    Code.RULE,
                    rule.severity,
                    _("Rule “%(rule)s”: the message says “%(text)s”.")
                    % {"rule": rule.text, "text": text.text[span.start : span.end]},
                    span,
                )
                for span in text.find(phrase_pattern(rule.phrase))
            )
        elif rule.tier == client.tier and not text.contains(rule.phrase):
            findings.append(
                Finding(
                    Code.RULE,
                    rule.severity,
                    _("Rule “%(rule)s”: the message does not offer %(thing)s.")
                    % {"rule": rule.text, "thing": rule.phrase},
                )
            )
    return findings


def check_message(
    *,
    subject: str,
    body: str,
    client: ClientFacts,
    case: CaseFacts,
    brand: BrandRules,
    detect: Callable[[str], str | None],
) -> list[Finding]:
    """Every finding on a message, in the order an advisor reads it: how it opens, its
    language, what it must never say, what it asks and promises, how it ends. Spans are offsets
    into `body` (a phrase found only in the subject has none)."""
    whole = Folded(body)
    findings = [
        *check_greeting(body, client),
        *check_language(body, client, detect),
        *check_brush_offs(whole, brand.brush_offs),
        *check_documents_on_file(body, case.documents),
        *check_promises(body, case),
        *check_next_step(body, case.today),
        *check_rules(whole, client, brand.rules),
    ]
    heading = Folded(subject)
    in_subject = [
        *check_brush_offs(heading, brand.brush_offs),
        *check_rules(heading, client, (r for r in brand.rules if r.kind == RuleKind.NEVER)),
    ]
    return findings + [dataclasses.replace(finding, span=None) for finding in in_subject]


# --- managers' rules ---------------------------------------------------------------------------


class RuleError(ValueError):
    """A rule Goodwill cannot read; the message says how to write it."""


_NEVER = re.compile(r"^never\s+(?:say\s+|write\s+|use\s+|mention\s+)?(?P<phrase>.+)$")
_ALWAYS = re.compile(
    r"^always\s+offer\s+(?P<phrase>.+?)\s+to\s+(?:the\s+)?(?:tier\s+)?(?P<tier>[\w-]+)"
    r"(?:\s+tier)?(?:\s+clients?)?$"
)


def _unquote(text: str) -> str:
    return text.strip().strip("\"'“”‘’«»„").strip()


def parse_rule(text: str, *, severity: str, tiers: Sequence[str]) -> Rule:
    """Read a manager's rule: "never <phrase>" (a phrase a message must not contain, "say",
    "write" or "use" after "never" are read as part of the rule) or "always offer <thing> to
    tier <tier>" (a message to a client of that tier must mention it). RuleError says why a
    rule cannot be read."""
    written = " ".join(text.split())
    sentence = written.rstrip(".!").strip()
    if not sentence:
        raise RuleError(_("Write the rule."))
    try:
        level = Severity(severity)
    except ValueError:
        raise RuleError(_("Choose whether the rule blocks sending or warns.")) from None
    lowered = sentence.casefold()
    if match := _NEVER.match(lowered):
        phrase = _unquote(sentence[match.start("phrase") :])
        if not phrase:
            raise RuleError(_("Say what a message must never contain, after “never”."))
        return Rule(RuleKind.NEVER, phrase, level, written)
    if match := _ALWAYS.match(lowered):
        phrase = _unquote(sentence[match.start("phrase") : match.end("phrase")])
        tier = match["tier"]
        if tier not in tiers:
            raise RuleError(
                _("There is no tier “%(tier)s”: the tiers are %(tiers)s.")
                % {"tier": tier, "tiers": ", ".join(tiers)}
            )
        if not phrase:
            raise RuleError(_("Say what to offer, after “always offer”."))
        return Rule(RuleKind.ALWAYS_OFFER, phrase, level, written, tier=tier)
    if lowered.startswith("always"):
        raise RuleError(
            _(
                "Write an “always” rule as “always offer <what> to tier <tier>”, for example "
                "“always offer a courtesy car to tier vip”."
            )
        )
    raise RuleError(
        _(
            "Goodwill reads two kinds of rule: “never <phrase>” and “always offer <what> to tier "
            "<tier>”."
        )
    )
