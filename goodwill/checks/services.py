"""Writes of the checks: sending a reply through them (an override recorded on the timeline),
and the managers' brush-off phrases and rules."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from goodwill.cases.models import Case
from goodwill.channels.messaging.services import text_send
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.services import can_edit_templates, case_write_message
from goodwill.checks.models import BrushOffPhrase, CheckRule, Severity
from goodwill.checks.rules import Code, RuleError, parse_rule
from goodwill.checks.selectors import TIERS, Review, message_review
from goodwill.documents.services import document_asked
from goodwill.organisation.models import User
from goodwill.timeline import services as timeline

# Everything the brush-off lists may be kept in: the brand's languages and the seeded ones.
PHRASE_LANGUAGES = ("en", "fr", "de", "it", "es", "nl", "pt")


@transaction.atomic
def reply_send(
    *,
    actor: User,
    case: Case,
    subject: str,
    body: str,
    language: str | None = None,
    key: str = "",
    override_reason: str = "",
) -> OutboundMessage:
    """Send a reply only through the checks: findings that block (a brush-off, a promise not in
    the ledger, a manager's hard rule) stop it unless the sender gives a reason, which is
    recorded on the timeline with who overrode which findings. Warnings never stop it."""
    review = message_review(actor=actor, case=case, subject=subject, body=body, language=language)
    reason = _reason_if_blocked(review, override_reason)
    message = case_write_message(
        actor=actor, case=case, subject=subject, body=body, language=language, key=key
    )
    _reviewed(actor=actor, case=case, review=review, reason=reason, message=message)
    return message


@transaction.atomic
def text_send_checked(
    *,
    actor: User,
    case: Case,
    channel: str,
    body: str = "",
    template: str = "",
    key: str = "",
    override_reason: str = "",
) -> OutboundMessage:
    """A text message (SMS, WhatsApp) from the case page, through the same checks as an e-mail
    reply: a brush-off by text is one all the same. An approved WhatsApp template is the brand's
    own words, checked when it was approved; only free text is read here."""
    review = None
    reason = ""
    if body.strip() and not template:
        review = message_review(actor=actor, case=case, subject="", body=body, language=None)
        reason = _reason_if_blocked(review, override_reason, say_which=True)
    message = text_send(
        actor=actor, case=case, channel=channel, body=body, template=template, key=key
    )
    if review is not None:
        _reviewed(actor=actor, case=case, review=review, reason=reason, message=message)
    return message


def _reason_if_blocked(review: Review, override_reason: str, *, say_which: bool = False) -> str:
    """The sender's reason, required when a finding blocks the message; `say_which` adds what
    blocks it (where no preview has shown it already)."""
    reason = " ".join(override_reason.split())
    if review.blocking and not reason:
        raise ValidationError(
            {
                "override_reason": [
                    _("The checks block this message: change it, or say why it must go as it is.")
                ]
                + ([finding.message for finding in review.blocking] if say_which else [])
            }
        )
    return reason


def _reviewed(
    *, actor: User, case: Case, review: Review, reason: str, message: OutboundMessage
) -> None:
    """What a sent message's review leaves behind: a document asked for again though on file is
    counted; an override is on the timeline with who overrode which findings."""
    asked_again = [
        finding.document_id
        for finding in review.findings
        if finding.code == Code.DOCUMENT_ON_FILE and finding.document_id is not None
    ]
    if asked_again:
        document_asked(
            client=case.client,
            case=case,
            actor=actor,
            document_ids=asked_again,
            outbound_id=message.pk,
        )
    if review.blocking:
        timeline.record_check_override(
            client=case.client,
            case=case,
            actor=actor,
            reason=reason,
            findings=[
                {
                    "code": finding.code,
                    "message": finding.message,
                    "found": review.body[finding.span.start : finding.span.end]
                    if finding.span
                    else "",
                }
                for finding in review.blocking
            ],
            outbound_id=message.pk,
        )


def _ensure_manager(actor: User) -> None:
    """The checks are the brand's words, set by those who set its templates."""
    if not can_edit_templates(actor):
        raise PermissionDenied


@transaction.atomic
def brush_off_add(*, actor: User, language: str, phrase: str) -> BrushOffPhrase:
    _ensure_manager(actor)
    phrase = " ".join(phrase.split())
    errors: dict[str, list[str]] = {}
    if language not in PHRASE_LANGUAGES and language not in dict(settings.LANGUAGES):
        errors["language"] = [_("Choose one of the languages listed.")]
    if len(phrase.split()) < 2:
        errors["phrase"] = [_("Give a phrase of two words or more: one word matches too much.")]
    elif len(phrase) > 200:
        errors["phrase"] = [_("Keep the phrase under 200 characters.")]
    elif BrushOffPhrase.objects.filter(language=language, phrase__iexact=phrase).exists():
        errors["phrase"] = [_("This phrase is already on the list.")]
    if errors:
        raise ValidationError(errors)
    return BrushOffPhrase.objects.create(language=language, phrase=phrase, added_by=actor)


@transaction.atomic
def brush_off_remove(*, actor: User, phrase: BrushOffPhrase) -> None:
    _ensure_manager(actor)
    phrase.delete()


@transaction.atomic
def check_rule_add(*, actor: User, text: str, severity: str) -> CheckRule:
    """A manager's rule, saved only when Goodwill can read it (checks.rules.parse_rule)."""
    _ensure_manager(actor)
    if severity not in Severity.values:
        raise ValidationError({"severity": [_("Choose whether the rule blocks sending or warns.")]})
    try:
        parse_rule(text, severity=severity, tiers=TIERS)
    except RuleError as error:
        raise ValidationError({"text": [str(error)]}) from None
    return CheckRule.objects.create(text=" ".join(text.split()), severity=severity, added_by=actor)


@transaction.atomic
def check_rule_remove(*, actor: User, rule: CheckRule) -> None:
    _ensure_manager(actor)
    rule.delete()
