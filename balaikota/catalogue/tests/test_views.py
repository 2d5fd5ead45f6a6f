import pytest
from django.urls import reverse

from balaikota.catalogue import services
from balaikota.catalogue.search import vocabulary_changed
from balaikota.catalogue.tests.factories import PublicServiceFactory, ServiceRequirementFactory
from balaikota.testing.factories import OpdFactory

COMPONENTS = [
    "Persyaratan",
    "Sistem, mekanisme dan prosedur",
    "Jangka waktu penyelesaian",
    "Biaya/tarif",
    "Produk pelayanan",
    "Penanganan pengaduan, saran dan masukan",
    "Dasar hukum",
    "Sarana, prasarana dan/atau fasilitas",
    "Kompetensi pelaksana",
    "Pengawasan internal",
    "Jumlah pelaksana",
    "Jaminan pelayanan",
    "Jaminan keamanan dan keselamatan pelayanan",
    "Evaluasi kinerja pelaksana",
]


@pytest.fixture
def catalogue(db):
    opd = OpdFactory(code="disdukcapil", name="Dinas Kependudukan dan Pencatatan Sipil")
    services.service_catalogue_load(opd=opd)
    return opd


def test_the_detail_page_shows_all_14_components_without_sign_in(client, catalogue):
    response = client.get(reverse("catalogue:detail", args=["akta-kelahiran"]))
    assert response.status_code == 200
    text = response.text
    assert "Penyampaian pelayanan" in text and "Pengelolaan pelayanan" in text
    for number, component in enumerate(COMPONENTS, start=1):
        assert f"{number}. {component}" in text.replace("&#x27;", "'"), component
    assert "Gratis" in text
    assert "3 hari kerja" in text
    assert "SPTJM kebenaran data kelahiran (F-2.03)" in text
    assert "Dinas Kependudukan dan Pencatatan Sipil" in text


def test_an_unknown_or_inactive_service_is_404(client, catalogue):
    assert client.get(reverse("catalogue:detail", args=["tidak-ada"])).status_code == 404
    services.public_service_upsert(slug="akta-kematian", is_active=False)
    assert client.get(reverse("catalogue:detail", args=["akta-kematian"])).status_code == 404


def test_the_list_searches_by_name_and_filters_by_opd(client, catalogue):
    other = PublicServiceFactory(name="Izin Usaha Mikro", opd=OpdFactory(code="dpmptsp"))
    response = client.get(reverse("catalogue:list"))
    assert response.status_code == 200
    assert "Akta Kelahiran" in response.text and other.name in response.text

    response = client.get(reverse("catalogue:list"), {"q": "kelahiran"})
    assert "Akta Kelahiran" in response.text
    assert "Akta Kematian" not in response.text

    response = client.get(reverse("catalogue:list"), {"opd": "dpmptsp"})
    assert other.name in response.text
    assert "Akta Kelahiran" not in response.text


def test_a_bad_filter_is_a_400_with_a_message(client, catalogue):
    response = client.get(reverse("catalogue:list"), {"opd": "tidak-ada"})
    assert response.status_code == 400
    assert "Pencarian tidak dapat diproses" in response.text


def test_list_queries_do_not_grow_with_rows(client, db, django_assert_max_num_queries):
    for _ in range(2):
        ServiceRequirementFactory(service=PublicServiceFactory())
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("catalogue:list"))
    for _ in range(15):
        ServiceRequirementFactory(service=PublicServiceFactory())
    vocabulary_changed()  # factories skip the services that replace the catalogue's version
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("catalogue:list"))
    assert response.text.count('<article class="card') == 17


def test_detail_queries_do_not_grow_with_requirements(client, db, django_assert_max_num_queries):
    service = PublicServiceFactory()
    ServiceRequirementFactory(service=service)
    with django_assert_max_num_queries(10) as few:
        client.get(service.get_absolute_url())
    for _ in range(10):
        ServiceRequirementFactory(service=service)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(service.get_absolute_url()).status_code == 200


def test_the_nav_item_is_registered(client, alice):
    client.force_login(alice)
    response = client.get(reverse("home"))
    assert reverse("catalogue:list") in response.text
    assert "Layanan publik" in response.text


def test_the_service_page_shows_an_edit_at_once_though_its_sections_are_memoized(
    client, catalogue, django_capture_on_commit_callbacks
):
    url = reverse("catalogue:detail", args=["akta-kelahiran"])
    assert "Kutipan akta kelahiran elektronik" in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        services.public_service_upsert(
            slug="akta-kelahiran", product="Produk yang baru ditetapkan."
        )
    page = client.get(url).text
    assert (
        "Produk yang baru ditetapkan." in page and "Kutipan akta kelahiran elektronik" not in page
    )


def test_a_service_page_drawn_before_costs_a_visitor_no_query(
    client, db, django_assert_num_queries, django_assert_max_num_queries
):
    """Kept whole for visitors who are not signed in; with a session the page is drawn again,
    but its standard's sections (requirements, places, life events) only once per catalogue
    version: the service's own row and whether it can be applied for online (the
    civil-registration service types, not catalogue data), plus the session's own look-up."""
    service = PublicServiceFactory()
    ServiceRequirementFactory(service=service, name="Surat pengantar RT/RW")
    assert "Surat pengantar RT/RW" in client.get(service.get_absolute_url()).text
    with django_assert_num_queries(0):
        again = client.get(service.get_absolute_url())
    assert "Surat pengantar RT/RW" in again.text
    client.cookies["sessionid"] = "tidak-ada"
    with django_assert_max_num_queries(3):
        drawn = client.get(service.get_absolute_url())
    assert "Surat pengantar RT/RW" in drawn.text


def test_a_kept_page_changes_as_soon_as_the_catalogue_does(
    client, catalogue, django_capture_on_commit_callbacks
):
    assert "Akta Kelahiran (baru)" not in client.get("/layanan/akta-kelahiran/").text
    with django_capture_on_commit_callbacks(execute=True):
        services.public_service_upsert(slug="akta-kelahiran", name="Akta Kelahiran (baru)")
    assert "Akta Kelahiran (baru)" in client.get("/layanan/akta-kelahiran/").text


def test_a_service_page_links_to_complaining_about_it(client, db):
    service = PublicServiceFactory()
    page = client.get(service.get_absolute_url()).text
    assert f'href="/pengaduan/baru/?layanan={service.slug}"' in page
    assert "Adukan layanan ini" in page
    assert f'href="/ikm/{service.opd.code}/"' in page
    assert f'href="/transparansi/?opd={service.opd.code}"' in page
