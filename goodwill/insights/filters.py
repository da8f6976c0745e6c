"""Reading the dashboards' filter bar from the query string. Anything malformed is a `BadFilter`
(a 400 with the reason, never a 500); a site the person may not see is a PermissionDenied."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from goodwill.cases.models import Case
from goodwill.clients.models import Tier
from goodwill.organisation.models import Site, User

Grain = Literal["week", "month"]
# What a chart can be broken down by: the query's word → the summaries' field.
DIMENSIONS: dict[str, str] = {
    "site": "site_id",
    "advisor": "owner_id",
    "tier": "tier",
    "category": "category",
    "model": "product_model",
}
DIMENSION_LABELS = {
    "": gettext_lazy("Over time"),
    "site": gettext_lazy("Site"),
    "advisor": gettext_lazy("Advisor"),
    "tier": gettext_lazy("Tier"),
    "category": gettext_lazy("Category"),
    "model": gettext_lazy("Product model"),
}
DEFAULT_WEEKS = 12
MAX_DAYS = 3 * 366
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def seen_sites(user: User) -> tuple[int, ...] | None:
    """The sites whose figures `user` reads: None for every site, else those they see (the one
    rule, User.seen_site_ids; empty when none)."""
    seen = user.seen_site_ids
    return None if seen is None else tuple(seen)


class BadFilter(ValueError):
    """A filter the dashboards cannot use, said to the person."""


@dataclass(frozen=True)
class Filters:
    start: dt.date  # the first day
    end: dt.date  # the last day, included
    grain: Grain = "week"
    by: str = ""
    site: Site | None = None
    owner: User | None = None
    tier: str = ""
    category: str = ""
    model: str = ""
    # Set when the person does not see every site (their home site, and their team's sites:
    # User.seen_site_ids): every read is held to these, whatever was asked.
    only_site_ids: tuple[int, ...] | None = None

    def query(self, **changes: str) -> dict[str, str]:
        """The query string that gives these filters (with `changes`), for links and exports."""
        params = {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "grain": self.grain,
            "by": self.by,
            "site": self.site.code if self.site else "",
            "advisor": (self.owner.code or str(self.owner.pk)) if self.owner else "",
            "tier": self.tier,
            "category": self.category,
            "model": self.model,
        }
        params.update(changes)
        return {key: value for key, value in params.items() if value}

    def narrowed(self, start: dt.date, end: dt.date) -> Filters:
        return replace(self, start=start, end=end)


def _date(params: QueryDict, name: str, default: dt.date) -> dt.date:
    raw = params.get(name, "")
    if not raw:
        return default
    if not _DATE.fullmatch(raw):
        raise BadFilter(_("“%(name)s” must be a date written YYYY-MM-DD.") % {"name": name})
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise BadFilter(_("“%(name)s” is not a real date.") % {"name": name}) from None


def _choice(params: QueryDict, name: str, allowed: list[str]) -> str:
    raw = params.get(name, "")
    if raw and raw not in allowed:
        raise BadFilter(_("“%(name)s” cannot be “%(value)s”.") % {"name": name, "value": raw[:40]})
    return raw


def filters_from(*, params: QueryDict, user: User, today: dt.date) -> Filters:
    """The filters a query string asks for, held to what `user` may see: a dealer's staff see
    their own site only, and naming another site is refused."""
    end = _date(params, "to", today)
    start = _date(params, "from", end - dt.timedelta(weeks=DEFAULT_WEEKS) + dt.timedelta(days=1))
    if start > end:
        raise BadFilter(_("The period starts after it ends."))
    if (end - start).days >= MAX_DAYS:
        raise BadFilter(_("A period is at most three years."))
    grain = _choice(params, "grain", ["week", "month"]) or "week"
    by = _choice(params, "by", list(DIMENSIONS))
    tier = _choice(params, "tier", list(Tier.values))
    category = _choice(params, "category", list(Case.Category.values))
    model = params.get("model", "")
    if len(model) > 150:
        raise BadFilter(_("“model” is too long."))
    site = None
    if code := params.get("site", ""):
        site = Site.objects.filter(code=code[:32]).first()
        if site is None:
            raise BadFilter(_("There is no site “%(code)s”.") % {"code": code[:32]})
    only_site_ids = seen_sites(user)
    if only_site_ids is not None and site is not None and site.pk not in only_site_ids:
        raise PermissionDenied("Another site's figures.")
    owner = None
    if raw := params.get("advisor", ""):
        people = User.objects.filter(code=raw[:32])
        if raw.isascii() and raw.isdecimal() and len(raw) < 12:
            people = User.objects.filter(code=raw) | User.objects.filter(pk=int(raw))
        owner = people.order_by("pk").first()
        if owner is None:
            raise BadFilter(_("There is no advisor “%(code)s”.") % {"code": raw[:32]})
    return Filters(
        start=start,
        end=end,
        grain="month" if grain == "month" else "week",
        by=by,
        site=site,
        owner=owner,
        tier=tier,
        category=category,
        model=model,
        only_site_ids=only_site_ids,
    )
