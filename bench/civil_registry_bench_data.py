"""In-process helpers of bench/civil_registry_bench.py; each prints one JSON line on stdout.

Run with the bench's production environment (DJANGO_SETTINGS_MODULE and DATABASE_URL set by
bench/_common.production_env):

    accounts   the demo officer gets a fresh TOTP authenticator (password unchanged), the demo
               citizen's application to follow, mothers from the register for submissions,
               row counts
    explain    EXPLAIN (ANALYZE, BUFFERS) of every query the queue's first page and the citizen's
               status page run, written to var/bench/civil_registry_explain.txt
    sign N     N birth applications made ready through the services (untimed), then
               application_approve (number + PDF) and application_sign (PAdES) timed per document
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balaikota.settings.production")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from balaikota.accounts.models import User  # noqa: E402
from balaikota.civil_registry import selectors, services  # noqa: E402
from balaikota.civil_registry.models import (  # noqa: E402
    Application,
    ApplicationDocument,
    ApplicationEvent,
    Resident,
    Status,
)
from balaikota.testing.names import letters  # noqa: E402

OFFICER_NIP = "199511072020121003"
SIGNER_NIP = "197406151999031005"
VERIFIER_NIP = "198909232014022002"  # the demo verifier of Disdukcapil (two-level review)
CITIZEN_EMAIL = "warga@balaikota.example"
DEMO_PASSWORD = "Semarang-Demo-2026"  # noqa: S105  (docs/demo-accounts.md)
BIRTH_DOCS = ("surat_lahir", "ktp_orang_tua", "kk", "buku_nikah")
ROOT = Path(__file__).resolve().parent.parent


def _user(**lookup) -> User:
    user = User.objects.filter(**lookup).first()
    if user is None:
        raise SystemExit(f"no user {lookup}: run manage.py seed_demo --force first")
    return user


def mothers(limit: int = 200) -> list[dict]:
    today = timezone.localdate()
    rows = (
        Resident.objects.filter(
            sex="P",
            relationship="pasangan",
            is_alive=True,
            birth_date__gte=today - dt.timedelta(days=40 * 365),
            birth_date__lte=today - dt.timedelta(days=20 * 365),
        )
        .select_related("family__head")
        .order_by("nik")[:limit]
    )
    return [
        {
            "mother_nik": m.nik,
            "father_nik": m.family.head.nik if m.family and m.family.head else "",
            "kk_number": m.family.kk_number if m.family else "",
        }
        for m in rows
    ]


def birth_data(mother: dict, n: int, reporter_nik: str) -> dict:
    birth = timezone.localdate() - dt.timedelta(days=2 + n % 40)
    return {
        "child_name": f"Bench Anak {letters(n)}",
        "child_sex": "P" if n % 2 else "L",
        "birth_date": birth.isoformat(),
        "birth_time": "08:30",
        "birth_place_kind": "rs",
        "birth_place_name": "RSUD K.R.M.T. Wongsonegoro",
        "birth_city": "Semarang",
        "birth_order": 1,
        "mother_nik": mother["mother_nik"],
        "father_nik": mother["father_nik"],
        "marriage_recorded": "ya",
        "kk_number": mother["kk_number"],
        "reporter_nik": reporter_nik,
        "reporter_relationship": "keluarga",
    }


def counts() -> dict:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT status, count(*) FROM civil_registry_application GROUP BY status ORDER BY 2 DESC"
        )
        by_status = dict(cursor.fetchall())
        cursor.execute(
            "SELECT pg_size_pretty(pg_total_relation_size('civil_registry_application'))"
        )
        size = cursor.fetchone()[0]
    return {
        "applications": sum(by_status.values()),
        "bulk_applications": Application.objects.filter(tracking_number__startswith="KP-B").count(),
        "by_status": by_status,
        "events": ApplicationEvent.objects.count(),
        "documents": ApplicationDocument.objects.count(),
        "residents": Resident.objects.count(),
        "table_size": size,
    }


def accounts() -> dict:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    officer = _user(username=OFFICER_NIP)
    if not officer.email:
        officer.email = f"bench.{OFFICER_NIP}@semarangkota.go.id"
        officer.save(update_fields=["email"])
    EmailAddress.objects.update_or_create(
        user=officer, email=officer.email.lower(), defaults={"verified": True, "primary": True}
    )
    Authenticator.objects.filter(user=officer, type=Authenticator.Type.TOTP).delete()
    secret = generate_totp_secret()
    TOTP.activate(officer, secret)

    citizen = _user(email__iexact=CITIZEN_EMAIL)
    EmailAddress.objects.update_or_create(
        user=citizen, email=citizen.email.lower(), defaults={"verified": True, "primary": True}
    )
    # The citizen's application with the longest history (an issued one when there is one).
    own = (
        Application.objects.filter(citizen=citizen)
        .exclude(status=Status.DRAFT)
        .exclude(tracking_number__startswith="KP-B")
        .order_by("-updated_at")
    )
    application = (
        own.filter(status=Status.ISSUED).first()
        or own.filter(status=Status.AWAITING_SIGNATURE).first()
        or own.first()
    )
    if application is not None and application.status == Status.AWAITING_SIGNATURE:
        from balaikota.core.errors import Conflict

        try:
            services.application_sign(application=application, signer=_user(username=SIGNER_NIP))
            application.refresh_from_db()
        except Conflict:  # left "being signed" by an interrupted run: make a fresh one below
            application = None
    if application is None:
        # seed_demo gives its applications to other demo citizens: make one for this citizen
        # through the services, the whole way to issued (submitted, claimed, approved, signed).
        from django.test.utils import override_settings

        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            application = _ready(
                citizen, _user(username=OFFICER_NIP), mothers(1)[0], 0, _blank_pdf()
            )
            _decide(application, application.claimed_by)
            services.application_document_prepare(application_id=application.pk)
            services.application_sign(application=application, signer=_user(username=SIGNER_NIP))
        application.refresh_from_db()
    return {
        "officer": {
            "login": OFFICER_NIP,
            "password": DEMO_PASSWORD,
            "totp_secret": secret,
            "full_name": officer.full_name,
        },
        "citizen": {
            "login": CITIZEN_EMAIL,
            "password": DEMO_PASSWORD,
            "nik": citizen.nik,
            "full_name": citizen.full_name,
        },
        "status_application": {
            "pk": application.pk,
            "status": application.status,
            "events": ApplicationEvent.objects.filter(application=application).count(),
        },
        "queue_rows": selectors.officer_queue(officer).count(),
        "mothers": mothers(),
        "counts": counts(),
    }


def explain() -> dict:
    """EXPLAIN ANALYZE of the queries behind the two measured pages (as the views run them)."""
    from balaikota.civil_registry.views._common import QUEUE_PAGE_SIZE
    from balaikota.civil_registry.workflows import APPLICATION_QUEUE

    officer = _user(username=OFFICER_NIP)
    citizen = _user(email__iexact=CITIZEN_EMAIL)
    status_pk = accounts_status_pk(citizen)
    out: list[str] = []
    summary: dict[str, list] = {}

    def run(label: str, fn) -> None:
        with CaptureQueriesContext(connection) as ctx:
            fn()
        rows = []
        for query in ctx.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = "\n".join(r[0] for r in cursor.fetchall())
            execution = float(plan.rsplit("Execution Time: ", 1)[1].split(" ms")[0])
            planning = float(plan.rsplit("Planning Time: ", 1)[1].split(" ms")[0])
            out.append(f"-- {label}\n{sql};\n{plan}\n")
            rows.append({"sql": sql[:300], "execution_ms": execution, "planning_ms": planning})
        summary[label] = rows

    def queue_page():  # as the view pages it: the count stops at 1,000 rows
        page = APPLICATION_QUEUE.page(selectors.officer_queue(officer), 1, per_page=QUEUE_PAGE_SIZE)
        list(page)

    def status_page():
        application = selectors.application_for_user(citizen, status_pk)
        selectors.public_history(application)
        selectors.corrections_with_targets(application)

    for _ in range(2):  # the second pass (warm cache) is the one kept
        out.clear()
        run("queue first page (officer_queue + capped page)", queue_page)
        run(
            "citizen status page (application_for_user + public history + corrections)", status_page
        )
    path = ROOT / "var" / "bench" / "civil_registry_explain.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out))
    return {"explain_file": str(path.relative_to(ROOT)), "queries": summary}


def accounts_status_pk(citizen) -> int:
    own = Application.objects.filter(citizen=citizen).exclude(status=Status.DRAFT)
    application = own.filter(status=Status.ISSUED).first() or own.first()
    return application.pk


def _blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def _ready(citizen, officer, mother: dict, n: int, pdf: bytes) -> Application:
    """A birth application through the services: draft, 4 uploads, submit, claimed."""
    data = birth_data(mother, n, citizen.nik)
    data["child_name"] = f"Bench Tanda Tangan {letters(n)}"
    application = services.application_draft_create(
        user=citizen, service_type="akta-kelahiran", data=data, applicant_nik=citizen.nik
    )
    for code in BIRTH_DOCS:
        services.application_document_upload(
            application=application,
            user=citizen,
            requirement_code=code,
            upload=pdf,
            original_name=f"{code}.pdf",
        )
    services.application_submit(application=application, user=citizen)
    services.application_claim(application=application, officer=officer)
    for flag in application.duplicate_flags.all():
        services.duplicate_decide(flag=flag, officer=officer, decision="not_duplicate")
    application.refresh_from_db()
    return application


def _decide(application: Application, officer) -> None:
    """The officer approves, or — with two levels of review — forwards and the verifier
    approves."""
    if application.service_type.needs_verification:
        services.application_forward(application=application, officer=officer)
        services.application_verify(application=application, verifier=_user(username=VERIFIER_NIP))
    else:
        services.application_approve(application=application, officer=officer)


def sign(count: int) -> dict:
    from django.test.utils import override_settings

    officer = _user(username=OFFICER_NIP)
    signer = _user(username=SIGNER_NIP)
    citizen = _user(email__iexact=CITIZEN_EMAIL)
    pdf = _blank_pdf()
    pool = mothers(400)
    stamp = int(time.time())
    ready: list[Application] = []
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for n in range(count):  # untimed: draft → uploads → submit → claim
            ready.append(_ready(citizen, officer, pool[n % len(pool)], stamp * 1000 + n, pdf))
        approve_ms, decision_ms, document_ms, sign_ms, sizes = [], [], [], [], []
        verifier = _user(username=VERIFIER_NIP)
        for application in ready:
            two_levels = application.service_type.needs_verification
            if two_levels:  # untimed: the officer forwards; the verifier's approval is timed
                services.application_forward(application=application, officer=officer)
            started = time.perf_counter()
            if two_levels:
                services.application_verify(application=application, verifier=verifier)
            else:
                services.application_approve(application=application, officer=officer)
            decided = time.perf_counter()
            # With a broker the document is a worker's task after the commit; here it is made
            # in-process, right after: the officer waits for the first part only.
            services.application_document_prepare(application_id=application.pk)
            done = time.perf_counter()
            decision_ms.append((decided - started) * 1000)
            document_ms.append((done - decided) * 1000)
            approve_ms.append((done - started) * 1000)
            started = time.perf_counter()
            services.application_sign(application=application, signer=signer)
            sign_ms.append((time.perf_counter() - started) * 1000)
            application.refresh_from_db()
            document = application.document
            for attr in ("signed_file", "file"):
                f = getattr(document, attr, None)
                if f:
                    sizes.append(f.size)
                    break

    def stats(values: list[float]) -> dict:
        return {
            "n": len(values),
            "p50": _percentile(values, 0.50),
            "p95": _percentile(values, 0.95),
            "max": max(values),
            "first": values[0],
            "mean": sum(values) / len(values),
        }

    total = [a + s for a, s in zip(approve_ms, sign_ms, strict=True)]
    return {
        "approve_ms": stats(approve_ms),
        "decision_ms": stats(decision_ms),
        "document_ms": stats(document_ms),
        "sign_ms": stats(sign_ms),
        "total_ms": stats(total),
        "pdf_bytes_p50": _percentile(sizes, 0.5) if sizes else None,
        "signer_backend": django.conf.settings.BALAIKOTA_SIGNER,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["accounts", "explain", "sign"])
    parser.add_argument("count", nargs="?", type=int, default=50)
    args = parser.parse_args()
    if args.what == "accounts":
        result = accounts()
    elif args.what == "explain":
        result = explain()
    else:
        result = sign(args.count)
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
