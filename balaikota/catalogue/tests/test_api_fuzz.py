"""Schemathesis over the public API's schema (catalogue, complaints, survey, IKM, statistics):
whatever a client sends, never a 5xx, every refusal has the one error body, and every answer
(its status, type and body) is the one the schema documents."""

import json

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.test import APIClient
from schemathesis.core import NotSet
from schemathesis.core.transport import Response as CheckedResponse
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from balaikota.satisfaction.tests.factories import invitation_for

_raw = SchemaGenerator().get_schema(request=None, public=True)
schema = schemathesis.openapi.from_dict(json.loads(json.dumps(_raw, default=str))).include(
    path_regex="^/api/v1/(layanan|pengaduan|ikm|survei|statistik)/"
)

pytestmark = [pytest.mark.django_db]


def _send(client: APIClient, case):
    path = case.formatted_path
    method = case.method.lower()
    query = case.query if isinstance(case.query, dict) else {}
    if isinstance(case.body, NotSet) or case.body is None:
        body = b""
    elif not isinstance(case.body, bytes):
        body = json.dumps(case.body)
    else:
        body = case.body
    if method == "get":
        return client.get(path, query)
    return client.generic(method.upper(), path, body, content_type="application/json")


@pytest.fixture
def scene(full_catalogue):
    from balaikota.catalogue.models import PublicService

    service = PublicService.objects.get(slug="akta-kelahiran")
    return {"invitation": invitation_for(service, source_id=1)}


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_the_public_api_never_answers_5xx(case, scene):
    params = case.path_parameters if isinstance(case.path_parameters, dict) else {}
    if params.get("token") == "":  # an empty token: use a real invitation's instead
        params["token"] = scene["invitation"].token
    response = _send(APIClient(), case)
    assert response.status_code < 500, (case.method, case.formatted_path, response.content[:300])
    if 400 <= response.status_code < 500 and response.status_code != 405:
        assert response["Content-Type"].startswith("application/json"), (
            case.method,
            case.formatted_path,
            response.status_code,
            response.content[:300],
        )
        body = response.json()
        assert set(body) >= {"code", "detail"}, body
    case.validate_response(
        _checked(case, response),
        checks=[status_code_conformance, content_type_conformance, response_schema_conformance],
    )


def _checked(case, response) -> CheckedResponse:
    """The Django test client's answer in the form schemathesis checks."""
    import http.client

    import requests

    request = requests.Request(
        method=case.method.upper(), url=f"http://testserver{case.formatted_path}"
    ).prepare()
    return CheckedResponse(
        status_code=response.status_code,
        headers={name: [value] for name, value in response.headers.items()},
        content=response.content,
        request=request,
        elapsed=0.0,
        verify=False,
        message=http.client.responses.get(response.status_code, ""),
    )
