"""The certificate as a machine-verifiable credential: an Open Badges 3.0 ``OpenBadgeCredential``
(a W3C Verifiable Credential, data model 2.0) secured as a VC-JWT — a compact JWS signed with
the platform's Ed25519 issuer key (``EdDSA``), the proof format Open Badges 3.0 names "VC-JWT".

Why VC-JWT and not an embedded Data Integrity proof: the latter needs RDF dataset
canonicalisation of the JSON-LD, which no well-kept Python package offers without a network
fetch of the contexts; a JWS over the exact bytes needs none and every wallet and verifier of
Open Badges 3.0 accepts it.

The holder downloads the ``.jwt``; anyone can check it at ``/verifikasi/lencana/`` (signature,
issuer key, and whether the certificate was revoked since). The issuer's profile with its public
key (JWK) is public at ``/kompetensi/penerbit/``. The key lives beside the local CA in
``BALAIKOTA_SIGNING_DIR`` (share that folder between app servers, as for the CA).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.utils.translation import gettext as _

from balaikota.core.errors import InvalidInput
from balaikota.core.links import public_url

KEY_FILE = "openbadges-ed25519.pem"
CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
MAX_TOKEN = 20_000


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _key_path() -> Path:
    configured = getattr(settings, "BALAIKOTA_SIGNING_DIR", None)
    folder = Path(configured) if configured else Path(settings.VAR_DIR) / "signing"
    return folder / KEY_FILE


def private_key() -> Ed25519PrivateKey:
    """The issuer key, made on first use. Two processes making it at once: the first file
    written wins (``O_EXCL``) and both read it back."""
    path = _key_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(pem)
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):  # pragma: no cover - a file someone replaced
        raise RuntimeError(f"{path} is not an Ed25519 key")
    return key


def public_jwk() -> dict:
    raw = (
        private_key()
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
    jwk = {"crv": "Ed25519", "kty": "OKP", "x": _b64(raw)}
    # RFC 7638 thumbprint: the key's stable id.
    thumbprint = _b64(
        hashlib.sha256(json.dumps(jwk, separators=(",", ":"), sort_keys=True).encode()).digest()
    )
    return {**jwk, "kid": thumbprint, "alg": "EdDSA", "use": "sig"}


def issuer_profile() -> dict:
    """The issuer (Open Badges ``Profile``), with its verification key."""
    opd_name = getattr(settings, "BALAIKOTA_BADGE_ISSUER_NAME", "") or _issuer_name()
    jwk = public_jwk()
    return {
        "@context": CONTEXTS,
        "id": public_url("/kompetensi/penerbit/"),
        "type": ["Profile"],
        "name": opd_name,
        "url": public_url("/"),
        "description": "Penerbit sertifikat pengembangan kompetensi ASN Pemerintah Kota Semarang.",
        "verificationMethod": [
            {
                "id": public_url("/kompetensi/penerbit/") + "#" + jwk["kid"],
                "type": "JsonWebKey",
                "controller": public_url("/kompetensi/penerbit/"),
                "publicKeyJwk": {k: jwk[k] for k in ("kty", "crv", "x")},
            }
        ],
    }


def _issuer_name() -> str:
    from balaikota.organization import selectors as organization_selectors

    opd = organization_selectors.opd_by_code(settings.COMPETENCY_CERTIFICATE_OPD)
    return f"{opd.name} Kota Semarang" if opd else "Pemerintah Kota Semarang"


def credential_id_url(credential_id) -> str:
    return public_url(f"/verifikasi/lencana/{credential_id}/")


def credential(certificate) -> dict:
    """The OpenBadgeCredential of ``certificate`` (what the JWT's payload holds)."""
    salt = secrets.token_hex(8)
    nip_hash = "sha256$" + hashlib.sha256((certificate.holder_nip + salt).encode()).hexdigest()
    issued = certificate.created_at.replace(microsecond=0).isoformat()
    achievement_id = public_url(
        f"/kompetensi/program/{certificate.enrolment.training_class.programme.code}/"
    )
    return {
        "@context": CONTEXTS,
        "id": credential_id_url(certificate.credential_id),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": public_url("/kompetensi/penerbit/"),
            "type": ["Profile"],
            "name": _issuer_name(),
        },
        "validFrom": issued,
        "name": certificate.programme_title,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": certificate.holder_name,
                },
                {
                    "type": "IdentityObject",
                    "identityType": "identifier",
                    "hashed": True,
                    "identityHash": nip_hash,
                    "salt": salt,
                },
            ],
            "achievement": {
                "id": achievement_id,
                "type": ["Achievement"],
                "achievementType": "Course",
                "name": certificate.programme_title,
                "description": f"{certificate.jp.normalize():f} JP pengembangan kompetensi ASN",
                "criteria": {
                    "narrative": "Mengikuti dan dinyatakan lulus program pengembangan kompetensi "
                    "menurut aturan kelulusannya (kehadiran dan/atau post-test)."
                },
                "alignment": [
                    {
                        "type": ["Alignment"],
                        "targetName": name.strip(),
                        "targetType": "Competency",
                        "targetUrl": public_url("/kompetensi/program/"),
                    }
                    for name in certificate.competencies.split(";")
                    if name.strip()
                ],
            },
            "result": [
                {"type": ["Result"], "value": f"{certificate.jp.normalize():f} JP"},
            ],
        },
        "evidence": [
            {
                "type": ["Evidence"],
                "id": public_url(f"/verifikasi/{certificate.document.verification_code}/")
                if certificate.document_id
                else public_url("/verifikasi/"),
                "name": f"Sertifikat {certificate.number} (PDF bertanda tangan elektronik)",
            }
        ],
    }


def sign(payload: dict) -> str:
    """A compact JWS (``typ: vc+jwt``) of ``payload``."""
    jwk = public_jwk()
    header = {"alg": "EdDSA", "typ": "vc+jwt", "kid": jwk["kid"]}
    signing_input = (
        _b64(json.dumps(header, separators=(",", ":")).encode())
        + "."
        + _b64(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode())
    )
    signature = private_key().sign(signing_input.encode("ascii"))
    return signing_input + "." + _b64(signature)


def verify(token: str) -> dict:
    """The credential inside ``token`` when its signature is ours and intact; otherwise
    ``InvalidInput`` saying why (never a 500 for garbage)."""
    token = (token or "").strip()
    if not token or len(token) > MAX_TOKEN or token.count(".") != 2:
        raise InvalidInput(
            _("Ini bukan lencana Open Badges (VC-JWT) dari platform ini."), code="not_a_badge"
        )
    head, body, signature = token.split(".")
    try:
        header = json.loads(_unb64(head))
        payload = json.loads(_unb64(body))
        raw_signature = _unb64(signature)
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput(
            _("Ini bukan lencana Open Badges (VC-JWT) dari platform ini."), code="not_a_badge"
        ) from None
    jwk = public_jwk()
    if (
        not isinstance(header, dict)
        or header.get("alg") != "EdDSA"
        or header.get("kid") != jwk["kid"]
    ):
        raise InvalidInput(
            _("Lencana ini tidak diterbitkan dengan kunci platform ini."), code="unknown_issuer"
        )
    public: Ed25519PublicKey = private_key().public_key()
    try:
        public.verify(raw_signature, f"{head}.{body}".encode("ascii"))
    except InvalidSignature:
        raise InvalidInput(
            _("Tanda tangan lencana tidak cocok: isinya telah diubah."), code="bad_signature"
        ) from None
    if not isinstance(payload, dict) or "OpenBadgeCredential" not in payload.get("type", []):
        raise InvalidInput(_("Isi lencana tidak dikenali."), code="not_a_badge")
    return payload
