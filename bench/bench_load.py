"""Load on the real production server: `scripts/serve` (gunicorn processes + the background
worker) on PostgreSQL, driven over loopback HTTP by staff sessions while mail arrives.

    .venv/bin/python bench/bench_load.py --data /tmp/c10000 \\
        --database-url postgres://postgres@127.0.0.1:5432/gw_load

What it does, bounded in count and time, and stopping by itself:

1. Loads the data set (`shared/bench/dataset.py --clients 10000`) into the database unless it
   holds it already, and creates the staff it logs in as (`load-001`…, care-centre agents: they
   see every client, the heaviest scope for search and the home page).
2. Starts `./scripts/serve` on 127.0.0.1 (its server settings come from the environment:
   GOODWILL_WEB_WORKERS, GOODWILL_WEB_WORKER_CLASS, GOODWILL_WEB_THREADS) with the task queue on
   Redis, and stops it (SIGTERM, then SIGKILL of its process group) whatever happens.
3. Each scenario logs its sessions in first (GET the form, POST it with the CSRF token; timed
   apart: the password hash is meant to be slow), then for its duration each session repeats a
   visit: home → search (plate, phone or full name of a client that exists) → that client's page
   → one of their cases → a note on it (POST with the page's CSRF token) → the case again, which
   must show the note. Every response is checked (status, and the page holds what was looked
   for: a search that does not list the client is an error). Meanwhile raw e-mails from the
   data set's `inbound_eml/` are posted to `/api/mail/inbound` at --mail-rate a second, each
   with a fresh Message-ID so that the worker processes every one.
4. Prints the figures and writes them into BENCHMARKS.md (the section "Load: …" is replaced on
   each run; --no-write leaves the file alone).

The load generator is stdlib `http.client` in threads, one keep-alive connection a session: it
shares the machine's cores with the server, so it should cost as little CPU as possible (its own
CPU share is reported).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import html
import http.client
import http.cookies
import itertools
import os
import platform
import random
import re
import resource
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import contextlib

from common import ROOT, dataset_loaded, django_setup

HOST = "127.0.0.1"  # loopback only: this never targets another machine
PASSWORD = "load-bench-password"  # noqa: S105  (bench staff on a bench database)
SECTION = "## Load: `bench/bench_load.py`"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MESSAGE_ID = re.compile(rb"^(message-id:[ \t]*<)", re.IGNORECASE | re.MULTILINE)


# --- HTTP ------------------------------------------------------------------------------------


class CheckFailed(Exception):
    pass


@dataclasses.dataclass
class Sample:
    page: str
    started: float  # perf_counter
    ms: float
    ok: bool
    error: str = ""


class Session:
    """One browser: a keep-alive connection, its cookies, every request timed and recorded."""

    def __init__(self, port: int, samples: list[Sample]) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.samples = samples
        self.conn: http.client.HTTPConnection | None = None

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def _send(
        self, method: str, url: str, body: bytes | None, headers: dict[str, str]
    ) -> tuple[int, dict[str, str], bytes]:
        for attempt in range(2):
            reused = self.conn is not None
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
            try:
                self.conn.request(method, url, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed an idle keep-alive connection as we reused it: the request
                # never reached a view, so sending it again on a new connection is safe.
                self.close()
                if reused and attempt == 0:
                    continue
                raise
            except BaseException:
                self.close()  # a timed-out connection cannot carry the next request
                raise
            if response.will_close:
                self.close()
            headers_in = {k.lower(): v for k, v in response.getheaders()}
            # Several Set-Cookie headers (the session and the rotated CSRF cookie): keep them all.
            headers_in["set-cookie"] = "\n".join(response.msg.get_all("Set-Cookie") or [])
            return response.status, headers_in, data
        raise AssertionError("unreachable")

    def request(
        self,
        page: str,
        method: str,
        url: str,
        *,
        form: dict[str, str] | None = None,
        check: Callable[[int, dict[str, str], str], None],
    ) -> str:
        headers = {"Host": f"{HOST}:{self.port}", "User-Agent": "goodwill-bench-load"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://{HOST}:{self.port}"
        started = time.perf_counter()
        text = ""
        try:
            status, response_headers, data = self._send(method, url, body, headers)
            elapsed = (time.perf_counter() - started) * 1000
            for morsel in _set_cookies(response_headers):
                if morsel["max-age"] == "0":  # how Django deletes one (the messages cookie)
                    self.cookies.pop(morsel.key, None)
                else:
                    self.cookies[morsel.key] = morsel.value
            text = data.decode("utf-8", "replace")
            check(status, response_headers, text)
        except (CheckFailed, OSError, http.client.HTTPException) as error:
            elapsed = (time.perf_counter() - started) * 1000
            self.samples.append(
                Sample(page, started, elapsed, False, f"{type(error).__name__}: {str(error)[:120]}")
            )
            raise CheckFailed(str(error)) from None
        self.samples.append(Sample(page, started, elapsed, True))
        return text


def _set_cookies(headers: dict[str, str]) -> Iterator[http.cookies.Morsel[str]]:
    for part in headers.get("set-cookie", "").splitlines():
        jar: http.cookies.SimpleCookie = http.cookies.SimpleCookie()
        jar.load(part)
        yield from jar.values()


def expect(status: int, *needles: str) -> Callable[[int, dict[str, str], str], None]:
    def check(got: int, headers: dict[str, str], text: str) -> None:
        if got != status:
            raise CheckFailed(f"status {got}, expected {status}")
        for needle in needles:
            if needle not in text:
                raise CheckFailed(f"{needle!r} is not on the page")

    return check


def expect_redirect(to: str) -> Callable[[int, dict[str, str], str], None]:
    def check(got: int, headers: dict[str, str], text: str) -> None:
        if got != 302 or headers.get("location") != to:
            raise CheckFailed(f"status {got} to {headers.get('location')!r}, expected 302 to {to}")

    return check


# --- what the sessions look for ----------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Target:
    client_ref: str
    client_name: str
    query: str  # a plate, phone number or full name that finds this client
    query_kind: str
    case_ref: str


def targets_pick(count: int, seed: int) -> list[Target]:
    """Random clients that have a case, each with a search text that must list them."""
    import phonenumbers
    from django.db.models import Count

    from goodwill.cases.models import Case
    from goodwill.clients.models import Client, ContactPoint, Product

    rng = random.Random(seed)
    ids = list(Client.objects.filter(cases__isnull=False).values_list("id", flat=True).distinct())
    chosen = rng.sample(ids, min(count, len(ids)))
    clients = Client.objects.in_bulk(chosen)
    phones = {
        c.client_id: c.normalized
        for c in ContactPoint.objects.filter(client_id__in=chosen, kind="phone")
    }
    plates = {
        p.client_id: p.plate for p in Product.objects.filter(client_id__in=chosen).exclude(plate="")
    }
    cases: dict[int, list[str]] = {}
    for client_id, ref in Case.objects.filter(client_id__in=chosen).values_list(
        "client_id", "reference"
    ):
        cases.setdefault(client_id, []).append(ref)
    # A full name shared by many clients could push this one past the 20 hits shown.
    crowded = {
        (f, la)
        for f, la, n in Client.objects.values_list("first_name", "last_name")
        .annotate(n=Count("id"))
        .values_list("first_name", "last_name", "n")
        if n > 5
    }
    kinds = itertools.cycle(["plate", "phone", "name"])
    picked = []
    for client_id in chosen:
        client = clients[client_id]
        kind = next(kinds)
        if kind == "plate" and client_id in plates:
            query = plates[client_id].replace("-", "").replace(" ", "").lower()
        elif kind in {"plate", "phone"} and client_id in phones:
            kind = "phone"  # international format: staff at the care centre read numbers as CH
            query = phonenumbers.format_number(
                phonenumbers.parse(phones[client_id], None),
                phonenumbers.PhoneNumberFormat.INTERNATIONAL,
            )
        elif (client.first_name, client.last_name) not in crowded:
            kind, query = "name", client.name
        else:
            continue
        picked.append(Target(client.ref, client.name, query, kind, rng.choice(cases[client_id])))
    return picked


def staff_ready(count: int) -> list[tuple[str, str]]:
    """`load-001`… care-centre agents with PASSWORD, created once; (username, full name)."""
    from django.contrib.auth.hashers import make_password

    from goodwill.organisation.models import Site, User
    from goodwill.organisation.services import site_create, staff_create

    care = Site.objects.filter(kind="care_centre").first() or site_create(
        code="BENCH-CARE", name="Bench care centre", kind="care_centre", country="CH"
    )
    hashed = make_password(PASSWORD)  # once: hashing is slow by design
    staff = []
    for n in range(1, count + 1):
        username = f"load-{n:03d}"
        user = User.objects.filter(username=username).first() or staff_create(
            username=username,
            password=None,
            first_name="Load",
            last_name=f"Agent {n:03d}",
            role="agent",
            site=care,
        )
        User.objects.filter(pk=user.pk).update(password=hashed, is_active=True, language="en")
        staff.append((username, f"Load Agent {n:03d}"))
    return staff


def mail_raws(data: Path) -> list[bytes]:
    return [p.read_bytes() for p in sorted((data / "inbound_eml").glob("*.eml"))]


def mail_fresh(raw: bytes, tag: str) -> bytes:
    """The message with a Message-ID never seen before (the intake drops a repeat as a
    duplicate), or with a header of its own when it has no Message-ID (dedupe by content)."""
    fresh, replaced = MESSAGE_ID.subn(lambda m: m.group(1) + f"{tag}.".encode(), raw, count=1)
    return fresh if replaced else f"X-Load-Run: {tag}\n".encode() + raw


# --- the server --------------------------------------------------------------------------------


class Server:
    """`scripts/serve` in its own process group, stopped on exit whatever happened."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.log = log.open("wb")
        self.process = subprocess.Popen(  # noqa: S603  (our own script, no shell)
            [str(ROOT / "scripts" / "serve")],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, port: int, seconds: float = 90) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(
                    f"scripts/serve exited with {self.process.returncode}; see {self.log.name}"
                )
            try:
                conn = http.client.HTTPConnection(HOST, port, timeout=2)
                conn.request("GET", "/login/")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise SystemExit(f"the server did not answer within {seconds:.0f} s; see {self.log.name}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=45)
        # Anything of ours left behind (the group is the one Popen created).
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


# --- scenarios ---------------------------------------------------------------------------------


@dataclasses.dataclass
class Scenario:
    key: str
    sessions: int
    seconds: float
    think: tuple[float, float]  # seconds between two requests of a session
    target_p95_ms: float
    target_rps: float | None
    target_errors: int | None


@dataclasses.dataclass
class Result:
    scenario: Scenario
    window: float
    samples: list[Sample]
    logins: list[Sample]
    mail: list[Sample]
    mail_ids: list[int]
    mail_status: dict[str, int]
    mail_drained: float | None
    cpu_busy: float  # share of the machine's CPU time busy during the window
    load_cpu: float  # share of the machine's CPU time the load generator itself used
    web_cpu: float  # gunicorn
    worker_cpu: float  # run_worker (the mail)
    postgres_cpu: float  # the backends connected to this database
    web_ms: float  # CPU milliseconds of gunicorn, of PostgreSQL, for each request (pages + mail)
    postgres_ms: float
    rss: dict[str, int]
    load_start: float
    loadavg: tuple[float, float, float]


def cpu_times() -> tuple[float, float]:
    with open("/proc/stat") as stat:
        fields = [float(x) for x in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def process_ticks(server_group: int) -> dict[str, dict[int, int]]:
    """CPU ticks so far of the server's processes (its process group) and of the PostgreSQL
    backends connected to this database, by pid."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
        backends = {pid for (pid,) in cursor.fetchall()}
    found: dict[str, dict[int, int]] = {"web": {}, "worker": {}, "postgres": {}}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        pid, ticks = int(entry.name), int(fields[11]) + int(fields[12])
        if int(fields[2]) == server_group:
            with open(f"/proc/{entry.name}/cmdline", "rb") as cmdline:
                kind = "worker" if b"run_worker" in cmdline.read() else "web"
            found[kind][pid] = ticks
        elif pid in backends:
            found["postgres"][pid] = ticks
    return found


def server_rss(server_group: int) -> dict[str, int]:
    """Resident memory (bytes) of the server's processes now: web processes summed, the largest
    web process, and the worker."""
    web: list[int] = []
    worker = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as stat:
                group = int(stat.read().rsplit(")", 1)[1].split()[2])
            if group != server_group:
                continue
            with open(f"/proc/{entry.name}/cmdline", "rb") as cmdline:
                command = cmdline.read()
            with open(f"/proc/{entry.name}/status") as status:
                kib = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            continue
        if b"run_worker" in command:
            worker = kib * 1024
        elif b"gunicorn" in command:
            web.append(kib * 1024)
    return {"web": sum(web), "web_max": max(web, default=0), "worker": worker}


def ticks_used(before: dict[int, int], after: dict[int, int]) -> int:
    return sum(ticks - before.get(pid, 0) for pid, ticks in after.items())


def log_in(session: Session, username: str) -> None:
    page = session.request("login form", "GET", "/login/", check=expect(200, "csrfmiddlewaretoken"))
    token = CSRF_INPUT.search(page)
    assert token is not None
    session.request(
        "login",
        "POST",
        "/login/",
        form={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)},
        check=expect_redirect("/"),
    )


def visit(
    session: Session, full_name: str, target: Target, think: Callable[[], bool], note: str
) -> None:
    """One round of an agent's work. Raises CheckFailed at the first failed step."""
    steps: list[Callable[[], object]] = []
    name = html.escape(target.client_name)
    steps.append(lambda: session.request("home", "GET", "/", check=expect(200, full_name)))
    steps.append(
        lambda: session.request(
            f"search ({target.query_kind})",
            "GET",
            "/search/?" + urllib.parse.urlencode({"q": target.query}),
            check=expect(200, target.client_ref),
        )
    )
    steps.append(
        lambda: session.request(
            "client page", "GET", f"/clients/{target.client_ref}/", check=expect(200, name)
        )
    )
    pages: dict[str, str] = {}
    steps.append(
        lambda: pages.update(
            case=session.request(
                "case page", "GET", f"/cases/{target.case_ref}/", check=expect(200, target.case_ref)
            )
        )
    )

    def add_note() -> None:
        token = CSRF_INPUT.search(pages["case"])
        if token is None:
            raise CheckFailed("no CSRF token on the case page")
        session.request(
            "note (POST)",
            "POST",
            f"/cases/{target.case_ref}/note/",
            form={"text": note, "csrfmiddlewaretoken": token.group(1)},
            check=expect_redirect(f"/cases/{target.case_ref}/"),
        )

    steps.append(add_note)
    steps.append(
        lambda: session.request(
            "case page after the note", "GET", f"/cases/{target.case_ref}/", check=expect(200, note)
        )
    )
    for step in steps:
        if not think():
            return
        step()


def run_scenario(
    scenario: Scenario,
    port: int,
    server_group: int,
    staff: list[tuple[str, str]],
    targets: list[Target],
    raws: list[bytes],
    mail_rate: float,
    token: str,
    run_tag: str,
) -> Result:
    from goodwill.channels.email.models import InboundMessage

    samples: list[Sample] = []
    logins: list[Sample] = []
    lock = threading.Lock()
    sessions = [Session(port, []) for _ in range(scenario.sessions)]

    # Logins first, eight at a time: PBKDF2 costs ~0.5 s of CPU each by design; a burst of 150
    # would measure the hash, not the pages staff wait on all day.
    queue = list(enumerate(sessions))

    def login_worker() -> None:
        while True:
            with lock:
                if not queue:
                    return
                n, session = queue.pop()
            session.samples = logins
            with contextlib.suppress(CheckFailed):
                log_in(session, staff[n][0])

    threads = [threading.Thread(target=login_worker, daemon=True) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    failed = sum(not s.ok for s in logins)
    if failed:
        print(
            f"  {failed} logins failed, e.g. {next(s.error for s in logins if not s.ok)}",
            file=sys.stderr,
        )

    print(f"  {len(logins) // 2} sessions logged in; the timed window starts", file=sys.stderr)
    stop = threading.Event()
    start = time.perf_counter()
    deadline = start + scenario.seconds
    busy0, total0 = cpu_times()
    self0 = resource.getrusage(resource.RUSAGE_SELF)
    procs0 = process_ticks(server_group)
    load_start = os.getloadavg()[0]
    # PostgreSQL backends come and go (CONN_MAX_AGE): sample every 2 s, keep what each one used.
    seen = {kind: dict(pids) for kind, pids in procs0.items()}

    def sample_processes() -> None:
        from django.db import connection

        while not stop.wait(2):
            for kind, pids in process_ticks(server_group).items():
                seen[kind].update(pids)
        connection.close()

    sampler = threading.Thread(target=sample_processes, daemon=True)

    def session_loop(n: int, session: Session) -> None:
        rng = random.Random(n)
        session.samples = samples
        low, high = scenario.think
        first = [True]

        def think() -> bool:
            if high > 0:
                # The first pause is spread over the whole range so sessions do not start in step.
                pause = rng.uniform(0, high) if first[0] else rng.uniform(low, high)
                first[0] = False
                if stop.wait(max(0.0, min(pause, deadline - time.perf_counter()))):
                    return False
            return time.perf_counter() < deadline

        for round_ in itertools.count():
            if time.perf_counter() >= deadline:
                break
            if "sessionid" not in session.cookies:
                # Its login failed before the window: log in again, as a user would.
                session.samples = logins
                try:
                    log_in(session, staff[n][0])
                except CheckFailed:
                    if not think():
                        break
                    continue
                finally:
                    session.samples = samples
            target = targets[rng.randrange(len(targets))]
            note = f"Load note {run_tag} s{n} r{round_}"
            try:
                visit(session, staff[n][1], target, think, note)
            except CheckFailed:
                # The next round starts afresh, as a user would after an error page.
                if not think():
                    break
        session.close()

    mail: list[Sample] = []
    mail_ids: list[int] = []
    slots = itertools.count()

    def mail_feeder() -> None:
        # Several feeders share one schedule (message k due at start + k / rate), so one slow
        # post does not lower the rate.
        session = Session(port, mail)
        while not stop.is_set():
            with lock:
                k = next(slots)
            due = start + k / mail_rate
            if due >= deadline or stop.wait(max(0.0, due - time.perf_counter())):
                break
            raw = mail_fresh(raws[k % len(raws)], f"{run_tag}.{scenario.key}.{k}")
            headers = {
                "Host": f"{HOST}:{port}",
                "Authorization": f"Bearer {token}",
                "Content-Type": "message/rfc822",
            }
            started = time.perf_counter()
            try:
                status, _, data = session._send("POST", "/api/mail/inbound", raw, headers)
                ms = (time.perf_counter() - started) * 1000
                ok = status == 202
                mail.append(Sample("mail in (API)", started, ms, ok, "" if ok else f"{status}"))
                if ok:
                    found = re.search(rb'"id":\s*(\d+)', data)
                    if found:
                        with lock:
                            mail_ids.append(int(found.group(1)))
            except (OSError, http.client.HTTPException) as error:
                ms = (time.perf_counter() - started) * 1000
                mail.append(Sample("mail in (API)", started, ms, False, repr(error)[:120]))
                session.close()
        session.close()

    # Daemon threads: an interrupted run exits without waiting for them.
    workers = [
        threading.Thread(target=session_loop, args=(n, s), daemon=True)
        for n, s in enumerate(sessions)
    ]
    if mail_rate > 0:
        workers += [threading.Thread(target=mail_feeder, daemon=True) for _ in range(4)]
    for worker in [*workers, sampler]:
        worker.start()
    timer = threading.Timer(scenario.seconds + 35, stop.set)  # a stuck request cannot hold us
    timer.start()
    try:
        for worker in workers:
            worker.join()
    finally:
        stop.set()
        timer.cancel()
    rss = server_rss(server_group)
    window = time.perf_counter() - start
    busy1, total1 = cpu_times()
    self1 = resource.getrusage(resource.RUSAGE_SELF)
    sampler.join()
    for kind, pids in process_ticks(server_group).items():
        seen[kind].update(pids)
    loadavg = os.getloadavg()
    cpu_self = (self1.ru_utime + self1.ru_stime) - (self0.ru_utime + self0.ru_stime)
    ticks = os.sysconf("SC_CLK_TCK")

    # How far the worker got with the mail: wait (bounded) for the backlog to clear.
    drained: float | None = None
    waited = time.perf_counter()
    while time.perf_counter() - waited < 60:
        if not InboundMessage.objects.filter(id__in=mail_ids, status="received").exists():
            drained = time.perf_counter() - waited
            break
        time.sleep(1)
    status_counts: dict[str, int] = {}
    for status in InboundMessage.objects.filter(id__in=mail_ids).values_list("status", flat=True):
        status_counts[status] = status_counts.get(status, 0) + 1
    total = max(1.0, total1 - total0)
    web, pg = (ticks_used(procs0[k], seen[k]) for k in ("web", "postgres"))
    requests = max(1, len(samples) + len(mail))
    return Result(
        scenario,
        window,
        samples,
        logins,
        mail,
        mail_ids,
        status_counts,
        drained,
        (busy1 - busy0) / total,
        cpu_self * ticks / total,
        web / total,
        ticks_used(procs0["worker"], seen["worker"]) / total,
        pg / total,
        web * 1000 / ticks / requests,
        pg * 1000 / ticks / requests,
        rss,
        load_start,
        loadavg,
    )


# --- report ------------------------------------------------------------------------------------


def para(text: str) -> str:
    """A paragraph of BENCHMARKS.md, in lines of at most 100 characters."""
    return textwrap.fill(text, 100, break_long_words=False, break_on_hyphens=False)


def pct(values: list[float], p: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def row(name: str, samples: list[Sample], window: float) -> str:
    times = [s.ms for s in samples]
    errors = sum(not s.ok for s in samples)
    return (
        f"| {name} | {len(samples):,} | {len(samples) / window:.1f} | {pct(times, 50):.0f} | "
        f"{pct(times, 95):.0f} | {pct(times, 99):.0f} | {max(times):.0f} | {errors} |"
    )


def report(result: Result) -> tuple[str, list[str]]:
    s = result.scenario
    pages = result.samples
    times = [x.ms for x in pages]
    errors = sum(not x.ok for x in pages)
    rps = len(pages) / result.window
    p95 = pct(times, 95)
    verdicts = []
    if s.target_rps is not None:
        verdicts.append(
            f"≥ {s.target_rps:.0f} requests/s: "
            f"{'met' if rps >= s.target_rps else '**missed**'} ({rps:.1f})"
        )
    verdicts.append(
        f"p95 ≤ {s.target_p95_ms:.0f} ms: "
        f"{'met' if p95 <= s.target_p95_ms else '**missed**'} ({p95:.0f} ms)"
    )
    if s.target_errors is not None:
        verdicts.append(
            f"{s.target_errors} errors: "
            f"{'met' if errors <= s.target_errors else '**missed**'} ({errors})"
        )
    others = max(
        0.0,
        result.cpu_busy
        - result.web_cpu
        - result.worker_cpu
        - result.postgres_cpu
        - result.load_cpu,
    )
    think = (
        "no think time" if s.think[1] == 0 else f"{s.think[0]:.0f}–{s.think[1]:.0f} s think time"
    )
    lines = [
        para(
            f"**Scenario {s.key}: {s.sessions} sessions, {think}, {result.window:.0f} s.** "
            f"Targets: {'; '.join(verdicts)}. CPU of the machine's {os.cpu_count()} cores during "
            f"the window: {result.cpu_busy:.0%} busy: gunicorn {result.web_cpu:.0%}, worker "
            f"(mail) {result.worker_cpu:.0%}, PostgreSQL {result.postgres_cpu:.0%}, load "
            f"generator {result.load_cpu:.0%}, other processes on the machine {others:.0%}; load "
            f"average {result.load_start:.1f} at the start, {result.loadavg[0]:.1f} at the end. "
            f"CPU a request (staff pages and mail posts together): gunicorn {result.web_ms:.0f} "
            f"ms, PostgreSQL {result.postgres_ms:.1f} ms. Memory (RSS) at the end: gunicorn "
            f"{result.rss['web'] / 2**20:.0f} MB in all (largest process "
            f"{result.rss['web_max'] / 2**20:.0f} MB), worker {result.rss['worker'] / 2**20:.0f} "
            "MB."
        ),
        "",
        "| requests | n | per s | p50 ms | p95 ms | p99 ms | max ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        row("**all staff pages**", pages, result.window),
    ]
    for page in dict.fromkeys(x.page for x in pages):
        lines.append(row(page, [x for x in pages if x.page == page], result.window))
    if result.mail:
        lines.append(
            row("mail in: POST /api/mail/inbound (not in the total)", result.mail, result.window)
        )
    if result.logins:
        lines.append(
            row(
                "login form + login POST, before the window or after a failed one (not in "
                "the total)",
                result.logins,
                result.window,
            ).replace(f"| {len(result.logins) / result.window:.1f} |", "| – |")
        )
    drained = (
        "the worker had processed them all "
        + (
            "by the end of the window"
            if result.mail_drained is not None and result.mail_drained < 1
            else f"{result.mail_drained:.0f} s after it"
        )
        if result.mail_drained is not None
        else "**backlog still queued 60 s after the window**"
    )
    statuses = ", ".join(f"{k} {v}" for k, v in sorted(result.mail_status.items()))
    lines += ["", para(f"Mail: {len(result.mail_ids)} messages accepted ({statuses}); {drained}.")]
    failures: dict[str, int] = {}
    for x in pages + result.mail + result.logins:
        if not x.ok:
            failures[f"{x.page}: {x.error}"] = failures.get(f"{x.page}: {x.error}", 0) + 1
    if failures:
        lines += [
            "",
            para(
                "Errors: "
                + "; ".join(
                    f"{k} ×{v}" for k, v in sorted(failures.items(), key=lambda i: -i[1])[:8]
                )
            ),
        ]
    return "\n".join(lines), verdicts


def write_section(text: str) -> None:
    path = ROOT / "BENCHMARKS.md"
    current = path.read_text()
    start = current.find(SECTION)
    if start < 0:
        path.write_text(current.rstrip("\n") + "\n\n" + text + "\n")
        return
    following = current.find("\n## ", start + len(SECTION))
    rest = "" if following < 0 else current[following:]
    path.write_text(current[:start] + text + ("\n" + rest if rest else "\n"))


# --- main --------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data",
        required=True,
        type=Path,
        help="a data set from shared/bench/dataset.py (10,000 clients expected)",
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/gw_load")
    parser.add_argument(
        "--queue-url",
        default="redis://127.0.0.1:6379/7",
        help="the server's task queue (its huey queue there is emptied first)",
    )
    parser.add_argument("--port", type=int, default=8077)
    parser.add_argument(
        "--scenarios",
        default="a,b",
        help="a (16 sessions flat out), b (150 sessions thinking 5–10 s), or both (default a,b)",
    )
    parser.add_argument("--a-seconds", type=float, default=60)
    parser.add_argument("--b-seconds", type=float, default=90)
    parser.add_argument("--a-sessions", type=int, default=16)
    parser.add_argument("--b-sessions", type=int, default=150)
    parser.add_argument("--mail-rate", type=float, default=10.0, help="e-mails a second")
    parser.add_argument("--no-write", action="store_true", help="print only, keep BENCHMARKS.md")
    parser.add_argument(
        "--quiet-load",
        type=float,
        default=None,
        metavar="L",
        help="on a shared machine: first wait until the 1-minute load average is "
        "at most L (at most --quiet-wait seconds)",
    )
    parser.add_argument("--quiet-wait", type=float, default=900)
    args = parser.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("--database-url must be PostgreSQL: the server runs several processes")
    if not 0 < args.a_seconds <= 600 or not 0 < args.b_seconds <= 600:
        raise SystemExit("a scenario lasts at most 600 s")
    if max(args.a_sessions, args.b_sessions) > 500:
        raise SystemExit("at most 500 sessions")

    data_dir = Path(tempfile.gettempdir()) / f"goodwill-load-{args.database_url.rsplit('/', 1)[-1]}"
    os.environ["GOODWILL_DATA_DIR"] = str(data_dir)
    os.environ["GOODWILL_QUEUE_URL"] = args.queue_url
    django_setup(args.database_url)
    from django.db import connection
    from huey.contrib.djhuey import HUEY

    from goodwill.clients.models import Client
    from goodwill.timeline.models import Entry

    dataset_loaded(args.data)
    HUEY.flush()  # tasks a previous run left point at nothing useful
    chosen = [k for k in ("a", "b") if k in args.scenarios.split(",")]
    scenarios = {
        "a": Scenario("a", args.a_sessions, args.a_seconds, (0, 0), 250, 100, None),
        "b": Scenario("b", args.b_sessions, args.b_seconds, (5, 10), 300, None, 0),
    }
    staff = staff_ready(max(scenarios[k].sessions for k in chosen))
    targets = targets_pick(600, seed=7)
    raws = mail_raws(args.data)
    clients, entries = Client.objects.count(), Entry.objects.count()
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
        cursor.execute("SHOW shared_buffers")
        shared_buffers = cursor.fetchone()[0]
        cursor.execute("SHOW max_connections")
        max_connections = cursor.fetchone()[0]
    connection.close()

    def interrupted(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # unwinds through `finally`, which stops the server

    signal.signal(signal.SIGTERM, interrupted)
    if args.quiet_load is not None:
        waited = time.monotonic()
        while os.getloadavg()[0] > args.quiet_load and time.monotonic() - waited < min(
            args.quiet_wait, 3600
        ):
            time.sleep(5)
        print(
            f"load average {os.getloadavg()[0]:.1f} after waiting "
            f"{time.monotonic() - waited:.0f} s for ≤ {args.quiet_load}",
            file=sys.stderr,
        )
    token = secrets.token_urlsafe(24)
    env = dict(
        os.environ,
        DATABASE_URL=args.database_url,
        HOST=HOST,
        PORT=str(args.port),
        GOODWILL_MAIL_INBOUND_TOKEN=token,
        GOODWILL_SMTP_URL="",
        GOODWILL_LOG_LEVEL=os.environ.get("GOODWILL_LOG_LEVEL", "WARNING"),
    )
    # What the server will run with, read the way gunicorn reads it.
    saved = dict(os.environ)
    os.environ.update(env)
    import goodwill.gunicorn_conf as conf

    os.environ.clear()
    os.environ.update(saved)
    server_settings = (
        f"gunicorn {conf.workers} × {conf.worker_class}"
        + (f" ({conf.threads} threads)" if conf.worker_class == "gthread" else "")
        + f", timeout {conf.timeout} s, access log "
        + ("on" if conf.accesslog else "off")
        + "; one `run_worker` (2 queue threads) on Redis"
    )
    run_tag = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S")
    log = data_dir / "serve.log"
    print(f"starting scripts/serve ({server_settings}); its output goes to {log}", file=sys.stderr)
    server = Server(env, log)
    results: list[Result] = []
    try:
        server.wait_ready(args.port)
        warm = Session(args.port, [])  # untimed: each process imports its templates once
        log_in(warm, staff[0][0])
        for target in targets[:20]:
            warm.request("warm", "GET", f"/clients/{target.client_ref}/", check=expect(200))
            warm.request("warm", "GET", f"/cases/{target.case_ref}/", check=expect(200))
        warm.close()
        for key in chosen:
            scenario = scenarios[key]
            print(
                f"scenario {key}: {scenario.sessions} sessions for {scenario.seconds:.0f} s…",
                file=sys.stderr,
            )
            results.append(
                run_scenario(
                    scenario,
                    args.port,
                    server.process.pid,
                    staff,
                    targets,
                    raws,
                    args.mail_rate,
                    token,
                    run_tag,
                )
            )
    finally:
        server.stop()

    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    kinds = {}
    for target in targets:
        kinds[target.query_kind] = kinds.get(target.query_kind, 0) + 1
    searches = ", ".join(f"{k} ({v})" for k, v in sorted(kinds.items()))
    header = [
        SECTION,
        "",
        para(
            f"**Date**: {dt.datetime.now(dt.UTC):%Y-%m-%d}. **Machine**: {platform.node()}, "
            f"`nproc` {os.cpu_count()}, {memory_gib:.0f} GiB RAM, Python "
            f"{platform.python_version()}; PostgreSQL {pg_version} on 127.0.0.1 (shared_buffers "
            f"{shared_buffers}, max_connections {max_connections}) and Redis on the same cores as "
            f"the server and the load generator. **Data**: `{args.data.name}` ({clients:,} "
            f"clients, {entries:,} timeline entries at the end), loaded with `import_dataset`. "
            f"**Server**: `scripts/serve`: {server_settings}. **Command**: `.venv/bin/python "
            f"bench/bench_load.py {' '.join(sys.argv[1:])}`."
        ),
        "",
        para(
            "Each session is a care-centre agent (sees every client) repeating: home → search → "
            "the client → one of their cases → a note on it (POST, CSRF) → the case again, which "
            f"must show the note. Searches by {searches} of {len(targets)} random clients, each "
            f"of which must be listed. Meanwhile {args.mail_rate:g} e-mails a second from "
            "`inbound_eml/` (fresh Message-IDs) are posted to `/api/mail/inbound` and processed "
            "by the worker. The load generator (stdlib `http.client`, one thread a session) runs "
            "on the same two cores. Latency is from sending the request to the last byte read."
        ),
    ]
    body = [report(r)[0] for r in results]
    text = "\n".join(header) + "\n\n" + "\n\n".join(body)
    print("\n" + text)
    if not args.no_write:
        write_section(text)
        print(f"\n(written to {ROOT / 'BENCHMARKS.md'})", file=sys.stderr)


if __name__ == "__main__":
    main()
