"""Golongan: seeded by a data migration so every database has them."""

from balaikota.organization.data.ranks import rank_rows
from balaikota.organization.models import Rank
from balaikota.organization.services import ranks_load
from balaikota.testing.factories import EmployeeFactory


def test_every_golongan_exists_after_migrating(db):
    assert Rank.objects.filter(scheme="pns").count() == 17
    assert Rank.objects.filter(scheme="pppk").count() == 17
    assert Rank.objects.get(scheme="pns", code="I/a").title == "Juru Muda"
    assert Rank.objects.get(scheme="pns", code="III/a").title == "Penata Muda"
    assert Rank.objects.get(scheme="pns", code="IV/e").title == "Pembina Utama"
    assert list(
        Rank.objects.filter(scheme="pppk").order_by("order").values_list("code", flat=True)
    )[-3:] == ["XV", "XVI", "XVII"]


def test_the_migration_and_the_data_module_agree(db):
    rows = {(r.scheme, r.code): (r.title, r.order) for r in Rank.objects.all()}
    assert rows == {(r["scheme"], r["code"]): (r["title"], r["order"]) for r in rank_rows()}
    assert ranks_load() == 0  # already there: nothing to do


def test_the_factory_reuses_the_seeded_rank(db):
    employee = EmployeeFactory()
    assert employee.rank == Rank.objects.get(scheme="pns", code="III/a")
    assert Rank.objects.count() == 34


def test_ranks_load_restores_a_missing_or_edited_rank(db):
    Rank.objects.filter(scheme="pppk", code="IX").delete()
    Rank.objects.filter(scheme="pns", code="II/a").update(title="x")
    assert ranks_load() == 2
    assert Rank.objects.get(scheme="pns", code="II/a").title == "Pengatur Muda"
