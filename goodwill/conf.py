"""Typed helpers that read settings from the environment and fail loudly on bad values."""

import difflib
import functools
import ipaddress
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import ParseResult, parse_qsl, unquote, urlparse, urlsplit

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
    tls = dict(parse_qsl(parsed.query)).get(
        "tls", "ssl" if parsed.scheme == "smtps" else "starttls"
    )
    if tls not in {"starttls", "ssl", "none"}:
        raise ImproperlyConfigured(f"GOODWILL_SMTP_URL={url!r}: tls must be starttls, ssl or none")
    return url


def model_url(url: str) -> str:
    """Check GOODWILL_MODEL_URL, the brand's own OpenAI-compatible model server: empty (off),
    https://host[:port][/path], or http:// to loopback only (a server on the same machine):
    drafts carry clients' names and cases, never in clear over a network."""
    url = url.strip().rstrip("/")
    if not url:
        return ""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in {"http", "https"} or not host:
        raise ImproperlyConfigured(
            f"GOODWILL_MODEL_URL={url!r} must be https://host[:port] (or http:// on loopback)"
        )
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ImproperlyConfigured(
            "GOODWILL_MODEL_URL takes no query, fragment or credentials: the token goes in "
            "GOODWILL_MODEL_TOKEN"
        )
    loopback = _is_loopback(host)
    if parts.scheme == "http" and not loopback:
        raise ImproperlyConfigured(
            f"GOODWILL_MODEL_URL={url!r}: plain http is allowed on loopback only; use https"
        )
    return url


def _is_loopback(host: str) -> bool:
    """A loopback address written as one (127.0.0.0/8, ::1) or `localhost`; never a name that
    merely starts like one (127.example.com resolves anywhere)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def messaging_api_url(url: str) -> str:
    """Check GOODWILL_MESSAGING_API_URL, the text-message provider's API base
    (https://api.twilio.com/2010-04-01): empty (texts are captured in the outbox, never sent),
    https://…, or http:// to loopback only (a relay on the same machine, the tests): messages and
    the account's token never cross a network in clear."""
    url = url.strip().rstrip("/")
    if not url:
        return ""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in {"http", "https"} or not host:
        raise ImproperlyConfigured(
            f"GOODWILL_MESSAGING_API_URL={url!r} must be https://host[/path] (or http:// on "
            "loopback)"
        )
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ImproperlyConfigured(
            "GOODWILL_MESSAGING_API_URL takes no query, fragment or credentials: they go in "
            "GOODWILL_MESSAGING_ACCOUNT_SID and GOODWILL_MESSAGING_AUTH_TOKEN"
        )
    loopback = _is_loopback(host)
    if parts.scheme == "http" and not loopback:
        raise ImproperlyConfigured(
            f"GOODWILL_MESSAGING_API_URL={url!r}: plain http is allowed on loopback only"
        )
    return url


def whatsapp_templates(entries: list[str]) -> dict[str, list[str]]:
    """GOODWILL_WHATSAPP_TEMPLATES: `name` (approved in every language the brand has it in) or
    `name:en|fr|de` (approved in those languages only), comma-separated."""
    approved: dict[str, list[str]] = {}
    for entry in entries:
        name, _sep, languages = entry.partition(":")
        name = name.strip()
        if not name or not all(c.isalnum() or c == "_" for c in name):
            raise ImproperlyConfigured(f"GOODWILL_WHATSAPP_TEMPLATES: {entry!r} is not a name")
        approved[name] = [code.strip().lower() for code in languages.split("|") if code.strip()]
    return approved


_CONTENT_SID = re.compile(r"HX[0-9a-fA-F]{32}")


class ContentTemplate(NamedTuple):
    """An approved WhatsApp template's id at the provider, and the placeholders its numbered
    variables hold, in order ({{1}} the first); empty: the order of the built-in words."""

    sid: str
    variables: tuple[str, ...] = ()


def whatsapp_content_sids(entries: list[str]) -> dict[tuple[str, str], ContentTemplate]:
    """GOODWILL_WHATSAPP_CONTENT_SIDS: `name:language=HX…` or `name:language=HX…/a|b|c`,
    comma-separated: the provider's id of a template approved in one language (Twilio's
    Content API) and, after the slash, the placeholders its {{1}}, {{2}}… hold. A template that
    has an id is sent by it with those variables; one without, by its words."""
    sids: dict[tuple[str, str], ContentTemplate] = {}
    for entry in entries:
        key, _sep, value = entry.partition("=")
        name, _sep, language = key.partition(":")
        sid, _sep, order = value.partition("/")
        name, language, sid = name.strip(), language.strip().lower(), sid.strip()
        variables = tuple(part.strip() for part in order.split("|") if part.strip())
        if (
            not name
            or not all(c.isalnum() or c == "_" for c in name)
            or not re.fullmatch(r"[a-z]{2}(-[a-z]{2,4})?", language)
            or not _CONTENT_SID.fullmatch(sid)
            or not all(re.fullmatch(r"[a-z_]+", part) for part in variables)
        ):
            raise ImproperlyConfigured(
                f"GOODWILL_WHATSAPP_CONTENT_SIDS: {entry!r} is not name:language=HX… "
                "(HX and 32 hexadecimal digits), optionally /placeholder|placeholder…"
            )
        sids[(name, language)] = ContentTemplate(sid, variables)
    return sids


def clamd_url(url: str) -> str:
    """Check GOODWILL_CLAMD, ClamAV's daemon for the vault's virus scan: empty (no scan),
    tcp://host:port or unix:///path/to/socket."""
    url = url.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme == "unix" and parts.path and not parts.netloc:
        return url
    try:
        port = parts.port
    except ValueError:
        port = None
    if parts.scheme != "tcp" or not parts.hostname or port is None or parts.path not in {"", "/"}:
        raise ImproperlyConfigured(
            f"GOODWILL_CLAMD={url!r} is not supported: use tcp://host:port or unix:///path"
        )
    return url


def public_url(environ: Mapping[str, str] | None = None) -> str:
    """The address staff and clients open Goodwill at, for links in the mail it sends:
    GOODWILL_PUBLIC_URL (GOODWILL_BASE_URL, its former name, still read), else the address the
    embedded server listens on (HOST, PORT). An http(s) URL with a host; no trailing slash."""
    environ = os.environ if environ is None else environ
    name = "GOODWILL_PUBLIC_URL" if environ.get("GOODWILL_PUBLIC_URL") else "GOODWILL_BASE_URL"
    url = environ.get(name, "").strip()
    if not url:
        host = environ.get("HOST", "").strip() or "127.0.0.1"
        if host in ("0.0.0.0", "::"):  # noqa: S104  (read, not bound: it names no address)
            host = "127.0.0.1"
        return f"http://{host}:{environ.get('PORT', '').strip() or '8000'}"
    parsed = urlsplit(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ImproperlyConfigured(
            f"{name}={url!r} must be an http:// or https:// address, e.g. https://care.example.com"
        )
    if parsed.query or parsed.fragment:
        raise ImproperlyConfigured(f"{name}={url!r} must not carry a query or a fragment")
    try:
        parsed.port  # noqa: B018  (raises on a port that is not a number)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={url!r} has a bad port") from None
    return url.rstrip("/")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(url: str, base_dir: Path) -> dict[str, Any]:
    """Turn DATABASE_URL into Django's DATABASES entry: sqlite:///path, or
    postgres://user:password@host:port/db?option=value&... where every option is a libpq
    connection parameter (sslmode, connect_timeout, application_name, options, sslrootcert,
    target_session_attrs...), handed to psycopg through OPTIONS. Several hosts are written
    host1:port1,host2:port2. An option libpq does not know, or a bad value, stops start-up."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        if parsed.query:
            raise ImproperlyConfigured(
                "DATABASE_URL: a sqlite:/// URL takes no ?options "
                "(did a postgres URL lose its scheme?)"
            )
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
        return _postgres_from_url(parsed)
    raise ImproperlyConfigured(
        f"DATABASE_URL scheme {parsed.scheme!r} is not supported: use sqlite:///path or postgres://user@host/db"
    )


# libpq options that are set by the URL's own parts, and so go to Django's fields.
_PG_URL_PARTS = {
    "user": "USER",
    "password": "PASSWORD",
    "host": "HOST",
    "port": "PORT",
    "dbname": "NAME",
}
# libpq options Django cannot work with.
_PG_REFUSED = {
    "client_encoding": "Django always talks UTF8 to PostgreSQL",
    "replication": "Django needs an ordinary connection, not a replication one",
}
# Values checked here rather than at the first query (libpq would say the same, later).
_PG_CHOICES = {
    "sslmode": ("disable", "allow", "prefer", "require", "verify-ca", "verify-full"),
    "target_session_attrs": (
        "any",
        "read-write",
        "read-only",
        "primary",
        "standby",
        "prefer-standby",
    ),
    "gssencmode": ("disable", "prefer", "require"),
    "channel_binding": ("disable", "prefer", "require"),
    "load_balance_hosts": ("disable", "random"),
    "sslnegotiation": ("postgres", "direct"),
    "sslcertmode": ("disable", "allow", "require"),
}
_PG_INTEGERS = {
    "connect_timeout",
    "keepalives",
    "keepalives_idle",
    "keepalives_interval",
    "keepalives_count",
    "tcp_user_timeout",
}
# Never repeated in an error message.
_PG_SECRETS = {
    "password",
    "sslpassword",
    "oauth_client_secret",
    "scram_client_key",
    "scram_server_key",
}


def _postgres_from_url(parsed: ParseResult) -> dict[str, Any]:
    hosts, ports = _postgres_hosts(parsed.netloc.rpartition("@")[2])
    fields = {
        "NAME": unquote(parsed.path.lstrip("/")),
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": ",".join(hosts),
        "PORT": ",".join(ports) if any(ports) else "",
    }
    options: dict[str, str] = {}
    for key, value in _postgres_query(parsed.query).items():
        if key in _PG_URL_PARTS:
            field = _PG_URL_PARTS[key]
            if fields[field]:
                raise ImproperlyConfigured(
                    f"DATABASE_URL gives the {key} twice: in the URL and as ?{key}=; keep one"
                )
            fields[field] = value
        else:
            options[key] = value
    return {
        "ENGINE": "django.db.backends.postgresql",
        **fields,
        "OPTIONS": options,
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }


def _postgres_hosts(hostlist: str) -> tuple[list[str], list[str]]:
    """Hosts and ports apart: db1:5432,db2 → (["db1", "db2"], ["5432", ""]); libpq reads an
    empty port as the default one."""
    hosts: list[str] = []
    ports: list[str] = []
    for item in hostlist.split(",") if hostlist else []:
        if item.startswith("["):  # [::1]:5432
            host, _, rest = item[1:].partition("]")
            port = rest.removeprefix(":")
        else:
            host, _, port = item.partition(":")
        if port:
            _check_port(port)
        hosts.append(unquote(host))
        ports.append(port)
    return hosts, ports


def _check_port(port: str) -> None:
    if not (port.isascii() and port.isdecimal() and 0 < int(port) < 65536):
        raise ImproperlyConfigured(f"DATABASE_URL has a bad port {port!r}: a number up to 65535")


def _postgres_query(query: str) -> dict[str, str]:
    """The ?key=value pairs, decoded as libpq decodes them (%XX only: a + stays a +)."""
    known = _libpq_keywords()
    options: dict[str, str] = {}
    for pair in query.split("&"):
        if not pair:  # "?" alone, or "&&"
            continue
        key, equals, raw = pair.partition("=")
        key, value = unquote(key), unquote(raw)
        if key not in known:
            close = difflib.get_close_matches(key, sorted(known), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise ImproperlyConfigured(
                f"DATABASE_URL option {key!r} is not a PostgreSQL connection parameter{hint}; "
                "see docs/configuration.md"
            )
        shown = "…" if key in _PG_SECRETS else repr(value)
        if not equals or not value:
            raise ImproperlyConfigured(f"DATABASE_URL option {key} has no value: write {key}=...")
        if key in options:
            raise ImproperlyConfigured(f"DATABASE_URL gives the option {key} twice")
        if key in _PG_REFUSED:
            raise ImproperlyConfigured(
                f"DATABASE_URL option {key} is not allowed: {_PG_REFUSED[key]}"
            )
        if key in _PG_CHOICES and value not in _PG_CHOICES[key]:
            raise ImproperlyConfigured(
                f"DATABASE_URL option {key}={shown} is not one of {', '.join(_PG_CHOICES[key])}"
            )
        if key in _PG_INTEGERS and not (value.isascii() and value.isdecimal()):
            raise ImproperlyConfigured(f"DATABASE_URL option {key}={shown} is not a whole number")
        if key == "port":
            for port in value.split(","):
                _check_port(port)
        options[key] = value
    return options


@functools.cache
def _libpq_keywords() -> frozenset[str]:
    """Every connection parameter the libpq that psycopg runs on accepts."""
    from psycopg import pq

    return frozenset(option.keyword.decode() for option in pq.Conninfo.get_defaults())


def queue_from_url(url: str, *, name: str = "goodwill", lease_seconds: float = 60.0) -> Any:
    """The task queue (huey, behind django.tasks) from GOODWILL_QUEUE_URL.

    immediate            tasks run inline when enqueued (the test suite)
    sqlite:///path       a file beside the database; the embedded default, consumed in-process
    redis://host:port/n  the distributed queue: any number of `run_worker` processes, each task
                         leased until done (goodwill.queue)
    """
    from huey import MemoryHuey, SqliteHuey

    if url == "immediate":
        return MemoryHuey(name, immediate=True)
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        return SqliteHuey(name, filename=unquote(parsed.path), immediate=False)
    if parsed.scheme in {"redis", "rediss"}:
        from goodwill.queue import LeasedRedisHuey

        # Each task taken at least once: one whose worker died goes back to the queue.
        return LeasedRedisHuey(name, url=url, immediate=False, lease_seconds=lease_seconds)
    raise ImproperlyConfigured(
        f"GOODWILL_QUEUE_URL scheme {parsed.scheme!r} is not supported: use immediate, "
        "sqlite:///path or redis://host:port/db"
    )


def env_secret(name: str, *, min_length: int = 16) -> str:
    """A shared secret: empty when unset (the feature then refuses everything), never a short
    one."""
    raw = os.environ.get(name, "").strip()
    if raw and len(raw) < min_length:
        raise ImproperlyConfigured(
            f"{name} is too short: use at least {min_length} random characters"
        )
    return raw
