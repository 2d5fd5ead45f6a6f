"""Golongan of civil servants: PNS golongan/ruang with their pangkat, and PPPK golongan I–XVII.

PNS: PP 99/2000 (as amended by PP 12/2002). PPPK: Perpres 98/2020 (golongan I–XVII, no pangkat).
The data migration ``0002_seed_ranks`` holds a frozen copy; a test keeps the two in step.
"""

PNS_RANKS: tuple[tuple[str, str], ...] = (
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
)

PPPK_RANKS: tuple[str, ...] = (
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
)


def rank_rows() -> list[dict]:
    """Every rank as ``{"scheme", "code", "title", "order"}``, in order within each scheme."""
    rows = [
        {"scheme": "pns", "code": code, "title": title, "order": order}
        for order, (code, title) in enumerate(PNS_RANKS, start=1)
    ]
    rows += [
        {"scheme": "pppk", "code": code, "title": "", "order": order}
        for order, code in enumerate(PPPK_RANKS, start=1)
    ]
    return rows
