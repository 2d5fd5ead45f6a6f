"""Seed the golongan every civil servant needs: PNS I/a–IV/e with pangkat, PPPK I–XVII.

A frozen copy of balaikota/organization/data/ranks.py (a test keeps them in step). Idempotent:
existing rows (e.g. made by a factory with get_or_create) are updated in place, never duplicated.
"""

from django.db import migrations

PNS = [
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
]
PPPK = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"]


def seed_ranks(apps, schema_editor):
    Rank = apps.get_model("organization", "Rank")
    rows = [("pns", code, title, order) for order, (code, title) in enumerate(PNS, start=1)]
    rows += [("pppk", code, "", order) for order, code in enumerate(PPPK, start=1)]
    for scheme, code, title, order in rows:
        Rank.objects.update_or_create(
            scheme=scheme, code=code, defaults={"title": title, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("organization", "0001_initial")]

    operations = [migrations.RunPython(seed_ranks, migrations.RunPython.noop, elidable=False)]
