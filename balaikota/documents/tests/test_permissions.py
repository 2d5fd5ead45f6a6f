"""Who may download an issued document: a matrix of person × whose document."""

import pytest

from balaikota.documents import permissions

pytestmark = pytest.mark.django_db

PERM = "documents.download_issueddocument"


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        username="root", email="root@contoh.id", password="Rahasia-Uji-123", full_name="Root"
    )


@pytest.mark.parametrize(
    ("person", "allowed"),
    [("alice", True), ("bob", False), ("official", False), ("superuser", True)],
)
def test_download_matrix(request, signed_document, person, allowed):
    user = request.getfixturevalue(person)
    assert user.has_perm(PERM, signed_document) is allowed


def test_anonymous_may_not_download(signed_document):
    from django.contrib.auth.models import AnonymousUser

    assert AnonymousUser().has_perm(PERM, signed_document) is False


def test_a_document_without_owner_belongs_to_nobody(make_document, official, bob):
    document = make_document(owner=None)
    document.owner = None
    assert bob.has_perm(PERM, document) is False


def test_extra_predicates_from_other_apps(signed_document, official, bob, monkeypatch):
    monkeypatch.setattr(
        permissions, "EXTRA_DOWNLOAD_PREDICATES", [lambda user, doc: user.pk == doc.signed_by_id]
    )
    assert official.has_perm(PERM, signed_document) is True
    assert bob.has_perm(PERM, signed_document) is False
