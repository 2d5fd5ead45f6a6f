"""Who puts the electronic signature on a PDF: the local PAdES signer or BSrE (BSSN) API v2.

``get_signer()`` picks the implementation from ``settings.BALAIKOTA_SIGNER`` ("local" or "bsre").
Both return the whole signed PDF; both raise SigningError with a message an official can act on.
"""

from __future__ import annotations

import base64
import binascii
import io
from dataclasses import dataclass
from typing import Protocol

import httpx
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from . import ca
from .exceptions import SigningError
from .models import SigningCertificate


class Signer(Protocol):
    #: whether the official must type a passphrase (or TOTP) before signing
    requires_passphrase: bool

    def sign(
        self,
        pdf: bytes,
        *,
        signer,
        reason: str,
        location: str,
        passphrase: str | None = None,
    ) -> bytes: ...


def signer_display_name(user) -> str:
    full_name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return (full_name or user.get_username()).strip()


def signer_serial_number(user) -> str:
    """What goes into the certificate's serialNumber: the NIP for civil servants."""
    return getattr(user, "nip", None) or user.get_username()


def _outside_event_loop(function):
    """Run ``function`` here, or in a worker thread when this thread already runs an asyncio
    loop (an ASGI server, or a test driving a browser): pyHanko's synchronous API calls
    ``asyncio.run()``, which refuses to start inside a running loop."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function).result()


def pades_sign(
    pdf: bytes,
    *,
    certificate_pem: bytes,
    private_key_pem: bytes,
    name: str,
    reason: str,
    location: str,
    crls: list[bytes] = (),
    timestamper=None,
    allow_fetching: bool = False,
) -> bytes:
    """A PAdES signature (ETSI.CAdES.detached) over the whole PDF, added as an incremental update.

    With a ``timestamper`` it is baseline B-LT: an RFC 3161 signature timestamp (B-T), then the
    certificates and ``crls`` (DER) that validate the signer's and the timestamp authority's
    chains, embedded in the document security store — so it can be verified after the signer's
    certificate expires. ``allow_fetching`` lets pyHanko fetch revocation data the local CA cannot
    give (a remote TSA's OCSP/CRL). Without a timestamper it is baseline B. Needs no database."""
    from asn1crypto import crl as asn1_crl
    from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter
    from pyhanko_certvalidator import ValidationContext
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    chain = [c for pem in ca.trust_root_pems() for c in load_certs_from_pemder_data(pem)]
    pdf_signer = signers.SimpleSigner(
        signing_cert=next(iter(load_certs_from_pemder_data(certificate_pem))),
        signing_key=load_private_key_from_pemder_data(private_key_pem, passphrase=None),
        cert_registry=SimpleCertificateStore.from_certs(chain),
    )
    long_term = timestamper is not None
    metadata = signers.PdfSignatureMetadata(
        field_name="TandaTanganElektronik",
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        reason=str(reason)[:200],
        location=str(location)[:100],
        name=name,
        embed_validation_info=long_term,
        validation_context=(
            ValidationContext(
                trust_roots=chain,
                crls=[asn1_crl.CertificateList.load(der) for der in crls],
                allow_fetching=allow_fetching,
                revocation_mode="hard-fail",  # no revocation data, no B-LT: fail loudly
            )
            if long_term
            else None
        ),
    )

    def sign():
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        return signers.PdfSigner(metadata, signer=pdf_signer, timestamper=timestamper).sign_pdf(
            writer
        )

    try:
        output = _outside_event_loop(sign)
    except Exception as exc:  # pyHanko raises many types for a malformed input PDF
        import requests
        from pyhanko.sign.timestamps.common_utils import TimestampRequestError

        if isinstance(exc, (TimestampRequestError, requests.RequestException)):
            raise SigningError(
                _("Layanan cap waktu (TSA) tidak dapat dihubungi. Coba lagi beberapa saat lagi."),
                code="tsa_unreachable",
            ) from exc
        raise SigningError(
            _("Berkas PDF tidak dapat ditandatangani: %(reason)s"),
            code="sign_failed",
            params={"reason": str(exc)[:200]},
        ) from exc
    return output.getvalue()


class LocalPadesSigner:
    """Real PAdES baseline-B-LT signatures made with pyHanko and the official's local certificate:
    timestamped by ``timestamps.get_timestamper()``, with the local CA's current CRL embedded.

    The certificate must exist (``services.certificate_issue``); ``document_sign`` issues one on
    first use.
    """

    requires_passphrase = False

    def sign(
        self,
        pdf: bytes,
        *,
        signer,
        reason: str,
        location: str,
        passphrase: str | None = None,
    ) -> bytes:
        certificate = (
            SigningCertificate.objects.filter(user=signer, active=True).order_by("-pk").first()
        )
        if certificate is None or not certificate.is_valid_at():
            raise SigningError(
                _("Pejabat ini belum memiliki sertifikat tanda tangan yang berlaku."),
                code="no_certificate",
            )
        from .selectors import current_crl
        from .timestamps import get_timestamper, uses_remote_tsa

        return pades_sign(
            pdf,
            certificate_pem=certificate.certificate_pem.encode("ascii"),
            private_key_pem=ca.private_key_decrypt(certificate.private_key_encrypted),
            name=certificate.subject_cn,
            reason=reason,
            location=location,
            crls=[current_crl()],
            timestamper=get_timestamper(),
            allow_fetching=uses_remote_tsa(),
        )


@dataclass(frozen=True)
class BsreUserStatus:
    status: str  # "ISSUE" means the person holds a certificate and may sign
    message: str = ""

    @property
    def may_sign(self) -> bool:
        return self.status.upper() == "ISSUE"


class BsreSigner:
    """Client of BSrE (BSSN) e-signature API v2: the signature is made by BSrE's certificate.

    Settings: BSRE_BASE_URL, BSRE_CLIENT_ID, BSRE_CLIENT_SECRET (HTTP basic auth), BSRE_TIMEOUT
    (seconds). The official is identified by NIK (or e-mail when they have none) and a passphrase.
    """

    requires_passphrase = True
    SIGN_PATH = "/api/v2/sign/pdf"
    STATUS_PATH = "/api/v2/user/check/status"

    def __init__(
        self,
        *,
        base_url: str | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        timeout: float | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = (base_url or getattr(settings, "BSRE_BASE_URL", "")).rstrip("/")
        self.client_id = client_id or getattr(settings, "BSRE_CLIENT_ID", "")
        self.client_secret = client_secret or getattr(settings, "BSRE_CLIENT_SECRET", "")
        self.timeout = float(timeout or getattr(settings, "BSRE_TIMEOUT", 30))
        self.transport = transport
        if not self.base_url:
            raise ImproperlyConfigured("BALAIKOTA_SIGNER is 'bsre' but BSRE_BASE_URL is empty.")

    def _client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.base_url,
            auth=httpx.BasicAuth(self.client_id, self.client_secret),
            timeout=httpx.Timeout(self.timeout, connect=min(self.timeout, 10.0)),
            transport=self.transport,
            headers={"Accept": "application/json"},
        )

    def _post(self, path: str, payload: dict) -> dict:
        try:
            with self._client() as client:
                response = client.post(path, json=payload)
        except httpx.TimeoutException as exc:
            raise SigningError(
                _("Layanan BSrE tidak menjawab tepat waktu. Coba lagi beberapa saat lagi."),
                code="bsre_timeout",
            ) from exc
        except httpx.HTTPError as exc:
            raise SigningError(
                _("Layanan BSrE tidak dapat dihubungi. Coba lagi beberapa saat lagi."),
                code="bsre_unreachable",
            ) from exc
        try:
            body = response.json()
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            body = {}
        if response.status_code >= 400:
            raise self._error_for(response.status_code, body)
        return body

    @staticmethod
    def _error_for(status_code: int, body: dict) -> SigningError:
        message = str(body.get("error") or body.get("message") or "")
        lowered = message.lower()
        if status_code in (401, 403) and "passphrase" not in lowered:
            return SigningError(
                _("Aplikasi ditolak oleh BSrE: periksa client ID dan client secret."),
                code="bsre_auth",
            )
        if "passphrase" in lowered or "totp" in lowered:
            return SigningError(
                _("Passphrase yang Anda masukkan salah."), code="bsre_wrong_passphrase"
            )
        if status_code == 404 or any(
            hint in lowered for hint in ("tidak terdaftar", "belum terdaftar", "not registered")
        ):
            return SigningError(
                _("Penandatangan belum terdaftar atau belum memiliki sertifikat di BSrE."),
                code="bsre_not_registered",
            )
        if status_code >= 500:
            return SigningError(
                _("Layanan BSrE sedang mengalami gangguan. Coba lagi beberapa saat lagi."),
                code="bsre_server_error",
            )
        return SigningError(
            _("BSrE menolak permintaan tanda tangan: %(message)s"),
            code="bsre_rejected",
            params={"message": message[:200] or status_code},
        )

    @staticmethod
    def _identity(signer) -> dict:
        nik = getattr(signer, "nik", None)
        if nik:
            return {"nik": nik}
        email = getattr(signer, "email", "")
        if email:
            return {"email": email}
        raise SigningError(
            _("Akun penandatangan tidak memiliki NIK maupun alamat e-mail untuk BSrE."),
            code="bsre_no_identity",
        )

    def sign(
        self,
        pdf: bytes,
        *,
        signer,
        reason: str,
        location: str,
        passphrase: str | None = None,
    ) -> bytes:
        if not passphrase:
            raise SigningError(
                _("Masukkan passphrase tanda tangan elektronik Anda."), code="bsre_no_passphrase"
            )
        payload = {
            **self._identity(signer),
            "passphrase": passphrase,
            "signatureProperties": [
                {"tampilan": "INVISIBLE", "reason": str(reason), "location": str(location)}
            ],
            "file": [base64.b64encode(pdf).decode("ascii")],
        }
        body = self._post(self.SIGN_PATH, payload)
        files = body.get("file")
        try:
            signed = base64.b64decode(files[0], validate=True)
        except (TypeError, IndexError, KeyError, ValueError, binascii.Error) as exc:
            raise SigningError(
                _("Jawaban BSrE tidak berisi berkas bertanda tangan."), code="bsre_bad_response"
            ) from exc
        if not signed.startswith(b"%PDF-"):
            raise SigningError(_("Jawaban BSrE tidak berisi berkas PDF."), code="bsre_bad_response")
        return signed

    def check_status(self, nik: str) -> BsreUserStatus:
        body = self._post(self.STATUS_PATH, {"nik": nik})
        return BsreUserStatus(
            status=str(body.get("status") or ""), message=str(body.get("message") or "")
        )


def get_signer() -> Signer:
    name = getattr(settings, "BALAIKOTA_SIGNER", "local") or "local"
    if name == "local":
        return LocalPadesSigner()
    if name == "bsre":
        return BsreSigner()
    raise ImproperlyConfigured(f"BALAIKOTA_SIGNER must be 'local' or 'bsre', not {name!r}.")
