"""The client book: clients, how to reach them, what they own and what covers it."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _

from goodwill.clients.normalize import display_name
from goodwill.organisation.models import Site


class Tier(models.TextChoices):
    STANDARD = "standard", _("Standard")
    PREMIUM = "premium", _("Premium")
    VIP = "vip", _("VIP")


# The channels a client can stop texts on (Client.sms_stopped_at, Client.whatsapp_stopped_at).
TEXT_CHANNELS = ("sms", "whatsapp")


def client_changed_at() -> Greatest:
    """When a client last changed, for a sync (/api/v1/clients): the latest of their last
    activity (else since they became a client) and of an import writing them. Never null (both
    sides fall back on client_since), so SQLite's max() and PostgreSQL's GREATEST agree."""
    return Greatest(
        Coalesce("last_activity_at", "client_since"),
        Coalesce("imported_at", "client_since"),
        output_field=models.DateTimeField(),
    )


class Client(models.Model):
    class Channel(models.TextChoices):
        """How the client prefers to hear from us (set by them on the portal, or by staff)."""

        EMAIL = "email", _("E-mail")
        PHONE = "phone", _("Phone")

    ref = models.CharField(max_length=32, unique=True)
    title = models.CharField(max_length=40, blank=True, help_text=_("Mr, Mrs, Dr, Count…"))
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100)
    # How the client likes to be addressed, e.g. "Herr Dr. Tanner" or "Marie".
    address_as = models.CharField(max_length=150, blank=True)
    language = models.CharField(max_length=8, default="en")
    country = models.CharField(max_length=2, blank=True)
    tier = models.CharField(max_length=10, choices=Tier.choices, default=Tier.STANDARD)
    # A tier set by hand stays; otherwise it follows the value of what the client owns (care app).
    tier_set_by_hand = models.BooleanField(default=False, db_default=False)
    # The language the client actually writes in, learned from their messages ("writes in Dutch").
    writes_in = models.CharField(max_length=8, blank=True, db_default="")
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="clients")
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clients",
    )
    backup_advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="backup_clients",
    )
    verified = models.BooleanField(default=True)
    client_since = models.DateTimeField()
    last_activity_at = models.DateTimeField(null=True, blank=True)
    # When an import (moving in, the data set) last wrote this client or their history. Their
    # history keeps its own times, so last_activity_at may stay years back: this is what tells
    # an API sync asking "changed since my last run" that they came in (`client_changed_at`).
    imported_at = models.DateTimeField(null=True, blank=True)
    preferred_channel = models.CharField(
        max_length=8, choices=Channel.choices, default=Channel.EMAIL, db_default=Channel.EMAIL
    )
    # Marketing only with the client's own yes, and when they gave or withdrew it.
    marketing_consent = models.BooleanField(default=False, db_default=False)
    marketing_consent_at = models.DateTimeField(null=True, blank=True)
    # The client texted an opt-out word (STOP, ARRÊT…) on that channel, and when: no text goes to
    # them there until they text an opt-in word (START…). Set only by client_texts_stop; the
    # outbox refuses a text to them when it would leave (outbox.services.text_refusal).
    sms_stopped_at = models.DateTimeField(
        _("No more SMS (the client's STOP)"), null=True, blank=True
    )
    whatsapp_stopped_at = models.DateTimeField(
        _("No more WhatsApp messages (the client's STOP)"), null=True, blank=True
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(preferred_channel__in=["email", "phone"]),
                name="client_preferred_channel_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(tier__in=["standard", "premium", "vip"]),
                name="client_tier_valid",
            ),
        ]
        indexes = [
            # The advisor's home page: "my clients' latest activity".
            models.Index(fields=["advisor", "-last_activity_at"], name="client_advisor_activity"),
            # /api/v1/clients: cursor paging by change time, (changed_at, id) as
            # integrations.selectors.api_clients orders it; the expression must stay the same.
            models.Index(client_changed_at(), "id", name="client_changed_at_id"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return display_name(self.first_name, self.last_name)

    def texts_stopped_at(self, channel: str) -> dt.datetime | None:
        """When the client asked for no more texts on `channel` ("sms", "whatsapp"), else None."""
        if channel not in TEXT_CHANNELS:
            return None
        stopped: dt.datetime | None = getattr(self, f"{channel}_stopped_at")
        return stopped

    @property
    def greeting_name(self) -> str:
        if self.address_as:
            return self.address_as
        last = self.last_name
        # Dutch writes the particle with a capital when no given name comes before it:
        # "Pieter de Vries", but "Geachte heer De Vries".
        if self.language == "nl" and last[:1].islower():
            last = last[:1].upper() + last[1:]
        return " ".join(p for p in (self.title, last) if p)


class ContactPoint(models.Model):
    class Kind(models.TextChoices):
        EMAIL = "email", _("E-mail")
        PHONE = "phone", _("Phone")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="contact_points")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    value = models.CharField(max_length=254, help_text=_("As the client gave it"))
    # E.164 for phones, lower case for e-mail: what search and uniqueness compare.
    normalized = models.CharField(max_length=254)
    label = models.CharField(max_length=40, blank=True)
    is_primary = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_primary", "kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["email", "phone"]), name="contact_kind_valid"
            ),
            # One e-mail address belongs to one client, or mail could land on the wrong story.
            models.UniqueConstraint(
                fields=["normalized"], condition=models.Q(kind="email"), name="contact_email_unique"
            ),
            models.UniqueConstraint(
                fields=["client", "kind", "normalized"], name="contact_unique_per_client"
            ),
        ]

    def __str__(self) -> str:
        return self.value


class Product(models.Model):
    class Kind(models.TextChoices):
        CAR = "car", _("Car")
        WATCH = "watch", _("Watch")
        JEWEL = "jewel", _("Jewellery")
        DEVICE = "device", _("Device")

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="products")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    brand = models.CharField(max_length=100)
    model = models.CharField(max_length=150)
    serial = models.CharField(max_length=64, blank=True)
    vin = models.CharField(max_length=17, blank=True)
    plate = models.CharField(max_length=20, blank=True)
    purchase_date = models.DateField(null=True, blank=True)
    # Handed over to the client (a car delivered): its order journey starts there, not at
    # "ordered" (journeys.services.journey_start_for_product).
    delivered_on = models.DateField(_("Delivered on"), null=True, blank=True)
    # The latest mileage reading (km) and the day it was read; the readings are MileageReading.
    mileage_km = models.PositiveIntegerField(_("Mileage (km)"), null=True, blank=True)
    mileage_read_on = models.DateField(null=True, blank=True)
    price = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    selling_advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Key of the row in an imported file, so that a second import changes nothing.
    source_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-purchase_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["car", "watch", "jewel", "device"]),
                name="product_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(price__gte=0) | models.Q(price__isnull=True),
                name="product_price_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(mileage_km__gte=0) | models.Q(mileage_km__isnull=True),
                name="product_mileage_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(mileage_km__isnull=True, mileage_read_on__isnull=True)
                | models.Q(mileage_km__isnull=False, mileage_read_on__isnull=False),
                name="product_mileage_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.brand} {self.model}"

    @property
    def identifier(self) -> str:
        return self.plate or self.vin or self.serial


class MileageReading(models.Model):
    """A product's odometer as read on a day, by staff or by the client in the portal: the
    readings' rate estimates when a service falls due (journeys). Written only by
    clients.services.mileage_record."""

    class Source(models.TextChoices):
        STAFF = "staff", _("Staff")
        CLIENT = "client", _("The client")

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="mileage_readings")
    km = models.PositiveIntegerField()
    read_on = models.DateField()
    source = models.CharField(max_length=6, choices=Source.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["product", "read_on", "km"]
        constraints = [
            models.CheckConstraint(condition=models.Q(km__gte=0), name="mileage_not_negative"),
            models.CheckConstraint(
                condition=models.Q(source__in=["staff", "client"]), name="mileage_source_valid"
            ),
        ]
        indexes = [models.Index(fields=["product", "read_on"], name="mileage_product")]

    def __str__(self) -> str:
        return f"{self.product_id}: {self.km} km on {self.read_on}"


class Cover(models.Model):
    class Kind(models.TextChoices):
        WARRANTY = "warranty", _("Warranty")
        EXTENDED_WARRANTY = "extended_warranty", _("Extended warranty")
        INSURANCE = "insurance", _("Insurance")
        ASSISTANCE = "assistance", _("Assistance")

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="covers")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    provider = models.CharField(max_length=150, blank=True)
    reference = models.CharField(max_length=64, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    terms = models.TextField(blank=True)

    class Meta:
        ordering = ["ends_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=["warranty", "extended_warranty", "insurance", "assistance"]
                ),
                name="cover_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="cover_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_on}–{self.ends_on}"

    def is_active_on(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on


class Identifier(models.Model):
    """The search index: every way a client can be named, normalised, pointing at the client.

    Written only by clients.services (identifiers_index, identifier_add_case) and the import's bulk
    path, both from clients.rules; read by clients.selectors.client_search.
    """

    class Kind(models.TextChoices):
        NAME = "name", _("Name")
        EMAIL = "email", _("E-mail")
        PHONE = "phone", _("Phone")
        PLATE = "plate", _("Number plate")
        VIN = "vin", _("VIN")
        SERIAL = "serial", _("Serial number")
        CASE = "case", _("Case reference")
        CLIENT = "client", _("Client reference")

    # Both keys are served by identifier_unique and identifier_site_value.
    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="identifiers", db_index=False
    )
    # A copy of the client's site, so a dealer's search scans only its own rows.
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+", db_index=False)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    value = models.CharField(max_length=254)
    display = models.CharField(
        max_length=254, help_text=_("The identifier as it is usually written")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "kind", "value"], name="identifier_unique"),
        ]
        indexes = [
            # client_search: exact and prefix (range) lookups on the normalised value.
            models.Index(fields=["value", "kind"], name="identifier_value"),
            models.Index(fields=["site", "value"], name="identifier_site_value"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


class ReferenceCounter(models.Model):
    """The last number handed out per series ("client", "case-2026"), so that the short references
    people quote back never collide. Read by clients.services.reference_next only."""

    series = models.CharField(max_length=32, primary_key=True)
    last = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.series}: {self.last}"
