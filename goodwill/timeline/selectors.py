"""Reads of the timeline, paged, newest first."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window

from goodwill.timeline.models import Entry
from goodwill.timeline.services import Story

PAGE_SIZE = 30


def client_timeline(
    *, client: Story, case_id: int | None = None, kind: str | None = None, page: int = 1
) -> Page[Entry]:
    """One page of the client's story across every case and channel, filterable by case and kind."""
    entries = (
        Entry.objects.filter(client_id=client.pk)
        .select_related("actor", "case")
        .order_by("-at", "-id")
    )
    if case_id:
        entries = entries.filter(case_id=case_id)
    if kind and kind in Entry.Kind.values:
        entries = entries.filter(kind=kind)
    return Paginator(entries, PAGE_SIZE).get_page(page)


def case_timeline(*, case: Story, page: int = 1) -> Page[Entry]:
    """One page of the case's story, newest first, in one query: each row also carries how many
    entries the case has (a window count over the case's few dozen entries, served by
    entry_case_at), so the pager needs no COUNT of its own. A page past the end falls back to
    the paginator (a count, then the last page)."""
    entries = Entry.objects.filter(case_id=case.pk).select_related("actor").order_by("-at", "-id")
    paginator = Paginator(entries, PAGE_SIZE)
    start = (page - 1) * PAGE_SIZE
    rows = list(entries.annotate(story_length=Window(Count("pk")))[start : start + PAGE_SIZE])
    if not rows:
        return paginator.get_page(page)
    paginator.count = rows[0].story_length  # a cached_property: set, it is not counted
    return Page(rows, page, paginator)
