"""The local certificate authority behind the local PAdES signer, and encryption of keys at rest.

Keys are elliptic-curve (CA P-384, officials P-256, ECDSA-SHA256 signatures): generating and
loading them is fast (an RSA key is re-validated on every load, ~40 ms per signature).

The CA key and certificate live in ``BALAIKOTA_SIGNING_DIR`` (default ``VAR_DIR/signing``) with
0600 permissions, beside the key and certificate of the local timestamp authority (``tsa/``, issued
by the CA with the critical timeStamping usage RFC 3161 asks for). ``crl_build`` makes the CA's
certificate revocation list, which every signature embeds (PAdES B-LT); officials' keys live in the database, encrypted with a key derived from
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
TSA_DIRNAME = "tsa"
TSA_KEY_FILE = "tsa-key.pem"
TSA_CERT_FILE = "tsa-cert.pem"
#: how long a CRL stays current; a new one is made for every signature, so this only bounds how
#: long a verifier may rely on the copy embedded in a document
CRL_VALIDITY = dt.timedelta(days=7)
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
    if not _install_once(_ca_dir(), key, certificate):
        return ca_load(), False  # another process won the race: use its CA
    return LocalCa(certificate=certificate, private_key=key), True


def _install_once(directory: Path, key, certificate: x509.Certificate, *, names=None) -> bool:
    """Write a key and certificate into a private staging directory, then rename it to
    ``directory``: a rename onto an existing directory fails, so two processes racing never end
    up with two keys. False when another process got there first."""
    key_name, cert_name = names or (CA_KEY_FILE, CA_CERT_FILE)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}-", dir=directory.parent))  # 0700
    try:
        _write_private(staging / key_name, private_key_pem(key))
        _write_private(staging / cert_name, certificate.public_bytes(serialization.Encoding.PEM))
        try:
            os.rename(staging, directory)
        except OSError:
            if not (directory / cert_name).exists():
                raise
            return False
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return True


def private_key_pem(key) -> bytes:
    """An unencrypted PKCS#8 PEM of ``key`` (kept encrypted at rest or with 0600 permissions)."""
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


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


def _leaf_certificate(
    *,
    ca: LocalCa,
    subject: x509.Name,
    public_key,
    not_after: dt.datetime,
    usage: x509.ObjectIdentifier,
    non_repudiation: bool,
) -> x509.Certificate:
    """An end-entity certificate from the local CA: digital signature (and non-repudiation for
    people, what PAdES validators expect), one extended key usage, critical for time stamping
    (RFC 3161 § 2.3), and where the CA publishes its CRL (validators check it only when a
    certificate names it)."""
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca.certificate.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(timezone.now() - dt.timedelta(minutes=5))
        .not_valid_after(min(not_after, ca.certificate.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=non_repudiation,
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
            x509.ExtendedKeyUsage([usage]),
            critical=usage == ExtendedKeyUsageOID.TIME_STAMPING,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.private_key.public_key()),
            critical=False,
        )
        .add_extension(
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        full_name=[x509.UniformResourceIdentifier(crl_url())],
                        relative_name=None,
                        reasons=None,
                        crl_issuer=None,
                    )
                ]
            ),
            critical=False,
        )
    )
    return builder.sign(ca.private_key, hashes.SHA256())


def crl_url() -> str:
    """The public address of the CA's CRL (documents:crl under BALAIKOTA_PUBLIC_URL)."""
    from django.urls import reverse

    from balaikota.core.links import public_url

    return public_url(reverse("documents:crl"))


def certificate_build(
    *, ca: LocalCa, common_name: str, serial_number: str, valid_days: int = 730
) -> IssuedCertificate:
    """A per-official signing certificate: CN = full name, serialNumber = NIP (or username)."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, serial_number[:64]),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, _organization()),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        ]
    )
    certificate = _leaf_certificate(
        ca=ca,
        subject=subject,
        public_key=key.public_key(),
        not_after=timezone.now() + dt.timedelta(days=valid_days),
        usage=ExtendedKeyUsageOID.EMAIL_PROTECTION,
        non_repudiation=True,
    )
    return IssuedCertificate(
        certificate_pem=certificate.public_bytes(serialization.Encoding.PEM).decode("ascii"),
        private_key_pem=private_key_pem(key),
        serial=format(certificate.serial_number, "x"),
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
    )


@dataclass(frozen=True)
class LocalTsa:
    certificate: x509.Certificate
    private_key: ec.EllipticCurvePrivateKey


def _tsa_dir() -> Path:
    return signing_dir() / TSA_DIRNAME


def tsa_init(*, common_name: str = "Balai Kota Digital Otoritas Cap Waktu Lokal") -> LocalTsa:
    """The local timestamp authority's key and certificate, made once (like the CA) and valid as
    long as the CA: a timestamp must outlive the officials' certificates it vouches for."""
    directory = _tsa_dir()
    if not (directory / TSA_CERT_FILE).exists():
        local_ca, _created = ca_init()
        key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name(
            [
                x509.NameAttribute(NameOID.COMMON_NAME, common_name),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, _organization()),
                x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            ]
        )
        certificate = _leaf_certificate(
            ca=local_ca,
            subject=subject,
            public_key=key.public_key(),
            not_after=local_ca.certificate.not_valid_after_utc,
            usage=ExtendedKeyUsageOID.TIME_STAMPING,
            non_repudiation=False,
        )
        _install_once(directory, key, certificate, names=(TSA_KEY_FILE, TSA_CERT_FILE))
    key = serialization.load_pem_private_key((directory / TSA_KEY_FILE).read_bytes(), password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ImproperlyConfigured("The local timestamp authority's key must be elliptic-curve.")
    return LocalTsa(
        certificate=x509.load_pem_x509_certificate((directory / TSA_CERT_FILE).read_bytes()),
        private_key=key,
    )


def crl_build(
    revoked: list[tuple[str, dt.datetime]],
    *,
    ca: LocalCa | None = None,
    at: dt.datetime | None = None,
) -> bytes:
    """The CA's certificate revocation list (DER): ``revoked`` holds (hex serial, revoked at).
    Issued now (or ``at``, to check a signature as a verifier will then), current for
    ``CRL_VALIDITY``; its number is the time of issue, so a newer one is larger."""
    local_ca = ca or ca_load()
    now = at or timezone.now()
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(local_ca.certificate.subject)
        .last_update(now - dt.timedelta(minutes=1))
        .next_update(now + CRL_VALIDITY)
        .add_extension(x509.CRLNumber(int(now.timestamp() * 1000)), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(local_ca.private_key.public_key()),
            critical=False,
        )
    )
    for serial, revoked_at in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(int(serial, 16))
            .revocation_date(revoked_at)
            .build()
        )
    return builder.sign(local_ca.private_key, hashes.SHA256()).public_bytes(
        serialization.Encoding.DER
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
