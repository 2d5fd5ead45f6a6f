"""The BSrE API v2 client against a fake BSrE running on 127.0.0.1 in a thread."""

from __future__ import annotations

import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from balaikota.documents import ca, services
from balaikota.documents.exceptions import SigningError
from balaikota.documents.models import IssuedDocument
from balaikota.documents.selectors import SignatureState, signature_check
from balaikota.documents.signers import BsreSigner, LocalPadesSigner, get_signer, pades_sign

pytestmark = pytest.mark.django_db

CLIENT_ID, CLIENT_SECRET = "balaikota", "rahasia-klien"
PASSPHRASE = "Passphrase-Benar-1"
REGISTERED_NIK = "3374011203850001"


class FakeBsre:
    """Checks basic auth and the payload like BSrE would, and signs with the local signer."""

    def __init__(self, *, sign_with):
        self.sign_with = sign_with  # (pdf bytes) -> signed bytes
        self.requests: list[dict] = []
        self.delay = 0.0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _reply(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                time.sleep(outer.delay)
                length = int(self.headers.get("Content-Length") or 0)
                payload = json.loads(self.rfile.read(length) or b"{}")
                outer.requests.append({"path": self.path, "payload": payload})
                expected = (
                    "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
                )
                if self.headers.get("Authorization") != expected:
                    return self._reply(401, {"error": "Unauthorized"})
                if self.path == "/api/v2/user/check/status":
                    status = "ISSUE" if payload.get("nik") == REGISTERED_NIK else "NOT_REGISTERED"
                    return self._reply(200, {"status": status, "message": "ok"})
                if self.path != "/api/v2/sign/pdf":
                    return self._reply(404, {"error": "Not found"})
                if payload.get("nik") != REGISTERED_NIK:
                    return self._reply(400, {"status_code": 1111, "error": "User tidak terdaftar"})
                if payload.get("passphrase") != PASSPHRASE:
                    return self._reply(400, {"status_code": 2031, "error": "Passphrase anda salah"})
                props = payload["signatureProperties"]
                assert props[0]["tampilan"] == "INVISIBLE"
                signed = [
                    base64.b64encode(outer.sign_with(base64.b64decode(f))).decode()
                    for f in payload["file"]
                ]
                return self._reply(200, {"file": signed, "time": 12})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def bsre_official(official):
    official.nik = REGISTERED_NIK
    official.save(update_fields=["nik"])
    return official


@pytest.fixture
def fake_bsre(bsre_official, settings):
    """BSrE signs with a certificate of its own: here, the local CA's certificate for the
    official (a real pyHanko PAdES signature, so the result validates)."""
    certificate = services.certificate_issue(user=bsre_official)
    key_pem = ca.private_key_decrypt(certificate.private_key_encrypted)

    def sign_with(pdf: bytes) -> bytes:  # runs in the server thread: no database access
        return pades_sign(
            pdf,
            certificate_pem=certificate.certificate_pem.encode(),
            private_key_pem=key_pem,
            name=certificate.subject_cn,
            reason="BSrE",
            location="Jakarta",
        )

    with FakeBsre(sign_with=sign_with) as server:
        settings.BALAIKOTA_SIGNER = "bsre"
        settings.BSRE_BASE_URL = server.url
        settings.BSRE_CLIENT_ID = CLIENT_ID
        settings.BSRE_CLIENT_SECRET = CLIENT_SECRET
        settings.BSRE_TIMEOUT = 5
        yield server


def test_get_signer_follows_the_setting(fake_bsre, settings):
    assert isinstance(get_signer(), BsreSigner)
    settings.BALAIKOTA_SIGNER = "local"
    assert isinstance(get_signer(), LocalPadesSigner)


def test_document_signed_through_bsre(fake_bsre, make_document, bsre_official):
    document = services.document_sign(
        document=make_document(), signer_user=bsre_official, passphrase=PASSPHRASE
    )
    assert document.status == IssuedDocument.Status.SIGNED
    [request] = fake_bsre.requests
    assert request["path"] == "/api/v2/sign/pdf"
    assert request["payload"]["nik"] == REGISTERED_NIK
    assert base64.b64decode(request["payload"]["file"][0]).startswith(b"%PDF-")
    check = signature_check(document.signed_file.open("rb").read())
    assert check.state == SignatureState.INTACT
    assert check.signer_name == bsre_official.full_name


def test_wrong_passphrase_is_a_signing_error_and_nothing_changes(
    fake_bsre, make_document, bsre_official
):
    document = make_document()
    with pytest.raises(SigningError) as excinfo:
        services.document_sign(document=document, signer_user=bsre_official, passphrase="salah")
    assert excinfo.value.code == "bsre_wrong_passphrase"
    assert "Passphrase yang Anda masukkan salah" in excinfo.value.messages[0]
    document.refresh_from_db()
    assert document.status == IssuedDocument.Status.DRAFT
    assert not document.signed_file


def test_missing_passphrase_is_refused_before_calling_bsre(fake_bsre, make_document, bsre_official):
    with pytest.raises(SigningError) as excinfo:
        services.document_sign(document=make_document(), signer_user=bsre_official)
    assert excinfo.value.code == "bsre_no_passphrase"
    assert fake_bsre.requests == []


def test_unregistered_signer(fake_bsre, make_document, bsre_official):
    bsre_official.nik = "3374011203850002"
    with pytest.raises(SigningError) as excinfo:
        BsreSigner().sign(
            b"%PDF-1.7", signer=bsre_official, reason="r", location="l", passphrase="x"
        )
    assert excinfo.value.code == "bsre_not_registered"


def test_wrong_client_credentials(fake_bsre, bsre_official):
    signer = BsreSigner(client_secret="bukan")
    with pytest.raises(SigningError) as excinfo:
        signer.sign(b"%PDF-1.7", signer=bsre_official, reason="r", location="l", passphrase="x")
    assert excinfo.value.code == "bsre_auth"


def test_check_status(fake_bsre):
    assert BsreSigner().check_status(REGISTERED_NIK).may_sign is True
    assert BsreSigner().check_status("3374011203850002").may_sign is False


def test_timeout_is_a_signing_error(fake_bsre, bsre_official):
    fake_bsre.delay = 1.0
    with pytest.raises(SigningError) as excinfo:
        BsreSigner(timeout=0.2).sign(
            b"%PDF-1.7", signer=bsre_official, reason="r", location="l", passphrase=PASSPHRASE
        )
    assert excinfo.value.code == "bsre_timeout"
    assert "tidak menjawab tepat waktu" in excinfo.value.messages[0]


def test_server_down_is_a_signing_error(bsre_official, make_document, settings):
    with FakeBsre(sign_with=lambda pdf: pdf) as server:
        url = server.url
    # The server is shut down and its port closed: nothing listens there any more.
    settings.BALAIKOTA_SIGNER = "bsre"
    settings.BSRE_BASE_URL = url
    document = make_document()
    with pytest.raises(SigningError) as excinfo:
        services.document_sign(document=document, signer_user=bsre_official, passphrase="x")
    assert excinfo.value.code == "bsre_unreachable"
    document.refresh_from_db()
    assert document.status == IssuedDocument.Status.DRAFT
