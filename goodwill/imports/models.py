"""What came in from another helpdesk, so that running its import again brings nothing twice."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

# A record's id once the person it is about was erased here (privacy.tables, `client_erase`).
ERASED = "erased-hmac:"
# What erasures wrote before their digest was keyed; still read, never written.
ERASED_UNKEYED = "erased-sha256:"
_SALT = "goodwill.imports.erased_foreign_id"


def erased_foreign_id(foreign_id: str, *, secret: str | None = None) -> str:
    """What an id of another system becomes when its person is erased: a keyed digest (HMAC
    with the installation's SECRET_KEY), so that the id (an address, a name, a number the other
    system knew them by) no longer reads and cannot be found again by hashing guesses, while a
    run of the same export still knows the record and brings nothing of them back (the loader
    asks for every form, `erased_forms`). Erasing twice changes nothing."""
    if foreign_id.startswith((ERASED, ERASED_UNKEYED)):
        return foreign_id
    digest = salted_hmac(_SALT, foreign_id, secret=secret, algorithm="sha256").hexdigest()
    return ERASED + digest


def erased_forms(foreign_id: str) -> list[str]:
    """Every form an erasure may have left of this id: keyed with the current SECRET_KEY, with
    the keys it replaced (SECRET_KEY_FALLBACKS, so a key rotation brings nobody back), and the
    plain SHA-256 of erasures made before the digest was keyed."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [
        *(erased_foreign_id(foreign_id, secret=key) for key in keys),
        ERASED_UNKEYED + hashlib.sha256(foreign_id.encode()).hexdigest(),
    ]


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
