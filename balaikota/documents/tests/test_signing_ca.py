import stat

import pytest
from django.core.management import CommandError, call_command

from balaikota.documents import ca
from balaikota.documents.models import SigningCertificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh_signing_dir(settings, tmp_path):
    settings.BALAIKOTA_SIGNING_DIR = str(tmp_path / "signing")
    return tmp_path / "signing"


def test_init_creates_a_private_ca_once(fresh_signing_dir, capsys):
    call_command("signing_ca", "init")
    key = fresh_signing_dir / "ca" / "ca-key.pem"
    cert = fresh_signing_dir / "ca" / "ca-cert.pem"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(cert.stat().st_mode) == 0o600
    assert stat.S_IMODE(fresh_signing_dir.stat().st_mode) == 0o700
    first = cert.read_bytes()
    call_command("signing_ca", "init")
    assert cert.read_bytes() == first
    out = capsys.readouterr().out
    assert "Created" in out and "Already present" in out


def test_issue_for_a_user(fresh_signing_dir, official, capsys):
    call_command("signing_ca", "issue", "--user", official.username)
    certificate = SigningCertificate.objects.get(user=official, active=True)
    assert certificate.subject_cn == official.full_name
    assert official.full_name in capsys.readouterr().out
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    parsed = x509.load_pem_x509_certificate(certificate.certificate_pem.encode())
    serial = parsed.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)[0].value
    assert serial == official.nip
    assert parsed.issuer == ca.ca_load().certificate.subject


def test_issue_for_an_unknown_user(fresh_signing_dir):
    with pytest.raises(CommandError):
        call_command("signing_ca", "issue", "--user", "tidak-ada")


def test_private_keys_survive_a_secret_key_rotation(settings):
    token = ca.private_key_encrypt(b"kunci")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "kunci-baru-yang-panjang-sekali-0123456789"
    assert ca.private_key_decrypt(token) == b"kunci"
