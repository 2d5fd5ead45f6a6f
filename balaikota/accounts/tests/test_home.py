import pytest

from balaikota.accounts.models import Role


def test_anonymous_sees_the_landing_page_in_indonesian(client, db):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert "Daftar sebagai warga" in html
    assert 'href="#konten"' in html  # skip link


def test_citizen_home_greets_them_and_hides_the_back_office(client, alice):
    client.force_login(alice)
    html = client.get("/").content.decode()
    assert "Selamat datang, Alice" in html
    assert "Kantor belakang" not in html


@pytest.mark.parametrize("team_size", [1, 8])
def test_supervisor_home_query_count_does_not_grow_with_the_team(
    client, staff_with_role, django_assert_max_num_queries, team_size
):
    from balaikota.testing.factories import EmployeeFactory, PositionFactory

    head_user = staff_with_role(Role.CIVIL_SERVANT)
    head = head_user.employee
    head.position.is_head = True
    head.position.kind = "struktural"
    head.position.save()
    for _ in range(team_size):
        EmployeeFactory(position=PositionFactory(unit=head.unit))
    client.force_login(head_user)
    with django_assert_max_num_queries(14):
        html = client.get("/").content.decode()
    assert "Tim yang Anda bina" in html
    assert html.count("<li>") >= team_size


@pytest.mark.parametrize(
    "role",
    [Role.CIVIL_SERVANT, Role.SERVICE_OFFICER, Role.LEADER, Role.PLATFORM_ADMIN],
)
def test_every_staff_home_dashboard_has_a_fixed_number_of_queries(
    client, staff_with_role, django_assert_max_num_queries, role
):
    from balaikota.testing.factories import CitizenFactory, EmployeeFactory

    user = staff_with_role(role)
    client.force_login(user)
    client.get("/")  # warm the session
    with django_assert_max_num_queries(14) as first:
        assert client.get("/").status_code == 200
    warm = len(first.captured_queries)
    CitizenFactory.create_batch(5)
    EmployeeFactory.create_batch(5)  # the organisation changed: the card is made again once
    client.get("/")
    with django_assert_max_num_queries(warm):
        html = client.get("/").content.decode()
    assert "Selamat datang" in html


def test_citizen_home_has_a_fixed_number_of_queries(client, alice, django_assert_max_num_queries):
    client.force_login(alice)
    client.get("/")
    with django_assert_max_num_queries(10):
        assert client.get("/").status_code == 200


def test_leader_home_shows_the_platform_summary(client, staff_with_role):
    client.force_login(staff_with_role(Role.LEADER))
    html = client.get("/").content.decode()
    assert "Sekilas platform" in html
    assert "ASN aktif" in html


@pytest.mark.parametrize("role", [Role.CIVIL_SERVANT, Role.LEADER, Role.PLATFORM_ADMIN])
def test_a_warm_staff_home_page_costs_three_queries(
    client, staff_with_role, django_assert_num_queries, role, settings
):
    """Session (none with Redis: read from it), user (with its role summary), authenticator:
    the organisation card, the OPD names and the headline figures come from the shared cache
    once computed."""
    user = staff_with_role(role)
    client.force_login(user)
    client.get("/")
    cached_sessions = settings.SESSION_ENGINE == "balaikota.core.sessions"
    with django_assert_num_queries(2 if cached_sessions else 3):
        assert client.get("/").status_code == 200


def test_the_cached_card_follows_changes_to_the_organisation(client, staff_with_role):
    from balaikota.testing.factories import EmployeeFactory, PositionFactory

    user = staff_with_role(Role.CIVIL_SERVANT)
    employee = user.employee
    head = EmployeeFactory(
        full_name="Bambang Sutrisno",
        position=PositionFactory(unit=employee.unit, is_head=True, kind="struktural"),
    )
    client.force_login(user)
    assert "Bambang Sutrisno" in client.get("/").content.decode()

    head.full_name = "Bambang Sutrisno Wibowo, S.T."
    head.save()
    assert "Bambang Sutrisno Wibowo, S.T." in client.get("/").content.decode()

    employee.position.name = "Analis Kebijakan Ahli Muda"
    employee.position.save()
    assert "Analis Kebijakan Ahli Muda" in client.get("/").content.decode()
