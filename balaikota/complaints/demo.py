"""Demo complaints through the real services: some waiting, some answered, one closed."""

from __future__ import annotations

from balaikota.accounts import selectors as account_selectors

from . import integrations, services
from .models import Complaint, ComplaintCategory

DEMO = [
    # (service slug, category, title, body, answer or "", close)
    (
        "perekaman-ktp-el",
        "waktu",
        "Antrean perekaman KTP-el di kecamatan panjang sekali",
        "Saya datang pukul 07.30 di Kantor Kecamatan Pedurungan, nomor antrean 45, baru dipanggil "
        "pukul 13.00. Mohon jadwal daring ditambah.",
        "Terima kasih atas laporannya. Mulai Senin kuota pesan jadwal daring di Kecamatan "
        "Pedurungan ditambah menjadi 60 per hari dan satu petugas perekaman ditambahkan.",
        True,
    ),
    (
        "akta-kelahiran",
        "daring",
        "Unggah surat keterangan lahir gagal terus",
        "Berkas PDF surat keterangan lahir dari bidan (1,2 MB) gagal diunggah di ponsel, muncul "
        "pesan galat berkali-kali sejak kemarin sore.",
        "Mohon maaf. Gangguan unggah pada ponsel tertentu sudah diperbaiki pagi ini; silakan coba "
        "lagi. Bila masih gagal, balas pengaduan ini dan lampirkan tangkapan layarnya.",
        False,
    ),
    (
        "persetujuan-bangunan-gedung",
        "persyaratan",
        "Diminta syarat tambahan di luar standar pelayanan PBG",
        "Petugas meminta surat rekomendasi RT/RW untuk PBG rumah tinggal, padahal tidak tercantum "
        "dalam persyaratan di halaman layanan.",
        "",
        False,
    ),
    (
        "uji-berkala-kendaraan",
        "pungli",
        "Dimintai uang tambahan saat uji KIR",
        "Di unit uji berkala, ada orang yang menawarkan jasa agar cepat lulus dengan biaya "
        "Rp150.000 di luar retribusi resmi.",
        "",
        False,
    ),
    (
        "",
        "saran",
        "Tambahkan kursi prioritas di ruang tunggu MPP",
        "Ruang tunggu Mal Pelayanan Publik sering penuh; mohon ditambah kursi untuk lansia dan ibu "
        "hamil di dekat loket.",
        "",
        False,
    ),
]


def complaints_demo_seed() -> int:
    """Add the demo complaints once; returns how many were added."""
    if Complaint.objects.filter(submit_key__startswith="demo-").exists():
        return 0
    citizens = list(account_selectors.users_with_role("citizen")[:5])
    added = 0
    for index, (slug, category_slug, title, body, answer, close) in enumerate(DEMO):
        service = integrations.service_by_slug(slug) if slug else None
        opd = None
        if service is None:
            opd = integrations.opds_active().filter(code="dpmptsp").first()
            if opd is None:
                continue
        user = citizens[index % len(citizens)] if citizens and index % 2 == 0 else None
        filed = services.complaint_submit(
            user=user,
            category=ComplaintCategory.objects.get(slug=category_slug),
            service=service,
            opd=opd,
            title=title,
            body=body,
            submit_key=f"demo-{index}",
        )
        added += filed.created
        if not answer:
            continue
        manager = integrations.opd_managers(filed.complaint.opd_id).first()
        if manager is None:
            continue
        services.complaint_answer(complaint=filed.complaint, user=manager, body=answer)
        if close and user is not None:
            services.complaint_follow_up(complaint=filed.complaint, action="close", user=user)
    return added
