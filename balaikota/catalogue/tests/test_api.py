import pytest
from django.urls import reverse

from balaikota.catalogue import services
from balaikota.catalogue.data.catalogue import SERVICES
from balaikota.testing.factories import OpdFactory

pytestmark = pytest.mark.urls("balaikota.catalogue.tests.urls")


@pytest.fixture
def catalogue(db):
    opd = OpdFactory(code="disdukcapil", name="Dinas Kependudukan dan Pencatatan Sipil")
    services.service_catalogue_load(opd=opd)
    return opd


def test_the_list_is_public_paginated_json(client, catalogue):
    response = client.get("/api/v1/layanan/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "public" in response["Cache-Control"]
    data = response.json()
    assert data["count"] == len(SERVICES)
    first = data["results"][0]
    assert {"slug", "name", "opd", "service_time_days", "fee", "is_free", "url"} <= set(first)
    assert first["opd"]["code"] == "disdukcapil"
    assert "legal_basis" not in first


def test_the_list_searches(client, catalogue):
    data = client.get("/api/v1/layanan/", {"q": "kelahiran"}).json()
    assert data["results"][0]["slug"] == "akta-kelahiran"  # best first; others mention births
    assert "akta-perceraian" not in [s["slug"] for s in data["results"]]
    assert client.get("/api/v1/layanan/", {"opd": "lain"}).json()["count"] == 0


def test_the_detail_has_every_component_and_the_requirements(client, catalogue):
    response = client.get(reverse("catalogue-api:publicservice-detail", args=["akta-kelahiran"]))
    assert response.status_code == 200
    data = response.json()
    assert data["is_free"] is True
    assert data["service_time_days"] == 3
    for field in (
        "requirements",
        "procedure",
        "service_time_note",
        "fee_note",
        "product",
        "complaint_handling",
        "legal_basis",
        "facilities",
        "staff_competence",
        "internal_supervision",
        "staff_count",
        "service_guarantee",
        "security_guarantee",
        "performance_evaluation",
    ):
        assert field in data
    names = [item["name"] for item in data["requirement_items"]]
    assert names[0] == "Surat keterangan kelahiran"
    assert "F-2.03" in data["requirement_items"][0]["substitutes"]


def test_an_unknown_slug_is_404(client, catalogue):
    assert client.get("/api/v1/layanan/tidak-ada/").status_code == 404


def test_the_api_is_read_only(client, catalogue):
    assert client.post("/api/v1/layanan/", {}).status_code == 405
    assert client.delete("/api/v1/layanan/akta-kelahiran/").status_code == 405


def test_the_schema_documents_the_catalogue(client, catalogue):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    assert "/api/v1/layanan/{slug}/" in response.json()["paths"]


def test_public_reads_carry_an_etag_and_answer_304(client, catalogue):
    for url in ("/api/v1/layanan/", "/api/v1/layanan/akta-kelahiran/", "/api/v1/layanan/opd/"):
        first = client.get(url)
        assert first.status_code == 200 and first["ETag"], url
        assert "public" in first["Cache-Control"]
        again = client.get(url, headers={"If-None-Match": first["ETag"]})
        assert again.status_code == 304 and again.content == b"", url


def test_public_reads_are_throttled_with_the_error_body(client, catalogue, monkeypatch):
    from balaikota.core.api import PublicReadThrottle

    monkeypatch.setattr(PublicReadThrottle, "rate", "3/min", raising=False)
    codes = [client.get("/api/v1/layanan/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = client.get("/api/v1/layanan/")
    assert refused.json()["code"] == "rate_limited" and refused["Retry-After"]


def test_garbage_parameters_are_400_never_500(client, catalogue):
    for params in (
        {"q": "a\x00b"},
        {"opd": "x" * 31},
        {"life_event": "<script>"},
        {"page": "-1"},
        {"page": "9999"},
        {"q": "' OR 1=1 --"},
    ):
        response = client.get("/api/v1/layanan/", params)
        assert response.status_code in (200, 400, 404), (params, response.status_code)
        assert response["Content-Type"].startswith("application/json")


def test_the_api_documentation_is_served_locally(client, db):
    page = client.get("/api/dokumentasi/")
    assert page.status_code == 200
    assert "drf_spectacular_sidecar/swagger-ui-dist" in page.text
    assert "cdn" not in page.text.lower() and "unpkg" not in page.text.lower()
    assert client.get("/api/schema/").status_code == 200


def test_a_kept_answer_changes_as_soon_as_the_catalogue_does(
    client, catalogue, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    client.get("/api/v1/layanan/akta-kelahiran/")
    with django_assert_max_num_queries(1):  # kept: only the cache (and no throttle query)
        assert client.get("/api/v1/layanan/akta-kelahiran/").json()["name"] == "Akta Kelahiran"
    with django_capture_on_commit_callbacks(execute=True):
        services.public_service_upsert(slug="akta-kelahiran", name="Akta Kelahiran (baru)")
    assert client.get("/api/v1/layanan/akta-kelahiran/").json()["name"] == "Akta Kelahiran (baru)"


def test_a_kept_answer_is_the_same_answer(client, catalogue, django_assert_max_num_queries):
    """Kept as rendered bytes: the same body, type, validator and cache headers as the first."""
    first = client.get("/api/v1/layanan/", HTTP_ACCEPT_LANGUAGE="id")
    with django_assert_max_num_queries(0):
        again = client.get("/api/v1/layanan/", HTTP_ACCEPT_LANGUAGE="id")
    assert again.content == first.content
    for header in ("Content-Type", "ETag", "Cache-Control", "Vary", "Allow"):
        assert again[header] == first[header], header
    assert again["Content-Type"] == "application/json"
    assert client.get("/api/v1/layanan/", HTTP_IF_NONE_MATCH=again["ETag"]).status_code == 304
    # The browsable API is drawn fresh, never answered with the kept JSON.
    page = client.get("/api/v1/layanan/", HTTP_ACCEPT="text/html")
    assert page["Content-Type"].startswith("text/html")


def test_a_kept_answer_is_served_before_drf_wraps_the_request(client, catalogue, monkeypatch):
    """``KeptPublicReads``: a hit for a plain JSON client skips DRF's request handling; a
    client asking for indented JSON or the browsable API goes through DRF and never changes
    what the others are given."""
    from balaikota.catalogue.api import PublicServiceViewSet

    client.get("/api/v1/layanan/")  # kept
    wrapped = []
    original = PublicServiceViewSet.initialize_request

    def counting(self, request, *args, **kwargs):
        wrapped.append(request.path)
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(PublicServiceViewSet, "initialize_request", counting)
    plain = client.get("/api/v1/layanan/", HTTP_ACCEPT="application/json")
    assert plain.status_code == 200 and wrapped == []
    indented = client.get("/api/v1/layanan/", HTTP_ACCEPT="application/json; indent=4")
    assert indented.status_code == 200 and b'\n    "count"' in indented.content
    assert len(wrapped) == 1
    assert client.get("/api/v1/layanan/").content == plain.content  # not the indented bytes


def test_the_full_standard_costs_a_fixed_number_of_queries(
    client, catalogue, django_assert_max_num_queries
):
    """Not kept yet: the service, its requirements, life events, places and decrees — no
    query per deferred text field."""
    with django_assert_max_num_queries(7):
        body = client.get("/api/v1/layanan/akta-kelahiran/").json()
    assert body["legal_basis"] and body["performance_evaluation"] and body["requirement_items"]
