"""Seed definitions of the civil-registration service types (``manage.py load_service_types``).

Codes equal the slugs of the public-service catalogue (``balaikota/catalogue/data/catalogue.py``),
so each service type links to its catalogue entry. Admins change everything afterwards.
"""

from __future__ import annotations

BIRTH_PLACE_KINDS = [
    ["rs", "Rumah sakit/rumah bersalin"],
    ["puskesmas", "Puskesmas"],
    ["polindes", "Polindes/bidan"],
    ["rumah", "Rumah"],
    ["lainnya", "Lainnya"],
]
SEX = [["L", "Laki-laki"], ["P", "Perempuan"]]
YES_NO = [["ya", "Ya"], ["tidak", "Tidak"]]
REPORTER_RELATIONSHIP = [
    ["ayah", "Ayah"],
    ["ibu", "Ibu"],
    ["keluarga", "Keluarga lain"],
    ["lainnya", "Lainnya"],
]


def field(name, label, type_="text", *, required=True, choices=None, **extra) -> dict:
    item = {"name": name, "label": label, "type": type_, "required": required}
    if choices:
        item["choices"] = choices
    item.update(extra)
    return item


def req(code, name, *, mandatory=True, substitutes=(), description="", max_mb=2) -> dict:
    return {
        "code": code,
        "name": name,
        "description": description,
        "is_mandatory": mandatory,
        "substitutes": list(substitutes),
        "max_size": max_mb * 1024 * 1024,
    }


KK_REQ = req("kk", "Kartu Keluarga (KK)")

SERVICE_TYPES: list[dict] = [
    {
        "code": "akta-kelahiran",
        "name": "Akta Kelahiran",
        "service_days": 3,
        "output_kinds": ["birth_certificate"],
        "number_format": "{regency}-LU-{date:%d%m%Y}-{seq:04d}",
        "form_schema": [
            field("child_name", "Nama anak", "person_name"),
            field("child_sex", "Jenis kelamin anak", "choice", choices=SEX),
            field("birth_date", "Tanggal lahir", "date"),
            field("birth_time", "Pukul lahir", "time", required=False),
            field("birth_place_kind", "Tempat kelahiran", "choice", choices=BIRTH_PLACE_KINDS),
            field("birth_place_name", "Nama tempat kelahiran (rumah sakit, puskesmas…)"),
            field("birth_city", "Kota/kabupaten kelahiran"),
            field("birth_order", "Kelahiran ke-", "number", min=1, max=30),
            field("birth_weight_kg", "Berat bayi (kg)", "number", required=False, min=0.3, max=8),
            field("birth_length_cm", "Panjang bayi (cm)", "number", required=False, min=20, max=70),
            field("mother_nik", "NIK ibu", "nik", check=True),
            field(
                "mother_name",
                "Nama ibu (isi bila NIK-nya tidak ditemukan di database kependudukan)",
                "person_name",
                required=False,
            ),
            field("father_nik", "NIK ayah", "nik", required=False, check=True),
            field(
                "father_name",
                "Nama ayah (isi bila NIK-nya tidak ditemukan di database kependudukan)",
                "person_name",
                required=False,
            ),
            field(
                "marriage_recorded",
                "Perkawinan orang tua tercatat (buku nikah/akta perkawinan)",
                "choice",
                choices=YES_NO,
            ),
            field("kk_number", "Nomor KK tempat anak didaftarkan", "kk", required=False),
            field("reporter_nik", "NIK pelapor", "nik"),
            field(
                "reporter_relationship",
                "Hubungan pelapor dengan anak",
                "choice",
                choices=REPORTER_RELATIONSHIP,
            ),
        ],
        "requirements": [
            req(
                "surat_lahir",
                "Surat keterangan kelahiran dari rumah sakit/puskesmas/bidan",
                substitutes=["sptjm_kelahiran"],
            ),
            req(
                "sptjm_kelahiran",
                "SPTJM kebenaran data kelahiran (F-2.03) dengan 2 saksi",
                mandatory=False,
            ),
            req("ktp_orang_tua", "KTP-el ayah dan ibu"),
            KK_REQ,
            req(
                "buku_nikah",
                "Buku nikah atau kutipan akta perkawinan orang tua",
                substitutes=["sptjm_pasutri"],
            ),
            req(
                "sptjm_pasutri",
                "SPTJM kebenaran sebagai pasangan suami istri (F-2.04) dengan 2 saksi",
                mandatory=False,
            ),
        ],
    },
    {
        "code": "akta-kematian",
        "name": "Akta Kematian",
        "service_days": 3,
        "output_kinds": ["death_certificate"],
        "number_format": "{regency}-KM-{date:%d%m%Y}-{seq:04d}",
        "form_schema": [
            field("deceased_nik", "NIK almarhum/almarhumah", "nik"),
            field("deceased_name", "Nama almarhum/almarhumah", "person_name"),
            field("death_date", "Tanggal kematian", "date"),
            field("death_place", "Tempat kematian"),
            field("death_cause", "Sebab kematian", required=False),
            field("reporter_nik", "NIK pelapor", "nik"),
            field(
                "reporter_relationship", "Hubungan pelapor", "choice", choices=REPORTER_RELATIONSHIP
            ),
        ],
        "requirements": [
            req("surat_kematian", "Surat keterangan kematian", substitutes=["sptjm_kematian"]),
            req("sptjm_kematian", "SPTJM kebenaran data kematian dengan 2 saksi", mandatory=False),
            req("kk", "Kartu Keluarga (KK) almarhum/almarhumah"),
            req("ktp_almarhum", "KTP-el almarhum/almarhumah", mandatory=False),
            req("ktp_pelapor", "KTP-el pelapor"),
        ],
    },
    {
        "code": "kk-tambah-anggota",
        "name": "Perubahan KK: Penambahan Anggota",
        "service_days": 1,
        "output_kinds": ["family_card"],
        "number_format": "{regency}-KK-{date:%d%m%Y}-{seq:04d}",
        "handling_office": "kecamatan",
        "form_schema": [
            field("kk_number", "Nomor KK", "kk"),
            field("member_nik", "NIK anggota baru", "nik"),
            field("member_name", "Nama anggota baru", "person_name"),
            field(
                "reason",
                "Alasan penambahan",
                "choice",
                choices=[
                    ["kelahiran", "Kelahiran"],
                    ["pindah_datang", "Pindah datang/menumpang"],
                ],
            ),
        ],
        "requirements": [
            req("kk", "Kartu Keluarga (KK) lama"),
            req("dokumen_dasar", "Kutipan akta kelahiran atau surat keterangan pindah"),
        ],
    },
    {
        "code": "kk-perubahan-data",
        "name": "Perubahan KK: Perubahan Data",
        "service_days": 1,
        "output_kinds": ["family_card"],
        "number_format": "{regency}-KK-{date:%d%m%Y}-{seq:04d}",
        "handling_office": "kecamatan",
        "form_schema": [
            field("kk_number", "Nomor KK", "kk"),
            field("member_nik", "NIK anggota yang datanya berubah", "nik"),
            field(
                "changed_field",
                "Data yang berubah",
                "choice",
                choices=[
                    ["pendidikan", "Pendidikan"],
                    ["pekerjaan", "Pekerjaan"],
                    ["status_perkawinan", "Status perkawinan"],
                    ["agama", "Agama"],
                    ["nama", "Nama"],
                    ["lainnya", "Lainnya"],
                ],
            ),
            field("new_value", "Data baru"),
        ],
        "requirements": [
            req("kk", "Kartu Keluarga (KK) lama"),
            req("bukti_perubahan", "Dokumen bukti perubahan (ijazah, akta, penetapan pengadilan…)"),
        ],
    },
    {
        "code": "kk-pisah",
        "name": "Perubahan KK: Pisah KK",
        "service_days": 1,
        "output_kinds": ["family_card"],
        "number_format": "{regency}-KK-{date:%d%m%Y}-{seq:04d}",
        "handling_office": "kecamatan",
        "form_schema": [
            field("kk_number", "Nomor KK asal", "kk"),
            field("new_head_nik", "NIK kepala keluarga baru", "nik"),
            field("member_niks", "NIK anggota yang ikut (pisahkan dengan koma)", required=False),
            field("new_address", "Alamat baru"),
        ],
        "requirements": [
            req("kk", "Kartu Keluarga (KK) asal"),
            req("buku_nikah", "Buku nikah/akta perkawinan", mandatory=False),
        ],
    },
    {
        "code": "kartu-identitas-anak",
        "name": "Kartu Identitas Anak (KIA)",
        "service_days": 1,
        "output_kinds": ["child_id_card"],
        "number_format": "{regency}-KIA-{date:%d%m%Y}-{seq:04d}",
        "form_schema": [
            field("child_nik", "NIK anak", "nik"),
            field("child_name", "Nama anak", "person_name"),
            field("parent_nik", "NIK orang tua/wali", "nik"),
        ],
        "requirements": [
            req("akta_lahir", "Kutipan akta kelahiran anak"),
            req("kk", "Kartu Keluarga (KK) orang tua/wali"),
            req("ktp_orang_tua", "KTP-el kedua orang tua/wali"),
            req("pasfoto", "Pasfoto anak berwarna (anak 5 tahun ke atas)", mandatory=False),
        ],
    },
    {
        "code": "pindah-keluar",
        "name": "Pindah Keluar (SKPWNI)",
        "service_days": 1,
        "output_kinds": ["moving_letter"],
        "number_format": "{regency}-SKPWNI-{date:%d%m%Y}-{seq:04d}",
        "form_schema": [
            field("kk_number", "Nomor KK", "kk"),
            field("moving_niks", "NIK yang pindah (pisahkan dengan koma)"),
            field("destination_address", "Alamat tujuan"),
            field("destination_region", "Kabupaten/kota tujuan"),
            field(
                "reason",
                "Alasan pindah",
                "choice",
                choices=[
                    ["pekerjaan", "Pekerjaan"],
                    ["pendidikan", "Pendidikan"],
                    ["keluarga", "Keluarga"],
                    ["lainnya", "Lainnya"],
                ],
            ),
        ],
        "requirements": [
            KK_REQ,
            req("ktp", "KTP-el anggota keluarga yang pindah"),
        ],
    },
    {
        "code": "pindah-datang",
        "name": "Pindah Datang",
        "service_days": 1,
        "output_kinds": ["family_card"],
        "number_format": "{regency}-PD-{date:%d%m%Y}-{seq:04d}",
        "handling_office": "kecamatan",
        "form_schema": [
            field("skpwni_number", "Nomor SKPWNI"),
            field("origin_region", "Kabupaten/kota asal"),
            field("new_address", "Alamat di Kota Semarang"),
            field("join_kk_number", "Menumpang di KK (bila ada)", "kk", required=False),
        ],
        "requirements": [
            req("skpwni", "Surat Keterangan Pindah (SKPWNI) dari daerah asal"),
            req("kk_tujuan", "KK yang ditumpangi", mandatory=False),
        ],
    },
    {
        "code": "akta-perkawinan",
        "name": "Akta Perkawinan (selain Islam)",
        "service_days": 3,
        "output_kinds": ["marriage_certificate"],
        "number_format": "{regency}-KW-{date:%d%m%Y}-{seq:04d}",
        "form_schema": [
            field("husband_nik", "NIK suami", "nik"),
            field("wife_nik", "NIK istri", "nik"),
            field("marriage_date", "Tanggal perkawinan", "date"),
            field("religious_institution", "Pemuka agama/lembaga yang memberkati"),
            field("witness1_nik", "NIK saksi 1", "nik"),
            field("witness2_nik", "NIK saksi 2", "nik"),
        ],
        "requirements": [
            req("surat_pemberkatan", "Surat perkawinan dari pemuka agama"),
            req("ktp_mempelai", "KTP-el kedua mempelai"),
            req("kk", "Kartu Keluarga (KK) kedua mempelai"),
            req("akta_lahir", "Kutipan akta kelahiran kedua mempelai"),
            req("pasfoto", "Pasfoto berdampingan suami dan istri"),
            req("ktp_saksi", "KTP-el 2 orang saksi perkawinan"),
        ],
    },
    {
        "code": "akta-perceraian",
        "name": "Akta Perceraian (selain Islam)",
        "service_days": 3,
        "output_kinds": ["divorce_certificate"],
        "number_format": "{regency}-CR-{date:%d%m%Y}-{seq:04d}",
        "form_schema": [
            field("husband_nik", "NIK mantan suami", "nik"),
            field("wife_nik", "NIK mantan istri", "nik"),
            field("court_decision_number", "Nomor putusan pengadilan"),
            field("court_decision_date", "Tanggal putusan berkekuatan hukum tetap", "date"),
        ],
        "requirements": [
            req("putusan", "Salinan putusan pengadilan yang telah berkekuatan hukum tetap"),
            req("akta_kawin", "Kutipan akta perkawinan"),
            req("ktp_kk", "KTP-el dan KK pemohon"),
        ],
    },
    {
        "code": "perekaman-ktp-el",
        "name": "Perekaman KTP-el",
        "service_days": 1,
        "needs_visit": True,
        "output_kinds": [],
        "handling_office": "kecamatan",
        "form_schema": [field("resident_nik", "NIK yang direkam", "nik")],
        "requirements": [KK_REQ],
    },
]


BIRTH_STEPS = {
    "Data anak": ["child_name", "child_sex", "birth_order", "birth_weight_kg", "birth_length_cm"],
    "Kelahiran": ["birth_date", "birth_time", "birth_place_kind", "birth_place_name", "birth_city"],
    "Orang tua": [
        "mother_nik",
        "mother_name",
        "father_nik",
        "father_name",
        "marriage_recorded",
        "kk_number",
    ],
    "Pelapor": ["reporter_nik", "reporter_relationship"],
}


def _assign_steps() -> None:
    """The birth form in four steps (the web form saves a draft after each)."""
    step_of = {name: step for step, names in BIRTH_STEPS.items() for name in names}
    birth = next(spec for spec in SERVICE_TYPES if spec["code"] == "akta-kelahiran")
    order = {name: i for i, name in enumerate(step_of)}
    for item in birth["form_schema"]:
        item["step"] = step_of[item["name"]]
    birth["form_schema"].sort(key=lambda item: order[item["name"]])


_assign_steps()
