"""Schemathesis fuzzing of the civil-registration API (from drf-spectacular's schema): whatever
a client sends, the answer is never a 5xx.

Each generated request runs through DRF's test client as a signed-in citizen (citizen
operations, on a fresh draft of their own) or an officer (officer operations), so the fuzzing
reaches the services instead of stopping at authentication.
"""

import json

import pytest
import schemathesis
from django.core.files.uploadedfile import SimpleUploadedFile
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.test import APIClient
from schemathesis.core import NotSet

from balaikota.civil_registry import services

from .factories import birth_data

URLCONF = "balaikota.civil_registry.tests.urls"
_raw = SchemaGenerator(urlconf=URLCONF).get_schema(request=None, public=True)
schema = schemathesis.openapi.from_dict(json.loads(json.dumps(_raw, default=str))).include(
    path_regex="^/api/v1/kependudukan/"
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls(URLCONF)]


def _send(client: APIClient, case):
    path = case.formatted_path
    headers = {
        f"HTTP_{k.upper().replace('-', '_')}": v
        for k, v in (case.headers if isinstance(case.headers, dict) else {}).items()
        if k.lower() not in ("content-type", "content-length", "authorization", "cookie")
    }
    method = case.method.lower()
    if (
        method == "post"
        and case.media_type == "multipart/form-data"
        and isinstance(case.body, dict)
    ):
        data = {}
        for key, value in case.body.items():
            if key == "file":
                raw = value if isinstance(value, bytes) else str(value).encode()
                data[key] = SimpleUploadedFile("fuzz.pdf", raw)
            else:
                data[key] = (
                    value if isinstance(value, str | bytes | int | float) else json.dumps(value)
                )
        return client.post(path, data, format="multipart", **headers)
    if isinstance(case.body, NotSet) or case.body is None:
        body = b""
    elif not isinstance(case.body, bytes):
        body = json.dumps(case.body)
    else:
        body = case.body
    query = case.query if isinstance(case.query, dict) else {}
    if method == "get":
        return client.get(path, query, **headers)
    return client.generic(method.upper(), path, body, content_type="application/json", **headers)


@pytest.fixture
def scene(citizen, family, service_types, officer):
    return {"citizen": citizen, "family": family, "officer": officer}


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_never_answers_5xx(case, scene):
    _kk, father, mother = scene["family"]
    draft = services.application_draft_create(
        user=scene["citizen"], service_type="akta-kelahiran", data=birth_data(mother, father)
    )
    if isinstance(case.path_parameters, dict) and "id" in case.path_parameters:
        case.path_parameters["id"] = draft.pk
    client = APIClient()
    client.force_authenticate(scene["officer"] if "/officer/" in case.path else scene["citizen"])
    response = _send(client, case)
    assert response.status_code < 500, (
        case.method,
        case.formatted_path,
        case.body,
        response.content[:500],
    )
