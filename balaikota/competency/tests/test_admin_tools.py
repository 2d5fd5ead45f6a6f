"""The competency admin's tools: assessment results and position standards (form and XLSX)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from balaikota.competency.models import Assessment, Competency, PositionStandard

pytestmark = pytest.mark.django_db


def xlsx(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("standar.xlsx", buffer.getvalue())


def test_an_assessment_result_becomes_the_person_s_level(client, team):
    client.force_login(team.admin.user)
    security = Competency.objects.get(code="digital-keamanan")
    data = {
        "nip": team.member.nip,
        "competency": security.pk,
        "level": "4",
        "assessed_on": timezone.localdate().isoformat(),
        "note": "Assessment center BKPSDM",
    }
    assert client.post("/kompetensi/penilaian/hasil/", data).status_code == 302
    result = Assessment.objects.get(employee=team.member)
    assert (result.level, result.status, result.source) == (4, "validated", "result")
    assert result.events.get().action == "enter"
    unknown = client.post("/kompetensi/penilaian/hasil/", {**data, "nip": "199001012020121001"})
    assert unknown.status_code == 400 and "Tidak ada ASN aktif" in unknown.content.decode()
    future = client.post("/kompetensi/penilaian/hasil/", {**data, "assessed_on": "2999-01-01"})
    assert future.status_code == 400
    client.force_login(team.head.user)
    assert client.post("/kompetensi/penilaian/hasil/", data).status_code == 403


def test_standards_are_set_per_position_and_imported_from_xlsx(client, team):
    client.force_login(team.admin.user)
    security = Competency.objects.get(code="digital-keamanan")
    opd = team.unit.opd
    url = f"/kompetensi/standar/?opd={opd.code}&jabatan={team.member.position.pk}"
    page = client.get(url)
    assert page.status_code == 200 and "Keamanan digital" in page.content.decode()
    assert client.post(url, {"action": "save", f"c{security.pk}": "3"}).status_code == 302
    assert PositionStandard.objects.get(position=team.member.position).required_level == 3
    good = xlsx(
        [
            ["kode_opd", "jabatan", "kode_kompetensi", "level"],
            [opd.code, team.peer.position.name, "digital-keamanan", 4],
            [opd.code, team.peer.position.name, "integritas", 2],
        ]
    )
    assert client.post(url, {"action": "import", "file": good}).status_code == 302
    assert PositionStandard.objects.filter(position=team.peer.position).count() == 2
    bad = xlsx(
        [
            ["kode_opd", "jabatan", "kode_kompetensi", "level"],
            [opd.code, team.peer.position.name, "digital-keamanan", 5],
            [opd.code, "Jabatan Tidak Ada", "integritas", 2],
            [opd.code, team.peer.position.name, "tidak-ada", 2],
            [opd.code, team.peer.position.name, "integritas", 9],
        ]
    )
    response = client.post(url, {"action": "import", "file": bad})
    text = response.content.decode()
    assert response.status_code == 400
    assert "Baris 3" in text and "Baris 4" in text and "Baris 5" in text
    # Nothing of the bad file was kept (row 2 was valid, but one wrong row stops all).
    assert (
        PositionStandard.objects.get(
            position=team.peer.position, competency=security
        ).required_level
        == 4
    )
    not_xlsx = client.post(
        url, {"action": "import", "file": SimpleUploadedFile("x.xlsx", b"not a zip")}
    )
    assert not_xlsx.status_code == 400 and "bukan XLSX" in not_xlsx.content.decode()
    client.force_login(team.member.user)
    assert client.get("/kompetensi/standar/").status_code == 403
