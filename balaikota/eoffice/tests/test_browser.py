"""On a 360-px phone: a staff member drafts a nota dinas → the head of section initials → the
head of division returns it once → the drafter fixes it and submits again → both initial → the
head of the OPD signs → the addressee reads it → the drafter sees the read receipt.

Set BALAIKOTA_SCREENSHOTS=<folder> to keep a PNG of every page visited."""

from __future__ import annotations

import pytest

from balaikota.testing.browser import (
    assert_accessible,
    assert_fits_the_phone,
    shot,
    signed_in,
)

from .conftest import build_office

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _look(page, name: str, *, ours: bool = True) -> None:
    assert_fits_the_phone(page)
    if ours:  # axe on the e-office's pages (the home page belongs to accounts)
        assert_accessible(page)
    shot(page, f"eoffice-{name}")


def _open_letter(page, tab: str, subject: str) -> None:
    page.goto(f"/surat/?tampil={tab}")
    page.get_by_role("link", name=subject).click()
    page.get_by_role("heading", level=1, name=subject).wait_for()


def test_a_nota_dinas_from_draft_to_read_receipt(browser, live_server):
    from balaikota.eoffice.services import reference_load

    reference_load()
    office = build_office()
    subject = "Permohonan data pengguna aplikasi"

    with signed_in(browser, live_server, office.drafter) as phone:
        phone.goto("/surat/")
        _look(phone, "inbox-empty")
        phone.get_by_role("link", name="Buat naskah").click()
        phone.get_by_role("link", name="Nota Dinas").first.wait_for()
        _look(phone, "choose-kind")
        phone.get_by_role("link", name="Nota Dinas").first.click()
        phone.get_by_label("Hal", exact=True).fill(subject)
        phone.get_by_label("Klasifikasi arsip").select_option(label="000.1.2 Surat-menyurat")
        phone.get_by_label("Kesegeraan").select_option(label="Segera")
        phone.get_by_label("Kepada (NIP pegawai)").fill(office.colleague.nip)
        phone.get_by_label("Isi naskah").fill(
            "Dengan hormat,\n\nmohon dikirimkan data pengguna aplikasi bulan November."
        )
        phone.get_by_label("Penandatangan").select_option(
            label="Kepala Dinas Komunikasi dan Informatika"
        )
        _look(phone, "form")
        phone.get_by_role("button", name="Simpan konsep").click()
        phone.get_by_text("Konsep naskah tersimpan.").wait_for()
        _look(phone, "draft")
        phone.get_by_role("button", name="Ajukan untuk diparaf").click()
        phone.get_by_text("Naskah diajukan kepada pemaraf pertama.").wait_for()

    with signed_in(browser, live_server, office.kasi) as phone:
        _open_letter(phone, "paraf", subject)
        phone.get_by_label("Catatan paraf (tidak wajib)").fill("Sudah sesuai.")
        _look(phone, "to-initial")
        phone.get_by_role("button", name="Paraf", exact=True).click()
        phone.get_by_text("Naskah sudah Anda paraf.").wait_for()
        _look(phone, "initialled")

    with signed_in(browser, live_server, office.kabid) as phone:
        _open_letter(phone, "paraf", subject)
        phone.get_by_text("Kembalikan ke konseptor").click()
        phone.get_by_label("Alasan dikembalikan").fill("Sebutkan batas waktu pengiriman data.")
        _look(phone, "return")
        phone.get_by_role("button", name="Kembalikan", exact=True).click()
        phone.get_by_text("Naskah dikembalikan kepada konseptor.").wait_for()

    with signed_in(browser, live_server, office.drafter) as phone:
        _open_letter(phone, "konsep", subject)
        phone.get_by_text("Sebutkan batas waktu pengiriman data.").wait_for()
        _look(phone, "returned")
        phone.get_by_role("link", name="Ubah konsep").click()
        phone.get_by_label("Isi naskah").fill(
            "<p>Dengan hormat,</p><p>mohon dikirimkan data pengguna aplikasi bulan November "
            "paling lambat hari Jumat.</p>"
        )
        _look(phone, "edit")
        phone.get_by_role("button", name="Simpan konsep").click()
        phone.get_by_text("Perubahan tersimpan.").wait_for()
        phone.get_by_role("link", name="versi 2 · lihat perbedaan").click()
        phone.get_by_text("paling lambat hari Jumat").first.wait_for()
        _look(phone, "versions")
        phone.go_back()
        phone.get_by_role("button", name="Ajukan untuk diparaf").click()
        phone.get_by_text("Naskah diajukan kepada pemaraf pertama.").wait_for()

    for verifier in (office.kasi, office.kabid):
        with signed_in(browser, live_server, verifier) as phone:
            _open_letter(phone, "paraf", subject)
            phone.get_by_role("button", name="Paraf", exact=True).click()
            phone.get_by_text("Naskah sudah Anda paraf.").wait_for()

    with signed_in(browser, live_server, office.head) as phone:
        phone.goto("/")
        phone.get_by_text("1 naskah menunggu tanda tangan Anda").wait_for()
        _look(phone, "home-to-sign", ours=False)
        phone.goto("/surat/?tampil=tanda-tangan")
        _look(phone, "to-sign")
        phone.get_by_role("link", name=subject).click()
        phone.get_by_role("button", name="Tandatangani dan kirim").wait_for()
        _look(phone, "sign")
        phone.get_by_role("button", name="Tandatangani dan kirim").click()
        phone.get_by_text("Naskah ditandatangani dan dikirim.").wait_for()
        _look(phone, "signed")

    with signed_in(browser, live_server, office.colleague) as phone:
        phone.goto("/surat/")
        phone.get_by_text("Belum dibaca").first.wait_for()
        _look(phone, "received")
        phone.get_by_role("link", name=subject).click()
        phone.get_by_text("paling lambat hari Jumat").wait_for()
        _look(phone, "read")

    with signed_in(browser, live_server, office.drafter) as phone:
        _open_letter(phone, "terkirim", subject)
        receipts = phone.get_by_role("region", name="Tanda terima baca")
        assert office.colleague.full_name in receipts.inner_text()
        assert "dibaca" in receipts.inner_text() and "belum dibaca" not in receipts.inner_text()
        _look(phone, "receipts")
        phone.goto("/surat/?tampil=terkirim")
        phone.get_by_text("dibaca 1 dari 1").wait_for()
        _look(phone, "sent")
        phone.goto("/surat/?tampil=konsep")
        _look(phone, "drafts")
        phone.goto("/")
        _look(phone, "home", ours=False)


def test_the_clerk_hands_an_outside_letter_to_the_courier(browser, live_server):
    """A surat dinas to two outside addressees is signed: the one with an e-mail address gets
    it by e-mail, the other waits for the courier — the records clerk records the hand-over in
    the outgoing register, on the phone."""
    from balaikota.eoffice.models import LetterKind
    from balaikota.eoffice.services import reference_load

    from .conftest import sent

    reference_load()
    office = build_office()
    sent(
        office,
        kind=LetterKind.objects.get(code="surat-dinas"),
        subject="Undangan sosialisasi pengendalian banjir",
        to_nips=[],
        external=[
            {
                "name": "Ketua RW 05 Kelurahan Tembalang",
                "agency": "",
                "address": "Jl. Ngesrep Timur V Semarang",
                "email": "",
            }
        ],
    )
    with signed_in(browser, live_server, office.clerk) as phone:
        phone.goto("/")
        phone.get_by_role("link", name="Buka register").click()
        phone.get_by_role("heading", level=1, name="Register surat keluar").wait_for()
        _look(phone, "outgoing-register")
        phone.get_by_text("Catat serah terima ke kurir").click()
        phone.get_by_label("Nama kurir atau jasa pengiriman").fill("Pak Slamet (caraka)")
        _look(phone, "outgoing-register-hand-over")
        phone.get_by_role("button", name="Simpan serah terima").click()
        phone.get_by_text("Serah terima ke kurir dicatat.").wait_for()
        phone.get_by_text("Diserahkan ke kurir").wait_for()
        phone.get_by_text("diterima Pak Slamet (caraka)").wait_for()
        _look(phone, "outgoing-register-done")


def test_the_clerk_registers_an_incoming_letter_from_a_bundle(browser, live_server, tmp_path):
    """Another OPD's signed letter arrives as an exchange bundle: the records clerk uploads it
    on the phone, and the register shows it with its agenda number, waiting for the head."""
    from balaikota.eoffice import archive
    from balaikota.eoffice.models import LetterKind
    from balaikota.eoffice.services import reference_load

    from .conftest import sent

    reference_load()
    office = build_office()
    other = build_office("Dinas Kesehatan", "Dinkes")
    letter = sent(
        office,
        kind=LetterKind.objects.get(code="surat-dinas"),
        subject="Permohonan data cakupan imunisasi",
        to_nips=[],
        external=[{"name": "Kepala Dinas Kesehatan", "agency": "", "address": "", "email": ""}],
    )
    name, data = archive.bundle_export(letter=letter, user=office.drafter)
    path = tmp_path / name
    path.write_bytes(data)
    with signed_in(browser, live_server, other.clerk) as phone:
        phone.goto("/surat/masuk/")
        phone.get_by_role("link", name="Dari bundel naskah").click()
        phone.get_by_role("heading", level=1, name="Catat surat masuk dari bundel").wait_for()
        phone.get_by_label("Bundel naskah (ZIP)").set_input_files(str(path))
        _look(phone, "incoming-import")
        phone.get_by_role("button", name="Periksa dan catat").click()
        phone.get_by_text("Surat masuk dari bundel dicatat dengan nomor agenda").wait_for()
        phone.get_by_role("heading", level=1, name="Permohonan data cakupan imunisasi").wait_for()
        _look(phone, "incoming-imported")
