"""On a 360-px phone: the records clerk records a Plt for the Kepala Dinas (long absence); the
letter the Plt signs says "Plt." on its page; a delegate finds the colleague's work under
"Atas nama" — a letter to initial and a disposition to close — and the history says "Paraf
oleh … atas nama …"; the head sees the disposition read and closed by the delegate.

Set BALAIKOTA_SCREENSHOTS=<folder> to keep a PNG of every page visited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from balaikota.testing.browser import assert_accessible, assert_fits_the_phone, shot, signed_in

from .conftest import build_office, draft

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _look(page, name: str) -> None:
    assert_fits_the_phone(page)
    assert_accessible(page)
    shot(page, f"eoffice-acting-{name}")


def test_a_plh_recorded_by_the_clerk_signs_and_the_letter_says_so(browser, live_server):
    from balaikota.eoffice import services

    services.reference_load()
    office = build_office()
    today = timezone.localdate()

    with signed_in(browser, live_server, office.clerk) as phone:
        phone.goto("/surat/")
        phone.get_by_role("link", name="Plt dan Plh").click()
        phone.get_by_label("Jabatan", exact=True).select_option(
            label="Kepala Dinas Komunikasi dan Informatika"
        )
        phone.get_by_label("Plt. (Pelaksana Tugas)").check()
        phone.get_by_label("NIP pegawai yang ditunjuk").fill(office.kabid.nip)
        phone.get_by_label("Mulai").fill(today.isoformat())
        phone.get_by_label("Sampai").fill((today + dt.timedelta(days=4)).isoformat())
        phone.get_by_label("Nomor surat perintah penunjukan").fill("800.1.11.1/094/2026")
        phone.get_by_role("button", name="Simpan penugasan").click()
        phone.get_by_text("Penugasan Plt/Plh tersimpan.").wait_for()
        _look(phone, "assignments")

    # The Plt is the head of division: the head of section alone initials before the Plt signs.
    letter = draft(office, route_nips=[office.kasi.nip])
    services.letter_submit(letter=letter, user=office.drafter)
    services.letter_initial(letter=letter, user=office.kasi)

    with signed_in(browser, live_server, office.kabid) as phone:
        phone.goto("/surat/?tampil=tanda-tangan")
        phone.get_by_role("link", name=letter.subject).click()
        phone.get_by_role("button", name="Tandatangani dan kirim").click()
        phone.get_by_text("Naskah ditandatangani dan dikirim.").wait_for()
        phone.get_by_text("Plt. Kepala Dinas Komunikasi dan Informatika", exact=True).wait_for()
        _look(phone, "signed-by-plt")


def test_a_delegate_sees_the_colleague_s_work_atas_nama(browser, live_server):
    from balaikota.eoffice import services

    services.reference_load()
    office = build_office()
    today = timezone.localdate()

    with signed_in(browser, live_server, office.kasi) as phone:
        phone.goto("/surat/delegasi/")
        phone.get_by_label("NIP rekan penerima delegasi").fill(office.colleague.nip)
        phone.get_by_label("Cuti").check()
        phone.get_by_label("Mulai").fill(today.isoformat())
        phone.get_by_label("Sampai").fill((today + dt.timedelta(days=3)).isoformat())
        phone.get_by_role("button", name="Simpan delegasi").click()
        phone.get_by_text("Delegasi tersimpan; penerima sudah diberi tahu.").wait_for()
        _look(phone, "delegation")

    letter = draft(office)
    services.letter_submit(letter=letter, user=office.drafter)
    from .incoming_helpers import dispose, register

    incoming = register(office)
    dispose(office.head, incoming, [office.kasi])

    with signed_in(browser, live_server, office.colleague) as phone:
        phone.goto("/surat/?tampil=atas-nama")
        phone.get_by_text("Atas nama Citra Lestari").first.wait_for()
        phone.get_by_role("heading", name="Disposisi perlu ditindaklanjuti").wait_for()
        _look(phone, "inbox-atas-nama")
        phone.get_by_role("link", name=letter.subject).click()
        phone.get_by_role("button", name="Paraf", exact=True).click()
        phone.get_by_text("Naskah sudah Anda paraf.").wait_for()
        # The disposition to the colleague away: closed in her name.
        phone.goto("/surat/?tampil=atas-nama")
        phone.get_by_role("link", name=incoming.subject).click()
        phone.get_by_text("Atas nama Citra Lestari").wait_for()
        phone.get_by_text("Selesaikan dengan laporan").click()
        phone.get_by_label("Laporan tindak lanjut").fill("Rapat koordinasi sudah dijadwalkan.")
        _look(phone, "close-atas-nama")
        phone.get_by_role("button", name="Kirim laporan dan selesaikan").click()
        phone.get_by_text("Selesai", exact=False).first.wait_for()

    with signed_in(browser, live_server, office.head) as phone:
        phone.goto(incoming.get_absolute_url())
        phone.get_by_text("Rapat koordinasi sudah dijadwalkan.").wait_for()
        phone.get_by_text("oleh Dewi Anggraini (delegasi)", exact=False).first.wait_for()
        _look(phone, "closed-atas-nama")

    with signed_in(browser, live_server, office.drafter) as phone:
        phone.goto(letter.get_absolute_url())
        phone.get_by_text("Paraf oleh Dewi Anggraini atas nama Citra Lestari").wait_for()
        _look(phone, "history-atas-nama")
