"""Demo data: the standards in force before the current decrees, so a service page can show its
history (PermenPAN-RB 15/2014 asks for a standard to be reviewed and set again by decree).

Before Disdukcapil moved its services online in January 2025, the 2022 decree had applicants
queue at the counters with photocopies and a cover letter from the RT/RW and the kelurahan,
and promised longer times. Each entry turns the current content into the older one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

COUNTER_PROCEDURE = (
    "1. Pemohon mengambil nomor antrean di kantor Disdukcapil atau kantor kecamatan.\n"
    "2. Pemohon menyerahkan formulir dan fotokopi persyaratan kepada petugas loket.\n"
    "3. Petugas memeriksa berkas; bila belum lengkap, berkas dikembalikan kepada pemohon.\n"
    "4. Berkas yang lengkap diproses dan dokumen ditandatangani pejabat berwenang.\n"
    "5. Pemohon mengambil dokumen di loket pada tanggal yang tertera di tanda terima."
)

COUNTER_FACILITIES = (
    "Ruang pelayanan dan loket di kantor Disdukcapil dan 16 kantor kecamatan; mesin nomor "
    "antrean; ruang tunggu, toilet, jalur landai dan loket prioritas bagi penyandang "
    "disabilitas, lansia dan ibu hamil; perangkat perekaman biometrik."
)
COUNTER_STAFF_COMPETENCE = (
    "Memahami peraturan administrasi kependudukan dan pencatatan sipil; mampu mengoperasikan "
    "SIAK; menguasai verifikasi dokumen; berintegritas, ramah dan komunikatif."
)
COUNTER_SECURITY = (
    "Dokumen ditandatangani secara elektronik dengan kode QR; berkas fotokopi disimpan di ruang "
    "arsip terkunci; ruang pelayanan dilengkapi CCTV, APAR dan jalur evakuasi."
)

COVER_LETTER = {
    "name": "Surat pengantar RT/RW yang diketahui kelurahan",
    "description": "Asli, berlaku 30 hari sejak diterbitkan",
    "is_mandatory": True,
    "substitutes": "",
}


@dataclass(frozen=True)
class PreviousStandard:
    decree_number: str
    decree_date: date
    effective_date: date
    change: Callable[[dict], dict]


def _as_photocopy(item: dict) -> dict:
    """At the counter, identity documents were handed in as photocopies; no online forms."""
    older = dict(item)
    if "daring" in older["description"]:
        older["description"] = ""
    name = item["name"]
    if name.startswith(("KTP", "Kartu Keluarga", "Buku nikah")):
        words = name.split()
        # "buku nikah", but "KTP-el" and "Kartu Keluarga" as they are written
        if len(words) > 1 and words[0][1:].islower() and words[1][:1].islower():
            name = name[0].lower() + name[1:]
        older["name"] = f"Fotokopi {name}"
    return older


def _counter_era(extra_days: int) -> Callable[[dict], dict]:
    def change(content: dict) -> dict:
        older = dict(content)
        older["procedure"] = COUNTER_PROCEDURE
        older["facilities"] = COUNTER_FACILITIES
        older["staff_competence"] = COUNTER_STAFF_COMPETENCE
        older["security_guarantee"] = COUNTER_SECURITY
        older["service_time_days"] = content["service_time_days"] + extra_days
        older["service_time_note"] = "Dihitung sejak berkas diterima lengkap di loket."
        older["requirement_items"] = [
            *(_as_photocopy(item) for item in content["requirement_items"]),
            COVER_LETTER,
        ]
        older["requirements"] = "\n".join(
            f"{n}. {item['name']}" for n, item in enumerate(older["requirement_items"], 1)
        )
        return older

    return change


_DISDUKCAPIL_2022 = {
    "decree_number": "Keputusan Kepala Disdukcapil Kota Semarang Nomor 470/0412/2022",
    "decree_date": date(2022, 3, 14),
    "effective_date": date(2022, 4, 1),
}

PREVIOUS_STANDARDS: dict[str, tuple[PreviousStandard, ...]] = {
    slug: (PreviousStandard(**_DISDUKCAPIL_2022, change=_counter_era(days)),)
    for slug, days in (
        ("akta-kelahiran", 2),
        ("akta-kematian", 2),
        ("kk-tambah-anggota", 2),
        ("kk-perubahan-data", 2),
        ("kartu-identitas-anak", 4),
        ("pindah-keluar", 2),
        ("pindah-datang", 2),
        ("akta-perkawinan", 4),
    )
}
