"""Default complaint categories and their answer deadlines in working days.

SP4N-LAPOR! asks agencies to follow up within a few working days and to finish according to
the substance; these deadlines are configurable in the back office *(check with the city's
complaint-handling regulation)*."""

# (slug, name, description, working days, is a suggestion)
CATEGORIES = (
    (
        "pungli",
        "Pungutan liar atau biaya tidak resmi",
        "Diminta membayar di luar tarif resmi.",
        3,
        False,
    ),
    (
        "waktu",
        "Pelayanan lambat atau melewati waktu",
        "Selesai melewati waktu dalam standar pelayanan.",
        5,
        False,
    ),
    (
        "perilaku",
        "Perilaku petugas",
        "Petugas tidak sopan, tidak ada di tempat, atau diskriminatif.",
        5,
        False,
    ),
    (
        "persyaratan",
        "Persyaratan atau prosedur tidak jelas",
        "Diminta syarat di luar standar pelayanan, atau prosedurnya membingungkan.",
        5,
        False,
    ),
    (
        "daring",
        "Layanan daring bermasalah",
        "Aplikasi atau situs tidak dapat dipakai, data tidak tersimpan.",
        3,
        False,
    ),
    (
        "sarana",
        "Sarana dan prasarana",
        "Ruang tunggu, toilet, akses disabilitas, parkir.",
        10,
        False,
    ),
    ("lainnya", "Lainnya", "Pengaduan lain tentang pelayanan publik.", 10, False),
    ("saran", "Saran dan masukan", "Usul perbaikan layanan.", 14, True),
)
