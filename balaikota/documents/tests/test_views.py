import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from balaikota.documents import permissions, services
from balaikota.documents.forms import MAX_UPLOAD_BYTES

pytestmark = pytest.mark.django_db

VERIFY = "/verifikasi/"


def _signed_bytes(document) -> bytes:
    with document.signed_file.open("rb") as handle:
        return handle.read()


def _upload(client, data: bytes, name: str = "dokumen.pdf"):
    return client.post(
        VERIFY,
        {"action": "upload", "unggah-file": SimpleUploadedFile(name, data, "application/pdf")},
    )


def test_urls():
    assert reverse("documents:verify") == VERIFY
    assert reverse("documents:verify_code", args=["ABCD"]) == "/verifikasi/ABCD/"
    assert reverse("documents:download", args=["ABCD"]) == "/dokumen/ABCD/unduh/"


def test_form_page_is_public(client):
    response = client.get(VERIFY)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'for="id_cari-number"' in body and 'for="id_unggah-file"' in body


def test_qr_page_shows_a_valid_document_with_minimal_data(client, signed_document, official):
    response = client.get(f"/verifikasi/{signed_document.verification_code}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'role="status"' in body
    assert "Sah" in body
    assert signed_document.number in body
    assert "3374**********01" in body
    assert official.full_name in body
    assert signed_document.sha256 not in body


def test_lookup_by_number_and_code(client, signed_document):
    response = client.post(
        VERIFY,
        {
            "action": "lookup",
            "cari-number": signed_document.number,
            "cari-code": signed_document.code_display.lower(),
        },
    )
    assert response.status_code == 200
    assert "Sah" in response.content.decode()


def test_lookup_with_the_wrong_number_is_unknown(client, signed_document):
    response = client.post(
        VERIFY,
        {"action": "lookup", "cari-number": "9999", "cari-code": signed_document.verification_code},
    )
    assert "Tidak dikenal" in response.content.decode()


def test_unknown_code(client):
    response = client.get("/verifikasi/ABCDEFGHJKMN/")
    assert response.status_code == 404
    assert "Tidak dikenal" in response.content.decode()


def test_a_draft_is_unknown_to_the_public(client, make_document):
    response = client.get(f"/verifikasi/{make_document().verification_code}/")
    assert "Tidak dikenal" in response.content.decode()


def test_revoked_document_says_revoked(client, signed_document, official):
    services.document_revoke(document=signed_document, actor=official, reason="Salah data")
    response = client.get(f"/verifikasi/{signed_document.verification_code}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Dicabut" in body and "telah dicabut pada" in body
    assert "Sah" not in body


def test_bad_lookup_input_is_a_400_with_a_message(client):
    response = client.post(VERIFY, {"action": "lookup", "cari-number": "", "cari-code": "AB"})
    assert response.status_code == 400
    assert "12 huruf dan angka" in response.content.decode()


def test_upload_of_the_issued_file(client, signed_document):
    response = _upload(client, _signed_bytes(signed_document))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Berkas ini identik dengan dokumen yang diterbitkan" in body
    assert signed_document.number in body


def test_upload_of_a_tampered_file(client, signed_document):
    data = bytearray(_signed_bytes(signed_document))
    position = data.index(b"/Contents") - 40
    data[position] = ord(" ") if data[position] != ord(" ") else ord("\n")
    response = _upload(client, bytes(data))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tidak cocok dengan dokumen mana pun / telah diubah" in body
    assert "identik" not in body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"0" * 100, "bukan PDF"),
        (b"%PDF-1.7\nini bukan pdf sungguhan", "rusak atau tidak dapat dibaca"),
        (b"", "kosong"),
    ],
)
def test_a_bad_upload_gets_a_friendly_400(client, data, message):
    response = _upload(client, data)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_an_oversized_upload_is_refused(client):
    response = _upload(client, b"%PDF-1.7\n" + b"0" * MAX_UPLOAD_BYTES)
    assert response.status_code == 400
    assert "terlalu besar" in response.content.decode()


def test_lookups_are_rate_limited_per_ip(client, settings):
    settings.BALAIKOTA_VERIFY_RATE_LIMIT = 3
    codes = [client.get("/verifikasi/ABCDEFGHJKMN/").status_code for _ in range(3)]
    assert codes == [404, 404, 404]
    response = client.get("/verifikasi/ABCDEFGHJKMN/")
    assert response.status_code == 429
    assert "terlalu banyak" in response.content.decode().lower()
    assert client.post(VERIFY, {"action": "lookup"}).status_code == 429
    other = client.get("/verifikasi/ABCDEFGHJKMN/", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 404  # another address has its own budget


def _download(client, document):
    return client.get(f"/dokumen/{document.verification_code}/unduh/")


def test_owner_downloads_the_signed_pdf(client, signed_document, alice):
    client.force_login(alice)
    response = _download(client, signed_document)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == _signed_bytes(signed_document)


def test_another_citizen_gets_404(client, signed_document, bob):
    client.force_login(bob)
    assert _download(client, signed_document).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, signed_document):
    response = _download(client, signed_document)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_draft_cannot_be_downloaded_even_by_its_owner(client, make_document, alice):
    client.force_login(alice)
    assert _download(client, make_document()).status_code == 404


def test_other_apps_extend_the_download_rule(client, signed_document, official, monkeypatch):
    client.force_login(official)
    assert _download(client, signed_document).status_code == 404
    monkeypatch.setattr(
        permissions,
        "EXTRA_DOWNLOAD_PREDICATES",
        [lambda user, document: user.pk == document.signed_by_id],
    )
    response = _download(client, signed_document)
    assert response.status_code == 200
    from balaikota.core.models import AccessLogEntry

    entry = AccessLogEntry.objects.get()
    assert entry.actor == official and entry.object_id == str(signed_document.pk)


def test_upload_form_keeps_no_file_in_storage(client, signed_document, settings, tmp_path):
    before = sorted(p.name for p in (tmp_path / "media").rglob("*") if p.is_file())
    _upload(client, io.BytesIO(_signed_bytes(signed_document)).getvalue())
    after = sorted(p.name for p in (tmp_path / "media").rglob("*") if p.is_file())
    assert before == after


def test_a_body_declared_too_big_is_refused_before_it_is_read(client):
    response = client.post(
        VERIFY,
        data=b"x",
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(MAX_UPLOAD_BYTES * 3),
    )
    assert response.status_code == 400
    assert "terlalu besar" in response.content.decode()


def test_verification_page_queries_do_not_grow(
    client, signed_document, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        response = client.get(f"/verifikasi/{signed_document.verification_code}/")
    assert response.status_code == 200
