"""Curated Indonesian (mostly Javanese) names for synthetic people. Any likeness is chance."""

MALE_FIRST = (
    "Adi", "Agus", "Andi", "Anton", "Arif", "Aris", "Bagus", "Bambang", "Bayu", "Budi", "Catur",
    "Danang", "Dimas", "Edi", "Eko", "Fajar", "Fauzi", "Galih", "Gilang", "Guntur", "Hadi",
    "Haryo", "Hendra", "Heru", "Ilham", "Imam", "Iwan", "Joko", "Krisna", "Lukman", "Muhammad",
    "Nanang", "Novan", "Pandu", "Rahmat", "Rizky", "Rudi", "Satrio", "Sigit", "Slamet", "Taufik",
    "Teguh", "Untung", "Wahyu", "Wawan", "Yoga", "Yudi", "Yusuf", "Zainal",
)  # fmt: skip

FEMALE_FIRST = (
    "Ani", "Anisa", "Ayu", "Citra", "Dewi", "Diah", "Dian", "Dyah", "Eka", "Endang", "Erna",
    "Fitri", "Galuh", "Hana", "Ika", "Indah", "Juwita", "Kartika", "Laras", "Lina", "Maya",
    "Mega", "Melati", "Nanik", "Novi", "Nur", "Puspa", "Putri", "Rahma", "Ratna", "Retno",
    "Rina", "Rini", "Sekar", "Siti", "Sri", "Suci", "Tari", "Tutik", "Umi", "Vina", "Winda",
    "Wulan", "Yanti", "Yuni", "Zahra",
)  # fmt: skip

MALE_LAST = (
    "Adiputra", "Budiman", "Firmansyah", "Gunawan", "Hakim", "Handoko", "Hartono", "Haryanto",
    "Hermawan", "Hidayat", "Kurniawan", "Kusuma", "Mahendra", "Maulana", "Nugraha", "Nugroho",
    "Permana", "Pratama", "Prasetyo", "Purnomo", "Raharjo", "Ramadhan", "Santoso", "Saputra",
    "Setiawan", "Sulistyo", "Suryadi", "Susanto", "Susilo", "Sutrisno", "Utomo", "Wahyudi",
    "Wibowo", "Wicaksono", "Wijaya",
)  # fmt: skip

FEMALE_LAST = (
    "Anggraini", "Astuti", "Damayanti", "Fitriani", "Handayani", "Hartati", "Kartikasari",
    "Kurniasari", "Kusumawati", "Lestari", "Maharani", "Ningrum", "Novitasari", "Oktaviani",
    "Permatasari", "Pratiwi", "Purwaningsih", "Puspitasari", "Rahayu", "Rahmawati", "Safitri",
    "Setyaningsih", "Sulistyowati", "Suryani", "Susanti", "Utami", "Widyastuti", "Wijayanti",
    "Wulandari", "Yuliani",
)  # fmt: skip

# Academic titles by a keyword of the position: (prefix, suffix).
DEGREE_BY_KEYWORD = (
    ("Dokter", ("dr.", "")),
    ("Perawat Terampil", ("", "A.Md.Kep.")),
    ("Perawat", ("", "S.Kep., Ns.")),
    ("Apoteker", ("apt.", "S.Farm.")),
    ("Komputer", ("", "S.Kom.")),
    ("Statistisi", ("", "S.Si.")),
    ("Sandiman", ("", "S.Kom.")),
    ("Keuangan", ("", "S.E.")),
    ("Perancang", ("", "S.H.")),
    ("Legislatif", ("", "S.H.")),
    ("Teknik", ("", "S.T.")),
    ("Penata Ruang", ("", "S.T.")),
    ("Epidemiolog", ("", "S.K.M.")),
    ("Sumber Daya Manusia", ("", "S.Psi.")),
    ("Pertanian", ("", "S.P.")),
    ("Perikanan", ("", "S.Pi.")),
    ("Pekerja Sosial", ("", "S.Tr.Sos.")),
    ("Pustakawan", ("", "S.IP.")),
    ("Arsiparis Terampil", ("", "A.Md.")),
)
GENERAL_DEGREES = ("S.Sos.", "S.IP.", "S.AP.", "S.E.", "S.H.")
MASTER_DEGREES = ("M.Si.", "M.M.", "M.AP.")
