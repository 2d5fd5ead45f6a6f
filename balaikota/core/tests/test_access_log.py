"""The access log of personal data and the audit trail: written by code, read by the platform
admin in the back office, changed by nobody."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from balaikota.core.services import access_log_record

CHANGELIST = "/admin/core/accesslogentry/"
# core never imports the domain apps (import-linter), so roles are named by their values here.
PLATFORM_ADMIN, CIVIL_SERVANT, LEADER, COMPETENCY_ADMIN = (
    "platform_admin",
    "civil_servant",
    "leader",
    "competency_admin",
)


@pytest.fixture
def platform_admin(staff_with_role):
    return staff_with_role(PLATFORM_ADMIN)


@pytest.fixture
def entry(platform_admin, alice):
    request = RequestFactory().get("/layanan/permohonan/7/?tab=berkas", REMOTE_ADDR="10.1.2.3")
    request.user = platform_admin
    return access_log_record(
        actor=platform_admin, obj=alice, subject=alice, purpose="Verifikasi berkas", request=request
    )


def test_access_log_record_writes_who_what_why_and_where(entry, platform_admin, alice):
    entry.refresh_from_db()
    assert entry.actor == platform_admin
    assert entry.subject == alice
    assert entry.object_type == "accounts.user"
    assert entry.object_id == str(alice.pk)
    assert entry.object_repr == "Alice Rahmawati"
    assert entry.purpose == "Verifikasi berkas"
    assert entry.path == "/layanan/permohonan/7/?tab=berkas"
    assert entry.ip_address == "10.1.2.3"


def test_access_log_record_without_a_request(platform_admin, bob):
    entry = access_log_record(actor=platform_admin, obj=bob, purpose="x" * 300)
    assert entry.path == ""
    assert entry.ip_address is None
    assert entry.subject is None
    assert len(entry.purpose) == 200


def test_platform_admin_reads_the_access_log_in_the_back_office(client, platform_admin, entry):
    client.force_login(platform_admin)
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert "Verifikasi berkas" in response.content.decode()
    assert client.get(f"{CHANGELIST}?q=Alice").status_code == 200


def test_nobody_adds_edits_or_deletes_an_access_log_entry(client, platform_admin, entry):
    client.force_login(platform_admin)
    assert client.get(f"{CHANGELIST}add/").status_code == 403
    assert client.post(f"{CHANGELIST}add/", {"purpose": "palsu"}).status_code == 403
    # The change page shows the entry read-only; saving is refused.
    page = client.get(f"{CHANGELIST}{entry.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.post(f"{CHANGELIST}{entry.pk}/change/", {"purpose": "palsu"}).status_code == 403
    assert client.get(f"{CHANGELIST}{entry.pk}/delete/").status_code == 403
    assert client.post(f"{CHANGELIST}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    bulk = client.post(
        CHANGELIST, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    )
    assert bulk.status_code in (200, 302)
    entry.refresh_from_db()
    assert entry.purpose == "Verifikasi berkas"


@pytest.mark.parametrize("role", [CIVIL_SERVANT, LEADER, COMPETENCY_ADMIN])
def test_other_staff_cannot_open_the_access_log(client, staff_with_role, other_opd, role, entry):
    user = staff_with_role(role, in_opd=other_opd)
    user.is_staff = True  # even with a back-office login
    user.save()
    client.force_login(user)
    assert client.get(CHANGELIST).status_code == 403


# --- the audit trail (django-auditlog) -----------------------------------------------------------


def test_a_change_to_a_user_is_recorded_without_the_password(alice):
    alice.full_name = "Alice R. Putri"
    alice.set_password("Kata-Sandi-Baru-2026")
    alice.save()
    entry = LogEntry.objects.get_for_object(alice).filter(action=LogEntry.Action.UPDATE).get()
    changes = entry.changes_dict
    assert changes["full_name"] == ["Alice Rahmawati", "Alice R. Putri"]
    assert "password" not in changes
    assert "Kata-Sandi" not in str(entry.changes)
    assert "pbkdf2" not in str(entry.changes) and "md5" not in str(entry.changes)


def test_the_audit_trail_records_who_made_the_change(client, platform_admin, alice):
    client.force_login(platform_admin)
    client.post(f"/admin/accounts/user/{alice.pk}/change/", {})  # any admin request
    alice.full_name = "Alice R. Putri"
    from auditlog.context import set_actor

    with set_actor(platform_admin):
        alice.save()
    entry = LogEntry.objects.get_for_object(alice).latest("timestamp")
    assert entry.actor == platform_admin


def test_the_audit_trail_admin_is_read_only_for_everyone(client, db, alice):
    model_admin = admin.site._registry[LogEntry]
    root = get_user_model().objects.create_superuser("root", "root@contoh.id", "Rahasia-Uji-123")
    request = RequestFactory().get("/admin/auditlog/logentry/")
    request.user = root
    request.resolver_match = None
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)

    alice.full_name = "Alice R. Putri"
    alice.save()
    entry = LogEntry.objects.get_for_object(alice).latest("timestamp")
    client.force_login(root)
    base = "/admin/auditlog/logentry/"
    assert client.get(base).status_code == 200
    assert client.get(f"{base}add/").status_code == 403
    assert client.get(f"{base}{entry.pk}/change/").status_code == 200
    assert client.post(f"{base}{entry.pk}/change/", {}).status_code == 403
    assert client.get(f"{base}{entry.pk}/delete/").status_code == 403
    assert client.post(f"{base}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_the_audit_trail_can_be_searched_by_actor_name(client, db, alice):
    root = get_user_model().objects.create_superuser("root", "root@contoh.id", "Rahasia-Uji-123")
    client.force_login(root)
    alice.full_name = "Alice R. Putri"
    alice.save()
    response = client.get("/admin/auditlog/logentry/?q=Alice")
    assert response.status_code == 200


def test_the_platform_admin_reads_the_audit_trail_through_the_rules(client, platform_admin, alice):
    alice.full_name = "Alice R. Putri"
    alice.save()
    client.force_login(platform_admin)
    assert "/admin/auditlog/logentry/" in client.get("/admin/").content.decode()
    response = client.get("/admin/auditlog/logentry/?q=Alice")
    assert response.status_code == 200
    assert "Alice R. Putri" in response.content.decode()


def test_other_back_office_staff_do_not_read_the_audit_trail(client, staff_with_role):
    leader = staff_with_role(LEADER)
    leader.is_staff = True
    leader.save()
    client.force_login(leader)
    assert client.get("/admin/auditlog/logentry/").status_code == 403
    assert "/admin/auditlog/logentry/" not in client.get("/admin/").content.decode()


def test_the_back_office_index_lists_the_access_log_for_the_platform_admin(client, platform_admin):
    client.force_login(platform_admin)
    html = client.get("/admin/").content.decode()
    assert "/admin/core/accesslogentry/" in html
