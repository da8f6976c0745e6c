"""The demo's inbox: a few e-mails that arrive through the real intake (stored raw, threaded,
sanitised), so a newcomer sees on day one what the e-mail channel does with good and bad mail.

- Madame Lefèvre (story 003) writes again, in HTML, with a tracking image (blocked until asked),
  her quoted history (folded away) and her receipt as a screenshot of the shop's page, read by
  Tesseract as a proof of purchase (its order number TT-4471-2093 found by search; asking her for
  it again is warned): the kind of file story 003's support refused for three months.
- A new Dutch-speaking client writes for the first time: an unverified client and a new case,
  the language detected from what he wrote, his acknowledgement and his advisor's answer in Dutch.
- Mr Ashworth (story 001) writes in anger on the case he was told was sorted: it is taken up
  again, the signals read his mood, raise the case's priority and tell the managers at once.
- Herr Tauber (story 000) sends his taxi receipt on his open case: reimbursed within the VIP
  goodwill policy at once, and he is told in German (demo.assistance).
- An out-of-office reply: recorded, never answered, no case.
- A message nested deeper than anyone sends on purpose: kept raw as quarantined, managers told.
"""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.utils import format_datetime

from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.channels.email.models import InboundMessage
from goodwill.channels.email.services import email_ingest
from goodwill.channels.outbox.services import case_write_message
from goodwill.channels.outbox.templates import reply_frame, staff_name
from goodwill.documents.samples import scan_png, text_pdf
from goodwill.documents.sweeps import documents_unread

DOMAIN = "demo.example"


def _message(*, sender: str, subject: str, at: dt.datetime, ident: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "Aurelis Client Care <care@goodwill.localhost>"
    message["Subject"] = subject
    message["Date"] = format_datetime(at)
    message["Message-ID"] = f"<{ident}@{DOMAIN}>"
    return message


def _lefevre(at: dt.datetime) -> bytes:
    message = _message(
        sender="Denise Lefèvre <denise.lefevre@example.com>",
        at=at,
        ident="demo-lefevre-1",
        subject="Encore mes cartes Europe",
    )
    text = (
        "Bonjour,\n\nJe vous envoie une fois de plus le justificatif d'achat de mon GPS, "
        "ci-joint.\n"
        "Pouvez-vous enfin me dire quand les cartes Europe seront de nouveau sur mon compte ?\n\n"
        "Cordialement,\nDenise Lefèvre\n\n"
        "Le 12 nov. 2026 à 10:02, Aurelis Client Care a écrit :\n"
        "> Madame, merci de nous envoyer votre justificatif d'achat.\n> Bien cordialement\n"
    )
    html = (
        "<p>Bonjour,</p><p>Je vous envoie <b>une fois de plus</b> le justificatif d'achat de mon "
        "GPS, "
        "ci-joint.</p><p>Pouvez-vous enfin me dire quand les cartes Europe seront de nouveau sur "
        "mon "
        "compte&nbsp;?</p><p>Cordialement,<br>Denise Lefèvre</p>"
        '<img src="https://tracker.example.net/open.gif?u=denise" width="1" height="1" alt="">'
        '<div class="gmail_quote">Le 12 nov. 2026 à 10:02, Aurelis Client Care a écrit&nbsp;:'
        "<blockquote>Madame, merci de nous envoyer votre justificatif d'achat.<br>Bien cordialement"
        "</blockquote></div>"
    )
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    # A screenshot of the shop's order page, no text but pixels: the vault reads it (OCR) as a
    # proof of purchase, its order number findable from the search box, and the checks warn
    # whoever asks her for it again.
    receipt = scan_png(
        [
            "TomTom International B.V. - Order confirmation / Confirmation de commande",
            "Order number: TT-4471-2093",
            "Date: 2024-03-18",
            "Customer: Denise Lefevre",
            "Map of Europe (TomTom GO, serial SN7K2M9X4T1B)    EUR 49.95",
            "Total paid: EUR 49.95",
        ],
        width=1400,
        size=30,
    )
    message.add_attachment(
        receipt, maintype="image", subtype="png", filename="capture-ecran-commande-GPS.png"
    )
    return message.as_bytes()


def _new_dutch_client(at: dt.datetime) -> bytes:
    message = _message(
        sender="Pieter de Vries <pieter.devries@example.nl>",
        at=at,
        ident="demo-devries-1",
        subject="Onderhoud van mijn Aurelis",
    )
    message.set_content(
        "Goedemiddag,\n\nIk wil graag een afspraak maken voor het jaarlijkse onderhoud van mijn "
        "auto. "
        "Ik ben volgende week dinsdag of woensdag beschikbaar, het liefst in de ochtend.\n\n"
        "Met vriendelijke groet,\nPieter de Vries\n"
    )
    return message.as_bytes()


def _ashworth_angry(at: dt.datetime) -> bytes:
    """Story 001's client, after his case was marked sorted: the fault is back, and so is he."""
    case = Case.objects.filter(client__last_name="Ashworth").order_by("-opened_at").first()
    message = _message(
        sender="Richard Ashworth <richard.ashworth@example.com>",
        at=at,
        ident="demo-ashworth-angry-1",
        subject=f"Re: {case.reference} – NOT sorted" if case else "Overheating – NOT sorted",
    )
    message.set_content(
        "You told me the Tourismo was sorted. It is NOT. The temperature warning came on again "
        "yesterday on the M40, exactly where my wife was stranded the first time.\n\n"
        "The dealer told me to \u201ccontact the warranty company\u201d, the warranty company says "
        "it is the dealer's job, and nobody has called me back. This is absolutely unacceptable "
        "from a brand I have been loyal to for twelve years.\n\n"
        "If nobody senior calls me by tomorrow, I am cancelling the order for the second car.\n\n"
        "Richard Ashworth\n"
    )
    return message.as_bytes()


def _tauber_taxi(at: dt.datetime) -> bytes:
    """Story 000's client sends the receipt of the taxi he took from Taormina to Catania, on his
    open case (its reference in the subject): his advisor claims it within the VIP policy
    (demo.assistance.taxi_receipt_reimburse)."""
    case = (
        Case.objects.filter(client__last_name="Tauber", status__in=Case.OPEN_STATUSES)
        .order_by("-opened_at")
        .first()
    )
    message = _message(
        sender="Thomas Tauber <thomas.tauber@example.com>",
        at=at,
        ident="demo-tauber-taxi-1",
        subject=f"Taxi-Quittung [{case.reference}]" if case else "Taxi-Quittung",
    )
    message.set_content(
        "Sehr geehrte Frau Schmid,\n\nwie besprochen sende ich Ihnen die Quittung des Taxis von "
        "Taormina nach Catania am Tag der Panne: 86,50 €.\n\nMit freundlichen Grüßen\n"
        "Thomas Tauber\n"
    )
    receipt = text_pdf(
        [
            "Taxi Etna Servizi - Via Etnea 112, 95131 Catania",
            "Ricevuta / Quittung n. 2026-4471",
            f"Data: {at:%d/%m/%Y}",
            "Percorso: Taormina - Catania (Aeroporto)",
            "Cliente: Thomas Tauber",
            "Totale: EUR 86,50 (IVA inclusa)",
            "Pagato in contanti. Grazie!",
        ]
    )
    message.add_attachment(
        receipt, maintype="application", subtype="pdf", filename="Taxi-Quittung-Taormina.pdf"
    )
    return message.as_bytes()


def _out_of_office(at: dt.datetime) -> bytes:
    message = _message(
        sender="Robert Moore <robert.moore@example.com>",
        at=at,
        ident="demo-ooo-1",
        subject="Automatic reply: your case",
    )
    message["Auto-Submitted"] = "auto-replied"
    message.set_content("I am out of the office until Monday and will reply on my return.\n")
    return message.as_bytes()


def _too_deep(at: dt.datetime) -> bytes:
    boundary_open = "".join(
        f'--b{i}\nContent-Type: multipart/mixed; boundary="b{i + 1}"\n\n' for i in range(40)
    )
    boundary_close = "".join(f"--b{i}--\n" for i in reversed(range(41)))
    return (
        f"From: Unknown <noreply@spam.example>\nSubject: Offer\nDate: {format_datetime(at)}\n"
        f"Message-ID: <demo-deep-1@{DOMAIN}>\nMIME-Version: 1.0\n"
        f'Content-Type: multipart/mixed; boundary="b0"\n\n{boundary_open}--b40\n'
        f"Content-Type: text/plain\n\nhello\n{boundary_close}"
    ).encode()


def demo_mail_receive(*, now: dt.datetime | None = None) -> list[InboundMessage]:
    now = now or timezone.now()
    builders = (
        (_lefevre, dt.timedelta(hours=3)),
        (_new_dutch_client, dt.timedelta(hours=2)),
        (_ashworth_angry, dt.timedelta(hours=1, minutes=45)),
        (_out_of_office, dt.timedelta(hours=1, minutes=30)),
        (_too_deep, dt.timedelta(minutes=50)),
        (_tauber_taxi, dt.timedelta(minutes=40)),
    )
    received = [email_ingest(raw=build(now - ago), at=now - ago) for build, ago in builders]
    # The worker reads documents as they come; the demo reads its own at once, ready to show.
    while documents_unread(timezone.now()):
        pass
    _answer_in_dutch(received[1])
    return received


def _answer_in_dutch(inbound: InboundMessage) -> None:
    """Mr de Vries wrote in Dutch: he was acknowledged in Dutch, and his advisor answers in
    Dutch too (the reply box offers each of the ten client languages)."""
    case = inbound.case
    if case is None:
        return
    # As the reply box writes it: the Dutch template's greeting and signature around his words.
    _subject, greeting, signature = reply_frame(
        case=case, language="nl", sender=staff_name(case.owner)
    )
    words = (
        "Dank u voor uw bericht. Ik heb voor u dinsdagochtend om 9.00 uur een plaats in onze "
        "werkplaats vrijgehouden; het onderhoud duurt ongeveer drie uur en u kunt in die tijd "
        "over een vervangende auto beschikken.\n\n"
        "Past dat u? Een kort antwoord op deze e-mail is genoeg, dan bevestig ik de afspraak."
    )
    case_write_message(
        actor=case.owner,
        case=case,
        subject="",
        language="nl",
        key="demo-devries-reply",
        body=f"{greeting}\n\n{words}\n\n{signature}",
    )
