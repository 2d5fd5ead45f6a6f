"""Upgrading a database that numbered with the old counters: numbers continue where they stood
(the counters are carried into the numbering registers of documents)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("civil_registry", "0001_initial"), ("documents", "0002_numbering_and_signing")]
AFTER = [("civil_registry", "0002_workflow_events")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_counters_become_registers_and_numbering_continues(settings):
    settings.CIVIL_REGISTRY_REGENCY_CODE = "3374"
    old = _migrate(BEFORE)
    Counter = old.get_model("civil_registry", "RegistrationNumberCounter")
    Counter.objects.create(kind="LU", year=2026, last=41)
    Counter.objects.create(kind="nik:337401220526", year=0, last=7)
    try:
        new = _migrate(AFTER)
        Register = new.get_model("documents", "NumberRegister")
        birth = Register.objects.get(kind="LU", unit="3374", year=2026)
        nik = Register.objects.get(kind="nik", unit="337401220526", year=0)
        assert (birth.last, nik.last, nik.format) == (41, 7, "")
    finally:
        _migrate(list(MigrationExecutor(connection).loader.graph.leaf_nodes()))
