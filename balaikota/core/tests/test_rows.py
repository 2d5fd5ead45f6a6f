"""``core.rows.by_pk`` gives exactly what ``Model.objects.get(pk=…)`` gives, in one statement."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from balaikota.accounts.models import Role, User
from balaikota.core.rows import by_pk


def _values(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def test_the_account_is_the_one_the_orm_reads(staff_with_role, django_assert_num_queries):
    user = staff_with_role(Role.SERVICE_OFFICER)
    User.objects.filter(pk=user.pk).update(
        phone="+6281234567890",
        phone_verified_at=timezone.now() - dt.timedelta(days=1),
        is_staff=True,
    )
    expected = User.objects.get(pk=user.pk)
    with django_assert_num_queries(1):
        found = by_pk(User, str(user.pk))  # as the session keeps it
    assert _values(found) == _values(expected)
    assert isinstance(found.is_staff, bool) and found.is_staff is True
    assert found.phone_verified_at.tzinfo is not None
    assert found.role_scopes == expected.role_scopes and found.has_role(Role.SERVICE_OFFICER)
    assert not found._state.adding and found._state.db == "default"
    found.full_name = "Nama Baru"
    found.save()  # an instance like any other: saving updates the row
    assert User.objects.get(pk=user.pk).full_name == "Nama Baru"


def test_no_row_is_none(db):
    assert by_pk(User, 987654321) is None


def test_a_deactivated_account_is_signed_out_on_its_next_request(client, alice):
    client.force_login(alice)
    assert "Alice" in client.get("/").content.decode()
    User.objects.filter(pk=alice.pk).update(is_active=False)
    assert "Alice" not in client.get("/").content.decode()


@pytest.mark.parametrize("model_path", ["organization.Opd", "organization.Employee"])
def test_other_models_read_the_same(model_path, staff_with_role):
    from django.apps import apps

    staff_with_role(Role.SERVICE_OFFICER)
    model = apps.get_model(model_path)
    instance = model.objects.order_by("pk").first()
    assert _values(by_pk(model, instance.pk)) == _values(instance)
