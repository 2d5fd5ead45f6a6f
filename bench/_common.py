"""What serve_bench.py and page_weight.py share: the bench database, a production gunicorn on
loopback, signing a civil servant in over HTTP, the machine's description, and docs/benchmarks.md.

Everything runs on 127.0.0.1 only. The processes started here are stopped by their own pid.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable
DOC = ROOT / "docs" / "benchmarks.md"
BENCH_VAR = ROOT / "var" / "bench"

DB_NAME = "balaikota_bench"
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DB_NAME}")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
# Persistent database connections, as a production deployment should run (settings default: 0).
CONN_MAX_AGE = os.environ.get("BENCH_CONN_MAX_AGE", "60")


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- Environment and data --------------------------------------------------------------------


def production_env(secret_key: str) -> dict[str, str]:
    """The environment of a production app server, except plain HTTP on loopback."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "BALAIKOTA_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="balaikota.settings.production",
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=DATABASE_URL,
        CONN_MAX_AGE=CONN_MAX_AGE,
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX="balaikota-bench",
        STATIC_ROOT=str(BENCH_VAR / "static"),
        MEDIA_ROOT=str(BENCH_VAR / "media"),
        BALAIKOTA_VAR_DIR=str(BENCH_VAR),
        EMAIL_URL="consolemail://",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def ensure_database(*, fresh: bool = False) -> bool:
    """Create the bench database unless it exists (drop it first if ``fresh``); True if created."""
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if exists:
            return False
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')
        return True


def manage(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    log("manage.py " + " ".join(args))
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=check, text=True)


def has_command(env: dict[str, str], name: str) -> bool:
    out = subprocess.run(
        [PYTHON, "manage.py", "help", "--commands"],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=True,
    ).stdout.split()
    return name in out


@dataclass
class BenchUser:
    nip: str
    password: str
    totp_secret: str
    full_name: str
    team_size: int


@dataclass
class Prepared:
    env: dict[str, str]
    user: BenchUser
    seeded_with: str
    data: dict


def prepare(*, skip_seed: bool = False, fresh: bool = False) -> Prepared:
    """Database, migrations, demo data, static files and the signed-in civil servant."""
    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    env = production_env(os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50))
    if ensure_database(fresh=fresh):
        log(f"created database {DB_NAME}")
    manage(env, "migrate", "--noinput", "-v", "0")
    seeded_with = "existing data (--skip-seed)"
    if not skip_seed:
        if has_command(env, "seed_demo"):
            # --force: seed_demo refuses production settings, which the bench serves with on purpose
            manage(env, "seed_demo", "--force")
            seeded_with = "`manage.py seed_demo --force` (its defaults)"
        else:
            log("manage.py seed_demo does not exist yet: using bench/bench_data.py's fallback")
            seeded_with = (
                "bench fallback (seed_demo missing): load_areas 33.74, load_opds, bench team"
            )
    manage(env, "collectstatic", "--noinput", "-v", "0")
    out = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "bench_data.py")]
        + (["--fallback"] if seeded_with.startswith("bench fallback") else []),
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return Prepared(
        env=env, user=BenchUser(**result["user"]), seeded_with=seeded_with, data=result["data"]
    )


# --- gunicorn --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn serving balaikota.wsgi on 127.0.0.1 with production settings."""

    def __init__(self, env: dict[str, str], *, workers: int, worker_class: str = "sync"):
        self.env = env
        self.workers = workers
        self.worker_class = worker_class
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.log_path = BENCH_VAR / "gunicorn.log"

    @property
    def argv(self) -> list[str]:
        return [
            str(VENV_BIN / "gunicorn"),
            "balaikota.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            self.worker_class,
            "--log-level",
            "warning",
        ]

    def command(self) -> str:
        """The same command with a placeholder port, for the record."""
        return " ".join(self.argv).replace(f":{self.port}", ":PORT").replace(str(ROOT) + "/", "")

    def __enter__(self) -> Gunicorn:
        log("starting " + self.command().replace("PORT", str(self.port)))
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(
            self.argv, cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log_path}")
            with contextlib.suppress(OSError):
                if http_get(self.base_url + "/health/ping/")[0] == 200:
                    return self
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within 60 s; see {self.log_path}")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # the master stops its own workers
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


# --- HTTP ------------------------------------------------------------------------------------


def http_get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict, bytes]:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request(
            "GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers or {}
        )
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


class _FormReader(HTMLParser):
    """The hidden inputs and action of the first POST form in <main>."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self.action: str | None = None
        self._in_main = False
        self._in_form = False
        self._done = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "main":
            self._in_main = True
        elif tag == "form" and self._in_main and not self._done and a.get("method") == "post":
            self._in_form = True
            self.action = a.get("action")
        elif tag == "input" and self._in_form and a.get("type") == "hidden" and a.get("name"):
            self.fields[a["name"]] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form" and self._in_form:
            self._in_form = False
            self._done = True


class _Session:
    """A tiny cookie-keeping HTTP client (plain HTTP ignores the Secure flag; we keep it anyway)."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None):
        from urllib.parse import urlencode

        parts = urlsplit(urljoin(self.base_url, path))
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = urljoin(self.base_url, path)
        conn.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), body, headers)
        response = conn.getresponse()
        content = response.read().decode("utf-8", "replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        conn.close()
        return response.status, response.getheader("Location"), content

    def post_form(self, path: str, values: dict) -> tuple[int, str | None]:
        status, _location, html = self.request("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        reader = _FormReader()
        reader.feed(html)
        status, location, _ = self.request(
            "POST", reader.action or path, {**reader.fields, **values}
        )
        return status, location


def totp_now(secret: str) -> str:
    import base64
    import hashlib
    import hmac
    import struct

    counter = struct.pack(">Q", int(time.time()) // 30)
    digest = hmac.new(base64.b32decode(secret, casefold=True), counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def sign_in(base_url: str, user: BenchUser) -> dict[str, str]:
    """Sign in as a civil servant would: NIP and password, then the authenticator code."""
    session = _Session(base_url)
    status, location = session.post_form(
        "/accounts/login/", {"login": user.nip, "password": user.password}
    )
    if status != 302 or not location or "/2fa/" not in location:
        raise RuntimeError(f"sign-in did not ask for the code: {status} → {location}")
    status, location = session.post_form(location, {"code": totp_now(user.totp_secret)})
    if status != 302 or "sessionid" not in session.cookies:
        raise RuntimeError(f"the authenticator code was refused: {status} → {location}")
    status, _, html = session.request("GET", "/")
    last_name = user.full_name.split(",")[0].split()[-1]  # the greeting drops titles
    if status != 200 or "Selamat datang," not in html or last_name not in html:
        raise RuntimeError(f"signed-in home page answered {status} without the greeting")
    return session.cookies


# --- The machine -----------------------------------------------------------------------------


def _first_line(argv: list[str]) -> str:
    try:
        out = subprocess.run(argv, check=False, text=True, capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"
    text = (out.stdout or out.stderr).strip()
    return text.splitlines()[0] if text else "unknown"


def _redis_version() -> str:
    parts = urlsplit(REDIS_URL)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=2) as sock:
            sock.sendall(b"INFO server\r\n")
            data = b""
            while b"redis_version" not in data or not data.endswith(b"\r\n"):
                chunk = sock.recv(4096)
                if not chunk:
                    break
                data += chunk
                if len(data) > 65536:
                    break
        match = re.search(rb"redis_version:([^\r\n]+)", data)
        return match.group(1).decode() if match else "unknown"
    except OSError:
        return "not reachable"


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with contextlib.suppress(OSError, ValueError):
        kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "memory": memory,
        "kernel": platform.release(),
    }


def versions(env: dict[str, str]) -> dict[str, str]:
    import psycopg

    def pip_version(package: str) -> str:
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version(package)
        except PackageNotFoundError:
            return "not installed"

    with psycopg.connect(PG_ADMIN_URL) as conn:
        pg = conn.execute("SHOW server_version").fetchone()[0]
    commit = _first_line(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain"], capture_output=True, text=True
    ).stdout.strip()
    return {
        "commit": commit + (" (with uncommitted changes)" if dirty else ""),
        "python": platform.python_version(),
        "django": pip_version("django"),
        "gunicorn": pip_version("gunicorn"),
        "whitenoise": pip_version("whitenoise"),
        "psycopg": pip_version("psycopg"),
        "postgresql": pg,
        "redis": _redis_version(),
    }


# --- docs/benchmarks.md ----------------------------------------------------------------------

DOC_HEADER = """# Benchmarks

Measured figures, each section written by the script named in it (re-running a script replaces
its own section and leaves the others alone). Numbers come from the machine described in each
section; compare runs on the same machine only.

## How to run

```sh
# once: Debian's load generator and browser (Playwright cannot download its own)
apt-get install -y wrk chromium
# PostgreSQL at 127.0.0.1:5432 (user postgres, trust) and Redis at 127.0.0.1:6379 must run.
.venv/bin/python bench/serve_bench.py      # requests/s and latency of /, / signed in, /health/ping/
.venv/bin/python bench/page_weight.py      # bytes a phone downloads for the home page
.venv/bin/python bench/fault_bench.py      # citizens applying while Redis, a worker, PostgreSQL die
```

Both create (or reuse) the PostgreSQL database `balaikota_bench`, migrate it, run
`manage.py seed_demo --force` (the bench serves production settings on purpose) and
`manage.py collectstatic`, give the head of the largest unit a fresh password and TOTP
authenticator (`bench/bench_data.py`), and serve with gunicorn and `balaikota.settings.production`
on 127.0.0.1 only. Options: `--skip-seed` reuses the data already there, `--fresh` drops the
database first; `serve_bench.py --wait-idle 300` waits up to 5 minutes for a quiet machine
(1-minute load average below 1) before measuring; `--help` lists the rest. `fault_bench.py`
starts its own PostgreSQL cluster and Redis instead (`balaikota/testing/faults.py`).
"""


def doc_section_replace(key: str, markdown: str) -> None:
    """Replace the section between this key's markers in docs/benchmarks.md, or append it."""
    start, end = f"<!-- {key}:start -->", f"<!-- {key}:end -->"
    block = f"{start}\n{markdown.strip()}\n{end}"
    DOC.parent.mkdir(parents=True, exist_ok=True)
    text = DOC.read_text() if DOC.exists() else DOC_HEADER
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _m: block, text)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    DOC.write_text(text)
    log(f"wrote section {key!r} of {DOC.relative_to(ROOT)}")


def now_local() -> str:
    return dt.datetime.now(dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M %Z")


def wait_for_quiet(max_wait: float, threshold: float = 1.0) -> None:
    """Wait (bounded) until the 1-minute load average drops below ``threshold``."""
    deadline = time.monotonic() + max_wait
    while os.getloadavg()[0] >= threshold and time.monotonic() < deadline:
        log(f"load average {os.getloadavg()[0]:.1f}: waiting for the machine to quieten")
        time.sleep(10)


def require_binary(name: str, hint: str) -> str:
    path = shutil.which(name)
    if path is None:
        sys.exit(f"{name} is not installed: {hint}")
    return path
