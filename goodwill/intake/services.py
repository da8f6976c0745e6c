"""One intake for every channel: the same client gets the same service however they got in touch.

A channel only parses: an e-mail, a web form post or a phone call becomes one `Inbound` value,
handed to `intake_receive`, which applies every rule once:

1. **Who the client is.** The client of the case the contact continues (below); else the client
   with that contact point (the e-mail address for written channels, never a typed phone
   number, which anyone can type; the number for a call); else a new *unverified* client at the
   brand's care centre, whose advisor is the least busy carer there, so that from the first
   contact they have one person.
2. **Which case.** The case the contact continues (reopened if it had closed); else the
   client's open case worked most recently; else a new case. A contact continues a case
   (`intake_thread`) only on proof: it answers one of our Message-IDs, which carry a thread
   token nobody can guess (128 random bits, stored with the outbound message and its case), or
   it comes from a contact point of that case's client and names the case (an earlier message
   of it, its reference in the subject, body or Message-IDs). Anyone else who names a case
   (references are sequential, easy to guess) reaches their own story, never that case: they
   reopen nothing and file nothing there; their message says which case it claims to continue,
   and staff who can see both move it there with one click (`intake_claim_confirm`).
3. **Who owns a new case.** The client's advisor, or whoever covers while they are away
   (cases.services.owner_for); where the advisor has left or there is none, the one least-busy
   rule (cases.services.owner_least_busy): the least busy carer (care agent, else manager) of
   the client's site, else of the care centre, else the least busy advisor of the client's site.
4. **What is recorded.** The message or call on the client's timeline, on the case.
5. **Which signals are read.** The language (chosen on the form, else detected from the client's
   own words; two of their last three messages in one language make it the language they write
   in; a new client whose words are too few to tell is given, by `language.language_chain`, the
   detector's best guess, else the language of their number's country, else of their address's,
   else their site's: never a fixed default; a language is learned only from a message of four
   words or more, `language.is_evidence`). What the message means (`signals.classify`: a
   chaser, new information, thanks or a complaint, and its mood), kept on its timeline entry.
   Only a message that asks for news can be a chaser (cases.services.case_client_contacted: on
   an open case, with nothing sent since the client's previous contact); a call, which has no
   words, is taken to ask. A complaint, or an angry or desperate message, raises the case's
   priority (complaint: high; anger or despair: urgent) and tells the owner's managers and the
   case's site's at once, quoting the client, once per message; a new case it opens is a
   complaint.
6. **Which acknowledgement goes out.** One per conversation, whatever the channel: a contact
   that opens a case (or takes a closed one up again) is acknowledged by e-mail, in the client's
   language, naming who looks after them, when they will hear (the service level's
   first-response clock, counted in the site's hours, said in the client's time zone) and the
   case's reference. A follow-up on an open case is not (a person handles it; its owner is
   told), nor is a missed call (the owner calls back). It goes only to the client's own
   address: the one they wrote from, or for a call the one on file; never to someone else
   writing into their thread. The outbox holds every automatic message to the limits on
   automatic mail (a short window per client, a daily cap) and records why it was sent.
7. **Who is told.** A new case: the advisor, the selling advisor and the owner (the CaseOpened
   reaction). A contact on an open case: its owner, in their language.

A partner answering the e-mail of its task (one of our Message-IDs, sent to that partner) is not
the client: it is filed on the task's case as the partner's message and handed to
`assistance.services.partner_task_reply`, with none of the client's rules (no chaser, no
reopening, no acknowledgement, no language learned).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from goodwill.assistance.models import PartnerTask
from goodwill.assistance.selectors import task_replied_to
from goodwill.assistance.services import partner_task_reply
from goodwill.care.selectors import reply_due
from goodwill.cases.models import Case
from goodwill.cases.services import (
    CARERS,
    case_change_status,
    case_client_contacted,
    case_open,
    case_priority_raise,
    owner_for,
    owner_least_busy,
)
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.services import outbound_queue
from goodwill.channels.outbox.templates import case_context, render_message, template_language
from goodwill.clients import normalize, rules
from goodwill.clients.models import Client, ContactPoint, Product
from goodwill.clients.selectors import client_email, client_time_zone
from goodwill.clients.services import (
    can_serve,
    client_create,
    client_texts_stop,
    client_writes_in_learn,
    ensure_visible,
)
from goodwill.documents.selectors import document_meant
from goodwill.documents.services import document_found
from goodwill.intake.already_sent import says_already_sent
from goodwill.intake.language import detect_language, is_evidence, language_chain
from goodwill.intake.signals import Signal, classify
from goodwill.memo import memoized
from goodwill.notifications.models import Notification
from goodwill.notifications.services import notify
from goodwill.organisation.models import Site, User
from goodwill.organisation.services import managers_for, route_to
from goodwill.text import one_line
from goodwill.timeline import services as timeline
from goodwill.timeline.models import Entry

WRITTEN = frozenset({Case.Channel.EMAIL, Case.Channel.WEB})
# Text messages: written, and from a number the provider vouches for (like a call's).
TEXTED = frozenset({Case.Channel.SMS, Case.Channel.WHATSAPP})
ADVISORS = (User.Role.ADVISOR,)

# Words that make a first message a complaint, in the brand's languages (lower case, whole words).
_COMPLAINT = re.compile(
    r"\b(complaint|complain|unacceptable|r[ée]clamation|plainte|inacceptable|beschwerde|"
    r"reklamation|inakzeptabel|reclamo|inaccettabile|klacht|onacceptabel|queja|reclamaci[óo]n|"
    r"inaceptable)\b",
    re.IGNORECASE,
)


class NoOwner(Exception):
    """Nobody at all can own a case for this client (no staff at their site or the care centre)."""


@dataclasses.dataclass(frozen=True, kw_only=True)
class Claim:
    """A case a contact names without proving it continues it: an earlier message of the case
    in its thread (`case_id`), or a reference (`GW-…`) in its subject, body or Message-IDs."""

    how: str  # "in_reply_to", "subject", "body" or "references"
    reference: str = ""
    case_id: int | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
class Thread:
    """Which case a contact continues (`intake_thread`), and what it claims without proof."""

    case: Case | None = None
    how: str = ""  # "in_reply_to" (our thread token), else the accepted claim's `how`
    claimed: Case | None = None  # named by someone who is not its client: for staff to confirm
    claimed_how: str = ""
    # The client whose contact point the contact came from; looked up unless a token decided.
    sender: Client | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
class Inbound:
    """One contact from a client, as a channel parsed it."""

    channel: str  # Case.Channel
    at: dt.datetime
    address: str = ""  # the sender's e-mail address (written channels)
    # A call's or a text message's number (E.164); on the web form, what was typed (kept, never
    # matched on).
    phone: str = ""
    name: str = ""  # the name they gave
    subject: str = ""
    text: str = ""  # what goes on the timeline
    own_words: str = ""  # the client's new words (quoted history removed): signals read these
    language: str = ""  # chosen by the client (the form's language); else detected
    product: str = ""  # a plate, VIN or serial they named
    # The Message-IDs the contact answers, the most direct first: one of ours is a thread token.
    thread_ids: tuple[str, ...] = ()
    # Cases it names without proof, most telling first (see Claim).
    claims: tuple[Claim, ...] = ()
    payload: dict[str, Any] = dataclasses.field(default_factory=dict)  # for the timeline entry
    # A call: its direction, length, whether it was missed, and the staff member on it.
    call_direction: str = ""
    call_seconds: int = 0
    call_missed: bool = False
    call_agent: User | None = None
    # What the channel keeps for the client before the case is decided (an e-mail's
    # attachments, written before a new case takes the reference counter's lock).
    keep: Callable[[Client], dict[str, Any]] | None = None

    @property
    def is_call(self) -> bool:
        return self.channel == Case.Channel.PHONE

    @property
    def is_text(self) -> bool:
        """An SMS or WhatsApp message: written words, from a number the provider vouches for."""
        return self.channel in TEXTED


@dataclasses.dataclass(frozen=True)
class Intake:
    """What the intake decided."""

    client: Client
    case: Case
    entry: Entry
    new_client: bool
    new_case: bool
    threaded_by: str
    language: str
    chasers: int  # the case's chaser count when this contact was a chaser, else 0
    acknowledgement: OutboundMessage | None
    claimed: Case | None = None  # the case it claimed to continue, left for staff to confirm
    signal: Signal | None = None  # what the message meant (None for a call)


def care_centre() -> Site | None:
    return memoized(
        "intake:care_centre",
        lambda: Site.objects.filter(kind=Site.Kind.CARE_CENTRE).order_by("id").first(),
    )


# No savepoint when nested: every channel calls it inside its own transaction and lets its
# errors end that transaction (NoOwner included), so a savepoint would only cost round trips.
@transaction.atomic(savepoint=False)
def intake_receive(*, inbound: Inbound, thread: Thread | None = None) -> Intake:
    """Apply the intake's rules to one contact (module docstring). `thread`: what
    `intake_thread` found for it already, if the channel asked first. Raises NoOwner when nobody
    could own the case; ValidationError for a contact with neither address nor number."""
    own_words = inbound.own_words or inbound.text
    task = task_replied_to(message_ids=inbound.thread_ids) if not inbound.is_call else None
    if task is not None:
        return _partner_reply(inbound, task)
    words = f"{inbound.subject}\n{own_words}"
    # The language of this message (signals read it), and the one decisions follow: a few words
    # ("merci", "ok thanks") name a message's language, not the client's (language.is_evidence).
    said_in = inbound.language or detect_language(words) or ""
    language = inbound.language or (said_in if is_evidence(words) else "")
    signal = None if inbound.is_call else classify(_said(inbound, own_words), language=said_in)
    thread = thread or intake_thread(inbound=inbound)
    case, threaded_by = thread.case, thread.how
    client = case.client if case is not None else thread.sender
    # Found by the address (or the number) it came from: that contact point is the client's own.
    own_contact = client is not None and thread.sender is not None and client.pk == thread.sender.pk
    new_client = client is None
    if client is None:
        client, new_client = _new_client(inbound, language)
    payload = dict(inbound.payload)
    if thread.claimed is not None:
        claimed = thread.claimed
        payload["claim"] = {
            "case_id": claimed.pk,
            "reference": claimed.reference,
            "site_id": claimed.site_id,
            "how": thread.claimed_how,
        }
    if inbound.keep is not None:
        payload.update(inbound.keep(client))
    if case is None:
        case = _open_case(client)
        threaded_by = "open_case" if case is not None else ""
    new_case, reopened = case is None, False
    if case is None:
        case = _case_open(inbound, client, language, signal)
        threaded_by = "new_case"
    elif case.status in (Case.Status.RESOLVED, Case.Status.CLOSED) and not inbound.is_call:
        case_change_status(actor=None, case=case, status=Case.Status.OPEN, at=inbound.at)
        reopened = True
    if signal is not None:
        payload["signal"] = signal.as_payload()
    entry = _record(inbound, client, case, language, payload | {"threaded_by": threaded_by})
    chasers = 0
    if not new_case:
        chasers = case_client_contacted(
            case=case,
            channel=inbound.channel,
            at=inbound.at,
            asks_for_news=signal is None or signal.kind == "chaser",
            quote=_quote(_said(inbound, own_words)) if signal is not None else "",
        )
        _tell_owner(inbound, case, entry)
    if signal is not None and signal.alarming:
        _raise_alarm(case, entry, signal, quote=_quote(_said(inbound, own_words)), at=inbound.at)
    if not inbound.is_call and says_already_sent(_said(inbound, own_words)):
        _find_what_was_sent(inbound, case, entry, text=_said(inbound, own_words))
    acknowledgement = None
    to = _acknowledgement_address(inbound, client, known=new_client or own_contact)
    if (new_case or reopened) and to:
        acknowledgement = _acknowledge(
            inbound, case, language or case.language, to=to, entry=entry, reopened=reopened
        )
    if language and (inbound.channel in WRITTEN or inbound.is_text):
        _learn_language(client=client, language=language, entry=entry, at=inbound.at)
    return Intake(
        client=client,
        case=case,
        entry=entry,
        new_client=new_client,
        new_case=new_case,
        threaded_by=threaded_by,
        language=language,
        chasers=chasers,
        acknowledgement=acknowledgement,
        claimed=thread.claimed,
        signal=signal,
    )


@dataclasses.dataclass(frozen=True)
class Instruction:
    """What a client's STOP or START did: the client it is filed on (the one heard from most
    recently on that number; None for a stranger), and the entry it wrote (None when nothing
    changed: a STOP repeated)."""

    client: Client | None
    entry: Entry | None


@transaction.atomic(savepoint=False)
def intake_text_instruction(*, inbound: Inbound, stop: bool) -> Instruction | None:
    """A text whose whole body is an opt-out word (STOP, ARRÊT, BASTA…: `stop`) or an opt-in
    word (START…): the client's instruction about the channel, not a contact. No case is opened
    or reopened, no chaser counted, nothing acknowledged, no language learned, nobody alerted.
    The clients with that number (rule 1: the number the provider vouches for; a line a family
    shares stops for each of them) stop or start receiving texts on that channel, each on their
    own timeline (clients.services.client_texts_stop). A stranger's STOP creates no client: the
    channel keeps the message. An opt-in word from someone who has not stopped texts is an
    ordinary message (a "yes" answers a question): None, for `intake_receive`."""
    if not inbound.is_text or not inbound.phone:
        return None
    clients = list(
        Client.objects.filter(
            contact_points__kind=ContactPoint.Kind.PHONE,
            contact_points__normalized=inbound.phone,
        )
        .distinct()
        .order_by("-last_activity_at", "id")
    )
    if not stop:
        clients = [c for c in clients if c.texts_stopped_at(inbound.channel) is not None]
        if not clients:
            return None
    entry = None
    for client in clients:
        written = client_texts_stop(
            client=client,
            channel=inbound.channel,
            stop=stop,
            word=inbound.own_words or inbound.text,
            number=inbound.phone,
            at=inbound.at,
        )
        entry = entry or written
    return Instruction(client=clients[0] if clients else None, entry=entry)


def _partner_reply(inbound: Inbound, task: PartnerTask) -> Intake:
    """A partner answering its task's e-mail: on the case as what they wrote, never as the
    client's contact (no chaser, no reopening, no acknowledgement, no language learned); its
    first line moves the task on (assistance.services.partner_task_reply), else the owner reads
    it."""
    case, client = task.case, task.case.client
    payload = dict(inbound.payload)
    if inbound.keep is not None:
        payload.update(inbound.keep(client))
    payload |= {"threaded_by": "partner_task", "partner_task_id": task.pk}
    payload["partner"] = task.partner.name
    entry = _record(inbound, client, case, "", payload)
    partner_task_reply(
        task=task, text=inbound.own_words or inbound.text, entry_id=entry.pk, at=inbound.at
    )
    return Intake(
        client=client,
        case=case,
        entry=entry,
        new_client=False,
        new_case=False,
        threaded_by="partner_task",
        language="",
        chasers=0,
        acknowledgement=None,
        claimed=None,
    )


def intake_thread(*, inbound: Inbound) -> Thread:
    """Which case a contact continues, on proof only (module docstring, rule 2):

    1. One of our Message-IDs it answers (`thread_ids`): the case of that outbound message,
       whoever sends it, since only who received the message can quote its token.
    2. Else the first case it claims (`claims`) whose client has the contact point it came from.
    3. Else none: the first case it claims is returned as `claimed`, for staff to confirm."""
    case = _token_case(inbound.thread_ids)
    if case is not None:
        return Thread(case=case, how="in_reply_to")
    sender = _known_client(inbound)
    claimed = _claimed_cases(inbound.claims)
    for claim, named in claimed:
        if sender is not None and named.client_id == sender.pk:
            named.client = sender
            return Thread(case=named, how=claim.how, sender=sender)
    if claimed:
        claim, named = claimed[0]
        return Thread(claimed=named, claimed_how=claim.how, sender=sender)
    return Thread(sender=sender)


@transaction.atomic
def intake_claim_confirm(*, actor: User, entry: Entry, at: dt.datetime | None = None) -> Entry:
    """Staff confirm that a message which claimed to continue another case belongs there (rule
    2): a copy goes on the claimed case, on that client's story, with who confirmed it; the case
    it first reached keeps it, with a note saying where it went (the story is never rewritten);
    the claimed case's owner is told. Only staff who can see both clients may confirm, and a
    message moves once. Returns the entry on the claimed case."""
    claim = entry.payload.get("claim") if isinstance(entry.payload, dict) else None
    claimed_id = claim.get("case_id") if isinstance(claim, dict) else None
    if entry.kind != Entry.Kind.MESSAGE_IN or not isinstance(claimed_id, int) or not entry.case_id:
        raise ValidationError(_("This message does not claim to continue another case."))
    source = Case.objects.select_related("client__site").get(pk=entry.case_id)
    # Locked: two people confirming at once move the message once.
    target = (
        Case.objects.select_for_update()
        .select_related("client__site", "owner")
        .filter(pk=claimed_id)
        .first()
    )
    if target is None:
        raise ValidationError(_("The case this message claims to continue no longer exists."))
    ensure_visible(actor=actor, client=source.client)
    ensure_visible(actor=actor, client=target.client)
    if Entry.objects.filter(
        case=target, kind=Entry.Kind.MESSAGE_IN, payload__moved_from=entry.pk
    ).exists():
        raise ValidationError(
            _("This message is on %(reference)s already.") % {"reference": target.reference}
        )
    at = at or timezone.now()
    kept = {k: v for k, v in entry.payload.items() if k not in ("from", "claim", "threaded_by")}
    kept |= {"threaded_by": "confirmed", "moved_from": entry.pk, "confirmed_by": actor.pk}
    moved = timeline.record_message_in(
        client=target.client,
        case=target,
        subject=entry.summary,
        body=entry.body,
        sender=str(entry.payload.get("from", "")),
        channel=entry.channel,
        at=entry.at,
        extra=kept,
    )
    with translation.override(actor.language):
        note = _("Moved this message to %(reference)s, where it belongs.") % {
            "reference": target.reference
        }
    timeline.record_note(client=source.client, case=source, actor=actor, text=note, at=at)
    if target.owner_id != actor.pk:
        recipient = route_to(user=target.owner, at=at)
        with translation.override(recipient.language):
            title = _("%(actor)s moved a message from %(sender)s to %(reference)s") % {
                "actor": actor,
                "sender": moved.payload.get("from") or _("an unknown sender"),
                "reference": target.reference,
            }
        notify(
            recipient=target.owner,
            kind=Notification.Kind.MESSAGE_IN,
            case=target,
            at=at,
            title=title[:300],
            body=moved.body.strip()[:2000],
            key=f"message_moved:{moved.pk}",
        )
    return moved


def _token_case(message_ids: tuple[str, ...]) -> Case | None:
    """The case of the first of our Message-IDs among `message_ids` (the thread token)."""
    if not message_ids:
        return None
    found = dict(
        OutboundMessage.objects.filter(message_id__in=message_ids, case__isnull=False).values_list(
            "message_id", "case_id"
        )
    )
    for message_id in message_ids:
        if message_id in found:
            return Case.objects.select_related("client").get(pk=found[message_id])
    return None


def _claimed_cases(claims: tuple[Claim, ...]) -> list[tuple[Claim, Case]]:
    """The cases `claims` name that exist, in the claims' order, each once (one query)."""
    references = {claim.reference for claim in claims if claim.reference}
    ids = {claim.case_id for claim in claims if claim.case_id is not None}
    if not references and not ids:
        return []
    rows = list(
        Case.objects.filter(Q(reference__in=references) | Q(pk__in=ids)).select_related("client")
    )
    by_reference = {case.reference: case for case in rows}
    by_id = {case.pk: case for case in rows}
    found: list[tuple[Claim, Case]] = []
    for claim in claims:
        case = by_id.get(claim.case_id) if claim.case_id else by_reference.get(claim.reference)
        if case is not None and all(case.pk != seen.pk for _claim, seen in found):
            found.append((claim, case))
    return found


def _address(raw: str) -> str:
    if not raw:
        return ""
    try:
        return normalize.email_normalized(raw)
    except ValidationError:
        return ""


def _known_client(inbound: Inbound) -> Client | None:
    """By the contact point the channel vouches for: the address a written message came from
    (what we answer goes there), the number a call came from. When several clients share it (a
    family line), the one heard from most recently."""
    if inbound.is_call or inbound.is_text:
        kind, value = ContactPoint.Kind.PHONE, inbound.phone
    else:
        kind, value = ContactPoint.Kind.EMAIL, _address(inbound.address)
    if not value:
        return None
    return (
        Client.objects.filter(contact_points__kind=kind, contact_points__normalized=value)
        .select_related("site", "advisor", "advisor__site")
        .order_by("-last_activity_at", "id")
        .first()
    )


def _new_client(inbound: Inbound, language: str) -> tuple[Client, bool]:
    """An unknown sender or caller becomes an unverified client at the care centre, with the
    least busy carer there as advisor: never a lost message, never a client without a person."""
    site = care_centre() or Site.objects.order_by("id").first()
    if site is None:
        raise NoOwner("no site receives new clients yet")
    address = _address(inbound.address)
    # Shown on every page and in mail headers: one line, no bidi override or invisible character.
    name = one_line(inbound.name.replace('"', ""))
    if name.split():
        first, last = rules.name_split(name)
    elif address:
        first, last = "", address.split("@", 1)[0]
    else:
        first, last = "", inbound.phone or _("Unknown")
    phone = inbound.phone if inbound.is_call or inbound.is_text or _is_e164(inbound.phone) else ""
    try:
        with transaction.atomic():
            client = client_create(
                actor=None,
                first_name=first[:100],
                last_name=last[:100] or _("Unknown"),
                site=site,
                email=address,
                phone=phone,
                language=language
                or language_chain(
                    text=f"{inbound.subject}\n{inbound.own_words or inbound.text}",
                    phone=inbound.phone if _is_e164(inbound.phone) else "",
                    address=address,
                    site_languages=site.languages or [],
                )[0],
                advisor=owner_least_busy(site=site),
                verified=False,
                client_since=inbound.at,
            )
    except (IntegrityError, ValidationError):
        # The same person wrote twice at once and the other contact created them first.
        found = _known_client(inbound)
        if found is None:
            raise
        return found, False
    return client, True


def _is_clients_address(client: Client, raw: str, known: bool) -> bool:
    """Whether `raw` is one of the client's addresses; `known` when it is (the client was found
    by it, or created with it)."""
    address = _address(raw)
    if not address:
        return False
    return (
        known
        or ContactPoint.objects.filter(
            client=client, kind=ContactPoint.Kind.EMAIL, normalized=address
        ).exists()
    )


def _is_e164(phone: str) -> bool:
    return phone.startswith("+") and phone[1:].isdigit()


def _open_case(client: Client) -> Case | None:
    return (
        Case.objects.filter(client=client, status__in=Case.OPEN_STATUSES)
        .select_related("owner", "client", "site")
        .order_by("-last_activity_at", "-id")
        .first()
    )


def case_owner(*, client: Client, at: dt.datetime) -> User:
    """Who owns a new case of `client` that nobody chose an owner for (rule 3)."""
    advisor = client.advisor
    if advisor is not None and advisor.is_active:
        owner = owner_for(client=client, at=at)
        if owner is not None:
            return owner
    centre = care_centre()
    for site, roles in ((client.site, CARERS), (centre, CARERS), (client.site, ADVISORS)):
        if site is not None and (person := owner_least_busy(site=site, roles=roles)) is not None:
            return person
    raise NoOwner(f"nobody can own a case for {client.name} at {client.site}")


def _product(client: Client, typed: str) -> Product | None:
    code = normalize.code_normalized(typed)
    if not code:
        return None
    for product in client.products.all():
        if code in {
            normalize.code_normalized(v) for v in (product.plate, product.vin, product.serial) if v
        }:
            return product
    return None


def _summary(inbound: Inbound) -> str:
    if inbound.is_call:
        if inbound.call_missed:
            return _("Missed call from %(number)s") % {"number": inbound.phone}
        return _("Phone call from %(number)s") % {"number": inbound.phone}
    first_line = (inbound.own_words or inbound.text).strip().splitlines() or [""]
    summary = inbound.subject.strip() or first_line[0].strip()
    if not summary:
        if inbound.channel == Case.Channel.WEB:
            summary = _("Message from the website")
        elif inbound.channel == Case.Channel.SMS:
            summary = _("SMS from %(number)s") % {"number": inbound.phone}
        elif inbound.channel == Case.Channel.WHATSAPP:
            summary = _("WhatsApp message from %(number)s") % {"number": inbound.phone}
        else:
            summary = _("E-mail from %(sender)s") % {"sender": inbound.address}
    return summary[:300]


def _case_open(inbound: Inbound, client: Client, language: str, signal: Signal | None) -> Case:
    words = f"{inbound.subject}\n{inbound.own_words or inbound.text}"
    complaint = _COMPLAINT.search(words) or (signal is not None and signal.kind == "complaint")
    category = Case.Category.COMPLAINT if complaint else Case.Category.INFORMATION
    product = _product(client, inbound.product) if inbound.product else None
    return case_open(
        actor=None,
        client=client,
        summary=_summary(inbound),
        category=category,
        channel=inbound.channel,
        product=product,
        owner=case_owner(client=client, at=inbound.at),
        language=language or None,
        opened_at=inbound.at,
    )


def _record(
    inbound: Inbound, client: Client, case: Case, language: str, payload: dict[str, Any]
) -> Entry:
    if inbound.is_call:
        agent = inbound.call_agent
        if agent is not None and not can_serve(user=agent, site=client.site):
            agent = None  # not theirs to file under their name: another dealer's client
        return timeline.record_call(
            client=client,
            case=case,
            actor=agent,
            direction=inbound.call_direction or "inbound",
            duration_seconds=inbound.call_seconds,
            summary="",
            at=inbound.at,
            missed=inbound.call_missed,
        )
    sender = inbound.phone if inbound.is_text else rules.sender_address(inbound.address)
    return timeline.record_message_in(
        client=client,
        case=case,
        subject=inbound.subject or _summary(inbound),
        body=inbound.text,
        sender=sender,
        channel=inbound.channel,
        at=inbound.at,
        extra={"language": language, **payload},
    )


# How pressing a case becomes when the client complains, or is angry or desperate.
_ALARM_PRIORITY = {"complaint": 2, "angry": 1, "desperate": 1}


_REPLY_PREFIX = re.compile(r"^\s*(re|aw|sv|fw|fwd|tr|wg|rif|r)\s*:", re.IGNORECASE)


def _said(inbound: Inbound, own_words: str) -> str:
    """What the client said in this message: their subject ("Any news?"), unless it is ours
    answered ("Re: …"), and their new words."""
    subject = inbound.subject.strip()
    if not subject or _REPLY_PREFIX.match(subject) or subject in own_words:
        return own_words
    return f"{subject}\n{own_words}"


def _quote(words: str) -> str:
    """The client's words as an alert quotes them: one paragraph, at most 500 characters."""
    text = " ".join(words.split())
    return text if len(text) <= 500 else text[:499] + "…"


def _raise_alarm(case: Case, entry: Entry, signal: Signal, *, quote: str, at: dt.datetime) -> None:
    """A complaint, or an angry or desperate message: the case's priority rises and the owner's
    managers and the case's site's hear of it at once, in their language, with the client's
    words (once per message: the key names the entry)."""
    priority = min(_ALARM_PRIORITY.get(signal.mood, 3), _ALARM_PRIORITY.get(signal.kind, 3))
    case_priority_raise(
        case=case,
        priority=priority,
        reason="complaint" if signal.kind == "complaint" else f"{signal.mood} message",
        at=at,
    )
    # The owner's managers (a care agent's are at the care centre) and the case's site's.
    people = {
        person.pk: person
        for site in (case.owner.site, case.site)
        if site is not None
        for person in managers_for(site=site)
    }
    for person in people.values():
        with translation.override(person.language):
            if signal.kind == "complaint":
                title = _("%(client)s complained about %(reference)s") % {
                    "client": case.client.name,
                    "reference": case.reference,
                }
            else:
                title = _("%(client)s wrote about %(reference)s and sounds %(mood)s") % {
                    "client": case.client.name,
                    "reference": case.reference,
                    "mood": mood_label(signal.mood),
                }
        notify(
            recipient=person,
            kind=Notification.Kind.MESSAGE_IN,
            case=case,
            at=at,
            title=title[:300],
            body=quote,
            key=f"signal:{entry.pk}:{person.pk}",
        )


def mood_label(mood: str) -> str:
    """A mood in the reader's language (the case page's badge and the managers' alert)."""
    labels = {
        "calm": _("calm"),
        "frustrated": _("frustrated"),
        "angry": _("angry"),
        "desperate": _("desperate"),
    }
    return labels.get(mood, mood)


def _find_what_was_sent(inbound: Inbound, case: Case, entry: Entry, *, text: str) -> None:
    """ "I already sent it": the document on file they mean goes on the story and to the case's
    owner, so nobody asks them for it again (story 003)."""
    document = document_meant(client=case.client, text=text, before=inbound.at)
    if document is None:
        return
    document_found(client=case.client, case=case, document=document)
    owner = route_to(user=case.owner, at=inbound.at)
    with translation.override(owner.language):
        title = _("%(client)s says they already sent it: on file, “%(file)s”") % {
            "client": case.client.name,
            "file": document.filename,
        }
        body = _("Received %(day)s. Use the one on file rather than asking again.") % {
            "day": formats.date_format(timezone.localtime(document.created_at), "SHORT_DATE_FORMAT")
        }
    notify(
        recipient=case.owner,
        kind=Notification.Kind.MESSAGE_IN,
        case=case,
        at=inbound.at,
        title=title,
        body=body,
        key=f"already-sent:{entry.pk}",
    )


def _tell_owner(inbound: Inbound, case: Case, entry: Entry) -> None:
    """The owner hears of every contact on their open case, in their own language (not of a
    call they took themselves)."""
    owner = case.owner
    if inbound.call_agent is not None and inbound.call_agent.pk == owner.pk:
        return
    recipient = route_to(user=owner, at=inbound.at)
    with translation.override(recipient.language):
        if inbound.is_call:
            title = (
                _("%(client)s called about %(reference)s; nobody answered")
                if inbound.call_missed
                else _("%(client)s called about %(reference)s")
            ) % {"client": case.client.name, "reference": case.reference}
        elif inbound.channel == Case.Channel.WEB:
            title = _("%(client)s wrote through the website about %(reference)s") % {
                "client": case.client.name,
                "reference": case.reference,
            }
        elif inbound.is_text:
            title = _("%(client)s sent a %(channel)s message about %(reference)s") % {
                "client": case.client.name,
                "channel": Case.Channel(inbound.channel).label,
                "reference": case.reference,
            }
        else:
            title = _("%(client)s wrote about %(reference)s") % {
                "client": case.client.name,
                "reference": case.reference,
            }
    notify(
        recipient=owner,
        kind=Notification.Kind.MESSAGE_IN,
        case=case,
        at=inbound.at,
        title=title,
        body=(inbound.own_words or inbound.text).strip()[:2000],
        key=f"message_in:{entry.pk}",
    )


def _acknowledgement_address(inbound: Inbound, client: Client, *, known: bool) -> str:
    """Where the acknowledgement of `inbound` may go: the address a written contact came from
    when it is the client's own; for a call that was answered, the client's address on file."""
    if inbound.is_call:
        return "" if inbound.call_missed else (client_email(client=client) or "")
    if inbound.is_text:
        # A text is acknowledged by e-mail, to the address on file (none: no acknowledgement);
        # a WhatsApp acknowledgement outside a template would need the client's window.
        return client_email(client=client) or ""
    if inbound.channel in WRITTEN and _is_clients_address(client, inbound.address, known):
        return _address(inbound.address)
    return ""


# How the time the client will hear by reads, per language (Django's date format characters).
_WHEN = {
    "en": "l j F, H:i",
    "fr": "l j F à H:i",
    "de": "l, j. F, H:i",
    "it": "l j F, H:i",
    "es": r"l j \d\e F, H:i",
    "pt": r"l, j \d\e F, H:i",
    "nl": "l j F, H:i",
    "ja": "n月j日(D) H:i",
    "zh-hans": "n月j日 l H:i",
    "ar": "l j F، H:i",
}


def reply_by_text(*, case: Case, language: str) -> str:
    """When the client will hear from us, as they read it (in their language and time zone), from
    the service level's clocks; "" when no clock counts."""
    due = reply_due(case=case)
    if due is None:
        return ""
    local = timezone.localtime(due, ZoneInfo(client_time_zone(client=case.client)))
    with translation.override(language):
        return formats.date_format(local, _WHEN.get(language, "DATETIME_FORMAT"))


def _acknowledge(
    inbound: Inbound, case: Case, language: str, *, to: str, entry: Entry, reopened: bool
) -> OutboundMessage:
    # English when the brand has no acknowledgement in the client's language (recorded on the
    # message, which says what it went in).
    language = template_language(name="acknowledgement", language=language)
    context = case_context(
        case=case,
        language=language,
        by_phone=inbound.is_call,
        reply_by=reply_by_text(case=case, language=language),
    )
    subject, body = render_message(name="acknowledgement", language=language, context=context)
    return outbound_queue(
        # One per conversation: the case's first, and one each time it is taken up again.
        key=f"ack:{case.pk}:{entry.pk}" if reopened else f"ack:{case.pk}",
        purpose=OutboundMessage.Purpose.ACKNOWLEDGEMENT,
        reason=OutboundMessage.Reason.REOPENED
        if reopened
        else OutboundMessage.Reason.NEW_CONVERSATION,
        to_address=to,
        to_name=inbound.name.strip() or case.client.name,
        subject=subject,
        body_text=body,
        language=language,
        client=case.client,
        case=case,
        at=inbound.at,
    )


def _learn_language(*, client: Client, language: str, entry: Entry, at: dt.datetime) -> None:
    """Two of the client's last three messages in one language make it the language they write
    in. Nothing to learn (and no query) while they write in the language they are answered in
    already: their file's, or the one learned."""
    if (client.writes_in or client.language) == language:
        return
    recent = list(
        Entry.objects.filter(client=client, kind=Entry.Kind.MESSAGE_IN)
        .exclude(pk=entry.pk)
        .order_by("-at", "-id")
        .values_list("payload__language", flat=True)[:2]
    )
    if [language, *recent].count(language) >= 2:
        client_writes_in_learn(client=client, language=language, at=at)
