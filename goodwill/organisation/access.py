"""Who may see what, as the web answers it (docs/architecture.md, Isolation).

A dealer's staff see only their own site's objects. When a service finds an object of another
site in an actor's hands, it raises `OtherSite`: a PermissionDenied for the code that calls it
(the CLI, tasks, tests), which the web answers 404, exactly like a missing object
(goodwill.http.RefusalMiddleware): a 403 would tell a stranger that the reference exists."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class OtherSite(PermissionDenied):
    """The object belongs to a site the actor does not work for."""
