"""Web and API are one: every civil-registration action, through the web page and through the
API with the same inputs on the same kind of application, gives the same outcome and the same
status — success on both, or the same 4xx on both.

Each case builds its scene twice (one copy per channel), runs the action, and compares what
happened to the data (``outcome``) and the answer's status class."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from balaikota.civil_registry import services
from balaikota.civil_registry.models import (
    Application,
    Appointment,
    AppointmentSlot,
    ServiceLocation,
    ServiceType,
    Status,
)
from balaikota.testing.names import letters

from .factories import after_commit, birth_data, later_today, pdf_bytes, png_bytes
from .test_views_citizen import url

pytestmark = [pytest.mark.django_db, pytest.mark.urls("balaikota.civil_registry.tests.urls")]

API = "/api/v1/kependudukan"
DOCS = ("surat_lahir", "ktp_orang_tua", "kk", "buku_nikah")


class Scene:
    """The people and helpers of one copy of a case."""

    def __init__(self, request):
        get = request.getfixturevalue
        self.citizen, self.officer, self.signer = get("citizen"), get("officer"), get("signer")
        self.second_officer, self.family, self.opd = (
            get("second_officer"),
            get("family"),
            get("opd"),
        )
        self.other_opd = get("other_opd")
        self.staff_with_role = get("staff_with_role")
        _kk, self.father, self.mother = self.family
        self.n = 0

    # applications in each state
    def draft(self, **overrides) -> Application:
        self.n += 1
        return services.application_draft_create(
            user=self.citizen,
            service_type="akta-kelahiran",
            data=birth_data(
                self.mother,
                self.father,
                **{"child_name": f"Anak Uji {letters(self.n)}", **overrides},
            ),
        )

    def complete(self, **overrides) -> Application:
        application = self.draft(**overrides)
        for code in DOCS:
            services.application_document_upload(
                application=application,
                user=self.citizen,
                requirement_code=code,
                upload=png_bytes() if code == "kk" else pdf_bytes(),
                original_name=f"{code}.pdf",
            )
        application.refresh_from_db()
        return application

    def submitted(self, **overrides) -> Application:
        return services.application_submit(
            application=self.complete(**overrides), user=self.citizen
        ).application

    def claimed(self, by=None, **overrides) -> Application:
        return services.application_claim(
            application=self.submitted(**overrides), officer=by or self.officer
        )

    def two_level(self) -> None:
        ServiceType.objects.filter(code="akta-kelahiran").update(needs_verification=True)

    def forwarded(self) -> Application:
        self.two_level()
        application = self.claimed()
        return services.application_forward(application=application, officer=self.officer)

    def awaiting_signature(self) -> Application:
        application = self.claimed()
        with after_commit():
            services.application_approve(application=application, officer=self.officer)
        application.refresh_from_db()
        return application

    def ktp_claimed(self) -> Application:
        application = services.application_draft_create(
            user=self.citizen,
            service_type="perekaman-ktp-el",
            data={"resident_nik": self.citizen.nik},
        )
        services.application_document_upload(
            application=application, user=self.citizen, requirement_code="kk", upload=pdf_bytes()
        )
        application = services.application_submit(
            application=application, user=self.citizen
        ).application
        return services.application_claim(application=application, officer=self.officer)

    # appointments
    def location(self, office=None) -> ServiceLocation:
        self.n += 1
        return ServiceLocation.objects.create(
            code=f"loket-{self.n}", name=f"Loket {self.n}", office=office or self.opd
        )

    def slot(self, *, service="perekaman-ktp-el", capacity=5, starts=None, location=None):
        starts = starts or timezone.now() + dt.timedelta(days=2, minutes=self.n)
        self.n += 1
        return AppointmentSlot.objects.create(
            location=location or self.location(),
            service_type=ServiceType.objects.get(code=service),
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2),
            capacity=capacity,
        )

    def booking(self, **slot) -> Appointment:
        return services.appointment_book(citizen=self.citizen, slot=self.slot(**slot))

    def web(self, user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    def api(self, user) -> APIClient:
        client = APIClient()
        client.force_authenticate(user)
        return client


def _file(content: bytes, name="berkas.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _active_pdf() -> bytes:
    import io

    from pypdf import PdfWriter
    from pypdf.actions import JavaScript

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_open_action(JavaScript("app.alert('halo');"))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@dataclass
class Case:
    name: str
    who: str  # citizen, officer, signer
    setup: Callable[[Scene], object]
    web: Callable[[Client, object, Scene], object]
    api: Callable[[APIClient, object, Scene], object]
    outcome: Callable[[object, Scene], object]
    expect: int  # 200 (any success) or the 4xx both must give


def _status(obj) -> str:
    obj.refresh_from_db()
    return obj.status if hasattr(obj, "status") else obj.state


def _drafts(scene) -> int:
    return Application.objects.filter(citizen=scene.citizen, status=Status.DRAFT).count()


def _twins(scene, by=None):
    """Two applications for the same child: the second, claimed, carries a duplicate warning."""
    name = f"Kembar {letters(scene.n)}"
    scene.submitted(child_name=name)
    return scene.claimed(by=by, child_name=name)


def _full_slot(scene):
    slot = scene.slot(capacity=1)
    AppointmentSlot.objects.filter(pk=slot.pk).update(booked=1)
    return slot


CASES = [
    # --- the citizen ------------------------------------------------------------------------
    Case(
        "create-draft",
        "citizen",
        lambda s: None,
        lambda c, o, s: c.post(url("apply", "akta-kelahiran")),
        lambda c, o, s: c.post(
            f"{API}/applications/", {"service_type": "akta-kelahiran"}, format="json"
        ),
        lambda o, s: _drafts(s),
        200,
    ),
    Case(
        "create-draft-without-nik",
        "citizen",
        lambda s: type(s.citizen).objects.filter(pk=s.citizen.pk).update(nik=None),
        lambda c, o, s: c.post(url("apply", "akta-kelahiran")),
        lambda c, o, s: c.post(
            f"{API}/applications/", {"service_type": "akta-kelahiran"}, format="json"
        ),
        lambda o, s: _drafts(s),
        400,
    ),
    Case(
        "save-step-stale",
        "citizen",
        lambda s: services.application_draft_update(
            application=s.draft(), user=s.citizen, data={"child_name": "Dari HP"}, version=1
        ),
        lambda c, o, s: c.post(
            url("step", o.pk, 1), {"version": 1, "child_name": "Dari laptop", "action": "save"}
        ),
        lambda c, o, s: c.patch(
            f"{API}/applications/{o.pk}/",
            {"data": {"child_name": "Dari laptop"}, "version": 1},
            format="json",
        ),
        lambda o, s: (o.refresh_from_db(), o.data["child_name"], o.version)[1:],
        409,
    ),
    Case(
        "save-step-bad-value",
        "citizen",
        lambda s: s.draft(),
        lambda c, o, s: c.post(
            url("step", o.pk, 1),
            {"version": o.version, "birth_date": "31-02-2026", "action": "save"},
        ),
        lambda c, o, s: c.patch(
            f"{API}/applications/{o.pk}/",
            {"data": {"birth_date": "31-02-2026"}, "version": o.version},
            format="json",
        ),
        lambda o, s: (o.refresh_from_db(), o.data["birth_date"], o.version)[1:],
        400,
    ),
    Case(
        "upload-pdf-with-javascript",
        "citizen",
        lambda s: s.draft(),
        lambda c, o, s: c.post(
            url("upload", o.pk), {"requirement": "surat_lahir", "file": _file(_active_pdf())}
        ),
        lambda c, o, s: c.post(
            f"{API}/applications/{o.pk}/documents/",
            {"requirement": "surat_lahir", "file": _file(_active_pdf())},
            format="multipart",
        ),
        lambda o, s: o.documents.count(),
        400,
    ),
    Case(
        "upload",
        "citizen",
        lambda s: s.draft(),
        lambda c, o, s: c.post(
            url("upload", o.pk), {"requirement": "surat_lahir", "file": _file(pdf_bytes())}
        ),
        lambda c, o, s: c.post(
            f"{API}/applications/{o.pk}/documents/",
            {"requirement": "surat_lahir", "file": _file(pdf_bytes())},
            format="multipart",
        ),
        lambda o, s: o.documents.count(),
        200,
    ),
    Case(
        "submit-incomplete",
        "citizen",
        lambda s: s.draft(),
        lambda c, o, s: c.post(url("review", o.pk), {"idempotency_key": f"kunci-{o.pk}-uji"}),
        lambda c, o, s: c.post(
            f"{API}/applications/{o.pk}/submit/", HTTP_IDEMPOTENCY_KEY=f"kunci-{o.pk}-uji"
        ),
        lambda o, s: _status(o),
        400,
    ),
    Case(
        "submit",
        "citizen",
        lambda s: s.complete(),
        lambda c, o, s: c.post(url("review", o.pk), {"idempotency_key": f"kunci-{o.pk}-uji"}),
        lambda c, o, s: c.post(
            f"{API}/applications/{o.pk}/submit/", HTTP_IDEMPOTENCY_KEY=f"kunci-{o.pk}-uji"
        ),
        lambda o, s: _status(o),
        200,
    ),
    Case(
        "cancel",
        "citizen",
        lambda s: s.submitted(),
        lambda c, o, s: c.post(url("cancel", o.pk), {"reason": "salah layanan"}),
        lambda c, o, s: c.post(f"{API}/applications/{o.pk}/cancel/", {"reason": "salah layanan"}),
        lambda o, s: _status(o),
        200,
    ),
    Case(
        "cancel-after-processing-started",
        "citizen",
        lambda s: s.claimed(),
        lambda c, o, s: c.post(url("cancel", o.pk), {"reason": "x"}),
        lambda c, o, s: c.post(f"{API}/applications/{o.pk}/cancel/", {"reason": "x"}),
        lambda o, s: _status(o),
        409,
    ),
    Case(
        "resubmit-when-not-asked",
        "citizen",
        lambda s: s.submitted(),
        lambda c, o, s: c.post(url("resubmit", o.pk)),
        lambda c, o, s: c.post(f"{API}/applications/{o.pk}/resubmit/"),
        lambda o, s: _status(o),
        409,
    ),
    Case(
        "new-pin",
        "citizen",
        lambda s: s.submitted(),
        lambda c, o, s: c.post(url("pin_reset", o.pk)),
        lambda c, o, s: c.post(f"{API}/applications/{o.pk}/pin/"),
        lambda o, s: Application.objects.get(pk=o.pk).pin_hash != o.pin_hash,
        200,
    ),
    Case(
        "new-pin-for-a-draft",
        "citizen",
        lambda s: s.complete(),
        lambda c, o, s: c.post(url("pin_reset", o.pk)),
        lambda c, o, s: c.post(f"{API}/applications/{o.pk}/pin/"),
        lambda o, s: Application.objects.get(pk=o.pk).pin_hash,
        403,
    ),
    # --- the second level of review ----------------------------------------------------------
    Case(
        "forward-to-the-verifier",
        "officer",
        lambda s: (s.two_level(), s.claimed())[1],
        lambda c, o, s: c.post(url("forward", o.pk), {"approve_note": ""}),
        lambda c, o, s: c.post(f"{API}/officer/applications/{o.pk}/forward/", {}, format="json"),
        lambda o, s: _status(o),
        200,
    ),
    Case(
        "verify",
        "verifier",
        lambda s: s.forwarded(),
        lambda c, o, s: c.post(url("verify", o.pk), {"approve_note": ""}),
        lambda c, o, s: c.post(f"{API}/officer/applications/{o.pk}/verify/", {}, format="json"),
        lambda o, s: _status(o),
        200,
    ),
    Case(
        "return-to-officer-without-a-reason",
        "verifier",
        lambda s: s.forwarded(),
        lambda c, o, s: c.post(url("return_to_officer", o.pk), {"return_reason": ""}),
        lambda c, o, s: c.post(
            f"{API}/officer/applications/{o.pk}/return-to-officer/", {"reason": ""}, format="json"
        ),
        lambda o, s: _status(o),
        400,
    ),
    Case(
        "return-to-officer",
        "verifier",
        lambda s: s.forwarded(),
        lambda c, o, s: c.post(url("return_to_officer", o.pk), {"return_reason": "Cek KK."}),
        lambda c, o, s: c.post(
            f"{API}/officer/applications/{o.pk}/return-to-officer/",
            {"reason": "Cek KK."},
            format="json",
        ),
        lambda o, s: _status(o),
        200,
    ),
    # --- the officer ------------------------------------------------------------------------
    Case(
        "claim",
        "officer",
        lambda s: s.submitted(),
        lambda c, o, s: c.post(url("claim", o.pk)),
        lambda c, o, s: c.post(f"{API}/officer/applications/{o.pk}/claim/"),
        lambda o, s: (_status(o), o.claimed_by_id == s.officer.pk),
        200,
    ),
    Case(
        "claim-taken-by-a-colleague",
        "officer",
        lambda s: s.claimed(by=s.second_officer),
        lambda c, o, s: c.post(url("claim", o.pk)),
        lambda c, o, s: c.post(f"{API}/officer/applications/{o.pk}/claim/"),
        lambda o, s: (_status(o), o.claimed_by_id == s.second_officer.pk),
        409,
    ),
    Case(
        "claim-next-with-nothing-waiting",
        "officer",
        lambda s: None,
        lambda c, o, s: c.post(url("claim_next")),
        lambda c, o, s: c.post(f"{API}/officer/applications/claim-next/"),
        lambda o, s: Application.objects.filter(status=Status.IN_REVIEW).count(),
        200,
    ),
    Case(
        "release",
        "officer",
        lambda s: s.claimed(),
        lambda c, o, s: c.post(url("release", o.pk), {"reason": "salah ambil"}),
        lambda c, o, s: c.post(
            f"{API}/officer/applications/{o.pk}/release/", {"reason": "salah ambil"}
        ),
        lambda o, s: (_status(o), o.claimed_by_id),
        200,
    ),
    Case(
        "release-a-colleagues-claim",
        "officer",
        lambda s: s.claimed(by=s.second_officer),
        lambda c, o, s: c.post(url("release", o.pk)),
        lambda c, o, s: c.post(f"{API}/officer/applications/{o.pk}/release/"),
        lambda o, s: (_status(o), o.claimed_by_id == s.second_officer.pk),
        409,
    ),
    Case(
        "request-correction-without-items",
        "officer",
        lambda s: s.claimed(),
        lambda c, o, s: c.post(url("request_correction", o.pk), {"note": "x"}),
        lambda c, o, s: c.post(
            f"{API}/officer/applications/{o.pk}/request-correction/",
            {"items": [], "note": "x"},
            format="json",
        ),
        lambda o, s: _status(o),
        400,
    ),
    Case(
        "request-correction",
        "officer",
        lambda s: s.claimed(),
        lambda c, o, s: c.post(url("request_correction", o.pk), {"doc__kk": "Foto KK buram."}),
        lambda c, o, s: c.post(
            f"{API}/officer/applications/{o.pk}/request-correction/",
            {"items": [{"requirement": "kk", "reason": "Foto KK buram."}]},
            format="json",
        ),
        lambda o, s: (_status(o), o.corrections.count()),
        200,
    ),
    Case(
        "reject-without-reason",
        "officer",
        lambda s: s.claimed(),
        lambda c, o, s: c.post(url("reject", o.pk), {"reason": ""}),
        lambda c, o, s: c.post(
            f"{API}/officer/applications/{o.pk}/reject/", {"reason": ""}, format="json"
        ),
        lambda o, s: _status(o),
        400,
    ),
    Case(
        "reject",
        "officer",
        lambda s: s.claimed(),
        lambda c, o, s: c.post(url("reject", o.pk), {"reason": "Bukan anak pelapor."}),
        lambda c, o, s: c.post(
            f"{API}/officer/applications/{o.pk}/reject/",
            {"reason": "Bukan anak pelapor."},
            format="json",
        ),
        lambda o, s: (_status(o), o.decision_reason),
        200,
    ),
    Case(
        "approve-a-colleagues-claim",
        "officer",
        lambda s: s.claimed(by=s.second_officer),
        lambda c, o, s: c.post(url("approve", o.pk), {}),
        lambda c, o, s: c.post(f"{API}/officer/applications/{o.pk}/approve/", {}),
        lambda o, s: _status(o),
        409,
    ),
    Case(
        "approve-with-an-undecided-duplicate",
        "officer",
        lambda s: _twins(s),
        lambda c, o, s: c.post(url("approve", o.pk), {}),
        lambda c, o, s: c.post(f"{API}/officer/applications/{o.pk}/approve/", {}),
        lambda o, s: _status(o),
        409,
    ),
    Case(
        "decide-duplicate-on-a-colleagues-claim",
        "officer",
        lambda s: _twins(s, by=s.second_officer),
        lambda c, o, s: c.post(
            url("duplicate_decide", o.pk, o.duplicate_flags.get().pk), {"decision": "duplicate"}
        ),
        lambda c, o, s: c.post(
            f"{API}/officer/applications/{o.pk}/decide-duplicate/",
            {"flag": o.duplicate_flags.get().pk, "decision": "duplicate"},
            format="json",
        ),
        lambda o, s: list(o.duplicate_flags.values_list("decision", flat=True)),
        409,
    ),
    Case(
        "approve",
        "officer",
        lambda s: s.claimed(),
        lambda c, o, s: c.post(url("approve", o.pk), {}),
        lambda c, o, s: c.post(f"{API}/officer/applications/{o.pk}/approve/", {}),
        lambda o, s: (_status(o), bool(o.registration_number), bool(o.document_id)),
        200,
    ),
    Case(
        "approve-a-service-without-a-document",
        "officer",
        lambda s: s.ktp_claimed(),
        lambda c, o, s: c.post(url("approve", o.pk), {}),
        lambda c, o, s: c.post(f"{API}/officer/applications/{o.pk}/approve/", {}),
        lambda o, s: (_status(o), o.registration_number, o.document_id),
        200,
    ),
    Case(
        "sign-as-an-officer",
        "officer",
        lambda s: s.awaiting_signature(),
        lambda c, o, s: c.post(url("sign", o.pk), {"confirm": "on"}),
        lambda c, o, s: c.post(f"{API}/officer/applications/{o.pk}/sign/", {}, format="json"),
        lambda o, s: _status(o),
        403,
    ),
    Case(
        "sign",
        "signer",
        lambda s: s.awaiting_signature(),
        lambda c, o, s: c.post(url("sign", o.pk), {"confirm": "on"}),
        lambda c, o, s: c.post(f"{API}/officer/applications/{o.pk}/sign/", {}, format="json"),
        lambda o, s: (_status(o), o.document.status),
        200,
    ),
    # --- appointments -------------------------------------------------------------------------
    Case(
        "book-a-full-slot",
        "citizen",
        _full_slot,
        lambda c, o, s: c.post(url("appointment_book"), {"slot": o.pk}),
        lambda c, o, s: c.post(f"{API}/appointments/", {"slot": o.pk}, format="json"),
        lambda o, s: Appointment.objects.filter(citizen=s.citizen).count(),
        409,
    ),
    Case(
        "book-another-services-slot-for-an-application",
        "citizen",
        lambda s: (s.draft(), s.slot()),
        lambda c, o, s: c.post(url("appointment_book"), {"slot": o[1].pk, "permohonan": o[0].pk}),
        lambda c, o, s: c.post(
            f"{API}/appointments/", {"slot": o[1].pk, "application": o[0].pk}, format="json"
        ),
        lambda o, s: Appointment.objects.filter(citizen=s.citizen).count(),
        400,
    ),
    Case(
        "book-twice-gives-the-first-booking",
        "citizen",
        lambda s: s.booking().slot,
        lambda c, o, s: c.post(url("appointment_book"), {"slot": o.pk}),
        lambda c, o, s: c.post(f"{API}/appointments/", {"slot": o.pk}, format="json"),
        lambda o, s: Appointment.objects.filter(slot=o, state="booked").count(),
        200,
    ),
    Case(
        "reschedule-to-another-service",
        "citizen",
        lambda s: (s.booking(), s.slot(service="akta-kelahiran")),
        lambda c, o, s: c.post(url("appointment_reschedule", o[0].pk), {"slot": o[1].pk}),
        lambda c, o, s: c.post(
            f"{API}/appointments/{o[0].pk}/reschedule/", {"slot": o[1].pk}, format="json"
        ),
        lambda o, s: (o[0].refresh_from_db(), o[0].slot_id)[1] != o[1].pk,
        400,
    ),
    Case(
        "cancel-a-cancelled-booking",
        "citizen",
        lambda s: services.appointment_cancel(appointment=s.booking(), user=s.citizen),
        lambda c, o, s: c.post(url("appointment_cancel", o.pk)),
        lambda c, o, s: c.post(f"{API}/appointments/{o.pk}/cancel/"),
        lambda o, s: _status(o),
        409,
    ),
    Case(
        "check-in",
        "officer",
        lambda s: s.booking(starts=later_today()),
        lambda c, o, s: c.post(url("appointments_counter"), {"code": o.code}),
        lambda c, o, s: c.post(
            f"{API}/officer/appointments/check-in/", {"code": o.code}, format="json"
        ),
        lambda o, s: _status(o),
        200,
    ),
    Case(
        "check-in-at-another-office",
        "officer",
        lambda s: (s.location(), s.booking(location=s.location(office=s.other_opd)))[1],
        lambda c, o, s: c.post(url("appointments_counter"), {"code": o.code}),
        lambda c, o, s: c.post(
            f"{API}/officer/appointments/check-in/", {"code": o.code}, format="json"
        ),
        lambda o, s: _status(o),
        403,
    ),
    Case(
        "check-in-on-the-wrong-day",
        "officer",
        lambda s: s.booking(starts=timezone.now() + dt.timedelta(days=3)),
        lambda c, o, s: c.post(url("appointments_counter"), {"code": o.code}),
        lambda c, o, s: c.post(
            f"{API}/officer/appointments/check-in/", {"code": o.code}, format="json"
        ),
        lambda o, s: _status(o),
        409,
    ),
    Case(
        "check-in-an-unknown-code",
        "officer",
        lambda s: s.location(),
        lambda c, o, s: c.post(url("appointments_counter"), {"code": "AP-ZZZZZZZZ"}),
        lambda c, o, s: c.post(
            f"{API}/officer/appointments/check-in/", {"code": "AP-ZZZZZZZZ"}, format="json"
        ),
        lambda o, s: Appointment.objects.filter(state="checked_in").count(),
        404,
    ),
]


def _class(status: int) -> int:
    return 200 if status < 400 else status


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_web_and_api_agree(case, request, service_types):
    scene = Scene(request)
    if case.who == "verifier":
        scene.verifier = scene.staff_with_role("verifier")
    user = {
        "citizen": scene.citizen,
        "officer": scene.officer,
        "signer": scene.signer,
        "verifier": getattr(scene, "verifier", None),
    }[case.who]
    outcomes, statuses = [], []
    for channel in ("web", "api"):
        obj = case.setup(scene)
        user.refresh_from_db()
        client = scene.web(user) if channel == "web" else scene.api(user)
        run = case.web if channel == "web" else case.api
        with after_commit():
            response = run(client, obj, scene)
        statuses.append(response.status_code)
        outcomes.append(case.outcome(obj, scene))
        if case.name in ("create-draft", "claim-next-with-nothing-waiting"):
            # counts: the second copy starts where the first left off
            outcomes[-1] = outcomes[-1] - (outcomes[0] if channel == "api" else 0)
    web, api = statuses
    assert _class(web) == _class(api) == case.expect, f"web {web}, api {api}"
    assert outcomes[0] == outcomes[1], f"web left {outcomes[0]!r}, api left {outcomes[1]!r}"
