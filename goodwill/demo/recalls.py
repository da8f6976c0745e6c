"""A small recall for /recalls/: the brand's list names five cars of generated clients and one
VIN nobody owns. Margaux launched it nine days ago, so each owner has their case with their
advisor and their e-mail (in their language, with the booking link) in the Outbox, and one car
has been fixed since. Story clients are left out: their stories stay as the seeds tell them."""

from __future__ import annotations

import datetime as dt
import io

from django.utils import timezone

from goodwill.clients.models import Product
from goodwill.demo.cast import Cast
from goodwill.recalls.models import CampaignVehicle
from goodwill.recalls.services import (
    campaign_create,
    campaign_import,
    campaign_launch,
    campaign_tell_due,
    vehicle_fixed,
)

UNKNOWN_VIN = "WAR0RC24000000001"


def recalls_create(*, cast: Cast, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    margaux = cast.staff["margaux"]
    launched = now - dt.timedelta(days=9)
    campaign = campaign_create(
        actor=margaux,
        code="RC-24-07",
        title="Passenger airbag inflator (2019–2022 builds)",
        words={
            "en": (
                "Safety recall: passenger airbag inflator",
                "On some cars built between 2019 and 2022 the passenger airbag inflator may "
                "not work as designed. We will replace it free of charge; it takes about an hour.",
            ),
            "de": (
                "Sicherheitsrückruf: Gasgenerator des Beifahrerairbags",
                "Bei einigen zwischen 2019 und 2022 gebauten Fahrzeugen arbeitet der "
                "Gasgenerator des Beifahrerairbags möglicherweise nicht wie vorgesehen. Wir "
                "ersetzen ihn kostenlos; das dauert etwa eine Stunde.",
            ),
            "fr": (
                "Rappel de sécurité : générateur de gaz de l'airbag passager",
                "Sur certains véhicules construits entre 2019 et 2022, le générateur de gaz de "
                "l'airbag passager peut ne pas fonctionner comme prévu. Nous le remplaçons "
                "gratuitement ; cela prend environ une heure.",
            ),
        },
        at=launched - dt.timedelta(hours=2),
    )
    # Generated clients' cars (an imported row's key), in a fixed order: the same five each load.
    vins = list(
        Product.objects.filter(kind="car", source_key__isnull=False)
        .exclude(vin="")
        .order_by("pk")
        .values_list("vin", flat=True)[:5]
    )
    lines = ["VIN;Model", *(f"{vin};GT" for vin in vins), f"{UNKNOWN_VIN};GT"]
    campaign_import(
        actor=margaux,
        campaign=campaign,
        stream=io.BytesIO("\r\n".join(lines).encode()),
        at=launched - dt.timedelta(hours=1),
    )
    campaign_launch(actor=margaux, campaign=campaign, at=launched)
    campaign_tell_due(campaign=campaign, at=launched)
    first = (
        CampaignVehicle.objects.filter(campaign=campaign, case__isnull=False)
        .select_related("campaign", "client", "case", "case__owner")
        .order_by("line")
        .first()
    )
    if first is not None and first.case is not None:
        vehicle_fixed(actor=first.case.owner, vehicle=first, at=now - dt.timedelta(days=2))
