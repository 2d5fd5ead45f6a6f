"""On a 360-px phone: the head of Dinkes reads a surat dinas from Diskominfo, disposes it to a
head of division (it becomes an entry of Dinkes's incoming register), and the letter then
shows its agenda number.

Set BALAIKOTA_SCREENSHOTS=<folder> to keep a PNG of every page visited."""

from __future__ import annotations

import pytest

from balaikota.testing.browser import assert_accessible, assert_fits_the_phone, shot, signed_in

from .conftest import build_office, sent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBJECT = "Permintaan data fasilitas kesehatan untuk Satu Data"


def _look(page, name: str) -> None:
    assert_fits_the_phone(page)
    assert_accessible(page)
    shot(page, f"eoffice-received-{name}")


def test_a_head_disposes_a_letter_received_from_another_opd(browser, live_server):
    from balaikota.eoffice import services

    services.reference_load()
    office = build_office()
    dinkes = build_office("Dinas Kesehatan", "Dinkes")
    letter = sent(office, subject=SUBJECT, to_nips=[dinkes.head.nip])

    with signed_in(browser, live_server, dinkes.head) as phone:
        phone.goto("/surat/")
        phone.get_by_role("link", name=SUBJECT).click()
        phone.get_by_role("button", name="Disposisikan naskah ini").wait_for()
        _look(phone, "letter")
        phone.get_by_role("button", name="Disposisikan naskah ini").click()
        phone.get_by_role("button", name="Kirim disposisi").wait_for()
        phone.get_by_text("Naskah asal").wait_for()
        phone.get_by_label(dinkes.kabid.full_name, exact=False).check()
        phone.get_by_label("Tanggapan dan saran").check()
        phone.get_by_label("Catatan (tidak wajib)").fill("Siapkan data puskesmas dan RS.")
        _look(phone, "dispose")
        phone.get_by_role("button", name="Kirim disposisi").click()
        phone.get_by_text("Disposisi dikirim kepada 1 orang.").wait_for()
        phone.get_by_role("link", name=f"Nota Dinas {letter.number}").click()
        phone.get_by_text("tercatat sebagai surat masuk dengan nomor agenda").wait_for()
        _look(phone, "letter-registered")

    with signed_in(browser, live_server, dinkes.kabid) as phone:
        phone.goto("/surat/?tampil=tindak-lanjut")
        phone.get_by_role("link", name=SUBJECT).click()
        phone.get_by_text("Siapkan data puskesmas dan RS.").first.wait_for()
        _look(phone, "to-follow")
