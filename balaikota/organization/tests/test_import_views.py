"""The import pages: upload → preview → confirm → result, for the roles that may import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from balaikota.accounts.models import Role
from balaikota.accounts.services import role_grant
from balaikota.organization.models import Employee
from balaikota.organization.services import employees_import_preview
from balaikota.testing.factories import UserFactory

from .conftest import csv_bytes, good_rows, xlsx_bytes

UPLOAD = reverse("organization:employees_import")
CONFIRM = reverse("organization:employees_import_confirm")
RESULT = reverse("organization:employees_import_result")
EXAMPLE = reverse("organization:employees_import_example")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }


def _user_with(role: str):
    user = UserFactory()
    role_grant(user=user, role=role, opd=None)
    return user


@pytest.fixture
def importer(db):
    return _user_with(Role.COMPETENCY_ADMIN)


def _upload(client, content: bytes, name: str = "asn.csv"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.CITIZEN, 403),
        (Role.CIVIL_SERVANT, 403),
        (Role.LEADER, 403),
        (Role.COMPETENCY_ADMIN, 200),
        (Role.PLATFORM_ADMIN, 200),
    ],
)
def test_only_competency_and_platform_admins_may_import(client, db, role, status):
    client.force_login(_user_with(role))
    assert client.get(UPLOAD).status_code == status
    assert client.get(EXAMPLE).status_code == status
    assert client.post(CONFIRM, {"token": "x"}).status_code in ({403} if status == 403 else {302})


def test_anonymous_is_sent_to_the_login_page(client, db):
    response = client.get(UPLOAD)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_forbidden_person_cannot_upload_either(client, agencies, alice):
    client.force_login(alice)
    assert _upload(client, csv_bytes(good_rows())).status_code == 403
    assert Employee.objects.count() == 0


def test_upload_page_is_accessible_and_in_indonesian(client, importer):
    client.force_login(importer)
    html = client.get(UPLOAD).content.decode()
    assert '<label for="id_file"' in html
    assert "<caption>" in html and 'scope="col"' in html
    assert "Impor data ASN" in html and "Impor ASN" in html  # page title and nav item


def test_the_whole_journey_imports_everyone(client, agencies, importer, tmp_path):
    client.force_login(importer)
    preview = _upload(client, csv_bytes(good_rows()))
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Semua 5 baris benar" in html and "Impor 5 pegawai" in html
    token = preview.context["confirm_form"].initial["token"]
    assert Employee.objects.count() == 0  # nothing before confirmation

    response = client.post(CONFIRM, {"token": token})

    assert response.status_code == 302 and response["Location"] == RESULT
    assert Employee.objects.count() == 5
    result = client.get(RESULT).content.decode()
    assert "Pegawai baru" in result and '<dd class="col-sm-8">5</dd>' in result
    assert not list((tmp_path / "tmp" / "impor-asn").iterdir())  # the stashed file is gone
    # A second click on the same button lands on the same result, importing nothing twice.
    again = client.post(CONFIRM, {"token": token})
    assert again["Location"] == RESULT
    assert Employee.objects.count() == 5


def test_an_xlsx_upload_previews_and_imports(client, agencies, importer):
    client.force_login(importer)
    preview = _upload(client, xlsx_bytes(good_rows()), "asn.xlsx")
    assert preview.status_code == 200
    client.post(CONFIRM, {"token": preview.context["confirm_form"].initial["token"]})
    assert Employee.objects.count() == 5


def test_a_bad_line_is_shown_with_its_number_and_cannot_be_confirmed(client, agencies, importer):
    client.force_login(importer)
    rows = good_rows()
    rows[1][0] = "123"
    response = _upload(client, csv_bytes(rows))
    assert response.status_code == 400
    html = response.content.decode()
    assert '<th scope="row">3</th>' in html
    assert "NIP harus terdiri dari 18 angka" in html
    assert response.context["confirm_form"] is None
    assert Employee.objects.count() == 0


def test_a_bad_column_is_named_and_nothing_is_imported(client, agencies, importer):
    client.force_login(importer)
    rows = [[*r, "x"] for r in good_rows()]
    from .conftest import HEADER

    response = _upload(client, csv_bytes(rows, header=[*HEADER, "AGAMA"]))
    assert response.status_code == 400
    assert "Kolom tidak dikenal: AGAMA" in response.content.decode()
    assert Employee.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"%PDF-1.4", "asn.pdf", "Format berkas tidak didukung"),
        (b"PK\x03\x04broken", "asn.xlsx", "XLSX rusak"),
        (b"", "asn.csv", "kosong"),
    ],
)
def test_a_wrong_or_corrupt_file_gets_a_message_not_a_500(client, importer, content, name, message):
    client.force_login(importer)
    response = _upload(client, content, name)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_tampered_or_foreign_token_is_refused(client, agencies, importer):
    client.force_login(importer)
    token = _upload(client, csv_bytes(good_rows())).context["confirm_form"].initial["token"]

    tampered = client.post(CONFIRM, {"token": token[:-2] + "xx"}, follow=True)
    assert "kedaluwarsa atau tidak sah" in tampered.content.decode()

    other = _user_with(Role.PLATFORM_ADMIN)
    client.force_login(other)
    foreign = client.post(CONFIRM, {"token": token}, follow=True)
    assert "kedaluwarsa atau tidak sah" in foreign.content.decode()
    assert Employee.objects.count() == 0


def test_a_stashed_file_changed_on_disk_is_refused(client, agencies, importer, tmp_path):
    client.force_login(importer)
    token = _upload(client, csv_bytes(good_rows())).context["confirm_form"].initial["token"]
    (stashed,) = (tmp_path / "tmp" / "impor-asn").iterdir()
    stashed.write_bytes(csv_bytes(good_rows()[:1]))
    response = client.post(CONFIRM, {"token": token}, follow=True)
    assert "kedaluwarsa atau tidak sah" in response.content.decode()
    assert Employee.objects.count() == 0


def test_result_without_an_import_goes_back_to_upload(client, importer):
    client.force_login(importer)
    assert client.get(RESULT)["Location"] == UPLOAD


def test_the_example_file_is_a_valid_import_file(client, agencies, importer):
    client.force_login(importer)
    response = client.get(EXAMPLE)
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().startswith("NIP,NAMA,EMAIL,JENIS_PEGAWAI,GOLONGAN,OPD")
    preview = employees_import_preview(file=response.content, filename="contoh-impor-asn.csv")
    assert preview.is_valid, preview.messages()


def test_the_nav_item_shows_only_to_those_who_may_import(client, db):
    client.force_login(_user_with(Role.CIVIL_SERVANT))
    assert UPLOAD not in client.get("/").content.decode()
    client.force_login(_user_with(Role.PLATFORM_ADMIN))
    assert f'href="{UPLOAD}"' in client.get("/").content.decode()
