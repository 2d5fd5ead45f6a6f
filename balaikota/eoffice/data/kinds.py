"""The kinds of naskah dinas (Permendagri 1/2023) and what each one's template needs.

Pure data: (code, name, group, layout, addressees, external, tembusan, sifat/lampiran).
Loaded by ``services.reference_load``; an admin edits them afterwards.
"""

KINDS = (
    ("nota-dinas", "Nota Dinas", "korespondensi", "memo", True, False, True, True),
    ("memo", "Memo", "korespondensi", "memo", True, False, False, False),
    ("surat-dinas", "Surat Dinas", "korespondensi", "surat", True, True, True, True),
    ("surat-undangan", "Surat Undangan", "korespondensi", "surat", True, True, True, True),
    ("surat-edaran", "Surat Edaran", "arahan", "naskah", True, True, True, False),
    ("surat-perintah", "Surat Perintah", "arahan", "naskah", True, False, True, False),
    ("surat-tugas", "Surat Tugas", "arahan", "naskah", True, False, True, False),
    ("surat-keterangan", "Surat Keterangan", "khusus", "naskah", False, False, False, False),
    ("berita-acara", "Berita Acara", "khusus", "naskah", False, False, False, False),
    ("pengumuman", "Pengumuman", "khusus", "naskah", False, False, False, False),
    ("telaahan-staf", "Telaahan Staf", "khusus", "memo", True, False, False, True),
    ("laporan", "Laporan", "khusus", "naskah", True, False, True, True),
)
