"""How staff hear of what happened: the notifications' reactions to events
(goodwill/reactions.py)."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from goodwill.cases.events import CaseOpened, CaseReassigned, ClientChased
from goodwill.channels.outbox.events import DeliveryFailed, TemplateBroken
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.models import Client
from goodwill.notifications.models import Notification
from goodwill.notifications.services import case_assigned_notify, case_opened_notify, notify
from goodwill.organisation.models import Site, User
from goodwill.organisation.services import managers_for

# From this many chasers on one case, the owner and the managers are alerted.
CHASERS_ALERT_FROM = 2


def tell_of_new_case(event: CaseOpened) -> None:
    case_opened_notify(case=event.case, actor=event.actor, at=event.at)


def tell_new_owner(event: CaseReassigned) -> None:
    case_assigned_notify(
        case=event.case,
        actor=event.actor,
        handoff_note=event.handoff_note,
        entry_id=event.entry_id,
        at=event.at,
    )


def alert_on_chasers(event: ClientChased) -> None:
    """From the second chaser, the owner and the managers are alerted, each in their language,
    so a client asking again and again cannot go unnoticed."""
    if event.count < CHASERS_ALERT_FROM:
        return
    case = event.case
    for person in [case.owner, *managers_for(site=case.site)]:
        with translation.override(person.language):
            title = _(
                "%(client)s has chased %(count)s times about %(reference)s and has heard nothing"
            ) % {
                "client": case.client.name,
                "count": event.count,
                "reference": case.reference,
            }
        notify(
            recipient=person,
            kind=Notification.Kind.CHASER,
            title=title,
            # The client's own words: what they asked, not our reading of it.
            body=event.quote,
            case=case,
            at=event.at,
            key=f"chaser:{case.pk}:{event.count}:{person.pk}",
        )


def tell_of_failed_delivery(event: DeliveryFailed) -> None:
    """A message that never reached the client is the case owner's to fix (else the advisor's)."""
    message = event.message
    if message.purpose == OutboundMessage.Purpose.STAFF:
        return  # never notify about staff mail: its copy would fail and notify again, forever
    case = message.case
    recipient = case.owner if case is not None else None
    if recipient is None and message.client_id is not None:
        recipient = Client.objects.select_related("advisor").get(pk=message.client_id).advisor
    if recipient is None:
        return
    with translation.override(recipient.language):
        title = _("Not delivered to %(to)s: %(subject)s") % {
            "to": message.to_address,
            "subject": message.subject,
        }
    notify(
        recipient=recipient,
        kind=Notification.Kind.DELIVERY_FAILED,
        title=title,
        body=event.reason,
        case=case,
        key=f"delivery_failed:{message.pk}",
    )


def tell_of_broken_template(event: TemplateBroken) -> None:
    """A stored template could not render and the built-in words went out instead: the brand's
    managers (who edit the templates) hear of it once per broken version, with the reason."""
    care_centre = Site.objects.filter(kind=Site.Kind.CARE_CENTRE).first()
    people = managers_for(site=care_centre) if care_centre is not None else []
    people = people or list(User.objects.filter(role=User.Role.ADMIN, is_active=True))
    for person in people:
        with translation.override(person.language):
            title = _(
                "The %(name)s template (%(language)s) cannot be used: clients get the built-in "
                "words until it is corrected"
            ) % {"name": event.template, "language": event.language}
        notify(
            recipient=person,
            kind=Notification.Kind.TEMPLATE_BROKEN,
            title=title,
            body=event.problem,
            at=event.at,
            key=f"template_broken:{event.template}:{event.language}:{event.version}:{person.pk}",
        )
