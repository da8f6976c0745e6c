"""Reads for the checks: the facts of a case a message is checked against, the brand's phrases
and rules, and the review of a message (what the client will read, and the findings)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.channels.outbox.templates import reply_frame, staff_name
from goodwill.checks.models import BrushOffPhrase, CheckRule
from goodwill.checks.rules import (
    BrandRules,
    CaseFacts,
    ClientFacts,
    Document,
    Finding,
    Rule,
    RuleError,
    check_message,
    parse_rule,
)
from goodwill.clients.models import Tier
from goodwill.clients.selectors import client_email, client_time_zone
from goodwill.documents.selectors import documents_on_file
from goodwill.intake.language import detect_language
from goodwill.organisation.models import User
from goodwill.promises.models import Promise

TIERS = tuple(Tier.values)


def client_facts(*, case: Case) -> ClientFacts:
    client = case.client
    return ClientFacts(
        name=client.name,
        # As the reply template greets them (outbox.templates.case_context).
        greeting_name=client.greeting_name if (client.address_as or client.title) else client.name,
        language=case.language or client.language,
        tier=client.tier,
    )


def case_facts(*, case: Case, now: dt.datetime | None = None) -> CaseFacts:
    """The documents the client gave us, as the vault recognised them (any channel, any case),
    and the days of the open promises of the case, in the client's time zone (two queries)."""
    zone = ZoneInfo(client_time_zone(client=case.client))
    documents = tuple(
        Document(
            filename=document.filename,
            kind=document.kind,
            received_on=timezone.localdate(document.created_at, zone),
            document_id=document.pk,
        )
        for document in documents_on_file(client=case.client)
    )
    promised = frozenset(
        timezone.localdate(due, zone)
        for due in Promise.objects.filter(case=case, status=Promise.Status.OPEN).values_list(
            "due_at", flat=True
        )
    )
    return CaseFacts(
        documents=documents,
        promised_days=promised,
        today=timezone.localdate(now or timezone.now(), zone),
    )


def brand_rules() -> BrandRules:
    """The brand's brush-off phrases and readable rules (a rule is read when saved; one that
    no longer reads, written by hand in the database, is left out rather than stopping mail)."""
    rules: list[Rule] = []
    for row in CheckRule.objects.all():
        try:
            rules.append(parse_rule(row.text, severity=row.severity, tiers=TIERS))
        except RuleError:
            continue
    phrases = tuple(BrushOffPhrase.objects.values_list("language", "phrase"))
    return BrandRules(brush_offs=phrases, rules=tuple(rules))


def phrases_by_language() -> dict[str, list[BrushOffPhrase]]:
    grouped: dict[str, list[BrushOffPhrase]] = {}
    for phrase in BrushOffPhrase.objects.all():
        grouped.setdefault(phrase.language, []).append(phrase)
    return grouped


def rules_list() -> list[CheckRule]:
    return list(CheckRule.objects.select_related("added_by"))


@dataclasses.dataclass(frozen=True)
class Review:
    """A message exactly as the client will receive it, with what the checks found."""

    to_name: str
    to_address: str | None
    language: str
    subject: str
    body: str
    findings: list[Finding]

    @property
    def blocking(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.blocks]

    @property
    def warnings(self) -> list[Finding]:
        return [finding for finding in self.findings if not finding.blocks]


def message_review(
    *,
    actor: User | None,
    case: Case,
    subject: str,
    body: str,
    language: str | None,
    now: dt.datetime | None = None,
) -> Review:
    """What `case_write_message` would send (the subject the reply template gives when none is
    written, the body trimmed, to the client's address) and the findings on it."""
    language = language or case.language or case.client.language
    if not subject.strip():
        sender = staff_name(actor or case.owner)
        subject = reply_frame(case=case, language=language, sender=sender)[0]
    subject, body = subject.strip(), body.replace("\r\n", "\n").strip() + "\n"
    findings = check_message(
        subject=subject,
        body=body,
        client=client_facts(case=case),
        case=case_facts(case=case, now=now),
        brand=brand_rules(),
        detect=lambda text: detect_language(text, settings.GOODWILL_BRAND_LANGUAGES),
    )
    return Review(
        to_name=case.client.name,
        to_address=client_email(client=case.client),
        language=language,
        subject=subject,
        body=body,
        findings=findings,
    )
