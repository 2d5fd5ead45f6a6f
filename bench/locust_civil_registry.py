"""Locust scenarios of bench/civil_registry_bench.py (civil registration under load).

Driven headless by the bench script, which signs the officer (NIP, password, TOTP code) and the
citizen in once over HTTP and hands the session cookies over in the environment:

    BENCH_SCENARIO        ping | queue | status | submit
    BENCH_OFFICER_COOKIE  "sessionid=…; csrftoken=…" of the signed-in service officer
    BENCH_CITIZEN_COOKIE  the same for the signed-in citizen
    BENCH_CITIZEN_CSRF    the citizen's csrftoken (sent as X-CSRFToken on API POSTs)
    BENCH_STATUS_PK       the citizen's application whose status page is read
    BENCH_SUBMIT_JSON     a file with the citizen's NIK and mothers from the register

Users have no think time (each sends its next request as soon as the previous one answered):
50 users are 50 requests in flight, the worst case for the server.
"""

from __future__ import annotations

import json
import os
import uuid
import zlib
from itertools import count

from locust import FastHttpUser, constant, task

SCENARIO = os.environ.get("BENCH_SCENARIO", "queue")


def letters(n: int) -> str:
    """``n`` in letters (a child's name may hold no digits): 0 → "A", 27 → "Bb"."""
    out = ""
    while True:
        out = "abcdefghijklmnopqrstuvwxyz"[n % 26] + out
        n //= 26
        if n == 0:
            return out.capitalize()


API = "/api/v1/kependudukan"
_sequence = count()


def _png() -> bytes:
    """A real 1×1 PNG (the server sniffs the content, not the name)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = b"\x89PNG\r\n\x1a\n"
    ihdr = chunk(b"IHDR", (1).to_bytes(4, "big") * 2 + b"\x08\x02\x00\x00\x00")
    idat = chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
    return header + ihdr + idat + chunk(b"IEND", b"")


def _pdf() -> bytes:
    """A blank A4 page written by pypdf (the same as the demo data's uploads)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


_PDF = _pdf()
PNG = _png()
# Two PDFs and two PNGs per application, as a phone would send scans and photos.
UPLOADS = (
    ("surat_lahir", "surat-lahir.pdf", _PDF),
    ("ktp_orang_tua", "ktp.png", PNG),
    ("kk", "kk.pdf", _PDF),
    ("buku_nikah", "buku-nikah.png", PNG),
)


def _multipart(fields: dict[str, str], name: str, filename: str, content: bytes):
    boundary = uuid.uuid4().hex
    parts = []
    for key, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        f"Content-Type: application/octet-stream\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class _Base(FastHttpUser):
    abstract = True
    wait_time = constant(0)
    network_timeout = 30.0
    connection_timeout = 30.0


if SCENARIO == "ping":

    class Ping(_Base):
        """The framework's ceiling: the smallest response through the full middleware stack."""

        @task
        def ping(self):
            with self.client.get(
                "/health/ping/", name="ping: /health/ping/", catch_response=True
            ) as response:
                if response.status_code != 200:
                    response.failure(f"HTTP {response.status_code}")


if SCENARIO == "queue":

    class OfficerQueue(_Base):
        """The service officer opens the work queue (first page, no filter)."""

        cookie = os.environ["BENCH_OFFICER_COOKIE"]

        @task
        def queue(self):
            with self.client.get(
                "/kependudukan/petugas/",
                headers={"Cookie": self.cookie},
                name="queue: /kependudukan/petugas/",
                catch_response=True,
            ) as response:
                if response.status_code != 200 or "antrean" not in (response.text or ""):
                    response.failure(f"status {response.status_code}")


if SCENARIO == "status":

    class CitizenStatus(_Base):
        """The citizen follows their application: the web page, and the API the app calls."""

        cookie = os.environ["BENCH_CITIZEN_COOKIE"]
        pk = os.environ["BENCH_STATUS_PK"]

        @task
        def page(self):
            with self.client.get(
                f"/kependudukan/permohonan/{self.pk}/",
                headers={"Cookie": self.cookie},
                name="status: /kependudukan/permohonan/<pk>/",
                catch_response=True,
            ) as response:
                if response.status_code != 200:
                    response.failure(f"status {response.status_code}")

        @task
        def api(self):
            with self.client.get(
                f"{API}/applications/{self.pk}/",
                headers={"Cookie": self.cookie, "Accept": "application/json"},
                name="status: /api/v1/kependudukan/applications/<pk>/",
                catch_response=True,
            ) as response:
                if response.status_code != 200:
                    response.failure(f"status {response.status_code}")


if SCENARIO == "submit":

    class CitizenSubmits(_Base):
        """The mobile app's submission: draft → 4 uploads (2 PDF, 2 PNG) → submit with an
        Idempotency-Key. One task = one application."""

        cookie = os.environ["BENCH_CITIZEN_COOKIE"]
        csrf = os.environ["BENCH_CITIZEN_CSRF"]
        with open(os.environ["BENCH_SUBMIT_JSON"]) as handle:
            setup = json.load(handle)

        def _headers(self, **extra) -> dict:
            return {"Cookie": self.cookie, "X-CSRFToken": self.csrf, **extra}

        @task
        def submit(self):
            n = next(_sequence)
            mother = self.setup["mothers"][n % len(self.setup["mothers"])]
            data = dict(self.setup["template"], **mother)
            data["child_name"] = (
                f"Bench Locust {self.setup['run']} {letters(os.getpid())} {letters(n)}"
            )
            with self.client.post(
                f"{API}/applications/",
                data=json.dumps(
                    {
                        "service_type": "akta-kelahiran",
                        "data": data,
                        "applicant_nik": self.setup["citizen_nik"],
                    }
                ),
                headers=self._headers(**{"Content-Type": "application/json"}),
                name="submit 1: POST applications/ (draft)",
                catch_response=True,
            ) as response:
                if response.status_code != 201:
                    response.failure(f"{response.status_code} {(response.text or '')[:200]}")
                    return
                pk = response.json()["id"]
            for code, filename, content in UPLOADS:
                body, content_type = _multipart({"requirement": code}, "file", filename, content)
                with self.client.post(
                    f"{API}/applications/{pk}/documents/",
                    data=body,
                    headers=self._headers(**{"Content-Type": content_type}),
                    name="submit 2: POST applications/<pk>/documents/ (upload)",
                    catch_response=True,
                ) as response:
                    if response.status_code != 201:
                        response.failure(f"{response.status_code} {(response.text or '')[:200]}")
                        return
            with self.client.post(
                f"{API}/applications/{pk}/submit/",
                headers=self._headers(**{"Idempotency-Key": uuid.uuid4().hex}),
                name="submit 3: POST applications/<pk>/submit/",
                catch_response=True,
            ) as response:
                if response.status_code != 201:
                    response.failure(f"{response.status_code} {(response.text or '')[:200]}")
