def test_indonesian_is_the_default_even_for_english_browsers(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="id">' in response.content.decode()
    assert response["Content-Language"] == "id"


def test_the_language_switch_turns_the_site_english(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Sign up as a citizen" in html


def test_an_unknown_language_cookie_falls_back_to_indonesian(client, db):
    client.cookies["django_language"] = "xx"
    assert '<html lang="id">' in client.get("/").content.decode()


def test_the_language_link_switches_without_a_form_token(client, db):
    response = client.get("/bahasa/", {"language": "en", "next": "/layanan/"})
    assert response.status_code == 302 and response["Location"] == "/layanan/"
    assert '<html lang="en">' in client.get("/").content.decode()
    assert 'name="csrfmiddlewaretoken"' not in client.get("/layanan/").content.decode()


def test_the_language_link_goes_nowhere_else_and_ignores_unknown_languages(client, db):
    response = client.get("/bahasa/", {"language": "xx", "next": "https://penipu.example/"})
    assert response["Location"] == "/"
    assert "django_language" not in response.cookies
