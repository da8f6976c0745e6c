"""Who owns a case, as a pure function: the live services (cases.services.owner_for) and the
bulk import (imports.services) both decide with it. No database here: the caller brings the
people, as Users or as anything shaped like one (clients.rules.StaffLike)."""

from __future__ import annotations

from goodwill.clients.rules import StaffLike, serves_site


def case_owner[S: StaffLike](*, proposed: S | None, advisor: S | None, site_id: int) -> S | None:
    """The proposed person owns a case of a client of the site `site_id` when they are active and
    may serve that site; otherwise the client's advisor, their single point of contact. Nobody
    owns a case whose client they could not even open."""
    if proposed is not None and proposed.is_active and serves_site(staff=proposed, site_id=site_id):
        return proposed
    return advisor
