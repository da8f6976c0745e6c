"""Story 002: a foreign client was answered in the wrong language. We learn the language they
write in from their messages, but "ok thanks" does not flip it."""

from __future__ import annotations

from goodwill.channels.email.services import email_ingest
from goodwill.channels.email.tests.conftest import make_mail
from goodwill.clients.models import Client
from goodwill.intake.language import detect_language, is_evidence
from goodwill.timeline.models import Entry

DUTCH = [
    "Goedemiddag, mijn horloge loopt elke dag vijf minuten achter. Kunnen jullie het nakijken?",
    "Ik heb nog steeds geen antwoord gekregen over de reparatie van mijn horloge.",
    "Wanneer kan ik het horloge ophalen bij de winkel in Amsterdam?",
]


def test_it_detects_the_brand_languages_short_messages_too_but_learns_from_none() -> None:
    assert detect_language(DUTCH[0]) == "nl"
    assert detect_language("Bonjour, ma voiture fait un bruit étrange quand je freine.") == "fr"
    # A short message has a language (lingua alone read "merci" as Italian)...
    assert detect_language("ok thanks") == "en"
    assert detect_language("merci") == "fr"
    assert detect_language("Bedankt!") == "nl"
    # ... but says nothing of the language its writer uses; "ok" has none.
    assert not is_evidence("ok thanks")
    assert not is_evidence("merci")
    assert detect_language("OK") is None
    assert (
        detect_language(
            "Danke schön für Ihre schnelle Antwort auf meine Frage", allowed=["fr", "it"]
        )
        != "de"
    )


TEN = ["en", "fr", "de", "it", "es", "pt", "nl", "ja", "zh-hans", "ar"]


def test_it_reads_every_language_the_brand_serves_in_the_brands_code() -> None:
    # Japanese and Arabic were read as German, Portuguese as Spanish, when the detector lacked them.
    assert detect_language("その後いかがでしょうか。", TEN) == "ja"
    assert detect_language("有消息了吗？", TEN) == "zh-hans"
    assert detect_language("هل من جديد؟", TEN) == "ar"
    assert detect_language("Alguma novidade sobre o conserto do meu carro?", TEN) == "pt"
    assert detect_language("¿Alguna novedad sobre la reparación de mi coche?", TEN) == "es"


def test_it_learns_the_language_after_two_of_three_messages(client_t: Client) -> None:
    # Given Mr. T, whose file says German, writes in Dutch
    first = email_ingest(raw=make_mail(subject="Horloge", body=DUTCH[0]))
    assert first.language == "nl"
    client_t.refresh_from_db()
    assert client_t.writes_in == ""  # one message is not enough
    email_ingest(raw=make_mail(subject="ok", body="ok thanks"))  # too short to count
    email_ingest(raw=make_mail(subject="Reparatie", body=DUTCH[1]))
    client_t.refresh_from_db()
    assert (client_t.writes_in, client_t.language) == ("nl", "de")
    change = Entry.objects.get(client=client_t, kind="client_changed", summary="writes_in")
    assert change.payload["changes"]["writes_in"] == ["", "nl"]
    # And a third Dutch message changes nothing more
    email_ingest(raw=make_mail(subject="Ophalen", body=DUTCH[2]))
    assert Entry.objects.filter(client=client_t, kind="client_changed").count() == 1


def test_it_reads_only_the_new_text_not_the_quoted_history(client_t: Client) -> None:
    body = (
        "Thanks a lot, that works for me and I will come on Monday morning.\n\n"
        "On Mon, 1 Jun 2026 at 10:00, Anna Schmid <anna@aurelis.example> wrote:\n"
        "> Sehr geehrter Herr Lefèvre, wir können Ihr Fahrzeug am Montag abholen lassen.\n"
    )
    assert email_ingest(raw=make_mail(subject="Re: Termin", body=body)).language == "en"
