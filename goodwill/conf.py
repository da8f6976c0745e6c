"""Typed helpers that read settings from the environment and fail loudly on bad values."""

import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean: use true or false")


def env_float(name: str, default: float, *, minimum: float = 0.0) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a number") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r} must be at least {minimum}")
    return value


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r} must be at least {minimum}")
    return value


def smtp_url(url: str) -> str:
    """Check GOODWILL_SMTP_URL: empty or capture: (keep mail in the outbox), or
    smtp://[user:pass@]host[:port][?tls=starttls|ssl|none] (smtps:// means tls=ssl)."""
    url = url.strip()
    if url in {"", "capture:"}:
        return url
    parsed = urlparse(url)
    if parsed.scheme not in {"smtp", "smtps"} or not parsed.hostname:
        raise ImproperlyConfigured(
            f"GOODWILL_SMTP_URL={url!r} is not supported: use capture: or smtp://user:pass@host:port?tls=starttls"
        )
    try:
        parsed.port  # noqa: B018  (raises on a port that is not a number)
    except ValueError:
        raise ImproperlyConfigured(f"GOODWILL_SMTP_URL={url!r} has a bad port") from None
    tls = dict(parse_qsl(parsed.query)).get("tls", "ssl" if parsed.scheme == "smtps" else "starttls")
    if tls not in {"starttls", "ssl", "none"}:
        raise ImproperlyConfigured(f"GOODWILL_SMTP_URL={url!r}: tls must be starttls, ssl or none")
    return url


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(url: str, base_dir: Path) -> dict[str, Any]:
    """Turn DATABASE_URL into Django's DATABASES entry: sqlite:///path or postgres://..."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path.removeprefix("/")) if parsed.netloc == "" else parsed.netloc
        name = Path(path) if Path(path).is_absolute() else base_dir / path
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(name),
            # WAL lets the web process read while an import or worker writes.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    if parsed.scheme in {"postgres", "postgresql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL scheme {parsed.scheme!r} is not supported: use sqlite:///path or postgres://user@host/db"
    )


def queue_from_url(url: str, *, name: str = "goodwill") -> Any:
    """The task queue (huey, behind django.tasks) from GOODWILL_QUEUE_URL.

    immediate            tasks run inline when enqueued (the test suite)
    sqlite:///path       a file beside the database; the embedded default, consumed in-process
    redis://host:port/n  the distributed queue: any number of `run_worker` processes
    """
    from huey import MemoryHuey, RedisHuey, SqliteHuey

    if url == "immediate":
        return MemoryHuey(name, immediate=True)
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        return SqliteHuey(name, filename=unquote(parsed.path), immediate=False)
    if parsed.scheme in {"redis", "rediss"}:
        return RedisHuey(name, url=url, immediate=False)
    raise ImproperlyConfigured(
        f"GOODWILL_QUEUE_URL scheme {parsed.scheme!r} is not supported: use immediate, sqlite:///path or redis://host:port/db"
    )


def env_secret(name: str, *, min_length: int = 16) -> str:
    """A shared secret: empty when unset (the feature then refuses everything), never a short one."""
    raw = os.environ.get(name, "").strip()
    if raw and len(raw) < min_length:
        raise ImproperlyConfigured(f"{name} is too short: use at least {min_length} random characters")
    return raw
