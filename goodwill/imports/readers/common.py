"""What every reader needs: times, bodies and local attachment files read safely."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from goodwill.channels.email.body import html_to_text, sanitize_html
from goodwill.channels.email.files import safe_filename
from goodwill.imports.records import AttachmentRecord, UnreadableExport

# An export file larger than this is refused rather than read into memory.
MAX_FILE_BYTES = 2 * 1024**3


class Bad(Exception):
    """A record a reader leaves out; the message is the reason."""


def when(value: Any, field: str) -> dt.datetime:
    """An ISO 8601 time ("2024-03-01T10:00:00Z"); a time without a zone is taken as UTC, which
    is how Zendesk, Zammad and Django (USE_TZ) write theirs."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, str) and value.strip():
        try:
            moment = dt.datetime.fromisoformat(value.strip().replace(" ", "T", 1))
        except ValueError:
            raise Bad(f"{field} is not a date and time: {value!r:.40}") from None
    elif value is None or value == "":
        raise Bad(f"{field} is missing")
    else:
        raise Bad(f"{field} is not a date and time: {value!r:.40}")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    try:
        return moment.astimezone(dt.UTC)
    except (ValueError, OverflowError):
        # 0001-01-01 east of UTC, 9999-12-31 west of it: outside the years a date can hold.
        raise Bad(f"{field} is out of range: {value!r:.40}") from None


def text(value: Any, *, html: bool = False) -> str:
    """A body as text: HTML is sanitised and reduced as the e-mail channel reduces it."""
    if value is None:
        return ""
    if not isinstance(value, str):
        value = str(value)
    if html:
        return html_to_text(sanitize_html(value))
    return value.replace("\r\n", "\n").strip()


def looks_like_html(value: str) -> bool:
    lowered = value.lower()
    return "<p" in lowered or "<div" in lowered or "<br" in lowered or "<html" in lowered


def local_file(root: Path | None, *parts: str) -> Path | None:
    """`root/parts…` if it is a regular file inside `root` (never a path that climbs out of it,
    never a link pointing elsewhere); else None."""
    if root is None:
        return None
    try:
        base = root.resolve()
        candidate = base.joinpath(*parts).resolve()
    except (OSError, ValueError):
        return None
    if not candidate.is_relative_to(base) or not candidate.is_file():
        return None
    return candidate


def attachment(
    *, name: str, root: Path | None, candidates: list[tuple[str, ...]]
) -> AttachmentRecord:
    """An attachment found at the first of `candidates` (paths under `root`) that exists."""
    clean = safe_filename(str(name or ""))
    for parts in candidates:
        found = local_file(root, *parts)
        if found is not None:
            return AttachmentRecord(name=clean, path=found)
    return AttachmentRecord(name=clean, missing="the file is not in the export's attachments")


def load_json(path: Path) -> Any:
    """A JSON file, or UnreadableExport saying why not."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise UnreadableExport(f"{path} is larger than {MAX_FILE_BYTES} bytes")
        with path.open("rb") as handle:
            return json.load(handle)
    except OSError as error:
        raise UnreadableExport(f"cannot read {path}: {error.strerror or error}") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise UnreadableExport(f"{path} is not JSON: {error}") from None
    except RecursionError:
        raise UnreadableExport(f"{path} is nested too deeply to read") from None


def json_lines(path: Path) -> list[tuple[int, Any]]:
    """The objects of a JSON Lines file with their line numbers; a line that is not JSON is
    returned as a `Bad` in its place."""
    rows: list[tuple[int, Any]] = []
    try:
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                try:
                    rows.append((number, json.loads(raw)))
                except (ValueError, UnicodeDecodeError) as error:
                    rows.append((number, Bad(f"not JSON ({error})")))
                except RecursionError:
                    rows.append((number, Bad("JSON nested too deeply to read")))
    except OSError as error:
        raise UnreadableExport(f"cannot read {path}: {error.strerror or error}") from None
    return rows


def named_file(root: Path, foreign_id: str) -> Path | None:
    """`root/<foreign_id>.json` for an id from an export, if that file exists; None if it does
    not. An id that is not a plain name (a separator, `..`, a NUL) is a `Bad`: the path built
    from it could otherwise leave `root`."""
    name = f"{foreign_id}.json"
    if (
        not foreign_id
        or foreign_id in (".", "..")
        or any(c in foreign_id for c in ("/", "\\", "\0"))
        or foreign_id != foreign_id.strip()
    ):
        raise Bad(f"id {foreign_id!r:.40} cannot name a file")
    if not root.is_dir():
        return None
    return local_file(root, name)


def ident(value: Any, field: str) -> str:
    """A foreign id (a number or a text), as text."""
    if isinstance(value, bool) or value is None or value == "":
        raise Bad(f"{field} is missing")
    if isinstance(value, int | str):
        return str(value).strip()
    raise Bad(f"{field} is not an id: {value!r:.40}")
