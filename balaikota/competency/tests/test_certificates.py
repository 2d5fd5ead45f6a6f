"""The e-certificate of a completed class: numbered, signed with a QR code to /verifikasi/,
downloadable by its holder, revocable with a reason (verification then says so)."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from balaikota.competency import services
from balaikota.competency.models import Certificate, Enrolment, ProgrammeCompetency
from balaikota.core.models import OutboxItem
from balaikota.notifications.models import Notification

from .factories import ClassSessionFactory, ProgrammeFactory, TrainingClassFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _pass(team, person=None):
    person = person or team.member
    programme = ProgrammeFactory(title="Keamanan Siber untuk ASN", jp=Decimal("8"))
    from balaikota.competency.models import Competency

    ProgrammeCompetency.objects.create(
        programme=programme,
        competency=Competency.objects.get(code="digital-keamanan"),
        level_reached=3,
    )
    training_class = TrainingClassFactory(programme=programme, capacity=5)
    session = ClassSessionFactory(training_class=training_class)
    enrolment = services.enrolment_add(
        training_class=training_class, employee=person, actor=team.admin.user
    )
    services.class_transition(training_class=training_class, action="start", actor=team.admin.user)
    services.attendance_set(
        session=session, enrolment=enrolment, present=True, actor=team.admin.user
    )
    services.class_finish(training_class=training_class, actor=team.admin.user)
    return Enrolment.objects.get(pk=enrolment.pk)


def test_passing_issues_a_signed_certificate_that_verifies(client, team):
    enrolment = _pass(team)
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.number.endswith(
        f"/STTPP/{team.stranger.unit.opd.short_name.upper()}/{certificate.issued_on.year}"
    )
    assert certificate.holder_nip == team.member.nip and certificate.jp == Decimal("8")
    assert "Keamanan digital (level 3)" in certificate.competencies
    document = certificate.document
    assert document.status == "signed" and document.signed_by == team.signer.user
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(document.signed_file.read())).pages
    )
    for expected in (
        "SERTIFIKAT",
        team.member.full_name,
        team.member.nip,
        "Keamanan Siber untuk ASN",
        "8 JP",
        "Dr. Siti Aminah",
    ):
        assert expected in text, expected
    assert Notification.objects.filter(
        recipient=team.member.user, title__startswith="Sertifikat Anda terbit"
    ).exists()
    # The holder downloads it; a colleague cannot; anyone may verify it.
    client.force_login(team.member.user)
    download = client.get(f"/dokumen/{document.verification_code}/unduh/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    client.force_login(team.peer.user)
    assert client.get(f"/dokumen/{document.verification_code}/unduh/").status_code in (403, 404)
    client.logout()
    verified = client.get(f"/verifikasi/{document.verification_code}/").content.decode()
    assert certificate.number in verified and "Dicabut" not in verified


def test_the_certificate_is_made_once_even_if_the_work_runs_again(team):
    enrolment = _pass(team)
    first = Certificate.objects.get(enrolment=enrolment)
    again = services.certificate_issue(enrolment_id=enrolment.pk)
    assert again.pk == first.pk and again.number == first.number
    assert Certificate.objects.count() == 1
    assert OutboxItem.objects.filter(key=f"competency-certificate:{enrolment.pk}").count() == 1


def test_numbers_follow_each_other_without_gaps(team):
    numbers = [
        Certificate.objects.get(enrolment=_pass(team, person)).number
        for person in (team.member, team.peer)
    ]
    sequences = sorted(int(n.split("/")[0]) for n in numbers)
    assert sequences[1] == sequences[0] + 1


def test_revoking_needs_a_reason_and_verification_then_says_revoked(client, team):
    certificate = Certificate.objects.get(enrolment=_pass(team))
    from balaikota.core.errors import Forbidden, InvalidInput

    with pytest.raises(InvalidInput):
        services.certificate_revoke(certificate=certificate, actor=team.admin.user, reason="")
    with pytest.raises(Forbidden):
        services.certificate_revoke(certificate=certificate, actor=team.head.user, reason="x")
    services.certificate_revoke(
        certificate=certificate, actor=team.admin.user, reason="Peserta tidak memenuhi kehadiran"
    )
    verified = client.get(f"/verifikasi/{certificate.document.verification_code}/").content.decode()
    assert "Dicabut" in verified or "dicabut" in verified


def test_the_admin_revokes_on_a_page_with_a_reason(client, team):
    certificate = Certificate.objects.get(enrolment=_pass(team))
    client.force_login(team.head.user)
    assert client.get(f"/kompetensi/sertifikat/{certificate.pk}/cabut/").status_code == 403
    client.force_login(team.admin.user)
    empty = client.post(f"/kompetensi/sertifikat/{certificate.pk}/cabut/", {"reason": ""})
    assert empty.status_code == 400 and "Tuliskan alasannya." in empty.content.decode()
    done = client.post(
        f"/kompetensi/sertifikat/{certificate.pk}/cabut/", {"reason": "Nilai salah dimasukkan"}
    )
    assert done.status_code == 302
    certificate.refresh_from_db()
    assert (
        certificate.revoked_at is not None and certificate.revoke_reason == "Nilai salah dimasukkan"
    )
    client.force_login(team.member.user)
    class_page = client.get(f"/kompetensi/kelas/{certificate.enrolment.training_class_id}/")
    assert "Sertifikat dicabut" in class_page.content.decode()


def test_the_certificate_travels_as_an_open_badges_credential_that_verifies(client, team):
    import base64
    import json

    certificate = Certificate.objects.get(enrolment=_pass(team))
    client.force_login(team.member.user)
    response = client.get(f"/kompetensi/sertifikat/{certificate.pk}/lencana.jwt")
    assert response.status_code == 200 and response["Content-Type"] == "application/vc+jwt"
    token = response.content.decode()
    header, payload, _signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert "OpenBadgeCredential" in claims["type"]
    assert claims["credentialSubject"]["achievement"]["name"] == "Keamanan Siber untuk ASN"
    assert team.member.nip not in token  # the NIP travels only as a salted hash
    assert json.loads(base64.urlsafe_b64decode(header + "==="))["alg"] == "EdDSA"
    client.logout()
    ok = client.post("/verifikasi/lencana/", {"token": token})
    assert ok.status_code == 200 and "Lencana ini asli" in ok.content.decode()
    tampered = token.replace(
        payload, payload[:-4] + ("AAAA" if not payload.endswith("AAAA") else "BBBB")
    )
    refused = client.post("/verifikasi/lencana/", {"token": tampered})
    assert refused.status_code == 400
    for garbage in ("", "abc", "a.b.c", "\x00" * 50, "x" * 30000):
        assert client.post("/verifikasi/lencana/", {"token": garbage}).status_code == 400
    issuer = client.get("/kompetensi/penerbit/").json()
    assert issuer["verificationMethod"][0]["publicKeyJwk"]["crv"] == "Ed25519"
    from urllib.parse import urlsplit

    by_id = client.get(urlsplit(claims["id"]).path)
    assert by_id.status_code == 200 and certificate.number in by_id.content.decode()
    services.certificate_revoke(certificate=certificate, actor=team.admin.user, reason="Keliru")
    revoked = client.post("/verifikasi/lencana/", {"token": token})
    assert "dicabut" in revoked.content.decode()
    client.force_login(team.peer.user)
    assert client.get(f"/kompetensi/sertifikat/{certificate.pk}/lencana.jwt").status_code == 404


def test_participants_rate_the_class_once_and_the_report_adds_it_up(client, team):
    enrolment = _pass(team)
    client.force_login(team.member.user)
    class_page = client.get(f"/kompetensi/kelas/{enrolment.training_class_id}/").content.decode()
    assert "Beri umpan balik" in class_page
    url = f"/kompetensi/pendaftaran/{enrolment.pk}/umpan-balik/"
    incomplete = client.post(url, {"material": "5"})
    assert incomplete.status_code == 400 and "Pilih salah satu." in incomplete.content.decode()
    answers = {
        "material": "5",
        "instructor": "4",
        "method": "4",
        "organisation": "3",
        "usefulness": "5",
        "comment": "Tambah sesi praktik.",
    }
    assert client.post(url, answers).status_code == 302
    again = client.post(url, answers)
    assert again.status_code == 409
    client.force_login(team.peer.user)
    assert client.get(url).status_code == 404
    client.force_login(team.admin.user)
    report = client.get(f"/kompetensi/program/{enrolment.training_class.programme.code}/laporan/")
    text = report.content.decode()
    assert report.status_code == 200 and "Tambah sesi praktik." in text
    assert "5,00" in text or "5.00" in text
    assert "100%" in text  # one passed of one decided
