"""RFC 3161 timestamps for signatures: the local timestamp authority, or a TSA at a URL.

``get_timestamper()`` returns the TSA for ``BALAIKOTA_TSA_URL`` when it is set (production: a
qualified TSA such as BSrE's, with ``BALAIKOTA_TSA_USERNAME`` / ``BALAIKOTA_TSA_PASSWORD`` for
HTTP basic authentication and its root in ``BALAIKOTA_SIGNING_TRUST_ROOTS``), and otherwise the
local authority: an in-process responder whose certificate the local CA issued (``ca.tsa_init``).
A timestamp fixes the moment of signing independently of the signer's clock, and is what lets
a verifier check a signature after the signer's certificate has expired (PAdES B-T, and B-LT
with the revocation data embedded beside it).
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings

from . import ca

#: the policy under which the local authority issues timestamps (RFC 3161 § 2.4.2 asks for one).
#: An OID in the private arc of this deployment: it claims no accreditation.
LOCAL_TSA_POLICY = "1.3.6.1.4.1.55555.3161.1"


def _local_timestamper():
    from asn1crypto import cms, tsp
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
    from pyhanko.sign import signers
    from pyhanko.sign.timestamps.api import TimeStamper
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    class LocalTimeStamper(TimeStamper):
        """Answers timestamp requests in-process: a TSTInfo over the request's message imprint
        (with its nonce), signed as CMS SignedData by the local TSA key."""

        def __init__(self, tsa: ca.LocalTsa, chain):
            super().__init__(include_nonce=True)
            self.certificate = next(
                iter(
                    load_certs_from_pemder_data(
                        tsa.certificate.public_bytes(serialization.Encoding.PEM)
                    )
                )
            )
            key = load_private_key_from_pemder_data(
                ca.private_key_pem(tsa.private_key), passphrase=None
            )
            self.signer = signers.SimpleSigner(
                signing_cert=self.certificate,
                signing_key=key,
                cert_registry=SimpleCertificateStore.from_certs(list(chain)),
            )

        async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
            info = {
                "version": "v1",
                "policy": LOCAL_TSA_POLICY,
                "message_imprint": req["message_imprint"],
                "serial_number": secrets.randbits(63),
                "gen_time": dt.datetime.now(dt.UTC).replace(microsecond=0),
                "accuracy": {"seconds": 1},
                "tsa": asn1_x509.GeneralName(name="directory_name", value=self.certificate.subject),
            }
            if req["nonce"].native is not None:
                info["nonce"] = req["nonce"]
            content = cms.EncapsulatedContentInfo(
                {
                    "content_type": "tst_info",
                    "content": cms.ParsableOctetString(tsp.TSTInfo(info).dump()),
                }
            )
            token = await self.signer.async_sign_general_data(
                content, "sha256", detached=False, use_cades=True
            )
            return tsp.TimeStampResp({"status": {"status": "granted"}, "time_stamp_token": token})

    chain = [c for pem in ca.trust_root_pems() for c in load_certs_from_pemder_data(pem)]
    return LocalTimeStamper(ca.tsa_init(), chain)


def uses_remote_tsa() -> bool:
    return bool(getattr(settings, "BALAIKOTA_TSA_URL", ""))


def get_timestamper():
    """The timestamper every local signature uses (see the module's docstring)."""
    url = getattr(settings, "BALAIKOTA_TSA_URL", "")
    if not url:
        return _local_timestamper()
    from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper

    username = getattr(settings, "BALAIKOTA_TSA_USERNAME", "")
    auth = (username, getattr(settings, "BALAIKOTA_TSA_PASSWORD", "")) if username else None
    return RequestsHTTPTimeStamper(
        url, timeout=float(getattr(settings, "BALAIKOTA_TSA_TIMEOUT", 10)), auth=auth
    )
