"""The demo's partners and service policy, and story 000 as Goodwill would run it today: Anna
sends Herr Tauber's Spider for a wheel check with a tow partner and a class-S replacement car
(the policy for a VIP with a €152,400 car); the rental desk accepts and gives its ETA through its
private link, and Herr Tauber is told in German without anyone typing it. The brand's goodwill
policy reimburses his taxi receipt, sent by e-mail, at once (taxi_receipt_reimburse).

Everything goes through the assistance services; the partner's steps go through the same
service its link calls. The partners' e-mails (with their links) are in the demo's Outbox."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from goodwill.assistance.models import ExpenseClaim, Partner
from goodwill.assistance.services import (
    expense_claim_add,
    goodwill_policy_set,
    partner_save,
    partner_task_request,
    partner_task_update,
    service_policy_set,
)
from goodwill.cases.models import Case
from goodwill.channels.email.models import InboundMessage
from goodwill.clients.models import Client
from goodwill.demo.cast import Cast

# (tier, from product value) -> (car, hotel, transport, nights)
POLICY = {
    ("vip", Decimal("100000")): ("S", "5", "chauffeur", 2),
    ("vip", Decimal("0")): ("E", "4", "taxi", 2),
    ("premium", Decimal("0")): ("E", "4", "taxi", 1),
    ("standard", Decimal("0")): ("C", "3", "public", 1),
}

# tier -> (reimbursed without asking, service credit, extra rental days, approval limits of the
# advisor, the site manager and the brand), in euros
GOODWILL = {
    "vip": ("300", "500", 2, "500", "2500", "10000"),
    "premium": ("150", "250", 1, "300", "1500", "5000"),
    "standard": ("50", "0", 0, "100", "500", "2000"),
}


def _partners(cast: Cast) -> dict[str, Partner]:
    margaux, munich = cast.staff["margaux"], cast.sites["munich"]
    specs: dict[str, dict[str, Any]] = {
        "tow": {
            "name": "Abschleppdienst Huber",
            "kind": "tow",
            "site": munich,
            "region": "Oberbayern",
            "contact_name": "Sepp Huber",
            "email": "dispo@huber-abschlepp.example",
            "phone": "+49 89 4521 3300",
            "languages": ["de", "en"],
            "hours": "24/7",
            "accept_minutes": 15,
            "arrive_minutes": 60,
        },
        "rental": {
            "name": "Prestige Mobility München",
            "kind": "rental",
            "site": munich,
            "region": "Bayern",
            "contact_name": "Leonie Brandt",
            "email": "desk@prestige-mobility.example",
            "phone": "+49 89 3090 7700",
            "languages": ["de", "en"],
            "hours": "Mo–Sa 7–22",
            "classes": ["E", "S"],
            "accept_minutes": 30,
            "arrive_minutes": 90,
        },
        "hotel": {
            "name": "Grand Hotel Timeo",
            "kind": "hotel",
            "region": "Sicilia",
            "contact_name": "Reception",
            "email": "reception@grandhoteltimeo.example",
            "phone": "+39 0942 627 0200",
            "languages": ["it", "en"],
            "hours": "24/7",
            "classes": ["5"],
            "accept_minutes": 30,
            "arrive_minutes": 120,
        },
        "sicily_tow": {
            "name": "Soccorso Stradale Etna",
            "kind": "tow",
            "region": "Sicilia",
            "email": "centrale@soccorsoetna.example",
            "phone": "+39 095 716 2200",
            "languages": ["it"],
            "hours": "24/7",
            "accept_minutes": 15,
            "arrive_minutes": 75,
        },
        "chauffeur": {
            "name": "Riviera Chauffeurs",
            "kind": "taxi",
            "region": "Sicilia",
            "email": "booking@rivierachauffeurs.example",
            "languages": ["it", "en", "de"],
            "hours": "24/7",
            "classes": ["taxi", "chauffeur"],
            "accept_minutes": 20,
            "arrive_minutes": 45,
        },
        "warranty": {
            "name": "Aurelis Warranty Services",
            "kind": "warranty",
            "region": "Europe",
            "email": "claims@aurelis-warranty.example",
            "languages": ["en", "de", "fr", "it"],
            "hours": "Mon–Fri 8–18",
            "accept_minutes": 240,
            "arrive_minutes": 2880,
        },
    }
    return {key: partner_save(actor=margaux, **spec) for key, spec in specs.items()}


def assistance_create(*, cast: Cast, tauber: Client, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    margaux, anna = cast.staff["margaux"], cast.staff["anna"]
    for (tier, value), (car, hotel, transport, nights) in POLICY.items():
        service_policy_set(
            actor=margaux,
            tier=tier,
            min_value=value,
            car_class=car,
            hotel_class=hotel,
            transport_class=transport,
            nights=nights,
        )
    for tier, (limit, credit, days, advisor, manager, brand) in GOODWILL.items():
        goodwill_policy_set(
            actor=margaux,
            tier=tier,
            reimburse_limit=Decimal(limit),
            service_credit=Decimal(credit),
            extra_rental_days=days,
            advisor_limit=Decimal(advisor),
            manager_limit=Decimal(manager),
            brand_limit=Decimal(brand),
        )
    partners = _partners(cast)
    case = (
        Case.objects.filter(client=tauber, status__in=Case.OPEN_STATUSES)
        .select_related("client", "product", "site", "owner")
        .order_by("-opened_at")
        .first()
    )
    if case is None:
        return
    asked = now - dt.timedelta(minutes=50)
    replacement = partner_task_request(
        actor=anna,
        case=case,
        partner=partners["rental"],
        title="Ersatzwagen Klasse S während der Radprüfung",
        details="Übergabe bei Herrn Tauber zu Hause, Maximilianstraße 12, München.",
        service_class="S",
        at=asked,
    )
    partner_task_update(task=replacement, status="accepted", at=asked + dt.timedelta(minutes=12))
    partner_task_update(
        task=replacement,
        status="on_the_way",
        eta=now + dt.timedelta(minutes=25),
        note="Fahrer: Herr Öztürk, schwarzer Veloce GT",
        at=now - dt.timedelta(minutes=5),
    )
    # The brand's apology for the hotel he was put in that night: two nights for the Taubers at a
    # five-star hotel in Taormina, the class and nights the VIP policy gives (none named here),
    # confirmed by the hotel through its link.
    stay = partner_task_request(
        actor=anna,
        case=case,
        partner=partners["hotel"],
        title="Zwei Nächte für Herrn und Frau Tauber, mit den Empfehlungen von Aurelis",
        details="Anreise am Freitag; Suite mit Meerblick, Transfer vom Flughafen Catania.",
        at=asked - dt.timedelta(minutes=30),
    )
    partner_task_update(task=stay, status="accepted", at=asked - dt.timedelta(minutes=10))
    # Not accepted yet: the link is in the Outbox; ten minutes after the load, the sweep alerts
    # Anna that nobody has accepted it.
    partner_task_request(
        actor=anna,
        case=case,
        partner=partners["tow"],
        title="Spider zur Rad- und Reifenprüfung in die Werkstatt bringen",
        details="Abholung bei Herrn Tauber, Maximilianstraße 12, München.",
        at=now - dt.timedelta(minutes=5),
    )


def taxi_receipt_reimburse(*, cast: Cast, inbound: InboundMessage) -> ExpenseClaim | None:
    """Herr Tauber's taxi receipt, come by e-mail on his open case: Anna claims it with the
    attachment as its receipt, within the VIP goodwill policy, so it is approved at once and he
    is told in German."""
    attachment = inbound.attachments.order_by("position").first()
    if inbound.case is None or attachment is None:
        return None
    return expense_claim_add(
        actor=cast.staff["anna"],
        case=inbound.case,
        what=ExpenseClaim.What.TAXI,
        description="Taxi Taormina – Catania",
        amount=Decimal("86.50"),
        currency="EUR",
        receipt_attachment_id=attachment.pk,
        receipt_name=attachment.filename,
        at=inbound.received_at + dt.timedelta(minutes=10),
    )
