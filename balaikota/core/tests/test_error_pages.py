import pytest
from django.test import RequestFactory

from balaikota.core import views


def test_unknown_page_is_a_friendly_indonesian_404(client, db):
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Halaman tidak ditemukan" in html
    assert "Kembali ke beranda" in html


def test_server_error_page_renders_without_the_database(db, django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = views.error_500(request)
    assert response.status_code == 500
    assert "Data Anda tidak hilang" in response.content.decode()


@pytest.mark.parametrize(
    ("handler", "status", "text"),
    [
        (views.error_400, 400, "Permintaan tidak dapat diproses"),
        (views.error_403, 403, "Akses ditolak"),
    ],
)
def test_client_error_pages_explain_in_indonesian(rf, db, django_user_model, handler, status, text):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    response = handler(request, None)
    assert response.status_code == status
    assert text in response.content.decode()


def test_a_stale_form_gets_an_indonesian_explanation_not_djangos_page(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "x", "password": "y"})
    assert response.status_code == 403
    assert "Formulir kedaluwarsa" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/layanan/?q=%00", "/api/v1/layanan/?%00=1"])
def test_a_nul_byte_in_an_api_query_is_a_clear_400(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert response.json()["code"] == "null_character"
    assert "karakter yang tidak sah" in response.json()["detail"]


@pytest.mark.django_db
def test_a_nul_byte_in_a_page_query_is_a_clear_400(client):
    response = client.get("/layanan/?q=a%00b")
    assert response.status_code == 400
    assert "karakter yang tidak sah" in response.content.decode()
    assert client.get("/layanan/?q=akta").status_code == 200  # the same page, clean: fine
