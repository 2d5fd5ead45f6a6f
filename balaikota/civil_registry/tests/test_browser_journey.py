"""The birth-certificate journey as people click it, on 360-px phones in chromium: the citizen
applies with uploads, the officer asks for a correction, the citizen fixes it, the officer
approves, the official signs, the citizen downloads the signed PDF, and /verifikasi/ tells the
issued file from a tampered copy."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from balaikota.civil_registry.models import Application, Status
from balaikota.testing.browser import PHONE_VIEWPORT, assert_fits_the_phone, shot, signed_in

from .factories import pdf_bytes, png_bytes

pytestmark = pytest.mark.browser

PHONE_WIDTH = PHONE_VIEWPORT["width"]
# Approving renders the certificate PDF; signing may first create the official's key and
# certificate: under a parallel test run these take longer than an ordinary page.
CRYPTO_TIMEOUT_MS = 45_000


def press(control) -> None:
    """Operate a control with the keyboard (Space on a checkbox, Enter on a button), as a
    keyboard user would. Used on pages that embed a PDF preview: Chromium's PDF viewer loads in
    its own out-of-process frame and, while it starts, can swallow a tap/click aimed at the page
    around it (Playwright then reports "Clicking the checkbox did not change its state", or the
    click silently does nothing). Keyboard input goes to the focused control whatever the
    viewer is doing; the caller then waits for the result it expects."""
    control.press("Space" if control.get_attribute("type") == "checkbox" else "Enter")


def upload(page, code: str, name: str, content: bytes, mime: str) -> None:
    card = page.locator(f"#syarat-{code}")
    card.locator("input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": content}]
    )
    card.get_by_role("button", name=re.compile("^Unggah")).click()
    page.get_by_text(f"Berkas “{name}” tersimpan.").wait_for()


def test_birth_certificate_from_application_to_verified_download(
    browser, live_server, citizen, family, service_types, officer, signer, tmp_path
):
    from playwright.sync_api import expect

    _kk, father, mother = family
    birth = (dt.date.today() - dt.timedelta(days=12)).isoformat()  # noqa: DTZ011

    with (
        signed_in(browser, live_server, citizen) as warga,
        signed_in(browser, live_server, officer) as petugas,
        signed_in(browser, live_server, signer) as pejabat,
    ):
        # --- The citizen applies ---------------------------------------------------------------
        warga.goto("/kependudukan/")
        assert_fits_the_phone(warga)
        warga.get_by_role("link", name="Ajukan Akta Kelahiran").click()
        warga.get_by_role("button", name="Mulai mengisi").click()

        warga.get_by_role("heading", level=1).filter(has_text="Data anak").wait_for()
        assert_fits_the_phone(warga)
        warga.get_by_label("Nama anak").fill("Raka Pratama")
        warga.get_by_role("group", name=re.compile("Jenis kelamin anak")).get_by_label(
            "Laki-laki"
        ).check()
        warga.get_by_label("Tanggal lahir").fill(birth)
        warga.locator("#id_birth_place_kind").select_option("rs")
        warga.get_by_label("Nama tempat kelahiran").fill("RSUD K.R.M.T. Wongsonegoro")
        warga.get_by_label("Kota/kabupaten kelahiran").fill("Semarang")
        warga.get_by_label("Kelahiran ke-").fill("1")
        warga.get_by_role("button", name="Simpan dan lanjutkan").click()

        warga.get_by_role("heading", level=1).filter(has_text="Data orang tua").wait_for()
        # Prefilled from the population register: the citizen is the father, his wife the mother.
        assert warga.get_by_label("NIK ibu").input_value() == mother.nik
        assert warga.get_by_label("NIK ayah").input_value() == father.nik
        warga.get_by_text("Terdaftar atas nama: Siti Aminah").wait_for()
        warga.get_by_role("group", name=re.compile("Perkawinan orang tua")).get_by_label(
            "Ya"
        ).check()
        warga.get_by_role("button", name="Simpan dan lanjutkan").click()

        warga.get_by_role("heading", level=1).filter(has_text="Pelapor").wait_for()
        assert warga.get_by_label("NIK pelapor").input_value() == father.nik
        warga.get_by_role("button", name="Simpan dan lanjutkan").click()

        warga.get_by_role("heading", level=1).filter(has_text="Berkas persyaratan").wait_for()
        assert_fits_the_phone(warga)
        upload(warga, "surat_lahir", "surat-lahir.pdf", pdf_bytes(), "application/pdf")
        upload(warga, "ktp_orang_tua", "ktp.pdf", pdf_bytes(), "application/pdf")
        upload(warga, "kk", "kk.png", png_bytes(), "image/png")
        upload(warga, "buku_nikah", "buku-nikah.pdf", pdf_bytes(), "application/pdf")
        warga.get_by_role("link", name="Lanjut: periksa dan ajukan").click()

        warga.get_by_role("heading", level=1).filter(has_text="Periksa dan ajukan").wait_for()
        assert_fits_the_phone(warga)
        warga.get_by_text("Raka Pratama").first.wait_for()
        warga.get_by_role("button", name="Ajukan permohonan").click()

        warga.get_by_role("heading", level=1).filter(has_text="Permohonan diajukan").wait_for()
        assert_fits_the_phone(warga)
        tracking = warga.locator("#nomor-lacak").inner_text().strip()
        pin = warga.locator("#pin").inner_text().strip()
        assert re.fullmatch(r"\d{6}", pin)
        application = Application.objects.get(tracking_number=tracking)
        assert application.status == Status.SUBMITTED

        # --- The officer asks for a correction of the family card --------------------------------
        petugas.goto("/kependudukan/petugas/")
        assert_fits_the_phone(petugas)
        petugas.get_by_role("button", name=f"Ambil {tracking}").click()
        petugas.get_by_role("heading", level=1).filter(has_text=tracking).wait_for()
        assert_fits_the_phone(petugas)
        petugas.locator("#id_doc__kk").fill("Foto KK buram, unggah ulang yang jelas.")
        press(petugas.get_by_role("button", name="Kirim permintaan perbaikan"))
        petugas.get_by_text("Permintaan perbaikan dikirim kepada pemohon.").wait_for()

        # --- The citizen fixes only that file and resubmits --------------------------------------
        warga.goto(f"/kependudukan/permohonan/{application.pk}/")
        warga.get_by_text("Foto KK buram, unggah ulang yang jelas.").first.wait_for()
        assert_fits_the_phone(warga)
        warga.get_by_role("link", name="Perbaiki sekarang").click()
        upload(warga, "kk", "kk-jelas.png", png_bytes((40, 40)), "image/png")
        warga.get_by_role("button", name="Kirim perbaikan").click()
        warga.get_by_text("Perbaikan terkirim.").wait_for()
        application.refresh_from_db()
        assert application.status == Status.RESUBMITTED

        # --- The officer takes it again and approves ---------------------------------------------
        petugas.goto("/kependudukan/petugas/")
        petugas.get_by_role("button", name="Ambil berikutnya").click()
        petugas.get_by_role("heading", level=1).filter(has_text=tracking).wait_for()
        press(petugas.get_by_role("button", name="Setujui", exact=True))
        petugas.get_by_text("Permohonan disetujui").wait_for(timeout=CRYPTO_TIMEOUT_MS)

        # --- The signing official reads and signs ------------------------------------------------
        pejabat.goto("/kependudukan/tanda-tangan/")
        assert_fits_the_phone(pejabat)
        pejabat.get_by_role("link", name=f"Periksa dan tanda tangani {tracking}").click()
        expect(pejabat).to_have_url(re.compile(rf"/tanda-tangan/{application.pk}/$"))
        confirm = pejabat.get_by_label("Saya sudah membaca dokumen ini")
        press(confirm)
        expect(confirm).to_be_checked()
        press(pejabat.get_by_role("button", name="Tanda tangani secara elektronik"))
        pejabat.get_by_text("ditandatangani dan terbit").wait_for(timeout=CRYPTO_TIMEOUT_MS)
        application.refresh_from_db()
        assert application.status == Status.ISSUED
        # what they signed stays at hand, to download again (access-logged)
        pejabat.get_by_role("heading", name="Baru Anda tanda tangani").wait_for()
        expect(
            pejabat.get_by_role("link", name=f"Unduh PDF {application.registration_number}")
        ).to_be_visible()
        assert_fits_the_phone(pejabat)
        shot(pejabat, "sign-list-signed")

        # --- The citizen downloads the signed PDF ------------------------------------------------
        warga.goto(f"/kependudukan/permohonan/{application.pk}/")
        assert_fits_the_phone(warga)
        with warga.expect_download() as info:
            warga.get_by_role("link", name="Unduh dokumen bertanda tangan (PDF)").click()
        signed = tmp_path / "akta.pdf"
        info.value.save_as(signed)
        content = signed.read_bytes()
        assert content.startswith(b"%PDF-")

        # --- Without signing in, the tracking page shows the status (masked data only) ---------
        with signed_in(browser, live_server, None) as tamu:
            tamu.goto(f"/kependudukan/lacak/?nomor={tracking}")
            tamu.get_by_label("PIN").fill(pin)
            tamu.get_by_role("button", name="Lacak").click()
            tamu.get_by_role("heading", name=re.compile(tracking)).wait_for()
            tamu.get_by_text("Terbit").first.wait_for()
            assert "Budi Hartono" not in tamu.content()
            assert_fits_the_phone(tamu)

        # --- Anyone verifies it; a tampered copy does not match ----------------------------------
        warga.goto("/verifikasi/")
        warga.locator("#id_unggah-file").set_input_files(str(signed))
        warga.get_by_role("button", name="Periksa berkas").click()
        warga.get_by_text("Berkas ini identik dengan dokumen yang diterbitkan").wait_for(
            timeout=CRYPTO_TIMEOUT_MS
        )
        # who signed it, when (by the timestamp), and that it stays verifiable (PAdES B-LT)
        details = warga.get_by_test_id("signature-details")
        assert "Terverifikasi" in details.inner_text()
        assert "PAdES B-LT" in details.inner_text()
        assert_fits_the_phone(warga)
        shot(warga, "verifikasi-unggah")

        tampered = bytearray(content)
        middle = len(tampered) // 2
        tampered[middle] = (tampered[middle] + 1) % 256
        copy = tmp_path / "akta-diubah.pdf"
        copy.write_bytes(bytes(tampered))
        warga.goto("/verifikasi/")
        warga.locator("#id_unggah-file").set_input_files(str(copy))
        warga.get_by_role("button", name="Periksa berkas").click()
        warga.get_by_text("Tidak cocok dengan dokumen mana pun").wait_for(timeout=CRYPTO_TIMEOUT_MS)
