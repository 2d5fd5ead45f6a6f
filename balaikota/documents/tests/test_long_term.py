"""PAdES baseline B-LT: every local signature carries an RFC 3161 timestamp and the revocation
data that validates it, so it can be verified after the signer's certificate has expired.
Checked with pyHanko's own validator on the issued file."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from asn1crypto import tsp
from cryptography import x509
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pyhanko.keys import load_certs_from_pemder_data
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import ades, validate_pdf_signature
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.policy_decl import (
    PdfSignatureValidationSpec,
    RevinfoOnlineFetchingRule,
    RevocationInfoGatheringSpec,
    SignatureValidationSpec,
)
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.context import CertValidationPolicySpec
from pyhanko_certvalidator.policy_decl import (
    CertRevTrustPolicy,
    RevocationCheckingPolicy,
    RevocationCheckingRule,
)
from pyhanko_certvalidator.registry import SimpleTrustManager

from balaikota.documents import ca, services
from balaikota.documents.exceptions import DocumentInputError, SigningError
from balaikota.documents.models import IssuedDocument, SigningCertificate
from balaikota.documents.selectors import active_certificate, signature_check
from balaikota.documents.signers import pades_sign
from balaikota.documents.timestamps import get_timestamper

pytestmark = pytest.mark.django_db


def _signed_bytes(document) -> bytes:
    with document.signed_file.open("rb") as handle:
        return handle.read()


def _roots():
    return [c for pem in ca.trust_root_pems() for c in load_certs_from_pemder_data(pem)]


def _signature(data: bytes):
    return PdfFileReader(io.BytesIO(data)).embedded_signatures[0]


def test_the_issued_file_has_a_trusted_timestamp_and_embedded_revocation_data(signed_document):
    data = _signed_bytes(signed_document)

    status = validate_pdf_signature(
        _signature(data), ValidationContext(trust_roots=_roots(), allow_fetching=False)
    )
    assert status.bottom_line
    stamp = status.timestamp_validity
    assert stamp is not None and stamp.intact and stamp.valid and stamp.trusted
    assert abs(stamp.timestamp - signed_document.signed_at) < dt.timedelta(minutes=1)

    dss = DocumentSecurityStore.read_dss(PdfFileReader(io.BytesIO(data)))
    assert dss.crls, "the CA's CRL is embedded"
    cert_names = {c.subject.native["common_name"] for c in dss.load_certs()}
    assert "Balai Kota Digital CA Lokal" in cert_names
    assert "Balai Kota Digital Otoritas Cap Waktu Lokal" in cert_names

    check = signature_check(data)
    assert check.intact and check.trusted and check.level == "B-LT"
    assert check.timestamp_valid is True
    assert check.timestamp_authority == "Balai Kota Digital Otoritas Cap Waktu Lokal"
    assert check.signed_at == stamp.timestamp


def test_the_signature_stays_verifiable_after_the_signers_certificate_expires(
    signed_document, official
):
    data = _signed_bytes(signed_document)
    certificate = SigningCertificate.objects.get(user=official, active=True)
    after_expiry = certificate.not_after + dt.timedelta(days=30)

    # Validated naively at that moment, the expired certificate fails ...
    naive = validate_pdf_signature(
        _signature(data),
        ValidationContext(trust_roots=_roots(), allow_fetching=False, moment=after_expiry),
    )
    assert not naive.bottom_line

    # ... but pyHanko's AdES long-term validation, with nothing fetched, passes on what the file
    # itself carries (the timestamp proves when it was signed, the DSS what was valid then).
    policy = CertValidationPolicySpec(
        trust_manager=SimpleTrustManager.build(trust_roots=_roots()),
        revinfo_policy=CertRevTrustPolicy(
            RevocationCheckingPolicy(
                ee_certificate_rule=RevocationCheckingRule.CRL_REQUIRED,
                intermediate_ca_cert_rule=RevocationCheckingRule.CRL_REQUIRED,
            )
        ),
    )
    spec = PdfSignatureValidationSpec(
        SignatureValidationSpec(
            cert_validation_policy=policy,
            revinfo_gathering_policy=RevocationInfoGatheringSpec(
                online_fetching_rule=RevinfoOnlineFetchingRule.LOCAL_ONLY
            ),
        )
    )
    result = asyncio.run(
        ades.simulate_future_ades_lta_validation(
            _signature(data), spec, future_validation_time=after_expiry
        )
    )
    assert result.ades_subindic == ades.AdESPassed.OK, result.failure_msg

    # and /verifikasi/'s check says the same
    check = signature_check(data, at=after_expiry)
    assert check.intact and check.trusted and check.trusted_at_signing_time


def test_a_revoked_certificate_keeps_what_it_signed_before_and_nothing_after(
    signed_document, official
):
    certificate = active_certificate(official)
    key = ca.private_key_decrypt(certificate.private_key_encrypted)
    services.certificate_revoke(certificate=certificate, reason="Kunci hilang bersama laptop")
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None and not certificate.is_valid_at()

    before = signature_check(_signed_bytes(signed_document))
    assert before.trusted and before.trusted_at_signing_time

    # someone holding the lost key signs something new, without a timestamp
    forged = pades_sign(
        signed_document.unsigned_file.open("rb").read(),
        certificate_pem=certificate.certificate_pem.encode("ascii"),
        private_key_pem=key,
        name=certificate.subject_cn,
        reason="Palsu",
        location="Semarang",
    )
    after = signature_check(forged)
    assert after.intact and not after.trusted and after.timestamp_valid is None
    assert after.level == "B-B"


def test_revoking_requires_a_reason(official, signed_document):
    certificate = active_certificate(official)
    with pytest.raises(DocumentInputError) as excinfo:
        services.certificate_revoke(certificate=certificate, reason=" ")
    assert excinfo.value.code == "reason_required"
    assert "Alasan pencabutan wajib diisi" in excinfo.value.text
    certificate.refresh_from_db()
    assert certificate.revoked_at is None and certificate.is_valid_at()


class _TsaHandler(BaseHTTPRequestHandler):
    """A remote RFC 3161 TSA over HTTP, answered by the local authority's responder."""

    timestamper = None
    requests: list[str] = []

    def do_POST(self):  # noqa: N802 (http.server's naming)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).requests.append(self.headers.get("Content-Type", ""))
        request = tsp.TimeStampReq.load(body)
        response = asyncio.run(self.timestamper.async_request_tsa_response(request))
        payload = response.dump()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def remote_tsa(settings):
    _TsaHandler.timestamper = get_timestamper()  # the local responder, before the URL is set
    _TsaHandler.requests = []
    server = HTTPServer(("127.0.0.1", 0), _TsaHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.BALAIKOTA_TSA_URL = f"http://127.0.0.1:{server.server_port}/tsa"
    yield _TsaHandler
    server.shutdown()


def test_a_configured_tsa_url_timestamps_every_signature(remote_tsa, make_document, official):
    document = services.document_sign(document=make_document(), signer_user=official)

    # pyHanko asks once ahead for the TSA's certificates (to embed their revocation data)
    assert remote_tsa.requests and set(remote_tsa.requests) == {"application/timestamp-query"}
    check = signature_check(_signed_bytes(document))
    assert check.level == "B-LT" and check.timestamp_valid


def test_an_unreachable_tsa_leaves_the_document_unsigned_with_the_reason(
    settings, make_document, official
):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.BALAIKOTA_TSA_URL = f"http://127.0.0.1:{port}/tsa"
    settings.BALAIKOTA_TSA_TIMEOUT = 2
    document = make_document()

    with pytest.raises(SigningError) as excinfo:
        services.document_sign(document=document, signer_user=official)

    assert excinfo.value.code == "tsa_unreachable"
    document.refresh_from_db()
    assert document.status == IssuedDocument.Status.DRAFT
    assert "cap waktu" in document.signing_error.lower()


def test_the_verification_page_shows_signer_time_and_timestamp(client, signed_document):
    response = client.get(f"/verifikasi/{signed_document.verification_code}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Tanda tangan elektronik pada berkas" in page
    assert signed_document.signed_by.get_full_name() in page
    assert "Balai Kota Digital Otoritas Cap Waktu Lokal" in page
    assert "PAdES B-LT" in page
    local = timezone.localtime(signature_check(_signed_bytes(signed_document)).signed_at)
    assert f"{local:%H:%M} WIB" in page


def test_an_uploaded_issued_file_shows_its_timestamp(client, signed_document):
    upload = SimpleUploadedFile(
        "akta.pdf", _signed_bytes(signed_document), content_type="application/pdf"
    )
    response = client.post("/verifikasi/", {"action": "upload", "unggah-file": upload})

    page = response.content.decode()
    assert response.status_code == 200
    assert "identik dengan dokumen yang diterbitkan" in page
    assert "Cap waktu (RFC 3161)" in page and "PAdES B-LT" in page


def test_the_crl_is_public_and_lists_revoked_certificates(client, signed_document, official):
    certificate = active_certificate(official)
    services.certificate_revoke(certificate=certificate, reason="Pegawai diberhentikan")

    response = client.get("/pki/crl/")

    assert response.status_code == 200 and response["Content-Type"] == "application/pkix-crl"
    crl = x509.load_der_x509_crl(response.content)
    assert crl.get_revoked_certificate_by_serial_number(int(certificate.serial, 16)) is not None
    assert crl.is_signature_valid(ca.ca_load().private_key.public_key())
    issued = x509.load_pem_x509_certificate(certificate.certificate_pem.encode())
    points = issued.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
    assert points[0].full_name[0].value == "https://balaikota.example.id/pki/crl/"
    assert client.get("/pki/ca/").content == ca.ca_load().certificate_pem
