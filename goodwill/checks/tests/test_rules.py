"""Each check finds what it should, in the client's language, and leaves a good message alone."""

from __future__ import annotations

import datetime as dt

import pytest

from goodwill.checks.reading import read_dates
from goodwill.checks.rules import (
    BrandRules,
    CaseFacts,
    ClientFacts,
    Code,
    Document,
    Finding,
    Rule,
    RuleKind,
    Severity,
    check_message,
)

TODAY = dt.date(2026, 12, 4)  # a Friday
BRUSH_OFFS = (
    ("en", "contact the warranty company directly"),
    ("fr", "contactez directement le fabricant"),
    ("de", "nicht unsere Verantwortung"),
    ("it", "non è nostra responsabilità"),
    ("es", "no es nuestra responsabilidad"),
    ("nl", "niet onze verantwoordelijkheid"),
    ("pt", "não é da nossa responsabilidade"),
)
CLIENTS = {
    "en": ClientFacts("Sarah Miller", "Mrs Miller", "en", "standard"),
    "de": ClientFacts("Thomas Lefèvre", "Herr Lefèvre", "de", "vip"),
    "fr": ClientFacts("Camille Dubois", "Madame Dubois", "fr", "premium"),
    "it": ClientFacts("Marco Rossi", "Sig. Rossi", "it", "standard"),
}
GOOD = {
    "en": "Dear Mrs Miller,\n\nYour watch is at our workshop. Please let us know if you would "
    "like a loan watch in the meantime.\n\nKind regards,\nAnna",
    "de": "Guten Tag Herr Lefèvre,\n\nIhr Wagen ist in unserer Werkstatt. Wir melden uns, sobald "
    "das Ersatzteil da ist.\n\nMit freundlichen Grüßen\nAnna Schmid",
    "fr": "Bonjour Madame Dubois,\n\nvotre sac est dans notre atelier. Nous allons vous appeler "
    "dès que la réparation sera terminée.\n\nBien cordialement,\nMargaux",
    "it": "Gentile Sig. Rossi,\n\nil suo orologio è nel nostro laboratorio. La contatteremo appena "
    "la riparazione sarà terminata.\n\nCordiali saluti,\nChiara",
}


def detect_as(language: str | None):  # type: ignore[no-untyped-def]
    return lambda _text: language


def findings(
    body: str,
    *,
    client: ClientFacts = CLIENTS["en"],
    case: CaseFacts | None = None,
    rules: tuple[Rule, ...] = (),
    detected: str | None = None,
    subject: str = "Your request [GW-2026-000000001]",
) -> list[Finding]:
    return check_message(
        subject=subject,
        body=body,
        client=client,
        case=case or CaseFacts(today=TODAY),
        brand=BrandRules(brush_offs=BRUSH_OFFS, rules=rules),
        detect=detect_as(detected or client.language),
    )


def codes(found: list[Finding]) -> list[str]:
    return [finding.code.value for finding in found]


@pytest.mark.parametrize("language", sorted(GOOD))
def test_a_good_message_has_no_finding(language: str) -> None:
    assert findings(GOOD[language], client=CLIENTS[language]) == []


def test_a_message_without_greeting_is_told_how_to_open() -> None:
    found = findings("Your watch is ready. Please let us know when you can come.")
    assert codes(found) == ["greeting"]
    assert "Mrs Miller" in found[0].message and found[0].severity == Severity.WARN


def test_a_greeting_in_another_language_or_without_the_form_of_address_is_found() -> None:
    body = GOOD["de"].replace("Guten Tag Herr Lefèvre", "Dear Thomas")
    found = findings(body, client=CLIENTS["de"])
    assert codes(found) == ["greeting", "greeting"]
    assert "language" in found[0].message and "Herr Lefèvre" in found[1].message
    # Accents and case do not matter: "HERR LEFEVRE" names him.
    assert findings(GOOD["de"].replace("Herr Lefèvre", "HERR LEFEVRE"), client=CLIENTS["de"]) == []


def test_a_message_in_another_language_than_the_clients_is_found() -> None:
    found = findings(GOOD["de"], client=CLIENTS["de"], detected="en")
    assert codes(found) == ["language"]
    assert found[0].severity == Severity.WARN


EN_BRUSH_OFF = "contact the warranty company directly"
EN_SHOUTED = "CONTACT the  warranty\ncompany DIRECTLY"


@pytest.mark.parametrize(
    ("client", "sentence", "written"),
    [
        ("en", "Please contact the warranty company directly.", EN_BRUSH_OFF),
        ("en", "Please CONTACT the  warranty\ncompany DIRECTLY.", EN_SHOUTED),
        ("fr", "Contactez directement le fabricant.", "Contactez directement le fabricant"),
        ("de", "Das ist leider nicht unsere Verantwortung.", "nicht unsere Verantwortung"),
        ("it", "Purtroppo non e nostra responsabilita.", "non e nostra responsabilita"),
        ("en", "Lo siento, no es nuestra responsabilidad.", "no es nuestra responsabilidad"),
        ("en", "Helaas is dit niet onze verantwoordelijkheid.", "niet onze verantwoordelijkheid"),
        ("en", "Infelizmente nao e da nossa responsabilidade.", "nao e da nossa responsabilidade"),
    ],
)  # fmt: skip
def test_a_brush_off_blocks_whatever_its_case_accents_or_language(
    client: str, sentence: str, written: str
) -> None:
    body = GOOD[client].replace("\n\n", f"\n\n{sentence} ", 1)
    found = [f for f in findings(body, client=CLIENTS[client]) if f.code == Code.BRUSH_OFF]
    assert len(found) == 1 and found[0].blocks
    assert found[0].span is not None and body[found[0].span.start : found[0].span.end] == written


def test_a_brush_off_in_the_subject_is_found_too() -> None:
    found = findings(GOOD["en"], subject="Not ours: contact the warranty company directly")
    assert codes(found) == ["brush_off"] and found[0].span is None


def test_asking_for_a_document_already_on_file_is_found() -> None:
    on_file = CaseFacts(
        documents=(
            Document("Rechnung_2024.pdf", "proof_of_purchase", dt.date(2026, 11, 30)),
            Document("IMG_0042.jpg", "photo", dt.date(2026, 11, 30)),
        ),
        today=TODAY,
    )
    body = GOOD["de"].replace(
        "Wir melden uns", "Bitte senden Sie uns den Kaufbeleg und Fotos. Wir melden uns"
    )
    found = findings(body, client=CLIENTS["de"], case=on_file)
    assert codes(found) == ["document_on_file", "document_on_file"]
    assert "Rechnung_2024.pdf" in found[0].message and "2026-11-30" in found[0].message
    assert "IMG_0042.jpg" in found[1].message
    assert body[found[0].span.start : found[0].span.end] == "Kaufbeleg"  # type: ignore[union-attr]


def test_a_document_not_on_file_or_a_thank_you_for_it_is_not_found() -> None:
    invoice = CaseFacts(documents=(Document("facture.pdf", "proof_of_purchase"),), today=TODAY)
    asks_photo = GOOD["fr"].replace(
        "Nous allons", "Pourriez-vous nous envoyer une photo ? Nous allons"
    )
    assert findings(asks_photo, client=CLIENTS["fr"], case=invoice) == []
    thanks = GOOD["fr"].replace("Nous allons", "Merci de nous avoir envoyé la facture. Nous allons")
    assert findings(thanks, client=CLIENTS["fr"], case=invoice) == []
    asks = GOOD["fr"].replace("Nous allons", "Pourriez-vous nous envoyer la facture ? Nous allons")
    assert codes(findings(asks, client=CLIENTS["fr"], case=invoice)) == ["document_on_file"]


@pytest.mark.parametrize(
    ("client", "sentence", "written", "day"),
    [
        ("en", "We will call you tomorrow.", "tomorrow", dt.date(2026, 12, 5)),
        ("en", "Your watch will be ready by Friday.", "Friday", dt.date(2026, 12, 11)),
        ("de", "Wir rufen Sie morgen an.", "morgen", dt.date(2026, 12, 5)),
        ("de", "Der Wagen ist am 12. Dezember fertig.", "12. Dezember", dt.date(2026, 12, 12)),
        ("fr", "Nous vous rappelons demain.", "demain", dt.date(2026, 12, 5)),
        ("it", "Il pezzo arriverà entro venerdì.", "venerdì", dt.date(2026, 12, 11)),
        ("it", "Sarà pronto il 15/01/2027.", "15/01/2027", dt.date(2027, 1, 15)),
    ],
)
def test_a_promise_not_in_the_ledger_blocks_with_the_day_read(
    client: str, sentence: str, written: str, day: dt.date
) -> None:
    body = GOOD[client].replace("\n\n", f"\n\n{sentence} ", 1)
    found = [f for f in findings(body, client=CLIENTS[client]) if f.code == Code.PROMISE_UNRECORDED]
    assert len(found) == 1 and found[0].blocks
    assert found[0].due == day and sentence.rstrip(".") in found[0].promise_text
    assert body[found[0].span.start : found[0].span.end] == written  # type: ignore[union-attr]


def test_a_promise_in_the_ledger_a_question_or_a_past_day_is_not_flagged() -> None:
    ledger = CaseFacts(promised_days=frozenset({dt.date(2026, 12, 11)}), today=TODAY)
    in_ledger = GOOD["en"].replace(
        "\n\n", "\n\nYour watch will be ready by Friday 11 December. ", 1
    )
    assert findings(in_ledger, case=ledger) == []
    question = GOOD["en"].replace("\n\n", "\n\nCould you come by on Friday? ", 1)
    assert findings(question) == []
    past = GOOD["en"].replace("\n\n", "\n\nWe received it on 1 December. ", 1)
    assert findings(past) == []
    # "Guten Morgen" greets; it promises nothing.
    morning = GOOD["de"].replace("Guten Tag", "Guten Morgen")
    assert findings(morning, client=CLIENTS["de"]) == []


def test_a_message_without_next_step_is_found() -> None:
    body = "Dear Mrs Miller,\n\nYour watch is at our workshop.\n\nKind regards,\nAnna"
    found = findings(body)
    assert codes(found) == ["no_next_step"] and found[0].severity == Severity.WARN
    assert findings(body.replace("workshop.", "workshop. Shall we send it back to you?")) == []


def test_a_managers_never_rule_finds_the_phrase_with_the_severity_they_chose() -> None:
    never = Rule(RuleKind.NEVER, "free of charge", Severity.HARD, "never free of charge")
    body = GOOD["en"].replace("in the meantime", "free of Charge in the meantime")
    found = findings(body, rules=(never,))
    assert (
        codes(found) == ["rule"] and found[0].blocks and "never free of charge" in found[0].message
    )


def test_an_always_offer_rule_applies_to_its_tier_only() -> None:
    always = Rule(
        RuleKind.ALWAYS_OFFER,
        "a loan car",
        Severity.WARN,
        "always offer a loan car to tier vip",
        "vip",
    )
    vip = findings(GOOD["de"], client=CLIENTS["de"], rules=(always,))
    assert codes(vip) == ["rule"] and "a loan car" in vip[0].message
    assert findings(GOOD["en"], rules=(always,)) == []  # a standard client
    offered = GOOD["de"].replace("Wir melden uns", "We offer a loan car. Wir melden uns")
    assert findings(offered, client=CLIENTS["de"], rules=(always,)) == []


def test_dates_are_read_in_every_language() -> None:
    written = {
        "the day after tomorrow": dt.date(2026, 12, 6),
        "après-demain": dt.date(2026, 12, 6),
        "übermorgen": dt.date(2026, 12, 6),
        "mañana": dt.date(2026, 12, 5),
        "morgen": dt.date(2026, 12, 5),
        "amanhã": dt.date(2026, 12, 5),
        "within 3 days": dt.date(2026, 12, 7),
        "entro 10 giorni": dt.date(2026, 12, 14),
        "el 12 de diciembre": dt.date(2026, 12, 12),
        "3 janvier": dt.date(2027, 1, 3),
        "December 24, 2027": dt.date(2027, 12, 24),
        "2027-02-01": dt.date(2027, 2, 1),
        "vrijdag": dt.date(2026, 12, 11),
        "sexta-feira": dt.date(2026, 12, 11),
    }
    for text, day in written.items():
        assert [seen.day for seen in read_dates(text, today=TODAY)] == [day], text
    assert read_dates("por la mañana, version 1.5, at 10.30", today=TODAY) == []
