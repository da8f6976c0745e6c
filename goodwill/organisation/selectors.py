"""Reads about the organisation that the pages need."""

from __future__ import annotations

from goodwill.organisation.models import User


def staff_owns_history(*, user: User) -> bool:
    """Whether any record of Goodwill names this person (a timeline entry they wrote, a case or a
    client they own or advise, a notification, a template they edited…): then they may only be
    deactivated, never deleted, or the story would lose who did what.

    Found through the relations other apps declare to User, so this low app names none of them
    (docs/architecture.md, the layers); one EXISTS query a relation, admin pages only."""
    for relation in User._meta.related_objects:
        model = relation.related_model
        if model is User or not model._meta.app_config.name.startswith("goodwill."):
            continue  # who backs up whom is set-up, not history; sign-in devices go with them
        if model._default_manager.filter(**{relation.field.name: user}).exists():
            return True
    return False


def staff_book_size(*, user: User) -> int:
    """How many clients `user` advises: their book, which must be handed over before they leave.
    Read through the relation the client book declares to User (`Client.advisor`,
    related_name "clients"), so this low app imports none of it (docs/architecture.md)."""
    return User.objects.filter(pk=user.pk, clients__isnull=False).count()
