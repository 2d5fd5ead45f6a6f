"""anonymous_page_cache keeps only what is the same for every visitor who is not signed in."""

import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.utils.translation import override

from balaikota.core.web import anonymous_page_cache

VERSION = {"token": "v1"}
KEPT = anonymous_page_cache(lambda: VERSION["token"], prefix="uji")


class Counting:
    def __init__(self, body=lambda request: "halaman", **response):
        self.calls, self.body, self.response = 0, body, response

    def __call__(self, request):
        self.calls += 1
        return HttpResponse(self.body(request), **self.response)


@pytest.fixture
def rf():
    return RequestFactory()


def test_a_visitor_s_second_request_is_the_kept_page_until_the_version_changes(rf):
    view = Counting()
    page = KEPT(view)
    assert page(rf.get("/layanan/")).content == b"halaman"
    assert page(rf.get("/layanan/")).content == b"halaman"
    assert view.calls == 1
    page(rf.get("/layanan/?q=akte"))  # another address, another page
    with override("en"):
        page(rf.get("/layanan/"))  # another language
    assert view.calls == 3
    VERSION["token"] = "v2"
    page(rf.get("/layanan/"))
    assert view.calls == 4


@pytest.mark.parametrize(
    "make",
    [
        lambda rf: rf.get("/layanan/", HTTP_COOKIE="sessionid=abc"),
        lambda rf: rf.get("/layanan/", HTTP_COOKIE="messages=abc"),
        lambda rf: rf.post("/layanan/"),
    ],
    ids=["session", "pending message", "post"],
)
def test_a_request_with_a_session_a_message_or_a_body_is_always_answered_fresh(rf, make):
    view = Counting()
    page = KEPT(view)
    page(make(rf))
    page(make(rf))
    assert view.calls == 2


def test_a_page_with_a_form_token_an_error_or_a_cookie_is_never_kept(rf):
    for view in (
        Counting(body=lambda request: get_token(request)),
        Counting(status=404),
    ):
        page = KEPT(view)
        page(rf.get(f"/tidak-disimpan/{id(view)}/"))
        page(rf.get(f"/tidak-disimpan/{id(view)}/"))
        assert view.calls == 2

    def with_cookie(request):
        response = HttpResponse("x")
        response.set_cookie("pilihan", "1")
        return response

    calls = []
    page = KEPT(lambda request: calls.append(1) or with_cookie(request))
    page(rf.get("/kue/"))
    page(rf.get("/kue/"))
    assert len(calls) == 2


def test_with_the_version_s_key_token_and_page_come_in_one_read(rf):
    from unittest import mock

    from django.core.cache import cache

    cache.set("uji:versi", "a", None)
    made = []
    view = Counting()
    page = anonymous_page_cache(
        lambda: made.append(1) or "baru", prefix="satu", version_key="uji:versi"
    )(view)
    page(rf.get("/satu/"))
    with mock.patch.object(cache, "get_many", wraps=cache.get_many) as reads:
        assert page(rf.get("/satu/")).content == b"halaman"
    assert reads.call_count == 1 and made == [] and view.calls == 1
    cache.set("uji:versi", "b", None)  # the owner's write
    page(rf.get("/satu/"))
    assert view.calls == 2
    cache.delete("uji:versi")  # lost token: version() makes one, the page is drawn again
    page(rf.get("/satu/"))
    assert view.calls == 3 and made == [1]
