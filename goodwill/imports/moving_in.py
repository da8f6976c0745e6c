"""Moving in from another helpdesk: one loader for what every reader (imports/readers/) found.

The records go through the rules live contacts go through, never around them:

- **Which client.** Someone already here by an e-mail address or phone number of theirs is that
  client (intake.services.intake_thread, as a message from that address would find them);
  anyone else becomes a new unverified client at the site given (else the care centre), with
  the least busy carer there as advisor, as the intake does with an unknown sender.
- **Who owns a case.** The staff member it was assigned to, matched by e-mail address, when
  they are active and may serve the client's site; else the intake's rule
  (intake.services.case_owner): the client's advisor or whoever covers for them, else the least
  busy carer.
- **What is recorded.** Each message on the client's timeline at its own time, on its case:
  the client's as a message in, ours as a message out, an internal note as a note (never shown
  to the client). Attachments go into the document vault (documents.services.document_store:
  once by content, the type read from the bytes); one it does not take is named on the message
  with why.

Imported cases are history (cases.services.case_record_imported): nobody is told, no
acknowledgement goes out, no service clock starts. Every record is keyed by (source, its id
there) in ImportedRecord, whose unique constraint makes a second run import nothing twice; a
ticket that gained messages since comes back with only those. One transaction per client and
per case: a record refused (a bad address, nobody to own it) is reported with its reason and
the rest come in. A dry run reads and decides the same and writes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from goodwill.cases.models import Case
from goodwill.cases.services import case_record_imported, owner_least_busy
from goodwill.clients import normalize, rules
from goodwill.clients.models import Client, Product
from goodwill.clients.selectors import client_email
from goodwill.clients.services import can_serve, client_create, product_add
from goodwill.documents import reading
from goodwill.documents.models import Document
from goodwill.documents.services import document_size_check, document_store
from goodwill.imports.models import ERASED, ERASED_UNKEYED, ImportedRecord, erased_forms
from goodwill.imports.records import (
    AttachmentRecord,
    CaseRecord,
    ClientRecord,
    Export,
    MessageRecord,
    Problem,
    ProductRecord,
)
from goodwill.intake.services import Inbound, NoOwner, care_centre, case_owner, intake_thread
from goodwill.languages import client_language, client_languages
from goodwill.organisation.models import Site, User
from goodwill.text import one_line
from goodwill.timeline import services as timeline
from goodwill.timeline.models import Entry

log = logging.getLogger("goodwill.imports")

KINDS = ("clients", "products", "cases", "messages", "attachments")
# A run over a broken export must not fill memory with its problems: the rest are only counted.
PROBLEMS_KEPT = 1000


class LoadError(Exception):
    """The import cannot start (no site to receive the clients); the message says why."""


@dataclasses.dataclass
class Tally:
    new: int = 0
    already: int = 0  # imported by an earlier run
    matched: int = 0  # clients: someone already here by an address or number of theirs
    refused: int = 0


@dataclasses.dataclass
class LoadReport:
    source: str
    dry_run: bool
    tallies: dict[str, Tally] = dataclasses.field(
        default_factory=lambda: {kind: Tally() for kind in KINDS}
    )
    unreadable: int = 0  # records the reader could not read
    problems: list[Problem] = dataclasses.field(default_factory=list)
    problem_count: int = 0

    def refuse(self, kind: str, where: str, reason: str) -> None:
        if kind in self.tallies:
            self.tallies[kind].refused += 1
        self.note(where, reason)

    def note(self, where: str, reason: str) -> None:
        self.problem_count += 1
        if len(self.problems) < PROBLEMS_KEPT:
            self.problems.append(Problem(where=where, reason=reason))


class _Refused(Exception):
    """A record the loader refuses; the message is the reason."""


def _source_key(source: str, *parts: str) -> str:
    # The timeline's and cases' source_key hold 64 characters: a digest fits any foreign id.
    return "mi:" + hashlib.sha256("\x1f".join((source, *parts)).encode()).hexdigest()[:61]


def _reasons(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(str(m) for m in messages)}"
            for field, messages in error.message_dict.items()
        )
    return " ".join(str(m) for m in error.messages)


class _Loader:
    def __init__(
        self,
        *,
        export: Export,
        site: Site,
        dry_run: bool,
        progress: Callable[[str], None] | None,
        every: int,
    ) -> None:
        self.export = export
        self.source = export.source
        self.site = site
        self.dry_run = dry_run
        self.progress = progress
        self.every = max(every, 1)
        self.report = LoadReport(source=export.source, dry_run=dry_run)
        self.now = timezone.now()
        # What earlier runs brought in: (kind, foreign id) → row id.
        self.ledger: dict[tuple[str, str], int] = {
            (kind, foreign_id): object_id
            for kind, foreign_id, object_id in ImportedRecord.objects.filter(source=self.source)
            .exclude(kind=ImportedRecord.Kind.MESSAGE)
            .values_list("kind", "foreign_id", "object_id")
        }
        # Client foreign ids whose person was erased here: nothing of theirs comes back.
        self.erased_clients: set[str] = set()
        # The messages of a ticket imported before, read per ticket (they are the bulk).
        self.messages_known: set[str] = set()
        # Client foreign id → client pk (None in a dry run for a client it would create).
        self.clients: dict[str, int | None] = {}
        self.products: dict[str, int | None] = {}
        self.pending: dict[tuple[str, str], int] = {}
        self.staff = {
            user.email.strip().lower(): user
            for user in User.objects.filter(is_active=True).exclude(email="").select_related("site")
        }
        self.first_contact: dict[str, dt.datetime] = {}
        for case in export.cases:
            seen = self.first_contact.get(case.client_id)
            if seen is None or case.opened_at < seen:
                self.first_contact[case.client_id] = case.opened_at

    def _known(self, kind: str, foreign_id: str) -> tuple[int | None, bool]:
        """The row an earlier run made of this record, and whether its person was erased here
        since (the erasure keeps the record under its id's keyed digest, `erased_forms`)."""
        known = self.ledger.get((kind, foreign_id))
        if known is not None:
            return known, foreign_id.startswith((ERASED, ERASED_UNKEYED))
        for form in erased_forms(foreign_id):
            known = self.ledger.get((kind, form))
            if known is not None:
                return known, True
        return None, False

    def _remember(self, kind: str, foreign_id: str, object_id: int) -> None:
        ImportedRecord.objects.create(
            source=self.source,
            kind=kind,
            foreign_id=foreign_id,
            object_id=object_id,
            imported_at=self.now,
        )
        # Known to the rest of the run only once its transaction commits (_settle).
        self.pending[(kind, foreign_id)] = object_id

    def _settle(self, *, committed: bool) -> None:
        if committed:
            self.ledger.update(self.pending)
        self.pending = {}

    # --- clients ---------------------------------------------------------------------------

    def clients_load(self) -> None:
        tally = self.report.tallies["clients"]
        total = len(self.export.clients)
        for done, record in enumerate(self.export.clients, start=1):
            if self.progress is not None and done > 1 and (done - 1) % self.every == 0:
                self.progress(
                    f"{done - 1}/{total} clients: {tally.new} new, {tally.matched} found here "
                    f"already, {tally.already} imported before, {tally.refused} refused"
                )
            where = f"client {record.foreign_id}"
            known, erased = self._known("client", record.foreign_id)
            if known is not None:
                tally.already += 1
                self.clients[record.foreign_id] = known
                if erased:
                    self.erased_clients.add(record.foreign_id)
                continue
            try:
                email, phone = self._contact(record)
                found = self._find(email, phone)
                if found is not None:
                    tally.matched += 1
                    self.clients[record.foreign_id] = found.pk
                    if not self.dry_run:
                        with transaction.atomic():
                            self._remember("client", record.foreign_id, found.pk)
                            _imported(found.pk)
                        self._settle(committed=True)
                    continue
                if self.dry_run:
                    tally.new += 1
                    self.clients[record.foreign_id] = None
                    continue
                with transaction.atomic():
                    client = self._create(record, email, phone)
                    self._remember("client", record.foreign_id, client.pk)
                    _imported(client.pk)
                self._settle(committed=True)
                tally.new += 1
                self.clients[record.foreign_id] = client.pk
            except _Refused as error:
                self.report.refuse("clients", where, str(error))
            except ValidationError as error:
                self.report.refuse("clients", where, _reasons(error))
            except IntegrityError:
                tally.already += 1  # another run brought them in just now
            except DatabaseError as error:
                self.report.refuse("clients", where, f"the database refused it: {error}")
            finally:
                self._settle(committed=False)

    def _contact(self, record: ClientRecord) -> tuple[str, str]:
        email = phone = ""
        if record.email:
            try:
                email = normalize.email_normalized(record.email)
            except ValidationError:
                self.report.note(
                    f"client {record.foreign_id}",
                    f"the e-mail address {record.email!r:.60} is not one: left out",
                )
        if record.phone:
            try:
                phone = normalize.phone_e164(record.phone, self.site.country)
            except ValidationError:
                self.report.note(
                    f"client {record.foreign_id}",
                    f"the phone number {record.phone!r:.40} is not one: left out",
                )
        if not email and not phone:
            raise _Refused("no e-mail address or phone number to know the client by")
        return email, phone

    def _find(self, email: str, phone: str) -> Client | None:
        """The client a message from this address (else a call from this number) would reach."""
        for channel, address, number in (("email", email, ""), ("phone", "", phone)):
            if address or number:
                thread = intake_thread(
                    inbound=Inbound(channel=channel, at=self.now, address=address, phone=number)
                )
                if thread.sender is not None:
                    return thread.sender
        return None

    def _create(self, record: ClientRecord, email: str, phone: str) -> Client:
        first, last = record.first_name.strip(), record.last_name.strip()
        if not first and not last:
            name = one_line(record.name.replace('"', ""))
            first, last = rules.name_split(name) if name.split() else ("", "")
        if not last:
            last, first = first or (email.split("@", 1)[0] if email else phone), ""
        language = client_language(record.language)
        if language not in client_languages():
            language = (self.site.languages or ["en"])[0]
        return client_create(
            actor=None,
            first_name=one_line(first)[:100],
            last_name=one_line(last)[:100],
            site=self.site,
            email=email,
            phone=phone,
            language=language,
            advisor=owner_least_busy(site=self.site),
            verified=False,
            client_since=self.first_contact.get(record.foreign_id, self.now),
        )

    def _client(self, foreign_id: str) -> Client | None:
        """The client a record names: None in a dry run for one it would create; _Refused when
        the export has no such client, or it was refused, or they were erased here."""
        if foreign_id in self.erased_clients:
            raise _Refused(f"its client {foreign_id} was erased here: nothing of theirs comes back")
        if foreign_id in self.clients:
            pk = self.clients[foreign_id]
            return (
                None if pk is None else Client.objects.select_related("site", "advisor").get(pk=pk)
            )
        known, erased = self._known("client", foreign_id)
        if erased:
            self.erased_clients.add(foreign_id)
            raise _Refused(f"its client {foreign_id} was erased here: nothing of theirs comes back")
        if known is not None:
            self.clients[foreign_id] = known
            return Client.objects.select_related("site", "advisor").get(pk=known)
        raise _Refused(f"its client {foreign_id} is not in the export, or was refused")

    # --- products --------------------------------------------------------------------------

    def products_load(self) -> None:
        tally = self.report.tallies["products"]
        for record in self.export.products:
            where = f"product {record.foreign_id}"
            known, _erased = self._known("product", record.foreign_id)
            if known is not None:
                tally.already += 1
                self.products[record.foreign_id] = known
                continue
            try:
                client = self._client(record.client_id)
                if client is None or self.dry_run:
                    # A dry run writes nothing, even for a client already here: it counts.
                    tally.new += 1
                    self.products[record.foreign_id] = None
                    continue
                with transaction.atomic():
                    product = self._product(record, client)
                    self._remember("product", record.foreign_id, product.pk)
                    _imported(client.pk)
                self._settle(committed=True)
                tally.new += 1
                self.products[record.foreign_id] = product.pk
            except _Refused as error:
                self.report.refuse("products", where, str(error))
            except ValidationError as error:
                self.report.refuse("products", where, _reasons(error))
            except IntegrityError:
                tally.already += 1
            finally:
                self._settle(committed=False)

    def _product(self, record: ProductRecord, client: Client) -> Product:
        return product_add(
            actor=None,
            client=client,
            kind=record.kind,
            brand=record.brand[:100],
            model=record.model[:100],
            serial=record.serial,
            vin=record.vin,
            plate=record.plate,
            purchase_date=record.purchase_date,
            delivered_on=record.delivered_on,
        )

    # --- cases and their conversations -----------------------------------------------------

    def cases_load(self) -> None:
        tally = self.report.tallies["cases"]
        total = len(self.export.cases)
        for done, record in enumerate(self.export.cases, start=1):
            where = f"ticket {record.foreign_id}"
            try:
                if self.dry_run:
                    self._case_dry(record)
                else:
                    with transaction.atomic():
                        self._case(record)
                    self._settle(committed=True)
            except _Refused as error:
                self.report.refuse("cases", where, str(error))
            except NoOwner as error:
                self.report.refuse("cases", where, f"nobody can own it: {error}")
            except ValidationError as error:
                self.report.refuse("cases", where, _reasons(error))
            except IntegrityError:
                tally.already += 1  # another run brought it in just now
            except ObjectDoesNotExist:
                self.report.refuse("cases", where, "imported before, but no longer here")
            except DatabaseError as error:
                self.report.refuse("cases", where, f"the database refused it: {error}")
            except Exception as error:
                # A record nobody foresaw must not stop the move: refused, the trace in the log.
                log.exception("moving in: %s refused", where)
                self.report.refuse("cases", where, f"unexpected {type(error).__name__}: {error}")
            finally:
                self._settle(committed=False)
            if self.progress is not None and (done % self.every == 0 or done == total):
                self.progress(self._progress_line(done, total))

    def _progress_line(self, done: int, total: int) -> str:
        cases, messages = self.report.tallies["cases"], self.report.tallies["messages"]
        return (
            f"{done}/{total} tickets: {cases.new} new, {cases.already} already imported, "
            f"{cases.refused} refused; {messages.new} messages"
        )

    def _messages_known(self, record: CaseRecord, known: int | None) -> None:
        """Read which of a ticket's messages came in before (none when the ticket did not): the
        source keys on its case's entries, one query on the entries' case index."""
        self.messages_known = set()
        if known is not None:
            self.messages_known = {
                key
                for key in Entry.objects.filter(
                    case_id=known, source_key__isnull=False
                ).values_list("source_key", flat=True)
                if key
            }

    def _case_dry(self, record: CaseRecord) -> None:
        tally = self.report.tallies["cases"]
        known, erased = self._known("case", record.foreign_id)
        if erased:
            tally.already += 1  # its person was erased here: none of its messages comes back
            return
        self._messages_known(record, known)
        if known is None:
            self._client(record.client_id)
            if not record.messages:
                raise _Refused("it has no message")
            tally.new += 1
        else:
            tally.already += 1
        for message in record.messages:
            self._message_counted(record, message)

    def _message_counted(self, record: CaseRecord, message: MessageRecord) -> bool:
        """Count a message (new or already); True when it is new."""
        key = _source_key(self.source, "message", record.foreign_id, message.foreign_id)
        if key in self.messages_known:
            self.report.tallies["messages"].already += 1
            return False
        self.report.tallies["messages"].new += 1
        for item in message.attachments:
            if item.missing:
                self.report.refuse(
                    "attachments",
                    f"ticket {record.foreign_id}, message {message.foreign_id}",
                    f"{item.name}: {item.missing}",
                )
            elif self.dry_run:
                reason = self._unkept(item)
                if reason:
                    self.report.refuse(
                        "attachments",
                        f"ticket {record.foreign_id}, message {message.foreign_id}",
                        f"{item.name}: {reason}",
                    )
                else:
                    self.report.tallies["attachments"].new += 1
        return True

    def _unkept(self, item: AttachmentRecord) -> str:
        """Why the vault would not keep this file (its size, its type), for a dry run; "" if it
        would (its virus scan aside, which needs the file stored)."""
        try:
            if item.path is not None:
                document_size_check(item.path.stat().st_size)
            content = item.read() or b""
            document_size_check(len(content))
        except OSError as error:
            return f"cannot be read: {error}"
        except ValidationError as error:
            return _reasons(error)
        if reading.sniff(content) not in reading.ACCEPTED_TYPES:
            return _("This kind of file is not taken: send a PDF, a photo or a scan.")
        return ""

    def _case(self, record: CaseRecord) -> None:
        tally = self.report.tallies["cases"]
        known, erased = self._known("case", record.foreign_id)
        if erased:
            tally.already += 1  # its person was erased here: none of its messages comes back
            return
        self._messages_known(record, known)
        client = self._client(record.client_id)
        assert client is not None  # only a dry run leaves a client unmade
        if known is not None:
            case = Case.objects.select_related("client").get(pk=known)
            tally.already += 1
        else:
            if not record.messages:
                raise _Refused("it has no message")
            case = self._case_open(record, client)
            self._remember("case", record.foreign_id, case.pk)
            tally.new += 1
        seen: set[str] = set()
        new = []
        for message in record.messages:
            # The same id twice in one ticket is one message.
            if message.foreign_id not in seen and self._message_counted(record, message):
                new.append(message)
            seen.add(message.foreign_id)
        if new:
            self._messages(record, case, client, new)

    def _case_open(self, record: CaseRecord, client: Client) -> Case:
        staff = (
            self.staff.get(record.assignee_email.strip().lower()) if record.assignee_email else None
        )
        if staff is not None and can_serve(user=staff, site=client.site):
            owner = staff
        else:
            owner = case_owner(client=client, at=record.opened_at)
        first = record.messages[0].body.strip().splitlines()
        summary = one_line(record.subject) or (one_line(first[0]) if first else "") or "—"
        product = None
        if record.product_id:
            product_pk = (
                self.products.get(record.product_id) or self._known("product", record.product_id)[0]
            )
            if product_pk is not None:
                product = Product.objects.filter(pk=product_pk, client=client).first()
        return case_record_imported(
            client=client,
            summary=summary[:300],
            owner=owner,
            opened_at=record.opened_at,
            status=record.status,
            closed_at=record.closed_at,
            category=record.category,
            channel=record.channel,
            product=product,
            source_key=_source_key(self.source, "case", record.foreign_id),
        )

    def _messages(
        self, record: CaseRecord, case: Case, client: Client, messages: list[MessageRecord]
    ) -> None:
        email = client_email(client=client) or ""
        rows: list[dict[str, Any]] = []
        for message in messages:
            extra: dict[str, Any] = {
                "imported": {
                    "source": self.source,
                    "ticket": record.foreign_id,
                    "id": message.foreign_id,
                }
            }
            if message.author_name:
                extra["author"] = one_line(message.author_name)[:200]
            kept, left_out = self._attachments(record, message, client, case)
            if kept:
                extra["documents"] = kept
            if left_out:
                extra["attachments_left_out"] = left_out
            subject = one_line(message.subject) or case.summary
            fields: timeline.EntryFields
            if message.direction == "in":
                fields = timeline.message_in_entry(
                    subject=subject,
                    body=message.body,
                    sender=rules.sender_address(message.author_email or email),
                    channel=message.channel,
                    extra=extra,
                )
            elif message.direction == "out":
                fields = timeline.message_out_entry(
                    subject=subject,
                    body=message.body,
                    to=email,
                    channel=message.channel,
                    status="sent",
                    extra=extra,
                )
            else:
                first = message.body.strip().splitlines()
                fields = {
                    "kind": Entry.Kind.NOTE,
                    "summary": first[0] if first else "",
                    "body": message.body,
                    "channel": "",
                    "payload": extra,
                }
            author = self.staff.get(message.author_email.strip().lower())
            rows.append(
                {
                    **fields,
                    "client_id": client.pk,
                    "case_id": case.pk,
                    "at": message.at,
                    "actor_id": author.pk
                    if author is not None and message.direction != "in"
                    else None,
                    "source_key": _source_key(
                        self.source, "message", record.foreign_id, message.foreign_id
                    ),
                }
            )
        timeline.record_imported(rows=rows)
        entries = dict(
            Entry.objects.filter(source_key__in=[row["source_key"] for row in rows]).values_list(
                "source_key", "pk"
            )
        )
        for message, row in zip(messages, rows, strict=True):
            key = f"{record.foreign_id}/{message.foreign_id}"
            self._remember("message", key, entries[row["source_key"]])
        self._touch(case, client, messages)

    def _attachments(
        self, record: CaseRecord, message: MessageRecord, client: Client, case: Case
    ) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
        kept: list[dict[str, Any]] = []
        left_out: list[dict[str, str]] = []
        where = f"ticket {record.foreign_id}, message {message.foreign_id}"
        source = Document.Source.MAIL if message.direction == "in" else Document.Source.STAFF
        for item in message.attachments:
            if item.missing:
                left_out.append({"name": item.name, "reason": item.missing})
                continue
            try:
                if item.path is not None:
                    # Refused before it is read: a huge file must not fill memory.
                    document_size_check(item.path.stat().st_size)
                content = item.read()
                if content is None:
                    raise _Refused("no content")
                document = document_store(
                    client=client, case=case, content=content, filename=item.name, source=source
                )
            except (OSError, _Refused) as error:
                reason = f"cannot be read: {error}"
            except ValidationError as error:
                reason = _reasons(error)
            else:
                kept.append({"id": document.pk, "name": document.filename})
                self.report.tallies["attachments"].new += 1
                continue
            left_out.append({"name": item.name, "reason": reason})
            self.report.refuse("attachments", where, f"{item.name}: {reason}")
        return kept, left_out

    def _touch(self, case: Case, client: Client, messages: list[MessageRecord]) -> None:
        """Activity and contact times as the messages left them (never moved backwards)."""
        last = max(m.at for m in messages)
        ins = [m.at for m in messages if m.direction == "in"]
        outs = [m.at for m in messages if m.direction == "out"]
        changes: dict[str, Any] = {
            "last_activity_at": Greatest(Coalesce(F("last_activity_at"), Value(last)), Value(last))
        }
        if ins:
            changes["last_client_contact_at"] = Greatest(
                Coalesce(F("last_client_contact_at"), Value(max(ins))), Value(max(ins))
            )
        if outs:
            changes["last_sent_to_client_at"] = Greatest(
                Coalesce(F("last_sent_to_client_at"), Value(max(outs))), Value(max(outs))
            )
        Case.objects.filter(pk=case.pk).update(**changes)
        Client.objects.filter(pk=client.pk).update(
            last_activity_at=Greatest(Coalesce(F("last_activity_at"), Value(last)), Value(last)),
            imported_at=timezone.now(),
        )


def _imported(client_pk: int) -> None:
    """The client (or their history) was written by this import just now: a sync asking the API
    what changed since its last run finds them, however old the history's own times are."""
    Client.objects.filter(pk=client_pk).update(imported_at=timezone.now())


def _without_nul[T](value: T) -> T:
    """Every text of the export without NUL characters, which no text column of PostgreSQL
    takes (an export from another system may carry them; a stray byte is not worth a ticket)."""
    if isinstance(value, str):
        return value.replace("\x00", "")  # type: ignore[return-value]
    if isinstance(value, list):
        return [_without_nul(item) for item in value]  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(_without_nul(item) for item in value)  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            field.name: _without_nul(getattr(value, field.name))
            for field in dataclasses.fields(value)
            if isinstance(getattr(value, field.name), (str, list, tuple))
            or dataclasses.is_dataclass(getattr(value, field.name))
        }
        return dataclasses.replace(value, **changes)
    return value


def helpdesk_load(
    *,
    export: Export,
    site: Site | None = None,
    dry_run: bool = False,
    progress: Callable[[str], None] | None = None,
    every: int = 100,
) -> LoadReport:
    """Bring an export in (module docstring); `progress` is called every `every` tickets. A dry
    run writes nothing and reports what would come in."""
    site = site or care_centre() or Site.objects.order_by("id").first()
    if site is None:
        raise LoadError("there is no site to receive the clients yet: create one first")
    export = _without_nul(export)
    loader = _Loader(export=export, site=site, dry_run=dry_run, progress=progress, every=every)
    loader.report.unreadable = len(export.problems)
    for problem in export.problems:
        loader.report.note(problem.where, problem.reason)
    loader.clients_load()
    loader.products_load()
    loader.cases_load()
    return loader.report
