"""The document vault: every file a client gave us, by any channel, stored once by content, its
type read from its bytes, its text read by the worker and its kind and facts recognised."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def documents_dir() -> Path:
    """DATA_DIR/documents: the bytes of every document, named by their sha256."""
    return Path(settings.DATA_DIR) / "documents"


class Document(models.Model):
    class Source(models.TextChoices):
        MAIL = "mail", _("E-mail")
        PORTAL = "portal", _("Client portal")
        STAFF = "staff", _("Staff upload")

    class Kind(models.TextChoices):
        # The values the checks know a request by (checks.rules.DOCUMENT_WORDS).
        UNKNOWN = "", _("Not recognised")
        PROOF_OF_PURCHASE = "proof_of_purchase", _("Invoice or proof of purchase")
        REGISTRATION = "registration", _("Registration")
        IDENTITY = "identity", _("Identity document")
        INSURANCE = "insurance", _("Insurance")
        PHOTO = "photo", _("Damage photo")
        QUOTE = "quote", _("Quote")
        WARRANTY_CARD = "warranty_card", _("Warranty card")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be read")
        READ = "read", _("Read")
        FAILED = "failed", _("Could not be read")

    class VirusScan(models.TextChoices):
        # documents.scan: what ClamAV said when the document was stored (GOODWILL_CLAMD).
        OFF = "off", _("Not scanned (no virus scanner configured)")
        CLEAN = "clean", _("Scanned, no virus found")
        # Only mail is kept when the scanner cannot be reached (the client cannot be asked to
        # send it again); a person uploading is asked to try again later.
        UNAVAILABLE = "unavailable", _("Not scanned: the virus scanner could not be reached")

    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="documents", db_index=False
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="documents"
    )
    product = models.ForeignKey(
        "clients.Product",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    sha256 = models.CharField(max_length=64)
    size = models.BigIntegerField()
    # Read from the bytes (filetype), never from the name or what the sender claimed.
    mime_type = models.CharField(max_length=127)
    filename = models.CharField(max_length=255)
    source = models.CharField(max_length=8, choices=Source.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, blank=True, default="")
    facts = models.JSONField(default=dict, blank=True)
    text = models.TextField(blank=True, default="")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    error = models.CharField(max_length=300, blank=True, default="")
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    # What the brand sent the client: listed and downloadable on their portal (documents/).
    shared_with_client = models.BooleanField(default=False)
    virus_scan = models.CharField(max_length=12, choices=VirusScan.choices, default=VirusScan.OFF)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # Stored once by content for each client: the same invoice sent three times is one
            # document (the bytes themselves are stored once whoever sent them).
            models.UniqueConstraint(fields=["client", "sha256"], name="document_unique_content"),
            models.CheckConstraint(
                condition=Q(source__in=["mail", "portal", "staff"]), name="document_source_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "read", "failed"]), name="document_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(
                    kind__in=[
                        "",
                        "proof_of_purchase",
                        "registration",
                        "identity",
                        "insurance",
                        "photo",
                        "quote",
                        "warranty_card",
                    ]
                ),
                name="document_kind_valid",
            ),
            models.CheckConstraint(condition=Q(size__gte=0), name="document_size_positive"),
            models.CheckConstraint(
                condition=Q(virus_scan__in=["off", "clean", "unavailable"]),
                name="document_virus_scan_valid",
            ),
        ]
        indexes = [
            # The client page's documents and the checks' "on file" (newest first).
            models.Index(fields=["client", "-created_at"], name="document_client"),
            # documents.sweeps.documents_unread: what the worker has not read yet.
            models.Index(
                fields=["created_at"],
                name="document_pending",
                condition=Q(status="pending"),
            ),
        ]

    def __str__(self) -> str:
        return self.filename

    @property
    def path(self) -> Path:
        return documents_dir() / self.sha256


class DocumentCode(models.Model):
    """The search index of the vault: every number, reference, VIN or serial read in a document,
    normalised as clients.normalize writes codes (upper case, no spaces or dashes). Written by
    documents.services.document_read, read by documents.selectors.document_search."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="codes")
    # Copies of the document's client and the client's site, so a dealer's search scans only its
    # own rows.
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    site = models.ForeignKey(
        "organisation.Site", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    value = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "value"], name="document_code_unique"),
        ]
        indexes = [
            models.Index(fields=["value"], name="document_code_value"),
            models.Index(fields=["site", "value"], name="document_code_site_value"),
        ]

    def __str__(self) -> str:
        return self.value


class DocumentWord(models.Model):
    """The vault's word index: every word of a document's text, folded as clients.normalize
    folds names (lower-case ASCII, "Navigationssystem" → "navigationssystem"), once per document.
    A table rather than PostgreSQL's full-text search so that the same indexed query (exact, or
    a prefix as a range) runs on SQLite and PostgreSQL alike. Written by
    documents.services.document_read, read by documents.selectors.document_search."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="words")
    # Copies of the document's client and the client's site, so a dealer's search scans only its
    # own rows (as DocumentCode).
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    site = models.ForeignKey(
        "organisation.Site", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    word = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "word"], name="document_word_unique"),
        ]
        indexes = [
            # document_search: everyone's rows for the care centre, a site's rows for a dealer.
            models.Index(fields=["word"], name="document_word_word"),
            models.Index(fields=["site", "word"], name="document_word_site_word"),
        ]

    def __str__(self) -> str:
        return self.word
