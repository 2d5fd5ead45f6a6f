"""SCORM 1.2: a package is checked before anything of it is kept; it is served from our origin
under its own path; the runtime's reports are validated and resume the learner."""

from __future__ import annotations

import io
import json
import stat
import zipfile
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage

from balaikota.accounts.models import Role
from balaikota.core.errors import Forbidden, InvalidInput
from balaikota.elearning import scorm, selectors, services
from balaikota.elearning.models import CourseCompletion, ScormPackage, ScormTrack

from .factories import SCO_PAGE, make_course, scorm_zip

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(staff_with_role):
    return staff_with_role(Role.COMPETENCY_ADMIN)


@pytest.fixture
def learner(staff_with_role, other_opd):
    return staff_with_role(Role.CIVIL_SERVANT, in_opd=other_opd)


def _symlink_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("imsmanifest.xml", _manifest())
        archive.writestr("index.html", SCO_PAGE)
        link = zipfile.ZipInfo("data")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    return buffer.getvalue()


def _manifest(href="index.html") -> str:
    from .factories import MANIFEST

    return MANIFEST.format(title="Modul", href=href)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<manifest><title>&lol2;</title></manifest>"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><manifest><title>&x;</title></manifest>"""


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"bukan zip", "not_a_zip"),
        (scorm_zip(manifest=b""), "no_manifest"),
        (scorm_zip(files={"paket/imsmanifest.xml": b"<manifest/>"}, manifest=b""), "no_manifest"),
        (scorm_zip(manifest="<manifest><unclosed></manifest>"), "manifest_invalid"),
        (scorm_zip(manifest=BILLION_LAUGHS), "manifest_doctype"),
        (scorm_zip(manifest=XXE), "manifest_doctype"),
        (scorm_zip(manifest="<manifest><resources/></manifest>"), "no_sco"),
        (scorm_zip(href="hilang.html"), "launch_missing"),
        (scorm_zip(href="../luar.html"), "path_outside_package"),
        (
            scorm_zip(files={"index.html": SCO_PAGE, "../../etc/cron.d/x": b"x"}),
            "path_outside_package",
        ),
        (scorm_zip(files={"index.html": SCO_PAGE, "/etc/passwd": b"x"}), "path_outside_package"),
        (scorm_zip(files={"index.html": SCO_PAGE, "a\\..\\b": b"x"}), "path_outside_package"),
        (_symlink_zip(), "path_outside_package"),
    ],
    ids=[
        "not-a-zip",
        "no-manifest",
        "manifest-not-at-root",
        "bad-xml",
        "billion-laughs",
        "xxe",
        "no-sco",
        "launch-missing",
        "launch-outside",
        "dot-dot-member",
        "absolute-member",
        "backslash-member",
        "symlink",
    ],
)
def test_a_bad_package_is_refused_with_a_clear_message(content, code):
    with pytest.raises(InvalidInput) as refused:
        scorm.check_package(content)
    assert refused.value.code == code
    assert refused.value.field_errors["package"][0]  # said in words, on the upload field


def test_a_zip_bomb_is_refused_without_unpacking_it_all(monkeypatch):
    monkeypatch.setattr(scorm, "MAX_TOTAL_SIZE", 1024 * 1024)
    bomb = scorm_zip(files={"index.html": SCO_PAGE, "nol.bin": bytes(5 * 1024 * 1024)})
    assert len(bomb) < 64 * 1024
    with pytest.raises(InvalidInput) as refused:
        scorm.check_package(bomb)
    assert refused.value.code == "unpacked_too_large"


def test_too_many_files_are_refused(monkeypatch):
    monkeypatch.setattr(scorm, "MAX_FILES", 3)
    files = {"index.html": SCO_PAGE, **{f"f{n}.txt": b"x" for n in range(3)}}
    with pytest.raises(InvalidInput) as refused:
        scorm.check_package(scorm_zip(files=files))
    assert refused.value.code == "too_many_files"


def test_a_good_package_is_kept_privately_and_served_from_our_origin(admin_user, learner, client):
    course = make_course()
    package = services.scorm_package_upload(
        user=admin_user,
        course=course,
        upload=scorm_zip(files={"index.html": SCO_PAGE, "css/gaya.css": b"h1{color:red}"}),
    )
    assert (package.title, package.launch_path, package.file_count) == (
        "Modul uji",
        "index.html",
        3,
    )
    assert default_storage.exists(f"private/elearning/scorm/{package.folder}/css/gaya.css")
    client.force_login(learner)
    page = client.get(f"/belajar/scorm/{package.pk}/isi/index.html")
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    assert "frame-ancestors 'self'" in page["Content-Security-Policy"]
    assert page["X-Frame-Options"] == "SAMEORIGIN" and page["X-Content-Type-Options"] == "nosniff"
    css = client.get(f"/belajar/scorm/{package.pk}/isi/css/gaya.css")
    assert css["Content-Type"].startswith("text/css")
    assert client.get(f"/belajar/scorm/{package.pk}/isi/../../settings.py").status_code == 404
    assert client.get(f"/belajar/scorm/{package.pk}/isi/tidak-ada.js").status_code == 404
    player = client.get(f"/belajar/scorm/{package.pk}/")
    assert player.status_code == 200 and b"scorm12.min.js" in player.content


def test_a_new_package_replaces_the_old_one_and_its_files(
    admin_user, django_capture_on_commit_callbacks
):
    course = make_course()
    with django_capture_on_commit_callbacks(execute=True):
        first = services.scorm_package_upload(
            user=admin_user,
            course=course,
            upload=scorm_zip(files={"index.html": SCO_PAGE, "a/b.css": b"x"}),
        )
        second = services.scorm_package_upload(user=admin_user, course=course, upload=scorm_zip())
    assert list(ScormPackage.objects.values_list("pk", flat=True)) == [second.pk]
    assert not default_storage.exists(f"private/elearning/scorm/{first.folder}/a/b.css")
    assert default_storage.exists(f"private/elearning/scorm/{second.folder}/index.html")


def test_only_the_competency_admin_uploads(learner):
    with pytest.raises(Forbidden):
        services.scorm_package_upload(user=learner, course=make_course(), upload=scorm_zip())
    assert not ScormPackage.objects.exists()


def _commit(status="incomplete", raw="", suspend="halaman=3"):
    return {
        "cmi": {
            "core": {"lesson_status": status, "score": {"raw": raw}, "lesson_location": "3"},
            "suspend_data": suspend,
        }
    }


def test_the_runtime_reports_are_recorded_and_resume(admin_user, learner, client):
    course = make_course(lessons=0, pre=False, post=False)
    package = services.scorm_package_upload(user=admin_user, course=course, upload=scorm_zip())
    client.force_login(learner)
    url = f"/belajar/scorm/{package.pk}/commit/"
    answer = client.post(url, json.dumps(_commit()), content_type="application/json")
    assert answer.status_code == 200 and answer.json() == {"result": True, "errorCode": 0}
    track = ScormTrack.objects.get(user=learner)
    assert track.suspend_data == "halaman=3" and track.lesson_status == "incomplete"
    assert selectors.scorm_resume_data(track)["suspend_data"] == "halaman=3"
    assert not CourseCompletion.objects.exists()
    client.post(url, json.dumps(_commit("passed", "85")), content_type="application/json")
    track.refresh_from_db()
    assert track.score_raw == Decimal("85.00")
    assert CourseCompletion.objects.filter(user=learner, course=course).count() == 1
    client.post(url, json.dumps(_commit("incomplete")), content_type="application/json")
    track.refresh_from_db()
    assert track.lesson_status == "passed"  # a re-visit does not undo a pass


@pytest.mark.parametrize(
    "body",
    [
        _commit(status="selesai"),
        _commit(raw="150"),
        _commit(raw="-1"),
        _commit(raw="NaN"),
        _commit(raw="abc"),
        _commit(suspend="x" * 5000),
        {"tanpa": "cmi"},
        "bukan json",
    ],
    ids=["status", "score-high", "score-low", "nan", "text", "suspend-long", "no-cmi", "not-json"],
)
def test_a_bad_report_is_refused(admin_user, learner, client, body):
    package = services.scorm_package_upload(
        user=admin_user, course=make_course(), upload=scorm_zip()
    )
    client.force_login(learner)
    data = body if isinstance(body, str) else json.dumps(body)
    answer = client.post(
        f"/belajar/scorm/{package.pk}/commit/", data, content_type="application/json"
    )
    assert answer.status_code == 400 and answer.json()["result"] is False
    assert not ScormTrack.objects.exists()
