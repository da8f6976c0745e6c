"""The five stories of shared/seeds, told as they would appear in Goodwill.

Each is a real client's account of after-sales service gone wrong. Here they are the timeline of a
client of the fictional brand Aurelis: what happened, call by call and e-mail by e-mail, so that
whoever opens the demo sees the failure Goodwill exists to prevent. Dates count back from today.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from goodwill.cases.models import Case
from goodwill.cases.services import OutcomeGiven, case_open
from goodwill.clients.models import Client, Product
from goodwill.clients.services import client_create, cover_add, mileage_record, product_add
from goodwill.demo.cast import Cast
from goodwill.demo.clock import CaseStory, Day
from goodwill.organisation.models import User


@dataclasses.dataclass(frozen=True)
class StoryClient:
    """What the summary needs to say about a story client, and what the tests look for."""

    seed: str
    title: str
    email: str
    plate_or_serial: str


STORY_CLIENTS = (
    StoryClient("000", "the flat tyre", "thomas.tauber@example.com", "M-AR 1500"),
    StoryClient("001", "the overheating car", "richard.ashworth@example.com", "LR21 KXT"),
    StoryClient("002", "the call to the jeweller", "marieke.jansen@example.net", "J-204518-R"),
    StoryClient("003", "the lost maps", "denise.lefevre@example.com", "SN7K2M9X4T1B"),
    StoryClient("004", "the car delivery", "steve.marsh@example.com", "LV25 HZM"),
)


def _years_later(day: dt.date, years: int) -> dt.date:
    """The same date `years` later; 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _until(starts: dt.date, years: int) -> dt.date:
    """The last day of a cover of `years` years starting on `starts`."""
    return _years_later(starts, years) - dt.timedelta(days=1)


def _cover(
    *,
    product: Product,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date,
    provider: str,
    reference: str = "",
    terms: str = "",
    at: dt.datetime,
    actor: User,
) -> None:
    cover_add(
        actor=actor,
        product=product,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        provider=provider,
        reference=reference,
        terms=terms,
        at=at,
    )


def story_000_flat_tyre(*, cast: Cast, today: dt.date) -> Client:
    """Herr Tauber: a €152,400 car, a flat tyre on holiday, eleven calls, eleven voices, a lost
    file."""
    munich, anna = cast.sites["munich"], cast.staff["anna"]
    home = Day(today=today, tz="Europe/Berlin")
    sicily = Day(today=today, tz="Europe/Rome")
    first_purchase = today - dt.timedelta(days=3 * 365 + 40)
    purchase, flat = 75, 33  # days ago: the new car, then the holiday a few weeks later

    client = client_create(
        actor=anna,
        title="Herr",
        first_name="Thomas",
        last_name="Tauber",
        address_as="Herr Tauber",
        email="thomas.tauber@example.com",
        phone="+49 171 4482093",
        language="de",
        country="DE",
        tier="vip",
        site=munich,
        advisor=anna,
        client_since=dt.datetime.combine(
            first_purchase - dt.timedelta(days=21), dt.time(11, 0), tzinfo=home.tz
        ),
    )
    first_at = dt.datetime.combine(first_purchase, dt.time(16, 30), tzinfo=home.tz)
    gran_turismo = product_add(
        actor=anna,
        client=client,
        kind="car",
        brand="Aurelis",
        model="Gran Turismo 4.0",
        vin="WAR4GT40M1K018335",
        plate="M-TA 4711",
        purchase_date=first_purchase,
        # Driven since 2023: its journey starts at its delivery, not at an order long gone.
        delivered_on=first_purchase,
        price=Decimal("118500"),
        currency="EUR",
        selling_advisor=anna,
        site=munich,
        at=first_at,
    )
    _cover(
        product=gran_turismo,
        kind="warranty",
        starts_on=first_purchase,
        ends_on=_until(first_purchase, 3),
        provider="Aurelis",
        reference="WTY-DE-118335",
        terms="Manufacturer's warranty, three years.",
        at=first_at,
        actor=anna,
    )

    bought_at = home.at(purchase, "17:00")
    spider = product_add(
        actor=anna,
        client=client,
        kind="car",
        brand="Aurelis",
        model="Veloce S Spider",
        vin="WAR9GT15R2M004217",
        plate="M-AR 1500",
        purchase_date=home.date(purchase),
        delivered_on=home.date(purchase),  # he drove it to Sicily
        price=Decimal("152400"),
        currency="EUR",
        selling_advisor=anna,
        site=munich,
        at=bought_at,
    )
    starts = home.date(purchase)
    _cover(
        product=spider,
        kind="warranty",
        starts_on=starts,
        ends_on=_until(starts, 3),
        provider="Aurelis",
        reference="WTY-DE-004217",
        terms="Manufacturer's warranty, three years.",
        at=bought_at,
        actor=anna,
    )
    _cover(
        product=spider,
        kind="insurance",
        starts_on=starts,
        ends_on=_until(starts, 1),
        provider="Aurelis Insurance",
        reference="AI-DE-2291-0457",
        terms="Comprehensive insurance. First year offered by the dealer as a gift for his "
        "loyalty, "
        "presented at the sale as “better than Ferrari’s insurance”.",
        at=bought_at,
        actor=anna,
    )
    _cover(
        product=spider,
        kind="assistance",
        starts_on=starts,
        ends_on=_until(starts, 3),
        provider="Aurelis Assistance",
        reference="AA-4471-DE",
        terms="24/7 roadside assistance in Europe: repair on the spot or towing, hotel and "
        "replacement car while the car is immobilised.",
        at=bought_at,
        actor=anna,
    )

    line = cast.assistance_line
    opened = sicily.at(flat, "08:52")
    breakdown = case_open(
        actor=line[0],
        client=client,
        product=spider,
        owner=line[0],
        category="breakdown",
        channel="phone",
        priority=1,
        opened_at=opened,
        summary="Flat tyre on holiday in Sicily: Veloce S Spider immobilised",
    )
    story = CaseStory(case=breakdown, email="thomas.tauber@example.com")
    story.call(
        opened,
        line[0],
        minutes=6,
        summary=(
            "Flat tyre: the Veloce S Spider cannot be driven, in the car park of his hotel in "
            "Taormina.\n"
            "Client gave his plate M-AR 1500 and insurance number AI-DE-2291-0457. "
            "Assistance file 4471093826 opened. Mechanic sent, expected within the hour."
        ),
    )
    story.status(sicily.at(flat, "08:58"), line[0], Case.Status.OPEN)
    story.call(
        sicily.at(flat, "10:14"),
        line[1],
        minutes=9,
        summary=(
            "Client calling back: the mechanic is there but cannot repair it.\n"
            "No 305/30 ZR20 tyre for this model on the van; the car must not be driven on the "
            "flat. "
            "Client repeated plate M-AR 1500 and file 4471093826. Told him we would find a "
            "solution "
            "and call him back."
        ),
    )
    story.call(
        sicily.at(flat, "11:02"),
        line[2],
        minutes=7,
        summary=(
            "No call back yet; client asks what happens now.\n"
            "Had to give plate and file number again. The Aurelis showroom in Catania is closed "
            "today. "
            "Recommended towing the car to a warehouse for the day and the night."
        ),
    )
    story.note(
        sicily.at(flat, "11:10"),
        line[2],
        "Tow booked with Soccorso Stradale Etna: car stored overnight at their warehouse in "
        "Catania, Zona Industriale. Aurelis Catania to take it in tomorrow at 08:30.",
    )
    story.call(
        sicily.at(flat, "15:36"),
        line[3],
        minutes=8,
        summary=(
            "Client asks where he is to sleep tonight.\n"
            "Told the whole story again from the start, plate, file number. Booked Hotel Stazione "
            "Centrale in Catania (2 stars), one night, so he is near the car."
        ),
    )
    story.call(
        sicily.at(flat, "16:05"),
        line[4],
        minutes=5,
        summary=(
            "Client asks who pays for his hotel in Taormina.\n"
            "His 5-star hotel refuses to cancel tonight's booking this late (€680, no refund). "
            "Told him to keep the receipt and send a claim afterwards."
        ),
    )
    story.call(
        sicily.at(flat - 1, "08:41"),
        line[5],
        minutes=6,
        summary=(
            "Client asks for news of the repair.\n"
            "Could not find file 4471093826. Asked him to spell the plate: M-AR 1500. No result "
            "either. "
            "Promised a call back."
        ),
    )
    story.call(
        sicily.at(flat - 1, "09:30"),
        line[6],
        minutes=4,
        summary=(
            "No call back. Client repeated plate and file number.\n"
            "File still not found; transferred him to the back office. The line dropped during the "
            "transfer."
        ),
    )
    story.call(
        sicily.at(flat - 1, "10:12"),
        line[7],
        minutes=7,
        summary=(
            "Client very upset: the fourth person he has spoken to this morning.\n"
            "Nothing under 4471093826 nor under M-AR 1500. Opened a new request, 4471102290, to be "
            "safe."
        ),
    )
    story.call(
        sicily.at(flat - 1, "11:47"),
        line[8],
        minutes=5,
        summary=(
            "Client asks why he now has two file numbers.\n"
            "Told him his first file seems to have been lost. Escalated to the team leader."
        ),
    )
    story.call(
        sicily.at(flat - 1, "13:20"),
        line[9],
        minutes=6,
        summary=(
            "Client asks whether anyone has spoken to the Catania showroom.\n"
            "Nothing in the file. He says he knows his plate and the ten digits of his file by "
            "heart now."
        ),
    )
    story.call(
        sicily.at(flat - 1, "15:05"),
        line[10],
        minutes=11,
        summary=(
            "File 4471093826 found again: it had been closed by mistake when the tow was done.\n"
            "Aurelis Catania: the tyre must come from Germany, 3 working days. Car to be delivered "
            "to his "
            "home once repaired. Replacement car booked so he can drive home."
        ),
    )
    story.note(
        sicily.at(flat - 1, "15:20"),
        line[10],
        "Replacement car: category B (Fiat Panda 1.2), one way Catania → München, 1,750 km. "
        "Client asked for a comparable car; not available under the policy.",
    )
    story.status(sicily.at(flat - 1, "15:21"), line[10], Case.Status.WAITING_PARTNER)
    story.note(
        home.at(flat - 5, "14:40"),
        line[1],
        "Aurelis Catania: new tyre fitted. Car on a transporter to the client's home in München.",
    )
    # Delivered and closed on the Friday after the new tyre (six to twelve days after the flat):
    # the follow-up call Goodwill plans after an assistance case falls on the Monday after.
    friday = next(d for d in range(flat - 6, flat - 13, -1) if home.date(d).weekday() == 4)
    story.note(
        home.at(friday, "11:15"),
        line[1],
        "Car delivered to the client's home. File 4471093826 closed.",
    )
    story.status(
        home.at(friday, "11:16"),
        line[1],
        Case.Status.RESOLVED,
        OutcomeGiven(
            done="New tyre fitted by Aurelis Catania; car delivered to the client's home in "
            "München on a transporter.",
            done_by="Aurelis Catania",
            fixed=True,
        ),
    )
    story.mail_in(
        home.at(friday - 1, "21:12"),
        "Akte 4471093826 – meine Auslagen",
        (
            "Sehr geehrte Damen und Herren,\n\n"
            "zu Ihrer Akte 4471093826 (Kennzeichen M-AR 1500) sende ich Ihnen meine Auslagen:\n"
            "- Hotel in Taormina, nicht stornierbar: 680,00 €\n"
            "- Rückfahrt nach München, Benzin und Maut: 412,60 €\n"
            "- neuer Reifen: 1.240,00 €\n\n"
            "Die Belege liegen bei. Ich bitte um Erstattung.\n\n"
            "Mit freundlichen Grüßen\nThomas Tauber"
        ),
    )
    story.mail_out(
        home.at(friday - 3, "10:03"),
        line[7],
        "AW: Akte 4471093826 – meine Auslagen",
        (
            "Sehr geehrter Herr Tauber,\n\n"
            "wir haben Ihre Unterlagen geprüft. Gemäß den Bedingungen Ihres Vertrags sind Reifen "
            "Verschleißteile; Reisekosten werden nicht erstattet, wenn ein Ersatzfahrzeug gestellt "
            "wurde, "
            "und Stornokosten Dritter sind nicht versichert. Wir können die Kosten daher leider "
            "nicht "
            "übernehmen.\n\n"
            "Mit freundlichen Grüßen\nNadia Benali\nAurelis Assistance"
        ),
    )

    letter_at = home.at(17, "09:15")
    complaint = case_open(
        actor=cast.staff["sophie.laurent"],
        client=client,
        product=spider,
        owner=cast.staff["sophie.laurent"],
        category="complaint",
        channel="email",
        priority=1,
        opened_at=letter_at,
        summary="Letter to the President: “better than Ferrari” assistance, costs not covered",
    )
    letter = CaseStory(case=complaint, email="thomas.tauber@example.com")
    letter.mail_in(
        letter_at,
        "An den Präsidenten von Aurelis",
        (
            "Sehr geehrter Herr Präsident,\n\n"
            "vor zwei Monaten habe ich bei Ihrem Händler in München meinen zweiten Aurelis "
            "gekauft, einen "
            "Veloce S Spider. Als Geschenk für meine Treue bekam ich das erste Jahr der "
            "Aurelis-Versicherung, "
            "„besser als die Versicherung von Ferrari“, wie mir gesagt wurde.\n\n"
            "Wenige Wochen später, im Urlaub auf Sizilien, hatte der Wagen eine Reifenpanne. Ich "
            "habe Ihre "
            "Assistance elfmal angerufen und jedes Mal mit einer anderen Person gesprochen. Jedes "
            "Mal musste "
            "ich mein Kennzeichen und meine zehnstellige Aktennummer wiederholen – ich kann beide "
            "inzwischen "
            "auswendig. Meine Akte ging verloren und wurde erst beim elften Anruf wiedergefunden. "
            "Man buchte "
            "mir ein billiges Hotel und einen Kleinwagen für die Heimfahrt. Mein Urlaub war "
            "ruiniert, und "
            "keine meiner Kosten wurde übernommen.\n\n"
            "Eine billige Versicherung für den 10.000-Euro-Wagen meiner Tochter hätte mir einen "
            "besseren "
            "Service geboten.\n\n"
            "Der Verkäufer, der mir den Wagen verkauft hat, weiß bis heute nichts davon.\n\n"
            "Mit freundlichen Grüßen\nThomas Tauber"
        ),
    )
    letter.note(
        home.at(17, "09:40"),
        cast.staff["sophie.laurent"],
        "Letter forwarded by the President's office in Paris. Standard reply; the assistance "
        "has already declined the costs.",
    )
    letter.mail_out(
        home.at(12, "16:20"),
        cast.staff["sophie.laurent"],
        "AW: An den Präsidenten von Aurelis",
        (
            "Sehr geehrter Herr Tauber,\n\n"
            "vielen Dank für Ihr Schreiben an unseren Präsidenten. Ihre Anmerkungen werden wir bei "
            "der "
            "Verbesserung unserer Servicequalität berücksichtigen.\n\n"
            "Wir bedauern, Ihnen mitteilen zu müssen, dass die im Zusammenhang mit diesem Vorfall "
            "entstandenen Kosten weder von Aurelis noch von der Versicherung übernommen werden "
            "können.\n\n"
            "Mit freundlichen Grüßen\nSophie Laurent\nAurelis Kundenbeziehungen"
        ),
    )
    letter.status(home.at(12, "16:21"), cast.staff["sophie.laurent"], Case.Status.RESOLVED)
    margaux = cast.staff["margaux"]
    letter.note(
        home.at(1, "17:30"),
        margaux,
        (
            "Reviewing the week's worst stories. Herr Tauber, VIP, two cars bought from us in "
            "three years: "
            "eleven calls to the assistance, eleven different agents, his file lost for a day, a "
            "2-star "
            "hotel and a category B car for a €152,400 Spider, every cost refused, and a form "
            "letter from "
            "us. Anna Schmid, who sold him the car, was never told. Reopening."
        ),
    )
    letter.status(home.at(1, "17:31"), margaux, Case.Status.OPEN)
    letter.reassign(
        home.at(1, "17:32"),
        margaux,
        anna,
        (
            "Anna, please call Herr Tauber yourself tomorrow morning; he should not have to tell "
            "this "
            "story again: everything is on this page (case with the eleven calls, his costs, our "
            "reply). "
            "You may offer to cover his costs (€2,332.60) under the goodwill policy; I approve. "
            "Plan a "
            "follow-up call a week after."
        ),
    )
    return client


def story_001_overheating(*, cast: Cast, today: dt.date) -> Client:
    """Mr Ashworth: an extended warranty, an overheating car, two days' silence, "contact the
    warranty company"."""
    london, james = cast.sites["london"], cast.staff["james"]
    kate = cast.staff["kate.morgan"]
    day = Day(today=today, tz="Europe/London")
    purchase = 215

    client = client_create(
        actor=james,
        title="Mr",
        first_name="Richard",
        last_name="Ashworth",
        address_as="Mr Ashworth",
        email="richard.ashworth@example.com",
        phone="+44 7700 900461",
        language="en",
        country="GB",
        tier="premium",
        site=london,
        advisor=james,
        client_since=day.at(purchase + 12, "12:30"),
    )
    bought_at = day.at(purchase, "15:00")
    car = product_add(
        actor=james,
        client=client,
        kind="car",
        brand="Aurelis",
        model="Tourismo 3.0 (approved used, 2021)",
        vin="WAR3TS30L8H072614",
        plate="LR21 KXT",
        purchase_date=day.date(purchase),
        delivered_on=day.date(purchase),  # approved used: driven away the day it was bought
        price=Decimal("64900"),
        currency="GBP",
        selling_advisor=james,
        site=london,
        at=bought_at,
    )
    starts = day.date(purchase)
    _cover(
        product=car,
        kind="extended_warranty",
        starts_on=starts,
        ends_on=_until(starts, 3),
        provider="Sentinel Motor Warranty Ltd",
        reference="SMW-GB-558120",
        terms="Bumper-to-bumper mechanical cover, sold with the car. Claims are handled by the "
        "warranty company; repairs at an approved garage.",
        at=bought_at,
        actor=james,
    )

    opened = day.at(22, "14:12")
    case = case_open(
        actor=kate,
        client=client,
        product=car,
        category="breakdown",
        channel="phone",
        opened_at=opened,
        summary="Tourismo overheated on the M40, his wife had to pull over",
    )
    story = CaseStory(case=case, email="richard.ashworth@example.com")
    story.call(
        opened,
        kate,
        minutes=4,
        summary=(
            "Mr Ashworth called: his wife was driving his Tourismo (LR21 KXT) when the temperature "
            "warning came on; she had to pull over on the M40 near Oxford.\n"
            "Car now back home. He has our extended warranty and asks what to do. Asked James to "
            "call him back."
        ),
    )
    story.note(
        day.at(22, "14:15"),
        kate,
        "James out on test drives all afternoon; message left on his desk.",
    )
    story.mail_in(
        day.at(21, "09:40"),
        "Overheating Tourismo – still waiting for a call back",
        (
            "Dear Sir or Madam,\n\n"
            "I phoned yesterday afternoon because my Tourismo (LR21 KXT) overheated and my wife "
            "had to pull "
            "over on the M40. I was told someone would call me back. Nobody has.\n\n"
            "The car is covered by the extended warranty I bought from you. Could someone please "
            "tell me "
            "what I should do?\n\n"
            "Regards,\nRichard Ashworth"
        ),
    )
    story.call(
        day.at(20, "16:48"),
        james,
        inbound=False,
        minutes=3,
        summary=(
            "Called Mr Ashworth back.\n"
            "Overheating is a warranty matter: told him to contact the warranty company (Sentinel, "
            "ref. SMW-GB-558120) directly; they will open the claim and tell him which garage to "
            "use."
        ),
    )
    story.status(day.at(20, "16:50"), james, Case.Status.WAITING_PARTNER)
    story.mail_in(
        day.at(19, "20:05"),
        "Re: Overheating Tourismo – still waiting for a call back",
        (
            "James,\n\n"
            "Thank you for calling back, two days later. To be honest I expected more than "
            "“contact the "
            "warranty company”. I bought the car and the warranty from you; I thought you would "
            "look after "
            "it.\n\n"
            "In the seven months since I bought the car, all I have heard from you are e-mails "
            "offering me "
            "a new one.\n\n"
            "Richard Ashworth"
        ),
    )
    story.mail_in(
        day.at(12, "18:30"),
        "Re: Overheating Tourismo – sorted",
        (
            "For your records: my brother-in-law, who is a mechanic, found a split coolant hose "
            "and "
            "replaced it. The car is fine now. I won't be making a claim.\n\n"
            "Richard Ashworth"
        ),
    )
    story.note(
        day.at(11, "09:05"), james, "Client had the car repaired privately. No claim. Closing."
    )
    story.status(day.at(11, "09:06"), james, Case.Status.RESOLVED)
    return client


def story_002_jeweller(*, cast: Cast, today: dt.date) -> Client:
    """Mrs Jansen calls the Milano boutique from Amsterdam and is answered, with a sigh, in
    Italian."""
    milano, giulia, paola = cast.sites["milano"], cast.staff["giulia"], cast.staff["paola.ferri"]
    day = Day(today=today, tz="Europe/Rome")
    purchase = 160

    client = client_create(
        actor=giulia,
        title="Mrs",
        first_name="Marieke",
        last_name="Jansen",
        address_as="Mrs Jansen",
        email="marieke.jansen@example.net",
        phone="+31 6 41275893",
        language="en",
        country="NL",
        tier="premium",
        site=milano,
        advisor=giulia,
        client_since=day.at(purchase, "11:30"),
    )
    bought_at = day.at(purchase, "12:10")
    necklace = product_add(
        actor=giulia,
        client=client,
        kind="jewel",
        brand="Aurelis",
        model="Riviera necklace, white gold and diamonds",
        serial="J-204518-R",
        purchase_date=day.date(purchase),
        price=Decimal("18400"),
        currency="EUR",
        selling_advisor=giulia,
        site=milano,
        at=bought_at,
    )
    starts = day.date(purchase)
    _cover(
        product=necklace,
        kind="warranty",
        starts_on=starts,
        ends_on=_until(starts, 2),
        provider="Aurelis",
        reference="WTY-IT-204518",
        terms="Two-year warranty, workshop in Valenza.",
        at=bought_at,
        actor=giulia,
    )

    opened = day.at(6, "10:05")
    case = case_open(
        actor=paola,
        client=client,
        product=necklace,
        owner=giulia,
        category="warranty_claim",
        channel="phone",
        opened_at=opened,
        summary="Clasp of the Riviera necklace no longer closes",
    )
    story = CaseStory(case=case, email="marieke.jansen@example.net")
    story.call(
        opened,
        paola,
        minutes=1,
        summary=(
            "Chiamata dall'Olanda per Giulia.\n"
            "Ho risposto «Pronto?»; la signora parlava inglese. Le ho detto che non so se Giulia "
            "ci sia in "
            "questo momento. Nessun messaggio lasciato."
        ),
    )
    story.mail_in(
        day.at(6, "11:32"),
        "Riviera necklace – the clasp",
        (
            "Dear Giulia,\n\n"
            "I tried to call the boutique this morning. Someone answered “Pronto?” and, when I "
            "asked for you "
            "in English, sighed and said “non so se ci sia in questo momento” – and that was all. "
            "I do speak "
            "some Italian, but they did not know that.\n\n"
            "The clasp of the Riviera necklace I bought from you in Milano no longer closes "
            "properly and "
            "I am afraid of losing it. How can I have it repaired? I live in Amsterdam.\n\n"
            "Kind regards,\nMarieke Jansen"
        ),
    )
    story.mail_out(
        day.at(5, "09:20"),
        giulia,
        "Re: Riviera necklace – the clasp",
        (
            "Dear Mrs Jansen,\n\n"
            "Please accept my apologies for the way your call was answered yesterday; that is not "
            "how we "
            "want anyone to be welcomed, least of all a client calling from abroad.\n\n"
            "A courier will collect the necklace from your home in Amsterdam, insured and free of "
            "charge, "
            "and our workshop in Valenza will repair the clasp under the warranty. The courier "
            "will call "
            "you to agree a time that suits you.\n\n"
            "Warm regards,\nGiulia Conti\nAurelis Boutique Milano"
        ),
    )
    story.note(
        day.at(5, "09:45"),
        giulia,
        "Talked with Paola about answering calls from abroad. Courier booked with the Valenza "
        "workshop, pick-up in Amsterdam on Thursday.",
    )
    story.mail_in(
        day.at(4, "19:10"),
        "Re: Riviera necklace – the clasp",
        (
            "Dear Giulia,\n\nThank you, that is exactly what I hoped for. Thursday morning is "
            "perfect.\n\n"
            "Kind regards,\nMarieke"
        ),
    )
    story.note(
        day.at(2, "15:00"), giulia, "Necklace collected by the courier; at the Valenza workshop."
    )
    story.status(day.at(2, "15:01"), giulia, Case.Status.WAITING_PARTNER)
    return client


def story_003_lost_maps(*, cast: Cast, today: dt.date) -> Client:
    """Madame Lefèvre: three months of e-mails asking again and again for the same purchase
    proof."""
    care, chiara, staff = cast.sites["care_centre"], cast.staff["chiara"], cast.staff
    day = Day(today=today, tz="Europe/Zurich")
    email = "denise.lefevre@example.com"

    client = client_create(
        actor=chiara,
        title="Madame",
        first_name="Denise",
        last_name="Lefèvre",
        address_as="Madame Lefèvre",
        email=email,
        phone="+41 79 412 35 08",
        language="fr",
        country="CH",
        tier="standard",
        site=care,
        advisor=chiara,
        client_since=day.at(2400, "19:02"),
    )
    device_day = 2400
    navigator = product_add(
        actor=None,
        client=client,
        kind="device",
        brand="Aurelis",
        model="Navigator 7 navigation system",
        serial="SN7K2M9X4T1B",
        purchase_date=day.date(device_day),
        price=Decimal("349.00"),
        currency="CHF",
        site=care,
        at=day.at(device_day, "19:04"),
    )
    starts = day.date(device_day)
    _cover(
        product=navigator,
        kind="warranty",
        starts_on=starts,
        ends_on=_until(starts, 2),
        provider="Aurelis",
        reference="WTY-CH-2M9X4T",
        terms="Two-year warranty.",
        at=day.at(device_day, "19:04"),
        actor=chiara,
    )
    product_add(
        actor=None,
        client=client,
        kind="device",
        brand="Aurelis",
        model="Europe maps licence (download)",
        serial="ORD-2023-118342",
        purchase_date=day.date(700),
        price=Decimal("89.95"),
        currency="CHF",
        site=care,
        at=day.at(700, "21:47"),
    )

    may = case_open(
        actor=None,
        client=client,
        owner=staff["ines.carvalho"],
        category="information",
        channel="email",
        opened_at=day.at(190, "08:12"),
        summary="Passer des cartes Europe aux cartes USA",
    )
    before = CaseStory(case=may, email=email)
    before.mail_in(
        day.at(190, "08:12"),
        "Cartes USA pour mon voyage",
        (
            "Bonjour,\n\n"
            "Je pars en Floride le mois prochain. Mon Navigator 7 ne peut garder qu'une carte à la "
            "fois : "
            "comment remplacer les cartes Europe par les cartes USA sans perdre les cartes Europe "
            "?\n\n"
            "Merci d'avance,\nDenise Lefèvre"
        ),
    )
    before.mail_out(
        day.at(188, "14:30"),
        staff["ines.carvalho"],
        "RE: Cartes USA pour mon voyage",
        (
            "Bonjour Madame Lefèvre,\n\n"
            "Vous pouvez retirer les cartes Europe depuis votre compte Aurelis (Mes contenus > "
            "Cartes), puis "
            "installer les cartes USA. Les cartes Europe restent liées à votre compte et vous "
            "pourrez les "
            "réinstaller à votre retour.\n\n"
            "Bien cordialement,\nInês Carvalho\nAurelis Client Care"
        ),
    )
    before.status(day.at(188, "14:31"), staff["ines.carvalho"], Case.Status.RESOLVED)

    start = 118
    case = case_open(
        actor=None,
        client=client,
        product=navigator,
        owner=staff["marek.nowak"],
        category="information",
        channel="email",
        opened_at=day.at(start, "09:03"),
        summary="Cartes Europe disparues de mon compte",
    )
    story = CaseStory(case=case, email=email)
    subject = "Cartes Europe disparues de mon compte"
    story.mail_in(
        day.at(start, "09:03"),
        subject,
        (
            "Bonjour,\n\n"
            "Je vous ai contactés il y a quelques mois pour passer des cartes Europe aux cartes "
            "USA. Je veux maintenant "
            "revenir aux cartes Europe et elles ne sont plus sur mon compte ! Aidez-moi s'il vous "
            "plaît.\n\n"
            "Denise Lefèvre"
        ),
    )
    story.mail_out(
        day.at(start - 3, "11:20"),
        staff["marek.nowak"],
        f"RE: {subject}",
        (
            "Chère Denise,\n\n"
            "Selon les détails de votre compte, je suis désolé de vous informer que je ne vois "
            "aucune carte "
            "d'Europe active sur le compte par le passé. Par conséquent, je ne peux pas voir les "
            "détails de "
            "la carte d'Europe. Si la carte était préinstallée sur l'appareil, je vous prie de me "
            "fournir la "
            "photo de la boîte (face avant) afin que je puisse l'activer. Si vous avez acheté la "
            "carte "
            "d'Europe, veuillez me fournir la copie scannée du reçu d'achat.\n\n"
            "Marek Nowak\nAurelis Client Care"
        ),
    )
    story.mail_in(
        day.at(start - 5, "18:47"),
        f"RE: {subject}",
        (
            "Bonjour,\n\nVous trouverez ci-joint la facture de mon achat.\n\nDenise Lefèvre\n\n"
            "[pièce jointe : facture_cartes_europe.jpg]"
        ),
    )
    story.mail_out(
        day.at(start - 9, "10:05"),
        staff["dimitri.papadopoulos"],
        f"RE: {subject}",
        (
            "Chère Denise,\n\n"
            "Toutes nos excuses, mais il semble que la facture d'achat ne soit pas jointe dans le "
            "bon format, "
            "car je ne parviens pas à l'ouvrir. Je vous prie donc de m'envoyer la copie scannée du "
            "reçu "
            "d'achat au format PDF afin que je puisse la consulter et vous aider.\n\n"
            "Dimitri Papadopoulos\nAurelis Client Care"
        ),
    )
    story.mail_in(
        day.at(start - 30, "07:55"),
        f"RE: {subject}",
        (
            "Bonjour,\n\n"
            "Désolée pour ce délai, j'étais en voyage – sans mon GPS ! Comme demandé, voici la "
            "facture en "
            "PDF.\n\nDenise Lefèvre\n\n[pièce jointe : facture_cartes_europe.pdf]"
        ),
    )
    story.mail_out(
        day.at(start - 34, "15:40"),
        staff["sofia.marino"],
        f"RE: {subject}",
        (
            "Chère Denise,\n\n"
            "J'aurais besoin du reçu d'achat de la carte d'Europe qui a dû vous être remis lors de "
            "l'achat. "
            "Si vous ne trouvez pas le reçu, veuillez me fournir la photo de la boîte (face avant) "
            "afin de "
            "vérifier les détails de l'appareil.\n\n"
            "Sofia Marino\nAurelis Client Care"
        ),
    )
    story.mail_in(
        day.at(start - 45, "20:15"),
        f"RE: {subject}",
        (
            "Bonjour,\n\n"
            "Veuillez trouver ci-joint la facture des cartes Europe qui ont disparu de mon compte "
            "après les "
            "avoir remplacées par les cartes USA pour un voyage.\n\n"
            "Denise Lefèvre\n\n[pièce jointe : facture_ORD-2023-118342.pdf]"
        ),
    )
    story.mail_out(
        day.at(start - 51, "09:12"),
        staff["nadia.benali"],
        f"RE: {subject}",
        (
            "Chère Denise,\n\n"
            "Nous ne trouvons pas la facture de la carte dans les documents joints. Je vous prie "
            "de faire une "
            "capture d'écran de toute la facture, ou de la partie qui indique le numéro de "
            "commande, la date "
            "d'achat et le détail de l'achat.\n\n"
            "Nadia Benali\nAurelis Client Care"
        ),
    )
    story.mail_in(
        day.at(start - 60, "12:31"),
        f"RE: {subject}",
        (
            "C'est déjà ce que j'ai joint à mon précédent e-mail. Le revoici.\n\nDenise Lefèvre\n\n"
            "[pièce jointe : capture_facture.png]"
        ),
    )
    story.mail_out(
        day.at(start - 67, "16:02"),
        staff["kevin.schulz"],
        f"RE: {subject}",
        (
            "Chère Denise,\n\n"
            "La pièce jointe que vous nous envoyez est la capture d'écran de l'e-mail que vous "
            "avez reçu "
            "d'Aurelis. Je vous prie de nous envoyer la facture jointe à cet e-mail au format PDF. "
            "Téléchargez la facture sur votre ordinateur et joignez le fichier PDF à votre "
            "réponse.\n\n"
            "Kevin Schulz\nAurelis Client Care"
        ),
    )
    story.mail_in(
        day.at(start - 86, "22:48"),
        f"RE: {subject}",
        (
            "Aurelis cherche-t-elle simplement à irriter une cliente de longue date ?\n\n"
            "J'ai répondu à chacun de vos e-mails avec les informations demandées, et chaque fois "
            "vous "
            "revenez en demandant un autre format. Vous avez le numéro de commande "
            "(ORD-2023-118342), la "
            "date, l'article et le code des cartes que j'ai achetées directement chez vous en "
            "ligne : quelle "
            "différence fait le format du document ? C'est ainsi que la pièce jointe apparaît sur "
            "un Mac, ce "
            "que vous ignorez visiblement. Je vous la renvoie donc en PDF.\n\n"
            "Denise Lefèvre\n\n[pièce jointe : facture_ORD-2023-118342.pdf]"
        ),
    )
    story.mail_out(
        day.at(start - 89, "10:30"),
        staff["emma.dupont"],
        f"RE: {subject}",
        (
            "Chère Madame Lefèvre,\n\n"
            "Merci pour votre patience. Nous avons pu confirmer votre achat des cartes Europe "
            "(commande ORD-2023-118342) : elles sont de nouveau actives sur votre compte.\n\n"
            "Emma Dupont\nAurelis Client Care"
        ),
    )
    story.status(day.at(start - 89, "10:31"), staff["emma.dupont"], Case.Status.RESOLVED)
    return client


def _last_saturday(today: dt.date, *, at_least_days_ago: int) -> dt.date:
    day = today - dt.timedelta(days=at_least_days_ago)
    return day - dt.timedelta(days=(day.weekday() - 5) % 7)


def story_004_delivery(*, cast: Cast, today: dt.date) -> Client:
    """Steve's new car arrives at the dealership and nobody tells him; collection three weeks
    later."""
    london, james, daniel = cast.sites["london"], cast.staff["james"], cast.staff["daniel.price"]
    day = Day(today=today, tz="Europe/London")
    collection = (today - _last_saturday(today, at_least_days_ago=8)).days  # days ago, a Saturday
    arrival = collection + 24  # the Wednesday the car was due, and came
    order = arrival + 45

    client = client_create(
        actor=james,
        title="Mr",
        first_name="Steven",
        last_name="Marsh",
        address_as="Steve",
        email="steve.marsh@example.com",
        phone="+44 7700 900835",
        language="en",
        country="GB",
        tier="premium",
        site=london,
        advisor=james,
        client_since=day.at(order, "15:30"),
    )
    ordered_at = day.at(order, "15:45")
    car = product_add(
        actor=james,
        client=client,
        kind="car",
        brand="Aurelis",
        model="Veloce 4.0 Coupé",
        vin="WAR4VC40N5P031988",
        plate="LV25 HZM",
        purchase_date=day.date(order),
        price=Decimal("128500"),
        currency="GBP",
        selling_advisor=james,
        site=london,
        at=ordered_at,
    )
    starts = day.date(collection)
    _cover(
        product=car,
        kind="warranty",
        starts_on=starts,
        ends_on=_until(starts, 3),
        provider="Aurelis",
        reference="WTY-GB-031988",
        terms="Manufacturer's warranty, three years.",
        at=ordered_at,
        actor=james,
    )

    case = case_open(
        actor=james,
        client=client,
        product=car,
        category="delivery",
        channel="in_person",
        opened_at=ordered_at,
        summary="New Veloce 4.0 Coupé: order and delivery",
    )
    story = CaseStory(case=case, email="steve.marsh@example.com")
    due = day.date(arrival)
    story.note(
        day.at(order, "15:50"),
        james,
        f"Order signed. Factory slot confirmed: the car arrives here on {due:%A %d %B}, ready "
        "for collection a few days later. Told Steve.",
    )
    story.status(day.at(order, "15:51"), james, Case.Status.WAITING_PARTNER)
    story.note(
        day.at(arrival, "11:20"),
        daniel,
        "Transporter in from the factory: Veloce 4.0 Coupé, VIN WAR4VC40N5P031988. "
        "Parked in the workshop for the pre-delivery inspection.",
    )
    story.call(
        day.at(arrival - 2, "10:05"),
        james,
        minutes=4,
        summary=(
            "Steve called to ask where his car is: it was due on Wednesday.\n"
            "Nobody had told me it had arrived. Said I would check and come back to him."
        ),
    )
    story.status(day.at(arrival - 2, "10:06"), james, Case.Status.OPEN)
    story.call(
        day.at(arrival - 2, "16:40"),
        james,
        inbound=False,
        minutes=3,
        summary=(
            "Told Steve the car is here.\n"
            "Inspection and registration still to do; will come back to him with a collection date."
        ),
    )
    story.mail_in(
        day.at(arrival - 9, "08:14"),
        "Collection date?",
        (
            "Hi James,\n\nAny news on a collection date? The car has been with you for over a week "
            "now.\n\n"
            "Steve"
        ),
    )
    story.mail_out(
        day.at(arrival - 10, "17:55"),
        james,
        "Re: Collection date?",
        (
            "Hi Steve,\n\nRegistration has gone through and the plates are on order. I'll let you "
            "know.\n\n"
            "James"
        ),
    )
    story.mail_out(
        day.at(collection + 1, "17:40"),
        james,
        "Collection",
        (
            "Hi Steve,\n\n"
            "I just wanted to plan my weekend as I am only in on Saturday and have some "
            "appointments "
            "already. Would you be available at 9am to collect tomorrow? Please let me know.\n\n"
            "James"
        ),
    )
    story.mail_in(day.at(collection + 1, "19:02"), "Re: Collection", "9am then.\n\nSteve")
    story.note(day.at(collection, "09:40"), james, "Car handed over to Steve. Plate LV25 HZM.")
    # The odometer at the handover: the first reading the next service is estimated from.
    mileage_record(
        actor=james,
        product=car,
        km=24,
        read_on=day.date(collection),
        at=day.at(collection, "09:40"),
    )
    story.status(day.at(collection, "09:41"), james, Case.Status.RESOLVED)
    return client


STORIES = (
    story_000_flat_tyre,
    story_001_overheating,
    story_002_jeweller,
    story_003_lost_maps,
    story_004_delivery,
)


def stories_create(*, cast: Cast, today: dt.date) -> list[Client]:
    return [story(cast=cast, today=today) for story in STORIES]
