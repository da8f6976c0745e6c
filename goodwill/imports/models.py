"""What came in from another helpdesk, so that running its import again brings nothing twice."""

from __future__ import annotations

import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _

# A record's id once the person it is about was erased here (privacy.tables, `client_erase`).
ERASED = "erased-sha256:"


def erased_foreign_id(foreign_id: str) -> str:
    """What an id of another system becomes when its person is erased: its SHA-256, so that the
    id (an address, a name, a number the other system knew them by) no longer reads, while a
    run of the same export again still knows the record and brings nothing of them back (the
    loader asks for both forms, `moving_in._Loader._known`). Erasing twice changes nothing."""
    if foreign_id.startswith(ERASED):
        return foreign_id
    return ERASED + hashlib.sha256(foreign_id.encode()).hexdigest()


class ImportedRecord(models.Model):
    """One record of another system (its client, product, ticket or message, by that system's
    id) and the row it became here. The unique constraint is what makes a re-run, or two runs at
    once, import nothing twice."""

    class Source(models.TextChoices):
        ZENDESK = "zendesk", "Zendesk"
        ZAMMAD = "zammad", "Zammad"
        DJANGO_HELPDESK = "django-helpdesk", "django-helpdesk"
        CSV = "csv", _("CSV files")

    class Kind(models.TextChoices):
        CLIENT = "client", _("Client")
        PRODUCT = "product", _("Product")
        CASE = "case", _("Case")
        MESSAGE = "message", _("Message")

    source = models.CharField(max_length=20, choices=Source.choices)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    foreign_id = models.CharField(max_length=255)
    # The client, product or case row, or the timeline entry of a message.
    object_id = models.BigIntegerField()
    imported_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "foreign_id"], name="imported_record_once"
            ),
            models.CheckConstraint(
                condition=models.Q(source__in=["zendesk", "zammad", "django-helpdesk", "csv"]),
                name="imported_record_source_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["client", "product", "case", "message"]),
                name="imported_record_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.kind} {self.foreign_id}"
