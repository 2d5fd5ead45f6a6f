"""Search across the letters a person may open: each filter with a letter that must match and
one that must not, on SQLite and on PostgreSQL (the same tests; the database decides how
words are matched), the visibility rule, bad input, and a page whose queries do not grow."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from balaikota.core.errors import InvalidInput
from balaikota.eoffice import selectors, services
from balaikota.eoffice.models import Classification, Letter, LetterKind

from .conftest import draft, sent

pytestmark = pytest.mark.django_db


def found(user, **filters) -> list[int]:
    page = selectors.LetterSearch(user, selectors.SearchFilters(**filters)).page(1)
    return [row.pk for row in page.rows]


@pytest.fixture
def two(office):
    """A sent nota dinas about training and a draft undangan about a flood drill."""
    training = sent(
        office,
        subject="Jadwal pelatihan naskah dinas elektronik",
        body="<p>Pelatihan dilaksanakan di ruang rapat lantai tiga bagi pranata komputer.</p>",
    )
    drill = draft(
        office,
        kind=LetterKind.objects.get(code="surat-undangan"),
        classification=Classification.objects.get(code="000"),
        subject="Undangan simulasi tanggap banjir",
        body="<p>Mohon hadir pada simulasi evakuasi warga Kelurahan Tambakrejo.</p>",
        security_class="terbatas",
        external=[{"name": "Camat Gayamsari", "agency": "", "address": "", "email": ""}],
    )
    return training, drill


def test_words_of_the_subject_and_the_body(office, two):
    training, drill = two
    assert found(office.drafter, q="pelatihan") == [training.pk]
    assert found(office.drafter, q="evakuasi") == [drill.pk]  # a word of the body only
    assert found(office.drafter, q="Tambakrejo simulasi") == [drill.pk]  # every word
    assert found(office.drafter, q="tambakrejo pelatihan") == []
    assert found(office.drafter, q="melatih") == [training.pk]  # the stem: latih
    assert found(office.drafter, q="komp") == [training.pk]  # a prefix


def test_the_number(office, two):
    training, _drill = two
    part = training.number.split("/", 1)[1]  # "1/DISKOMINFO/2026"
    assert found(office.drafter, q=part.lower()) == [training.pk]
    assert found(office.drafter, q="999/DISKOMINFO") == []
    year = training.number.rsplit("/", 1)[1]
    assert found(office.drafter, q=year) == [training.pk]  # digits: a part of a number
    assert found(office.drafter, q="000.1.2") == [training.pk]


@pytest.mark.parametrize(
    ("field", "value_of_training", "value_of_neither"),
    [
        ("kind", "nota-dinas", "memo"),
        ("classification", "000.1.2", "800"),
        ("status", "sent", "returned"),
        ("security_class", "biasa", "rahasia"),
    ],
)
def test_each_filter(office, two, field, value_of_training, value_of_neither):
    training, drill = two
    lookup = {
        "kind": lambda v: LetterKind.objects.get(code=v),
        "classification": lambda v: Classification.objects.get(code=v),
    }.get(field, lambda v: v)
    assert found(office.drafter, **{field: lookup(value_of_training)}) == [training.pk]
    assert found(office.drafter, **{field: lookup(value_of_neither)}) == []


def test_a_classification_finds_its_subcodes(office, two):
    training, drill = two
    assert found(office.drafter, classification=Classification.objects.get(code="000")) == [
        drill.pk,
        training.pk,
    ]


def test_sender_and_opd(office, other_office, two):
    training, drill = two
    theirs = sent(other_office, subject="Jadwal pelatihan kader posyandu")
    assert found(office.drafter, sender="ratna") == [drill.pk, training.pk]
    assert found(office.drafter, sender=office.drafter.nip) == [drill.pk, training.pk]
    assert found(office.drafter, sender="dewi") == []
    assert found(office.drafter, opd=office.opd) == [drill.pk, training.pk]
    assert found(office.drafter, opd=other_office.opd) == []
    assert found(other_office.drafter, q="pelatihan") == [theirs.pk]  # not ours


def test_date_range(office, two):
    training, drill = two
    Letter.objects.filter(pk=training.pk).update(dated=dt.date(2026, 3, 2))
    Letter.objects.filter(pk=drill.pk).update(created_at=dt.datetime(2026, 5, 5, 3, tzinfo=dt.UTC))
    march = {"date_from": dt.date(2026, 3, 1), "date_to": dt.date(2026, 3, 31)}
    assert found(office.drafter, **march) == [training.pk]
    assert found(office.drafter, date_from=dt.date(2026, 4, 1)) == [drill.pk]
    assert found(office.drafter, date_to=dt.date(2026, 2, 28)) == []


def test_only_letters_one_may_open(office, other_office, two):
    training, drill = two
    secret = sent(office, subject="Pelatihan intelijen siber", security_class="rahasia")
    assert found(office.colleague, q="pelatihan") == [secret.pk, training.pk]  # recipient
    assert found(office.clerk, q="pelatihan") == [training.pk]  # ordinary letters of the OPD
    assert found(other_office.clerk, q="pelatihan") == []
    assert found(other_office.drafter, q="simulasi") == []


def test_an_edit_is_searchable_at_once(office):
    letter = draft(office, subject="Permintaan data awal")
    data = services.LetterInput(
        kind=letter.kind,
        classification=letter.classification,
        subject="Permintaan data kependudukan",
        body=letter.body,
        signer_position=office.head_position,
        to_nips=[office.colleague.nip],
    )
    services.letter_update(letter=letter, user=office.drafter, data=data)
    assert found(office.drafter, q="kependudukan") == [letter.pk]
    assert found(office.drafter, q="awal") == []


def test_the_subject_is_highlighted_safely(office):
    sent(office, subject="Pelatihan <b>keamanan</b> aplikasi")
    [row] = (
        selectors.LetterSearch(office.drafter, selectors.SearchFilters(q="keamanan")).page(1).rows
    )
    assert row.subject_html == "Pelatihan &lt;b&gt;<mark>keamanan</mark>&lt;/b&gt; aplikasi"


@pytest.mark.parametrize(
    ("q", "code"), [("x" * 101, "query_too_long"), ("yang dan", "query_without_words")]
)
def test_a_query_that_cannot_be_searched(office, q, code):
    with pytest.raises(InvalidInput) as refused:
        selectors.LetterSearch(office.drafter, selectors.SearchFilters(q=q))
    assert refused.value.code == code


def test_pages(office, settings, monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_PAGE_SIZE", 2)
    letters = [draft(office, subject=f"Rapat koordinasi ke-{n}") for n in range(3)]
    search = selectors.LetterSearch(office.drafter, selectors.SearchFilters(q="rapat"))
    first, second = search.page(1), search.page(2)
    assert [r.pk for r in first.rows] == [letters[2].pk, letters[1].pk] and first.has_next
    assert [r.pk for r in second.rows] == [letters[0].pk] and not second.has_next
    assert search.page("abc").number == 1


# --- The page and the API --------------------------------------------------------------------


def web_as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_search_page(office, two, django_assert_max_num_queries):
    training, _drill = two
    client = web_as(office.drafter)
    answer = client.get("/surat/cari/")
    assert answer.status_code == 200 and "Hasil" not in answer.content.decode()
    answer = client.get("/surat/cari/", {"q": "pelatihan", "status": "sent"})
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "<mark>pelatihan</mark>" in page and training.number in page
    assert f'href="/surat/{training.pk}/"' in page
    answer = client.get("/surat/cari/", {"q": "x" * 101})
    assert answer.status_code == 400 and "paling panjang" in answer.content.decode()
    answer = client.get("/surat/cari/", {"dari": "2026-05-01", "sampai": "2026-04-01"})
    assert answer.status_code == 400 and "tidak boleh sebelum" in answer.content.decode()
    assert client.get("/surat/cari/", {"dari": "kemarin"}).status_code == 400


def test_the_search_page_costs_the_same_with_more_letters(office, django_assert_max_num_queries):
    from django.test.utils import CaptureQueriesContext

    sent(office, subject="Rapat evaluasi layanan")
    client = web_as(office.drafter)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/surat/cari/", {"q": "rapat"}).status_code == 200
    for n in range(4):
        sent(office, subject=f"Rapat evaluasi layanan {n}")
    with django_assert_max_num_queries(len(queries)):
        page = client.get("/surat/cari/", {"q": "rapat"}).content.decode()
    assert page.count("<mark>Rapat</mark>") == 5


def test_the_api_search(office, two, alice):
    training, _drill = two
    client = APIClient()
    client.force_authenticate(office.drafter)
    body = client.get("/api/v1/surat/cari/", {"q": "pelatihan"}).json()
    assert [r["id"] for r in body["results"]] == [training.pk] and body["has_next"] is False
    assert body["results"][0]["url"] == f"/surat/{training.pk}/"
    answer = client.get("/api/v1/surat/cari/", {"q": "x" * 101})
    assert answer.status_code == 400 and "q" in answer.json()["errors"]
    assert client.get("/api/v1/surat/cari/", {"jenis": "tidak-ada"}).status_code == 400
    client.force_authenticate(alice)
    assert client.get("/api/v1/surat/cari/", {"q": "pelatihan"}).status_code == 403


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full text")
def test_postgres_uses_the_generated_tsvector(office, two):
    training, _drill = two
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector::text FROM eoffice_letter WHERE id = %s", [training.pk]
        )
        vector = cursor.fetchone()[0]
    assert "'latih'" in vector and "'komputer'" in vector


def test_the_search_sees_exactly_what_the_rule_lets_one_open(office, other_office, two):
    from balaikota.eoffice.permissions import letters_visible_to

    sent(office, subject="Telaahan rahasia", security_class="rahasia")
    sent(other_office, subject="Surat dinas kesehatan")
    people = [office.drafter, office.kasi, office.head, office.colleague, office.clerk]
    for person in [*people, other_office.clerk, other_office.head]:
        expected = sorted(letters_visible_to(person).values_list("pk", flat=True), reverse=True)
        assert found(person) == expected, person


def test_registered_incoming_letters_are_found_by_who_may_open_them(office, other_office, two):
    from .incoming_helpers import register

    training, _drill = two
    incoming = register(office)
    on_tree = office.head  # the addressee
    rows = selectors.LetterSearch(on_tree, selectors.SearchFilters(q="banjir")).page(1).rows
    assert [(r.source, r.pk) for r in rows] == [("masuk", incoming.pk)]
    assert rows[0].url == f"/surat/masuk/{incoming.pk}/"
    assert rows[0].number == "PR.02.03-Bb11/512" and rows[0].status_label == "Menunggu disposisi"
    assert found(on_tree, q="Pemali") == [incoming.pk]  # the sender
    assert found(on_tree, sender="BBWS") == [incoming.pk]
    assert found(on_tree, q="Bb11/512") == [incoming.pk]  # the sender's number
    assert found(office.clerk, q=incoming.agenda_number) == [incoming.pk]
    # Filters only letters have leave incoming letters out; both sources page together.
    assert found(on_tree, q="banjir", kind=LetterKind.objects.get(code="nota-dinas")) == []
    everything = selectors.LetterSearch(on_tree, selectors.SearchFilters()).page(1).rows
    assert {("masuk", incoming.pk), ("naskah", training.pk)} <= {
        (r.source, r.pk) for r in everything
    }
    # Someone off the tree, in another OPD, finds nothing.
    assert found(other_office.clerk, q="banjir") == []
    assert found(office.colleague, q="banjir") == []
