# The e-office search and the incoming register at city scale (bench/eoffice_bench.py: 1.5
# million letters, 300,000 registered incoming letters): the register and the search page the
# incoming letters newest first per OPD and per addressee; on PostgreSQL the search's
# substring matches on an incoming letter (its sender's or agenda number, the words of its
# subject and sender, ``icontains`` → UPPER(column) LIKE '%…%') use trigram indexes (pg_trgm,
# created by 0006). On a live database with many rows, build them CONCURRENTLY before deploying.

from django.conf import settings
from django.db import migrations, models

TRIGRAM_COLUMNS = ("sender_number", "agenda_number", "subject", "sender_name", "sender_agency")


def _trigram_indexes(forward: bool):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for column in TRIGRAM_COLUMNS:
            name = f"eoffice_incoming_{column}_trgm"
            if forward:
                schema_editor.execute(
                    f"CREATE INDEX IF NOT EXISTS {name} ON eoffice_incomingletter "
                    f"USING gin (upper({column}) gin_trgm_ops)"
                )
            else:
                schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_certificate_revocation"),
        ("eoffice", "0007_bench_indexes"),
        ("organization", "0002_seed_ranks"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="incomingletter",
            index=models.Index(
                fields=["opd", "-created_at", "-id"], name="eoffice_incoming_opd_new_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="incomingletter",
            index=models.Index(
                fields=["addressee", "-created_at", "-id"], name="eoffice_incoming_addr_new_idx"
            ),
        ),
        migrations.RunPython(_trigram_indexes(True), _trigram_indexes(False)),
    ]
