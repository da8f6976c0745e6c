"""DATABASE_URL: what an operator writes reaches the database driver, or start-up stops and says
why. Nothing is dropped on the way."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.backends.postgresql.base import DatabaseWrapper

from goodwill.conf import database_from_url, messaging_api_url, public_url

BASE = Path("/srv/goodwill")


def test_it_reads_a_plain_postgres_url() -> None:
    db = database_from_url("postgres://care:s%40cret@db.example.com:6432/goodwill", BASE)
    assert (db["ENGINE"], db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "django.db.backends.postgresql",
        "goodwill",
        "care",
        "s@cret",
        "db.example.com",
        "6432",
    )
    assert db["OPTIONS"] == {}


def test_it_hands_every_query_option_to_libpq() -> None:
    url = (
        "postgresql://care@db.example.com/goodwill?sslmode=verify-full&connect_timeout=5"
        "&application_name=goodwill-web&options=-c%20statement_timeout%3D5000"
        "&sslrootcert=/etc/ssl/db-ca.pem&target_session_attrs=read-write&keepalives_idle=30"
    )
    assert database_from_url(url, BASE)["OPTIONS"] == {
        "sslmode": "verify-full",
        "connect_timeout": "5",
        "application_name": "goodwill-web",
        "options": "-c statement_timeout=5000",
        "sslrootcert": "/etc/ssl/db-ca.pem",
        "target_session_attrs": "read-write",
        "keepalives_idle": "30",
    }


def test_it_decodes_values_as_libpq_does_a_plus_stays_a_plus() -> None:
    db = database_from_url("postgres://h/db?application_name=care+web%20eu", BASE)
    assert db["OPTIONS"] == {"application_name": "care+web eu"}


def test_the_options_reach_the_driver_through_django() -> None:
    db = database_from_url("postgres://care@h/goodwill?sslmode=require&application_name=gw", BASE)
    params = DatabaseWrapper({**db, "TIME_ZONE": None, "AUTOCOMMIT": True}).get_connection_params()
    assert (params["sslmode"], params["application_name"], params["dbname"]) == (
        "require",
        "gw",
        "goodwill",
    )


def test_it_reads_several_hosts_for_target_session_attrs() -> None:
    db = database_from_url(
        "postgres://care@db1:5433,db2,[::1]:5434/goodwill?target_session_attrs=primary", BASE
    )
    assert (db["HOST"], db["PORT"]) == ("db1,db2,::1", "5433,,5434")


def test_it_reads_a_unix_socket_and_a_service_from_the_query() -> None:
    db = database_from_url("postgres:///goodwill?host=/var/run/postgresql", BASE)
    assert (db["HOST"], db["NAME"], db["OPTIONS"]) == ("/var/run/postgresql", "goodwill", {})
    service = database_from_url("postgres://?service=goodwill", BASE)
    assert (service["NAME"], service["OPTIONS"]) == ("", {"service": "goodwill"})


@pytest.mark.parametrize(
    ("url", "says"),
    [
        (
            "postgres://h/db?sslmdoe=require",
            "'sslmdoe' is not a PostgreSQL connection parameter (did you mean sslmode?)",
        ),
        ("postgres://h/db?pool=true", "'pool' is not a PostgreSQL connection parameter"),
        (
            "postgres://h/db?sslmode=on",
            "sslmode='on' is not one of disable, allow, prefer, require",
        ),
        (
            "postgres://h/db?target_session_attrs=master",
            "target_session_attrs='master' is not one of",
        ),
        ("postgres://h/db?connect_timeout=5s", "connect_timeout='5s' is not a whole number"),
        ("postgres://h/db?sslmode", "option sslmode has no value"),
        ("postgres://h/db?sslmode=require&sslmode=disable", "gives the option sslmode twice"),
        ("postgres://h/db?dbname=other", "gives the dbname twice"),
        ("postgres://h/db?client_encoding=LATIN1", "Django always talks UTF8"),
        ("postgres://h:54x32/db", "bad port '54x32'"),
        ("postgres://h/db?port=99999", "bad port '99999'"),
        ("sqlite:///var/goodwill.sqlite3?timeout=5", "a sqlite:/// URL takes no ?options"),
        ("mysql://h/db", "scheme 'mysql' is not supported"),
    ],
)
def test_it_stops_start_up_on_an_option_it_cannot_pass_on(url: str, says: str) -> None:
    with pytest.raises(ImproperlyConfigured) as error:
        database_from_url(url, BASE)
    assert says in str(error.value)


def test_it_never_repeats_a_password_in_an_error() -> None:
    with pytest.raises(ImproperlyConfigured) as error:
        database_from_url("postgres://care:hunter2@h/db?sslpassword=hunter3&sslmode=bogus", BASE)
    assert "hunter" not in str(error.value)


def test_it_keeps_sqlite_as_it_was() -> None:
    db = database_from_url("sqlite:///var/goodwill.sqlite3", BASE)
    assert (db["ENGINE"], db["NAME"]) == (
        "django.db.backends.sqlite3",
        "/srv/goodwill/var/goodwill.sqlite3",
    )


@pytest.mark.django_db
def test_a_real_postgres_connection_gets_the_options(db: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("runs on PostgreSQL (DATABASE_URL=postgres://...)")
    import psycopg

    current = settings.DATABASES["default"]
    host, port = current["HOST"] or "127.0.0.1", current["PORT"] or 5432
    url = (
        f"postgres://{current['USER']}@{host}:{port}/{current['NAME']}"
        "?application_name=goodwill-conf-test"
        "&options=-c%20statement_timeout%3D4321&connect_timeout=5"
    )
    settings_dict = {
        **database_from_url(url, BASE),
        "TIME_ZONE": None,
        "AUTOCOMMIT": True,
        "PASSWORD": current["PASSWORD"],
    }
    params = DatabaseWrapper(settings_dict).get_connection_params()
    for django_only in ("context", "cursor_factory", "prepare_threshold"):
        params.pop(django_only)
    with psycopg.connect(**params) as conn:
        row = conn.execute(
            "SELECT current_setting('application_name'), current_setting('statement_timeout')"
        ).fetchone()
    assert row == ("goodwill-conf-test", "4321ms")


# GOODWILL_PUBLIC_URL: the address links in mail point to, never a guessed port.


def test_the_public_url_is_the_configured_one_without_its_trailing_slash() -> None:
    env = {"GOODWILL_PUBLIC_URL": "https://care.aurelis.example/goodwill/", "PORT": "9000"}
    assert public_url(env) == "https://care.aurelis.example/goodwill"


def test_the_former_name_of_the_public_url_is_still_read() -> None:
    assert public_url({"GOODWILL_BASE_URL": "https://care.example"}) == "https://care.example"


def test_without_a_public_url_links_go_where_the_embedded_server_listens() -> None:
    assert public_url({}) == "http://127.0.0.1:8000"
    assert public_url({"HOST": "care.local", "PORT": "9000"}) == "http://care.local:9000"
    assert public_url({"HOST": "0.0.0.0", "PORT": "80"}) == "http://127.0.0.1:80"  # noqa: S104


@pytest.mark.parametrize(
    "url",
    ["care.example.com", "ftp://care.example.com", "https://", "https://h:x/", "http://h/?a=1"],
)
def test_a_public_url_that_cannot_be_linked_to_stops_start_up(url: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="GOODWILL_PUBLIC_URL"):
        public_url({"GOODWILL_PUBLIC_URL": url})


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:9000/api", "http://localhost:8080", "http://[::1]:9"]
)
def test_plain_http_to_the_provider_is_taken_on_loopback(url: str) -> None:
    assert messaging_api_url(url) == url


@pytest.mark.parametrize(
    "url", ["http://127.evil.example/api", "http://127.0.0.1.nip.io", "http://10.0.0.5"]
)
def test_plain_http_to_a_name_that_only_looks_like_loopback_is_refused(url: str) -> None:
    # The account's token would cross the network in clear.
    with pytest.raises(ImproperlyConfigured, match="loopback only"):
        messaging_api_url(url)


def test_whatsapp_content_sids_are_read_and_a_malformed_one_is_refused() -> None:
    from goodwill.conf import ContentTemplate, whatsapp_content_sids

    sid = "HX" + "ab" * 16
    assert whatsapp_content_sids([f"whatsapp_update:DE={sid}"]) == {
        ("whatsapp_update", "de"): ContentTemplate(sid, ())
    }
    assert whatsapp_content_sids([f"own:fr={sid}/reference|greeting_name"]) == {
        ("own", "fr"): ContentTemplate(sid, ("reference", "greeting_name"))
    }
    for bad in (
        f"whatsapp_update={sid}",
        "whatsapp_update:de=HX12",
        f"bad name:de={sid}",
        f"own:fr={sid}/reference|{{{{ x }}}}",
    ):
        with pytest.raises(ImproperlyConfigured):
            whatsapp_content_sids([bad])
