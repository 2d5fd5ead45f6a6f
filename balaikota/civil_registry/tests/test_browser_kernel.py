"""The kernel's new steps as people click them on a 360-px phone: an officer gives a claimed
application back to the queue; a colleague who took the same one a moment later is told so
(the "cannot be done" page, 409); the signing official sees a failed signature, with its reason,
and signs again.

Set BALAIKOTA_SCREENSHOTS=<folder> to keep a PNG of every page visited."""

from __future__ import annotations

import re

import pytest

from balaikota.civil_registry import services
from balaikota.civil_registry.models import Status
from balaikota.testing.browser import shot

from .factories import approve_now
from .test_browser_journey import CRYPTO_TIMEOUT_MS, assert_fits_the_phone, press, signed_in
from .test_views_citizen import submitted

pytestmark = pytest.mark.browser


def test_release_and_a_claim_taken_a_moment_ago(
    browser, live_server, citizen, family, service_types, officer, second_officer
):
    application = submitted(citizen, family)
    number = application.tracking_number
    with (
        signed_in(browser, live_server, officer) as petugas,
        signed_in(browser, live_server, second_officer) as rekan,
    ):
        rekan.goto("/kependudukan/petugas/")  # the colleague's queue still offers it
        petugas.goto("/kependudukan/petugas/")
        petugas.get_by_role("button", name=f"Ambil {number}").click()
        petugas.get_by_role("heading", level=1).filter(has_text=number).wait_for()
        assert_fits_the_phone(petugas)
        shot(petugas, "officer-review-claimed")

        rekan.get_by_role("button", name=f"Ambil {number}").click()  # a moment too late
        rekan.get_by_role("heading", name="Tindakan tidak dapat dilakukan").wait_for()
        rekan.get_by_text("baru saja diambil petugas lain").wait_for()
        assert_fits_the_phone(rekan)
        shot(rekan, "refused-claimed")
        rekan.get_by_role("link", name="Kembali").click()
        rekan.get_by_role("heading", level=1).filter(has_text=number).wait_for()
        assert rekan.get_by_role("button", name="Ambil permohonan ini").count() == 0

        petugas.get_by_role("button", name="Kembalikan ke antrean").click()
        petugas.get_by_text("Permohonan dikembalikan ke antrean.").wait_for()
        application.refresh_from_db()
        assert application.status == Status.SUBMITTED and application.claimed_by is None
        rekan.goto("/kependudukan/petugas/")
        rekan.get_by_role("button", name=f"Ambil {number}").wait_for()
        shot(rekan, "officer-queue")


def test_a_failed_signature_is_shown_and_signed_again(
    browser, live_server, citizen, family, service_types, officer, signer, monkeypatch
):
    from balaikota.documents import services as document_services
    from balaikota.documents.exceptions import SigningError
    from balaikota.documents.signers import LocalPadesSigner

    application = submitted(citizen, family)
    services.application_claim(application=application, officer=officer)
    application = approve_now(application=application, officer=officer)
    failing = {"on": True}

    class FlakySigner(LocalPadesSigner):
        def sign(self, pdf, **kwargs):
            if failing["on"]:
                raise SigningError(
                    "Layanan BSrE tidak menjawab tepat waktu. Coba lagi beberapa saat lagi.",
                    code="bsre_timeout",
                )
            return super().sign(pdf, **kwargs)

    monkeypatch.setattr(document_services, "get_signer", lambda: FlakySigner())
    with signed_in(browser, live_server, signer) as pejabat:
        pejabat.goto(f"/kependudukan/tanda-tangan/{application.pk}/")
        press(pejabat.get_by_label("Saya sudah membaca dokumen ini"))
        press(pejabat.get_by_role("button", name="Tanda tangani secara elektronik"))
        pejabat.get_by_text("tidak menjawab tepat waktu").first.wait_for(timeout=CRYPTO_TIMEOUT_MS)
        pejabat.get_by_text("Penandatanganan terakhir gagal").wait_for()
        assert_fits_the_phone(pejabat)
        shot(pejabat, "sign-failed")

        pejabat.goto("/kependudukan/tanda-tangan/")
        pejabat.get_by_text("Gagal, coba lagi").wait_for()
        shot(pejabat, "sign-list-failed")

        failing["on"] = False
        pejabat.get_by_role(
            "link", name=re.compile(f"tanda tangani {application.tracking_number}")
        ).click()
        press(pejabat.get_by_label("Saya sudah membaca dokumen ini"))
        press(pejabat.get_by_role("button", name="Tanda tangani secara elektronik"))
        pejabat.get_by_text("ditandatangani dan terbit").wait_for(timeout=CRYPTO_TIMEOUT_MS)
        application.refresh_from_db()
        assert application.status == Status.ISSUED

    with signed_in(browser, live_server, citizen) as warga:
        warga.goto(f"/kependudukan/permohonan/{application.pk}/")
        warga.get_by_role("link", name="Unduh dokumen bertanda tangan (PDF)").wait_for()
        assert officer.full_name not in warga.content()  # the citizen's history names no staff
        assert_fits_the_phone(warga)
        shot(warga, "citizen-detail-issued")
