"""Real processes to break: a PostgreSQL cluster and a Redis of their own on free ports, and
gunicorn, a Celery worker and Celery beat serving the platform with production settings.

The fault tests (``balaikota/core/tests/test_faults.py``) and the load-and-fault bench
(``bench/fault_bench.py``) kill and restart these while citizens apply, and look at what the
citizens were answered, what the database holds and which e-mails left. Nothing here touches
the machine's own PostgreSQL or Redis: every process is started here, on 127.0.0.1, in a
temporary directory, and stopped by its own pid::

    with Stack.start(tmp_dir) as stack:      # initdb, redis, migrate, seed, gunicorn, worker, beat
        citizen = stack.api(stack.citizen_token)
        stack.redis.kill()                   # the broker and the cache are gone
        ...

E-mails are written to files (Django's file backend) through ``GatedFileBackend``: while the
gate file exists, a send stops and names its process, so a test can kill the worker that holds
a task at that moment.
"""

from __future__ import annotations

import atexit
import contextlib
import email
import email.header
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend as FileBackend

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
PG_BIN = Path(os.environ.get("BALAIKOTA_PG_BIN", "/usr/lib/postgresql/15/bin"))


class StackError(RuntimeError):
    """A process of the stack did not start or did not answer in time (the message says which
    and ends with the tail of its log)."""


def missing_binaries() -> list[str]:
    """What the stack needs and this machine lacks (the tests skip with this list)."""
    needed = {
        "initdb": _pg_binary("initdb"),
        "pg_ctl": _pg_binary("pg_ctl"),
        "redis-server": shutil.which("redis-server"),
        "gunicorn": str(VENV_BIN / "gunicorn") if (VENV_BIN / "gunicorn").exists() else None,
        "celery": str(VENV_BIN / "celery") if (VENV_BIN / "celery").exists() else None,
    }
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        needed["runuser"] = None  # initdb refuses root: it runs as the postgres user
    return sorted(name for name, path in needed.items() if not path)


def _pg_binary(name: str) -> str | None:
    candidate = PG_BIN / name
    return str(candidate) if candidate.exists() else shutil.which(name)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(
    condition: Callable[[], object], *, timeout: float, every: float = 0.2, what: str = ""
):
    """Call ``condition`` until it returns something truthy; that value, or StackError."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            value = condition()
        except Exception as exc:  # noqa: BLE001 — a service still starting refuses: try again
            last_error = exc
        else:
            if value:
                return value
        time.sleep(every)
    raise StackError(f"{what or condition!r}: not within {timeout:.0f} s ({last_error})")


def _tail(path: Path, lines: int = 40) -> str:
    with contextlib.suppress(OSError):
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    return "(no log)"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --- Redis ---------------------------------------------------------------------------------


class Redis:
    """A Redis that keeps nothing on disk (as the machine's own): a restart loses every queued
    task, the hard case for the outbox."""

    def __init__(self, directory: Path):
        self.dir = directory
        self.dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log = directory / "redis.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> Redis:
        argv = [
            shutil.which("redis-server") or "redis-server",
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(self.dir),
            "--logfile",
            str(self.log),
        ]
        self.process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(self.ping, timeout=15, what=f"redis on port {self.port}")
        return self

    def ping(self) -> bool:
        with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")

    def kill(self) -> None:
        """SIGKILL: what a crash or an OOM kill does (nothing is flushed, nothing kept)."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    stop = kill


# --- PostgreSQL ----------------------------------------------------------------------------


class Postgres:
    """A PostgreSQL cluster of its own (initdb), trust authentication on 127.0.0.1 only."""

    database = "balaikota"

    def __init__(self, directory: Path):
        self.dir = directory
        self.data = directory / "data"
        self.log = directory / "postgres.log"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/{self.database}"

    def _run(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess:
        command = list(argv)
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if check and result.returncode != 0:
            raise StackError(f"{' '.join(argv)} failed: {result.stderr.strip()[-2000:]}")
        return result

    def init(self) -> Postgres:
        self.dir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run(
            _pg_binary("initdb") or "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--no-sync",
        )
        return self

    def start(self) -> Postgres:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        result = self._run(
            _pg_binary("pg_ctl") or "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.log),
            "-w",
            "-t",
            "60",
            "start",
            check=False,
        )
        if result.returncode != 0:
            raise StackError(f"PostgreSQL did not start: {result.stderr}\n{_tail(self.log)}")
        return self

    def stop(self, mode: str = "immediate") -> None:
        """``immediate``: every backend is dropped at once, as in a crash or a failover."""
        self._run(
            _pg_binary("pg_ctl") or "pg_ctl",
            "-D",
            str(self.data),
            "-m",
            mode,
            "-w",
            "stop",
            check=False,
        )

    def create_database(self) -> None:
        import psycopg

        admin = self.url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.database}"')
            conn.execute(f'CREATE DATABASE "{self.database}"')

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.url, autocommit=True, connect_timeout=5) as conn:
            return conn.execute(sql, params or []).fetchall()


# --- E-mail ----------------------------------------------------------------------------------


class GatedFileBackend(FileBackend):
    """Django's file backend, held at a gate: while ``<EMAIL_FILE_PATH>/../gate`` exists a send
    writes its process id to ``holding`` and waits, so a test can kill the process mid-send."""

    def send_messages(self, email_messages):
        gate = Path(self.file_path).parent / "gate"
        if gate.exists():
            (gate.parent / "holding").write_text(str(os.getpid()))
            deadline = time.monotonic() + 120
            while gate.exists() and time.monotonic() < deadline:
                time.sleep(0.05)
        return super().send_messages(email_messages)


def sent_mail(directory: Path) -> list[email.message.Message]:
    """Every message the file backend wrote, in order."""
    messages = []
    separator = b"\n" + b"-" * 79 + b"\n"
    for path in sorted(directory.glob("*.log")):
        for chunk in path.read_bytes().split(separator):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk.lstrip(b"\n")))
    return messages


def subject(message: email.message.Message) -> str:
    return str(email.header.make_header(email.header.decode_header(message["Subject"] or "")))


# --- The platform ----------------------------------------------------------------------------


@dataclass
class Process:
    name: str
    argv: list[str]
    env: dict[str, str]
    log: Path
    popen: subprocess.Popen | None = None

    def start(self) -> Process:
        self._handle = self.log.open("a")
        self.popen = subprocess.Popen(
            self.argv,
            cwd=ROOT,
            env=self.env,
            stdout=self._handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killed with its children
        )
        return self

    @property
    def pid(self) -> int:
        assert self.popen is not None
        return self.popen.pid

    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Signal the whole process group (a worker and its pool children die together)."""
        if self.popen is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=30)
        if self.popen.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(timeout=10)
        self._handle.close()

    def stop(self) -> None:
        self.kill(signal.SIGTERM)

    def tail(self) -> str:
        return _tail(self.log)


@dataclass
class Api:
    """The mobile app's HTTP client: a token, JSON, a client timeout."""

    base_url: str
    token: str = ""
    timeout: float = 10.0

    def request(self, method: str, path: str, **kwargs):
        import requests

        headers = kwargs.pop("headers", {})
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        return requests.request(
            method,
            self.base_url + path,
            headers=headers,
            timeout=kwargs.pop("timeout", self.timeout),
            **kwargs,
        )

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs):
        return self.request("POST", path, **kwargs)


@dataclass
class Stack:
    """PostgreSQL, Redis, gunicorn, a Celery worker and beat: production settings on loopback."""

    root: Path
    postgres: Postgres
    redis: Redis
    env: dict[str, str]
    gunicorn: Process | None = None
    worker: Process | None = None
    beat: Process | None = None
    data: dict = field(default_factory=dict)
    web_port: int = 0

    # --- assembly ---

    @classmethod
    def build(cls, root: Path, *, sweep_seconds: float = 2.0, gunicorn_workers: int = 2) -> Stack:
        """Every process started, the database migrated and seeded; ``close()`` stops it all."""
        root.mkdir(parents=True, exist_ok=True)
        root.chmod(0o755)  # the postgres user reaches its own directory inside
        postgres = Postgres(root / "postgres").init().start()
        postgres.create_database()
        redis = Redis(root / "redis").start()
        (root / "mail" / "out").mkdir(parents=True, exist_ok=True)
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "BALAIKOTA_", "DATABASE_", "REDIS_", "CELERY_"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="balaikota.settings.production",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SECURE_SSL_REDIRECT="false",
            DATABASE_URL=postgres.url,
            CONN_MAX_AGE="60",
            REDIS_URL=redis.url,
            CACHE_KEY_PREFIX="faults",
            BALAIKOTA_VAR_DIR=str(root / "var"),
            MEDIA_ROOT=str(root / "var" / "media"),
            STATIC_ROOT=str(root / "var" / "static"),
            EMAIL_URL=f"filemail:///{(root / 'mail' / 'out').resolve()}",  # absolute: four slashes
            EMAIL_BACKEND="balaikota.testing.faults.GatedFileBackend",
            OUTBOX_SWEEP_SECONDS=str(sweep_seconds),
            LOG_LEVEL="INFO",
            PYTHONUNBUFFERED="1",
        )
        stack = cls(root=root, postgres=postgres, redis=redis, env=env)
        atexit.register(stack.close)  # a caller that dies without close() leaves nothing running
        try:
            stack.manage("migrate", "--noinput", "-v", "0")
            stack.manage("collectstatic", "--noinput", "-v", "0")  # the manifest pages need
            stack.data = stack.python("from balaikota.testing.faults import seed; seed()")
            stack.start_web(workers=gunicorn_workers)
            stack.start_worker()
            stack.start_beat()
        except BaseException:
            stack.close()
            raise
        return stack

    def close(self) -> None:
        """Stop everything (again: a no-op)."""
        for process in (self.beat, self.worker, self.gunicorn):
            if process is not None and process.running():
                process.kill()
        self.redis.kill()
        self.postgres.stop()

    def __enter__(self) -> Stack:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- commands ---

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode != 0:
            raise StackError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def python(self, code: str) -> dict:
        """Run ``code`` with Django set up in the stack's settings; the JSON it prints last."""
        script = f"import django; django.setup()\n{code}"
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode != 0:
            raise StackError(f"{code} failed:\n{result.stderr[-3000:]}")
        lines = result.stdout.strip().splitlines()
        return json.loads(lines[-1]) if lines else {}

    # --- processes ---

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def start_web(self, *, workers: int = 2) -> Process:
        self.web_port = self.web_port or free_port()
        self.gunicorn = Process(
            "gunicorn",
            [
                str(VENV_BIN / "gunicorn"),
                "balaikota.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.web_port}",
                "--workers",
                str(workers),
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
            ],
            self.env,
            self.root / "gunicorn.log",
        ).start()
        wait_until(
            lambda: self.api().get("/health/ping/", timeout=1).status_code == 200,
            timeout=60,
            what="gunicorn",
        )
        return self.gunicorn

    def start_worker(self) -> Process:
        self.worker = Process(
            "worker",
            [
                str(VENV_BIN / "celery"),
                "-A",
                "balaikota",
                "worker",
                "--pool",
                "prefork",
                "--concurrency",
                "1",
                "--hostname",
                f"faults-{secrets.token_hex(3)}@%h",
                "--without-mingle",
                "--without-gossip",
                "--loglevel",
                "INFO",
            ],
            self.env,
            self.root / "worker.log",
        ).start()
        wait_until(self.worker_pids, timeout=60, what="the Celery worker's pool")
        wait_until(
            lambda: "ready." in self.worker.log.read_text(errors="replace"),
            timeout=60,
            what="the Celery worker",
        )
        return self.worker

    def start_beat(self) -> Process:
        self.beat = Process(
            "beat",
            [
                str(VENV_BIN / "celery"),
                "-A",
                "balaikota",
                "beat",
                "--schedule",
                str(self.root / "beat-schedule"),
                "--loglevel",
                "INFO",
            ],
            self.env,
            self.root / "beat.log",
        ).start()
        return self.beat

    def worker_pids(self) -> list[int]:
        """The pool children of the worker (the processes that run tasks)."""
        if self.worker is None or not self.worker.running():
            return []
        children = Path(f"/proc/{self.worker.pid}/task/{self.worker.pid}/children")
        with contextlib.suppress(OSError):
            return [int(pid) for pid in children.read_text().split()]
        return []

    def logs(self) -> str:
        """The tails of every log, for an assertion message."""
        parts = []
        for process in (self.gunicorn, self.worker, self.beat):
            if process is not None:
                parts.append(f"--- {process.name} ---\n{process.tail()}")
        parts.append(f"--- postgres ---\n{_tail(self.postgres.log, 15)}")
        return "\n".join(parts)

    # --- what citizens see ---

    def api(self, token: str = "", *, timeout: float = 10.0) -> Api:
        return Api(self.base_url, token, timeout)

    @property
    def mail_dir(self) -> Path:
        return self.root / "mail" / "out"

    @property
    def gate(self) -> Path:
        return self.root / "mail" / "gate"

    @property
    def holding(self) -> Path:
        return self.root / "mail" / "holding"

    def mail_about(self, text: str) -> list[email.message.Message]:
        return [m for m in sent_mail(self.mail_dir) if text in subject(m)]

    def apply(self, api: Api, *, child_name: str, before_submit: Callable[[], None] | None = None):
        """A citizen's whole application through the API: draft, four uploads, submit.

        Returns ``(submit_response, idempotency_key, application_id)``.
        """
        data = dict(self.data["birth_data"], child_name=child_name)
        draft = api.post(
            "/api/v1/kependudukan/applications/",
            json={"service_type": "akta-kelahiran", "data": data},
            headers={"Idempotency-Key": secrets.token_hex(8)},
        )
        if draft.status_code != 201:
            raise StackError(f"draft answered {draft.status_code}: {draft.text[:500]}")
        pk = draft.json()["id"]
        if before_submit is not None:
            before_submit()
        for code in ("surat_lahir", "ktp_orang_tua", "kk", "buku_nikah"):
            upload = api.post(
                f"/api/v1/kependudukan/applications/{pk}/documents/",
                data={"requirement": code},
                files={"file": ("berkas.pdf", _PDF, "application/pdf")},
            )
            if upload.status_code != 201:
                raise StackError(f"upload answered {upload.status_code}: {upload.text[:500]}")
        key = secrets.token_hex(12)
        submit = api.post(
            f"/api/v1/kependudukan/applications/{pk}/submit/", headers={"Idempotency-Key": key}
        )
        return submit, key, pk


def _blank_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


_PDF = _blank_pdf()


# --- Seed (runs inside the stack, with its settings) ------------------------------------------


def seed() -> None:
    """The Disdukcapil, the service types, a household in the register and its citizen with a
    verified e-mail and an API token; prints what the tests need as JSON."""
    from django.conf import settings
    from rest_framework.authtoken.models import Token

    from balaikota.civil_registry.services import service_types_load
    from balaikota.civil_registry.tests.factories import birth_data, household
    from balaikota.testing.factories import CitizenFactory, OpdFactory

    OpdFactory(code=settings.CIVIL_REGISTRY_OFFICE_CODE, name="Dinas Kependudukan dan Capil")
    service_types_load()
    _family, father, mother = household()
    citizen = CitizenFactory(full_name="Budi Hartono", email="budi@contoh.id", nik=father.nik)
    token, _created = Token.objects.get_or_create(user=citizen)
    print(
        json.dumps(
            {
                "token": token.key,
                "citizen_email": citizen.email,
                "birth_data": birth_data(mother, father),
            }
        )
    )


def audit(accepted_path: str, prefix: str) -> None:
    """What the database holds against what clients were told (runs inside the stack).

    ``accepted_path``: a JSON list of ``{"id", "number", "pin", "child"}`` — the submissions
    clients saw accepted. Prints counts of missing, duplicated, wrong-PIN and orphan drafts, and
    of files missing or not matching their SHA-256.
    """
    import hashlib
    from collections import Counter

    from balaikota.civil_registry.models import Application, ApplicationDocument
    from balaikota.civil_registry.pins import pin_matches

    accepted = json.loads(Path(accepted_path).read_text())
    rows = {
        a.pk: a
        for a in Application.objects.filter(data__child_name__startswith=prefix).only(
            "pk", "tracking_number", "pin_hash", "status", "data"
        )
    }
    names = Counter(a.data.get("child_name") for a in rows.values())
    missing = [item for item in accepted if item["id"] not in rows]
    wrong_pin = [
        item
        for item in accepted
        if item["id"] in rows
        and not pin_matches(
            item["pin"], rows[item["id"]].tracking_number, rows[item["id"]].pin_hash
        )
    ]
    accepted_names = {item["child"] for item in accepted}
    submitted = [a for a in rows.values() if a.tracking_number]
    files_bad = 0
    files = 0
    for document in ApplicationDocument.objects.filter(application_id__in=list(rows)):
        files += 1
        try:
            with document.file.open("rb") as handle:
                ok = hashlib.sha256(handle.read()).hexdigest() == document.sha256
        except OSError:
            ok = False
        files_bad += not ok
    print(
        json.dumps(
            {
                "accepted": len(accepted),
                "in_database": len(rows),
                "submitted": len(submitted),
                "missing": len(missing),
                "duplicated": sum(1 for count in names.values() if count > 1),
                "wrong_pin": len(wrong_pin),
                "submitted_not_confirmed": sum(
                    1 for a in submitted if a.data.get("child_name") not in accepted_names
                ),
                "orphan_drafts": sum(1 for a in rows.values() if not a.tracking_number),
                "files": files,
                "files_bad": files_bad,
                "numbers": [a.tracking_number for a in submitted],
            }
        )
    )
