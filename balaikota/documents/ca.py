"""The local certificate authority behind the local PAdES signer, and encryption of keys at rest.

Keys are elliptic-curve (CA P-384, officials P-256, ECDSA-SHA256 signatures): generating and
loading them is fast (an RSA key is re-validated on every load, ~40 ms per signature).

The CA key and certificate live in ``BALAIKOTA_SIGNING_DIR`` (default ``VAR_DIR/signing``) with
0600 permissions; officials' keys live in the database, encrypted with a key derived from
SECRET_KEY (SECRET_KEY_FALLBACKS still decrypt after a rotation).
"""

from __future__ import annotations

import base64
import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

CA_DIRNAME = "ca"
CA_KEY_FILE = "ca-key.pem"
CA_CERT_FILE = "ca-cert.pem"
_HKDF_SALT = b"balaikota.documents.signing-key.v1"


def signing_dir() -> Path:
    configured = getattr(settings, "BALAIKOTA_SIGNING_DIR", None)
    return Path(configured) if configured else Path(settings.VAR_DIR) / "signing"


def _ca_dir() -> Path:
    return signing_dir() / CA_DIRNAME


def _organization() -> str:
    return getattr(settings, "BALAIKOTA_SIGNING_ORGANIZATION", "Pemerintah Kota Semarang")


@dataclass(frozen=True)
class LocalCa:
    certificate: x509.Certificate
    private_key: ec.EllipticCurvePrivateKey

    @property
    def certificate_pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)


def ca_exists() -> bool:
    return (_ca_dir() / CA_CERT_FILE).exists() and (_ca_dir() / CA_KEY_FILE).exists()


def ca_init(*, common_name: str = "Balai Kota Digital CA Lokal") -> tuple[LocalCa, bool]:
    """Create the local root CA once; returns (ca, created). Safe to call again or concurrently.

    Key and certificate are written into a private temporary directory that is then renamed into
    place: a rename onto an existing directory fails, so two processes never end up with two CAs.
    """
    if ca_exists():
        return ca_load(), False
    base = signing_dir()
    base.mkdir(parents=True, exist_ok=True)
    os.chmod(base, 0o700)
    now = timezone.now()
    key = ec.generate_private_key(ec.SECP384R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, _organization()),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        ]
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=365 * 10))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    staging = Path(tempfile.mkdtemp(prefix=".ca-", dir=base))  # mkdtemp: 0700
    try:
        _write_private(
            staging / CA_KEY_FILE,
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            ),
        )
        _write_private(staging / CA_CERT_FILE, certificate.public_bytes(serialization.Encoding.PEM))
        try:
            os.rename(staging, _ca_dir())
        except OSError:
            if not ca_exists():
                raise
            return ca_load(), False  # another process won the race: use its CA
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return LocalCa(certificate=certificate, private_key=key), True


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def ca_load() -> LocalCa:
    directory = _ca_dir()
    try:
        cert_pem = (directory / CA_CERT_FILE).read_bytes()
        key_pem = (directory / CA_KEY_FILE).read_bytes()
    except FileNotFoundError as exc:
        raise ImproperlyConfigured(
            f"Local signing CA not found in {directory}; run `manage.py signing_ca init`."
        ) from exc
    key = serialization.load_pem_private_key(key_pem, password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ImproperlyConfigured("The local signing CA key must be an elliptic-curve key.")
    return LocalCa(certificate=x509.load_pem_x509_certificate(cert_pem), private_key=key)


@dataclass(frozen=True)
class IssuedCertificate:
    certificate_pem: str
    private_key_pem: bytes
    serial: str
    not_before: dt.datetime
    not_after: dt.datetime


def certificate_build(
    *, ca: LocalCa, common_name: str, serial_number: str, valid_days: int = 730
) -> IssuedCertificate:
    """A per-official signing certificate: CN = full name, serialNumber = NIP (or username)."""
    now = timezone.now()
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, serial_number[:64]),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, _organization()),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        ]
    )
    not_before = now - dt.timedelta(minutes=5)
    not_after = min(now + dt.timedelta(days=valid_days), ca.certificate.not_valid_after_utc)
    serial = x509.random_serial_number()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # non-repudiation: what PAdES validators expect
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.private_key.public_key()),
            critical=False,
        )
        .sign(ca.private_key, hashes.SHA256())
    )
    return IssuedCertificate(
        certificate_pem=certificate.public_bytes(serialization.Encoding.PEM).decode("ascii"),
        private_key_pem=key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        serial=format(serial, "x"),
        not_before=not_before,
        not_after=not_after,
    )


def _fernet_for(secret: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=_HKDF_SALT, info=b"fernet").derive(
        secret.encode("utf-8")
    )
    return Fernet(base64.urlsafe_b64encode(key))


def _key_box() -> MultiFernet:
    secrets_in_order = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([_fernet_for(secret) for secret in secrets_in_order])


def private_key_encrypt(pem: bytes) -> str:
    return _key_box().encrypt(pem).decode("ascii")


def private_key_decrypt(token: str) -> bytes:
    try:
        return _key_box().decrypt(token.encode("ascii"))
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "A signing key cannot be decrypted: SECRET_KEY changed without keeping the old one "
            "in SECRET_KEY_FALLBACKS. Issue the official a new certificate."
        ) from exc


def trust_root_pems() -> list[bytes]:
    """Certificates a signature must chain to: the local CA, plus BALAIKOTA_SIGNING_TRUST_ROOTS
    (PEM files, e.g. BSrE's root) when configured."""
    pems: list[bytes] = []
    local = _ca_dir() / CA_CERT_FILE
    if local.exists():
        pems.append(local.read_bytes())
    for path in getattr(settings, "BALAIKOTA_SIGNING_TRUST_ROOTS", []) or []:
        pems.append(Path(path).read_bytes())
    return pems
