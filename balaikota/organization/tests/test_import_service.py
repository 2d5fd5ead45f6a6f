"""The import of civil servants: every line or none, with line-numbered Indonesian messages."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from balaikota.accounts.models import Role
from balaikota.accounts.services import role_grant
from balaikota.organization.models import Employee, Position
from balaikota.organization.selectors import direct_supervisor
from balaikota.organization.services import (
    ImportRejected,
    employees_import_commit,
    employees_import_preview,
)
from balaikota.testing.factories import UserFactory, make_nip

from .conftest import ANALIS, HEADER, KABID, KADIS, PPPK, PRAKOM, csv_bytes, good_rows, xlsx_bytes

User = get_user_model()


def _import(content: bytes, filename: str = "asn.csv"):
    preview = employees_import_preview(file=content, filename=filename)
    return preview, employees_import_commit(preview=preview, actor=None)


def test_a_good_csv_imports_everyone_with_accounts_and_supervisors(agencies):
    preview, result = _import(csv_bytes(good_rows()))

    assert preview.is_valid, preview.messages()
    assert (result.rows, result.created, result.updated) == (5, 5, 0)
    assert result.accounts_created == 5
    assert result.positions_created == 1  # "Analis Data Ahli Pertama" did not exist
    staff = {e.nip: e for e in Employee.objects.select_related("user", "position", "rank")}
    assert set(staff) == {KADIS, KABID, PRAKOM, PPPK, ANALIS}
    assert direct_supervisor(staff[PRAKOM]) == staff[KABID]
    assert direct_supervisor(staff[PPPK]) == staff[KABID]
    assert direct_supervisor(staff[KABID]) == staff[KADIS]
    assert direct_supervisor(staff[KADIS]) is None
    assert direct_supervisor(staff[ANALIS]) == staff[KADIS]  # NIP_ATASAN override
    assert staff[PPPK].rank.code == "IX" and staff[PPPK].employment_type == "pppk"
    assert staff[KABID].rank.code == "IV/a"
    # NIP is the login; no password until the person sets one.
    user = staff[PRAKOM].user
    assert user.username == PRAKOM and user.nip == PRAKOM and not user.has_usable_password()
    assert user.has_role(Role.CIVIL_SERVANT)
    assert EmailAddress.objects.filter(user=user, email="agus@contoh.id", verified=True).exists()
    created = Position.objects.get(name="Analis Data Ahli Pertama")
    assert created.unit == staff[PRAKOM].unit and created.kind == "fungsional"


def test_a_good_xlsx_imports_the_same(agencies):
    rows = good_rows()
    rows[0][4] = "IV/b"
    preview, result = _import(xlsx_bytes(rows), "ekspor SIASN.XLSX")
    assert preview.is_valid, preview.messages()
    assert result.created == 5
    assert Employee.objects.count() == 5


def test_a_semicolon_csv_from_excel_with_a_bom_is_read(agencies):
    content = b"\xef\xbb\xbf" + csv_bytes(good_rows(), delimiter=";")
    preview, result = _import(content)
    assert result.created == 5


def test_reimporting_the_same_file_changes_nothing(agencies):
    content = csv_bytes(good_rows())
    _import(content)
    users, positions = User.objects.count(), Position.objects.count()

    preview, result = _import(content)

    assert (result.created, result.updated, result.unchanged) == (0, 0, 5)
    assert result.positions_created == 0 and result.accounts_created == 0
    assert Employee.objects.count() == 5
    assert (User.objects.count(), Position.objects.count()) == (users, positions)
    assert preview.new_count == 0 and preview.existing_count == 5


def test_reimporting_a_changed_line_updates_that_employee(agencies):
    _import(csv_bytes(good_rows()))
    rows = good_rows()
    rows[2][4] = "III/d"  # promotion
    _preview, result = _import(csv_bytes(rows))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 4)
    assert Employee.objects.get(nip=PRAKOM).rank.code == "III/d"


def test_a_bad_nip_on_line_3_imports_nothing_and_names_line_3(agencies):
    rows = good_rows()
    rows[1][0] = "19850312200501200"  # 17 digits: the second data line is line 3
    preview = employees_import_preview(file=csv_bytes(rows), filename="asn.csv")

    assert not preview.is_valid
    assert [row.line for row in preview.error_rows] == [3]
    assert preview.messages()[0].startswith("Baris 3: NIP")
    with pytest.raises(ImportRejected):
        employees_import_commit(preview=preview, actor=None)
    assert Employee.objects.count() == 0
    assert not User.objects.filter(nip__isnull=False).exists()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ([*HEADER, "HOBI"], "Kolom tidak dikenal: HOBI"),
        ([c for c in HEADER if c != "JABATAN"], "Kolom wajib tidak ada: JABATAN"),
        (["nip", *HEADER[1:-1], "NIP"], "Kolom NIP muncul lebih dari sekali"),
    ],
)
def test_a_bad_column_rejects_the_whole_file(agencies, header, expected):
    rows = [r[: len(header)] + [""] * (len(header) - len(r)) for r in good_rows()]
    preview = employees_import_preview(file=csv_bytes(rows, header=header), filename="a.csv")
    assert not preview.is_valid
    assert expected in preview.file_errors[0]
    with pytest.raises(ImportRejected):
        employees_import_commit(preview=preview, actor=None)
    assert Employee.objects.count() == 0


def test_header_names_are_case_and_space_insensitive(agencies):
    header = [h.lower().replace("_", " ") for h in HEADER]
    _preview, result = _import(csv_bytes(good_rows(), header=header))
    assert result.created == 5


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("NIP", "198503122010031001x", "NIP"),
        ("NIP", "208503122010031001", "tanggal lahir"),
        ("NAMA", "", "NAMA wajib diisi"),
        ("EMAIL", "bukan-email", "EMAIL tidak sah"),
        ("JENIS_PEGAWAI", "Honorer", "JENIS_PEGAWAI harus PNS atau PPPK"),
        ("GOLONGAN", "IX", "golongan PPPK, tidak sesuai"),
        ("GOLONGAN", "V/a", "tidak dikenal"),
        ("OPD", "Dinas Antah Berantah", "OPD tidak ditemukan"),
        ("UNIT_KERJA", "Bidang Sulap", "UNIT_KERJA tidak ditemukan"),
        ("JENIS_JABATAN", "honorer", "JENIS_JABATAN harus"),
        ("JENIS_JABATAN", "pelaksana", "sudah ada sebagai jabatan fungsional"),
        ("ESELON", "III.b", "ESELON hanya untuk jabatan struktural"),
        ("KEPALA_UNIT", "mungkin", "KEPALA_UNIT harus Y atau N"),
        ("KEPALA_UNIT", "Y", "KEPALA_UNIT tidak sesuai"),
        ("NIP_ATASAN", make_nip(900), "tidak ada di berkas ini maupun di data pegawai"),
        ("NIP_ATASAN", PRAKOM, "tidak boleh sama"),
    ],
)
def test_each_line_error_is_reported_on_its_line(agencies, column, value, message):
    rows = good_rows()
    rows[2][HEADER.index(column)] = value  # line 4
    preview = employees_import_preview(file=csv_bytes(rows), filename="asn.csv")
    assert [row.line for row in preview.error_rows] == [4]
    assert message in " ".join(preview.error_rows[0].errors)


def test_a_duplicate_nip_in_the_file_names_the_first_line(agencies):
    rows = good_rows()
    rows[3][0] = PRAKOM
    preview = employees_import_preview(file=csv_bytes(rows), filename="asn.csv")
    assert [row.line for row in preview.error_rows] == [5]
    assert "sudah muncul di baris 4" in preview.error_rows[0].errors[0]


def test_an_email_of_another_account_is_refused(agencies, alice):
    rows = good_rows()
    rows[2][2] = "ALICE@contoh.id"
    preview = employees_import_preview(file=csv_bytes(rows), filename="asn.csv")
    assert "sudah dipakai akun lain" in preview.error_rows[0].errors[0]


def test_a_second_head_for_a_unit_is_refused(agencies):
    rows = good_rows()
    rows[2][7:11] = ["Kepala Bidang Baru", "struktural", "III.b", "Y"]
    preview = employees_import_preview(file=csv_bytes(rows), filename="asn.csv")
    assert "sudah memiliki jabatan kepala" in preview.error_rows[0].errors[0]


def test_a_nip_typed_as_a_number_in_excel_is_refused(agencies):
    rows = good_rows()
    rows[2][0] = float(PRAKOM)
    preview = employees_import_preview(file=xlsx_bytes(rows), filename="asn.xlsx")
    assert [row.line for row in preview.error_rows] == [4]
    assert "format kolom NIP sebagai Teks" in preview.error_rows[0].errors[0]


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"%PDF-1.7 ...", "asn.pdf", "Format berkas tidak didukung"),
        (b"NIP,NAMA\n", "asn.xls", ".xls"),
        (b"PK\x03\x04 not really a workbook", "asn.xlsx", "XLSX rusak"),
        (b"not a zip", "asn.xlsx", "XLSX rusak"),
        (b"", "asn.csv", "Berkas kosong"),
        (b"\x00\x01\x02\xff\xfe", "asn.csv", "CSV"),
        (",".join(HEADER).encode(), "asn.csv", "tidak berisi baris data"),
        (b"x" * (5 * 1024 * 1024 + 1), "asn.csv", "terlalu besar"),
    ],
)
def test_an_unreadable_file_gets_a_clear_message(agencies, content, filename, message):
    preview = employees_import_preview(file=content, filename=filename)
    assert not preview.is_valid
    assert message in preview.file_errors[0]


def test_too_many_rows_are_refused(agencies, monkeypatch):
    from balaikota.organization import imports

    monkeypatch.setattr(imports, "MAX_ROWS", 3)
    preview = employees_import_preview(file=csv_bytes(good_rows()), filename="asn.csv")
    assert "lebih dari 3 baris" in preview.file_errors[0]


def test_commit_checks_again_and_refuses_what_changed_since_the_preview(agencies, alice):
    rows = good_rows()
    rows[2][2] = "baru@contoh.id"
    preview = employees_import_preview(file=csv_bytes(rows), filename="asn.csv")
    assert preview.is_valid
    alice.email = "baru@contoh.id"  # meanwhile someone else took the address
    alice.save()
    with pytest.raises(ImportRejected) as caught:
        employees_import_commit(preview=preview, actor=None)
    assert caught.value.preview.error_rows[0].line == 4
    assert Employee.objects.count() == 0


def test_commit_needs_the_import_permission(agencies, alice):
    preview = employees_import_preview(file=csv_bytes(good_rows()), filename="asn.csv")
    with pytest.raises(PermissionDenied):
        employees_import_commit(preview=preview, actor=alice)
    admin = UserFactory()
    role_grant(user=admin, role=Role.COMPETENCY_ADMIN)
    result = employees_import_commit(preview=preview, actor=admin)
    assert result.created == 5


def test_rows_as_dicts_import_like_a_file(agencies):
    rows = [dict(zip(HEADER, row, strict=True)) for row in good_rows()]
    result = employees_import_commit(rows=rows, actor=None)
    assert result.created == 5


def test_a_nip_taken_as_another_accounts_login_is_refused(agencies):
    UserFactory(username=PRAKOM)
    preview = employees_import_preview(file=csv_bytes(good_rows()), filename="asn.csv")
    assert [row.line for row in preview.error_rows] == [4]
    assert "nama pengguna akun lain" in preview.error_rows[0].errors[0]


def test_an_existing_account_with_the_nip_is_reused(agencies):
    from balaikota.accounts.services import employee_account_provision

    user = employee_account_provision(nip=PRAKOM, full_name="Agus", password="Rahasia-Uji-123")
    _preview, result = _import(csv_bytes(good_rows()))
    assert result.accounts_created == 4
    employee = Employee.objects.get(nip=PRAKOM)
    assert employee.user == user
    user.refresh_from_db()
    assert user.check_password("Rahasia-Uji-123")  # the import never touches a password


def test_a_nul_character_in_a_csv_cell_gets_a_message_not_a_database_error(agencies):
    rows = good_rows()
    rows[1][2] = "andi\x00@contoh.id"
    preview = employees_import_preview(file=csv_bytes(rows), filename="asn.csv")
    assert not preview.is_valid
    assert "CSV" in preview.file_errors[0]
