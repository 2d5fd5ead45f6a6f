"""A seeded subset of the archive classification codes of Permendagri 83/2022 with their
retention (JRA): (code, name, active years, inactive years, final disposition).

*(check)* The retention figures are a starting point for the records unit to confirm against
the city's own JRA decree; they are data, edited in the admin.
"""

CLASSIFICATIONS = (
    ("000", "Umum", 2, 3, "musnah"),
    ("000.1", "Ketatausahaan dan Kerumahtanggaan", 2, 3, "musnah"),
    ("000.1.2", "Surat-menyurat", 2, 3, "musnah"),
    ("000.2", "Perlengkapan", 2, 3, "musnah"),
    ("000.5", "Perencanaan Pembangunan", 2, 3, "permanen"),
    ("000.7", "Perencanaan", 2, 5, "permanen"),
    ("000.8", "Organisasi dan Tata Laksana", 2, 5, "permanen"),
    ("000.9", "Penelitian, Pengkajian dan Pengembangan", 2, 3, "permanen"),
    ("100", "Pemerintahan", 2, 5, "permanen"),
    ("100.3", "Pemerintahan Daerah", 2, 5, "permanen"),
    ("400", "Kesejahteraan Rakyat", 2, 3, "dinilai_kembali"),
    ("400.3", "Pendidikan", 2, 3, "musnah"),
    ("400.7", "Kesehatan", 2, 3, "musnah"),
    ("400.14", "Hubungan Masyarakat", 2, 3, "musnah"),
    ("400.14.2", "Informasi dan Komunikasi Publik", 2, 3, "musnah"),
    ("500", "Perekonomian", 2, 3, "dinilai_kembali"),
    ("500.12", "Komunikasi dan Informatika", 2, 3, "musnah"),
    ("600", "Pekerjaan Umum dan Ketentuan", 2, 5, "dinilai_kembali"),
    ("700", "Pengawasan", 2, 5, "permanen"),
    ("800", "Kepegawaian", 2, 3, "dinilai_kembali"),
    ("800.1", "Sumber Daya Manusia", 2, 3, "dinilai_kembali"),
    ("800.1.11", "Pengembangan Kompetensi", 2, 3, "musnah"),
    ("800.2", "Pendidikan dan Pelatihan Pegawai", 2, 3, "musnah"),
    ("900", "Keuangan", 2, 5, "dinilai_kembali"),
    ("900.1", "Keuangan Daerah", 2, 5, "dinilai_kembali"),
)
