"""The person's own profile page."""

from balaikota.accounts.models import Role
from balaikota.core.models import AccessLogEntry


def test_viewing_your_own_profile_writes_no_access_log(client, alice, staff_with_role):
    for person in (alice, staff_with_role(Role.PLATFORM_ADMIN)):
        client.force_login(person)
        response = client.get("/akun/profil/")
        assert response.status_code == 200
        assert person.full_name in response.content.decode()
    assert not AccessLogEntry.objects.exists()


def test_the_profile_needs_a_signed_in_person(client, db):
    response = client.get("/akun/profil/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
