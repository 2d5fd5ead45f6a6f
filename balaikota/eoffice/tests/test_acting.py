"""Acting officials and delegation: a Plt/Plh takes the post's letters (signer, addressee, the
route's supervisors) for the period and signs as "Plt./Plh."; a.n./u.b. as configured; a
delegate initials and returns in the name of a colleague away, never signs."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from balaikota.accounts.models import Role
from balaikota.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from balaikota.eoffice import letterpdf, selectors, services
from balaikota.eoffice.models import (
    ActingAssignment,
    Delegation,
    Delivery,
    LetterKind,
    SigningMandate,
    Status,
)
from balaikota.eoffice.permissions import letters_visible_to
from balaikota.organization.models import Position
from balaikota.testing.factories import EmployeeFactory, PositionFactory, UnitFactory
from balaikota.testing.matrix import ALL_ROLES, check_row, grant, permission_matrix

from .conftest import draft, letter_input, ready

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def today():
    return timezone.localdate()


def assign(office, position, person, *, kind="plh", starts_on=None, ends_on=None, **extra):
    return services.acting_assign(
        position=position,
        acting_nip=person.nip,
        kind=kind,
        starts_on=starts_on or today(),
        ends_on=ends_on or today() + 5 * DAY,
        decree_number=extra.pop("decree_number", "800.1.11.1/12/2026"),
        actor=office.clerk,
        **extra,
    )


def pdf_text(letter, signer) -> str:
    letter.refresh_from_db()
    data = letterpdf.render(letter, verification_url="https://x/verifikasi/ABC/", signer=signer)
    return " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())


def _secretary(office):
    root = office.head_position.unit
    unit = UnitFactory(opd=office.opd, parent=root, name="Sekretariat")
    position = PositionFactory(
        unit=unit, name="Sekretaris", kind=Position.Kind.STRUCTURAL, is_head=True
    )
    return EmployeeFactory(position=position, full_name="Sri Mulyani, S.Sos.")


# --- Plt / Plh assignments ------------------------------------------------------------------


def test_an_assignment_is_refused_when_it_overlaps_is_backwards_or_is_ones_own_post(office):
    assign(office, office.head_position, office.kabid)
    with pytest.raises(InvalidInput) as overlap:
        assign(office, office.head_position, office.kasi, kind="plt", starts_on=today() + 2 * DAY)
    assert overlap.value.code == "overlapping_assignment"
    assert "Budi Santoso" in overlap.value.field_errors["starts_on"][0]
    with pytest.raises(InvalidInput) as backwards:
        assign(office, office.kabid.employee.position, office.kasi, ends_on=today() - DAY)
    assert "ends_on" in backwards.value.field_errors
    with pytest.raises(InvalidInput) as own:
        assign(
            office,
            office.head_position,
            office.head,
            starts_on=today() + 10 * DAY,
            ends_on=today() + 12 * DAY,
        )
    assert "sendiri" in own.value.field_errors["acting_nip"][0]
    with pytest.raises(Forbidden):
        services.acting_assign(
            position=office.head_position,
            acting_nip=office.kasi.nip,
            kind="plh",
            starts_on=today() + 20 * DAY,
            ends_on=today() + 21 * DAY,
            decree_number="800/1/2026",
            actor=office.drafter,
        )
    assert ActingAssignment.objects.count() == 1


def test_an_ended_assignment_frees_the_period_and_cannot_be_ended_twice(office):
    first = assign(office, office.head_position, office.kabid)
    services.acting_end(assignment=first, actor=office.clerk)
    with pytest.raises(Conflict):
        services.acting_end(assignment=first, actor=office.clerk)
    assert selectors.position_holder_today(office.head_position).user == office.head
    assign(office, office.head_position, office.kasi, kind="plt")
    assert selectors.position_holder_today(office.head_position).acting == "plt"


# --- Routing to the acting official ---------------------------------------------------------


def test_a_letter_submitted_while_a_plh_is_in_post_goes_to_the_plh_and_says_so(office):
    plh = _secretary(office).user
    assign(office, office.head_position, plh)
    letter = ready(office)
    assert (letter.signer, letter.signer_acting) == (plh, "plh")
    assert list(selectors.to_sign(plh)) == [letter]
    assert list(selectors.to_sign(office.head)) == []
    assert selectors.inbox_counts(plh)["sign"] == 1
    assert not office.head.has_perm("eoffice.sign_letter", letter)
    with pytest.raises(Forbidden):
        services.letter_sign(letter=letter, signer=office.head)

    services.letter_sign(letter=letter, signer=plh)
    letter.refresh_from_db()
    assert letter.status == Status.SENT and letter.signer == plh
    text = pdf_text(letter, plh)
    assert "Plh. Kepala Dinas Komunikasi dan Informatika," in text
    assert "Sri Mulyani, S.Sos." in text


def test_when_the_plh_period_ends_before_signing_the_letter_follows_the_post(office):
    plh = _secretary(office).user
    assignment = assign(office, office.head_position, plh)
    letter = ready(office)
    services.acting_end(assignment=assignment, actor=office.clerk)

    assert list(selectors.to_sign(plh)) == []
    assert list(selectors.to_sign(office.head)) == [letter]
    with pytest.raises(Forbidden):
        services.letter_sign(letter=letter, signer=plh)
    services.letter_sign(letter=letter, signer=office.head)
    letter.refresh_from_db()
    assert (letter.signer, letter.signer_acting, letter.status) == (office.head, "", Status.SENT)
    text = pdf_text(letter, office.head)
    assert "Plh." not in text and "Kepala Dinas Komunikasi dan Informatika," in text


def test_a_plt_of_a_vacant_post_is_on_the_default_route_and_receives_its_letters(office):
    kabid_employee = office.kabid.employee
    kabid_post = kabid_employee.position
    kabid_employee.is_active = False  # retired: the post is vacant
    kabid_employee.save()
    plt = _secretary(office).user
    assert services.default_route(drafter=office.drafter, signer_position=office.head_position) == [
        office.kasi
    ]
    assign(office, kabid_post, plt, kind="plt")
    assert services.default_route(drafter=office.drafter, signer_position=office.head_position) == [
        office.kasi,
        plt,
    ]

    letter = draft(office, to_nips=[], to_positions=[kabid_post])
    services.letter_submit(letter=letter, user=office.drafter)
    services.letter_initial(letter=letter, user=office.kasi)
    services.letter_initial(letter=letter, user=plt)
    services.letter_sign(letter=letter, signer=office.head)
    assert list(Delivery.objects.filter(letter=letter).values_list("recipient", flat=True)) == [
        plt.pk
    ]


def test_a_plh_replaces_the_supervisor_away_on_the_route(office):
    assign(office, office.kabid.employee.position, office.colleague)
    route = services.default_route(drafter=office.drafter, signer_position=office.head_position)
    assert route == [office.kasi, office.colleague]


# --- a.n. and u.b. --------------------------------------------------------------------------


def _mandates(office):
    secretary = _secretary(office)
    an = SigningMandate.objects.create(
        signer_position=secretary.position, principal_position=office.head_position
    )
    ub = SigningMandate.objects.create(
        signer_position=office.kabid.employee.position,
        principal_position=office.head_position,
        intermediate_position=secretary.position,
    )
    return secretary, an, ub


def test_the_signature_block_says_the_capacity(office):
    secretary, an, ub = _mandates(office)
    letter = draft(office)
    head = "Kepala Dinas Komunikasi dan Informatika"
    assert selectors.signing_capacity(letter).lines == [f"{head},"]
    letter.signer_acting = "plt"
    assert selectors.signing_capacity(letter).lines == [f"Plt. {head},"]
    letter.signer_acting, letter.mandate = "", an
    letter.signer_position = secretary.position
    capacity = selectors.signing_capacity(letter)
    assert (capacity.code, capacity.lines) == ("an", [f"a.n. {head},", "Sekretaris,"])
    letter.mandate, letter.signer_position = ub, office.kabid.employee.position
    capacity = selectors.signing_capacity(letter)
    assert capacity.code == "ub"
    assert capacity.lines == [f"a.n. {head},", "Sekretaris,", "u.b.", "Kepala Bidang E-Government,"]


def test_a_letter_signed_an_by_the_secretary_prints_it(office):
    secretary, an, _ub = _mandates(office)
    letter = draft(office, signer_position=None, mandate=an, route_nips=[office.kasi.nip])
    assert letter.signer_position == secretary.position and letter.mandate == an
    services.letter_submit(letter=letter, user=office.drafter)
    services.letter_initial(letter=letter, user=office.kasi)
    services.letter_sign(letter=letter, signer=secretary.user)
    text = pdf_text(letter, secretary.user)
    assert (
        "a.n. Kepala Dinas Komunikasi dan Informatika, Sekretaris, "
        "Ditandatangani secara elektronik Sri Mulyani, S.Sos."
    ) in text


def test_a_letter_signed_ub_prints_both_levels(office):
    _secretary_, _an, ub = _mandates(office)
    letter = draft(office, signer_position=None, mandate=ub, route_nips=[office.kasi.nip])
    services.letter_submit(letter=letter, user=office.drafter)
    services.letter_initial(letter=letter, user=office.kasi)
    services.letter_sign(letter=letter, signer=office.kabid)
    text = pdf_text(letter, office.kabid)
    assert (
        "a.n. Kepala Dinas Komunikasi dan Informatika, Sekretaris, u.b. "
        "Kepala Bidang E-Government, Ditandatangani secara elektronik Budi Santoso"
    ) in text


def test_a_mandate_must_fit_the_kind_and_the_signer(office):
    _secretary_, an, _ub = _mandates(office)
    an.kinds.add(LetterKind.objects.get(code="surat-dinas"))
    with pytest.raises(InvalidInput) as wrong_kind:
        draft(office, signer_position=None, mandate=an)
    assert "mandate" in wrong_kind.value.field_errors
    an.kinds.clear()
    with pytest.raises(InvalidInput) as wrong_signer:
        draft(office, mandate=an)  # the head as signer, yet "a.n." by the secretary
    assert "Sekretaris" in wrong_signer.value.field_errors["mandate"][0]


# --- Delegation -----------------------------------------------------------------------------


def delegate(person, to, *, starts_on=None, ends_on=None, reason="cuti"):
    return services.delegation_create(
        delegator=person,
        delegate_nip=to.nip,
        starts_on=starts_on or today(),
        ends_on=ends_on or today() + 3 * DAY,
        reason=reason,
    )


def test_a_delegation_to_oneself_in_the_past_or_overlapping_is_refused(office):
    with pytest.raises(InvalidInput) as own:
        delegate(office.kasi, office.kasi)
    assert "diri sendiri" in own.value.field_errors["delegate_nip"][0]
    with pytest.raises(InvalidInput) as past:
        delegate(office.kasi, office.drafter, starts_on=today() - 3 * DAY, ends_on=today() - DAY)
    assert "ends_on" in past.value.field_errors
    with pytest.raises(InvalidInput) as backwards:
        delegate(office.kasi, office.drafter, starts_on=today() + 3 * DAY, ends_on=today())
    assert "ends_on" in backwards.value.field_errors
    delegate(office.kasi, office.colleague)
    with pytest.raises(InvalidInput) as overlap:
        delegate(office.kasi, office.drafter, starts_on=today() + 2 * DAY)
    assert overlap.value.code == "overlapping_delegation"
    assert Delegation.objects.count() == 1


def test_a_delegate_initials_in_the_name_of_the_verifier_away(office):
    delegate(office.kasi, office.colleague)
    letter = draft(office)
    services.letter_submit(letter=letter, user=office.drafter)
    letter.refresh_from_db()
    assert list(selectors.delegated_to_initial(office.colleague)) == [letter]
    assert selectors.delegated_counts(office.colleague)["paraf"] == 1
    assert office.colleague.has_perm("eoffice.view_letter", letter)

    services.letter_initial(letter=letter, user=office.colleague, comment="Sudah sesuai.")
    letter.refresh_from_db()
    assert letter.current_verifier == office.kabid
    event = letter.events.get(action="initial")
    assert (event.actor, event.on_behalf_of) == (office.colleague, office.kasi)
    row = [r for r in selectors.history(letter) if r.on_behalf][0]
    assert (row.actor, row.on_behalf) == ("Dewi Anggraini", "Citra Lestari")
    # The delegate is not the next verifier's delegate: nothing more for them to do.
    with pytest.raises(Forbidden):
        services.letter_initial(letter=letter, user=office.colleague)


def test_a_delegate_returns_for_the_verifier_away_and_the_event_says_for_whom(office):
    delegate(office.kasi, office.colleague, reason="dinas_luar")
    letter = draft(office)
    services.letter_submit(letter=letter, user=office.drafter)
    services.letter_return(letter=letter, user=office.colleague, reason="Lampiran belum ada.")
    event = letter.events.get(action="return")
    assert (event.actor, event.on_behalf_of) == (office.colleague, office.kasi)


def test_a_delegation_never_carries_signing_power(office):
    delegate(office.head, office.kabid)
    letter = ready(office)
    assert not office.kabid.has_perm("eoffice.sign_letter", letter)
    with pytest.raises(Forbidden) as refused:
        services.letter_sign(letter=letter, signer=office.kabid)
    assert refused.value.code == "delegation_cannot_sign"
    assert "Plt/Plh" in refused.value.text and "Hendra Wijaya" in refused.value.text
    letter.refresh_from_db()
    assert letter.status == Status.READY and not letter.number


def test_a_delegate_reads_the_letters_delivered_to_the_person_away(office):
    delegate(office.colleague, office.clerk)
    letter = ready(office)
    services.letter_sign(letter=letter, signer=office.head)
    assert [d.letter for d in selectors.delegated_received(office.clerk)] == [letter]
    assert letter in letters_visible_to(office.clerk)


def test_after_the_period_the_delegate_acts_for_nobody(office):
    item = delegate(office.kasi, office.colleague)
    Delegation.objects.filter(pk=item.pk).update(starts_on=today() - 5 * DAY, ends_on=today() - DAY)
    letter = draft(office)
    services.letter_submit(letter=letter, user=office.drafter)
    fresh = type(office.colleague).objects.get(pk=office.colleague.pk)
    assert not fresh.has_perm("eoffice.view_letter", letter)
    with pytest.raises(Forbidden):
        services.letter_initial(letter=letter, user=fresh)


# --- The matrix: who may do what, acting or delegated, during and after the period ----------


def _fresh(user):
    return type(user).objects.get(pk=user.pk)  # no per-request memo of delegations


@pytest.mark.parametrize(
    ("who", "perm", "allowed"),
    [
        ("holder", "sign_letter", False),
        ("acting", "sign_letter", True),
        ("ex_acting", "sign_letter", False),
        ("holder_after", "sign_letter", True),
        ("delegate", "sign_letter", False),
        # what waits for the delegator's signature is not the delegate's to see
        ("delegate", "view_letter", False),
        ("acting", "view_letter", True),
        ("acting", "return_letter", True),
        ("delegate", "return_letter", False),
        ("ex_acting", "return_letter", False),
    ],
)
def test_acting_and_delegation_matrix_on_a_letter_ready_to_sign(office, who, perm, allowed):
    plh = _secretary(office).user
    assignment = assign(office, office.head_position, plh)
    letter = ready(office)
    delegation = delegate(office.head, office.colleague)
    if who in {"ex_acting", "holder_after"}:
        ActingAssignment.objects.filter(pk=assignment.pk).update(
            starts_on=today() - 5 * DAY, ends_on=today() - DAY
        )
    if who == "ex_delegate":
        Delegation.objects.filter(pk=delegation.pk).update(
            starts_on=today() - 5 * DAY, ends_on=today() - DAY
        )
    person = {
        "holder": office.head,
        "holder_after": office.head,
        "acting": plh,
        "ex_acting": plh,
        "delegate": office.colleague,
        "ex_delegate": office.colleague,
    }[who]
    assert _fresh(person).has_perm(f"eoffice.{perm}", letter) is allowed


@pytest.mark.parametrize(
    ("who", "perm", "allowed"),
    [
        ("verifier", "initial_letter", True),
        ("delegate", "initial_letter", True),
        ("delegate", "return_letter", True),
        ("ex_delegate", "initial_letter", False),
        ("ex_delegate", "return_letter", False),
        ("other", "initial_letter", False),
    ],
)
def test_delegation_matrix_on_a_letter_waiting_for_paraf(office, who, perm, allowed):
    letter = draft(office)
    services.letter_submit(letter=letter, user=office.drafter)
    delegation = delegate(office.kasi, office.colleague)
    if who == "ex_delegate":
        Delegation.objects.filter(pk=delegation.pk).update(
            starts_on=today() - 5 * DAY, ends_on=today() - DAY
        )
    person = {
        "verifier": office.kasi,
        "delegate": office.colleague,
        "ex_delegate": office.colleague,
        "other": office.clerk,
    }[who]
    letter.refresh_from_db()
    assert _fresh(person).has_perm(f"eoffice.{perm}", letter) is allowed


def _opd_of(whose, people):
    if whose == "none":
        return None
    return people.other_opd if whose == "other_opd" else people.opd


@permission_matrix(
    [
        *grant("eoffice.manage_acting", whose="own_opd", to={Role.RECORDS_CLERK}),
        *grant("eoffice.manage_acting", whose="other_opd", to=()),
        *grant("eoffice.view_acting", whose="none", to={Role.RECORDS_CLERK}),
        *grant("eoffice.delegate_inbox", whose="none", to=set(ALL_ROLES) - {Role.CITIZEN}),
    ]
)
def test_who_keeps_acting_assignments_and_who_may_delegate(row, request):
    check_row(row, request, subject=_opd_of)


def test_the_form_input_keeps_a_mandate(office):
    _secretary_, an, _ub = _mandates(office)
    data = letter_input(office, signer_position=None, mandate=an)
    assert data.mandate == an


# --- API and web: the delegate's paraf and return agree; the pages refuse bad input ---------

API = "/api/v1/surat"


def _api(user):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user)
    return client


def _web(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def _in_review(office):
    letter = draft(office)
    services.letter_submit(letter=letter, user=office.drafter)
    letter.refresh_from_db()
    return letter


def test_the_api_shows_atas_nama_and_the_capacity(office):
    delegate(office.kasi, office.colleague)
    letter = _in_review(office)
    rows = _api(office.colleague).get(f"{API}/kotak-masuk/?tampil=atas-nama").json()["results"]
    assert [(r["id"], r["on_behalf_of"]) for r in rows] == [(letter.pk, "Citra Lestari")]
    body = _api(office.colleague).get(f"{API}/{letter.pk}/").json()
    assert body["on_behalf_of"] == "Citra Lestari"
    assert body["allowed_actions"] == ["initial", "return"]
    _api(office.colleague).post(f"{API}/{letter.pk}/paraf/", {}, format="json")
    body = _api(office.drafter).get(f"{API}/{letter.pk}/").json()
    paraf = [row for row in body["history"] if row["on_behalf"]]
    assert paraf[0]["actor"] == "Dewi Anggraini" and paraf[0]["on_behalf"] == "Citra Lestari"

    plh = _secretary(office).user
    assign(office, office.head_position, plh)
    signed = ready(office)
    services.letter_sign(letter=signed, signer=plh)
    body = _api(office.drafter).get(f"{API}/{signed.pk}/").json()
    assert body["signer_acting"] == "plh"
    assert body["capacity"]["lines"] == ["Plh. Kepala Dinas Komunikasi dan Informatika,"]


@pytest.mark.parametrize(
    ("action", "who", "data", "klass"),
    [
        ("initial", "colleague", {"comment": "Atas nama Bu Citra."}, 2),
        ("return", "colleague", {"reason": "Dasar hukum belum ada."}, 2),
        ("return", "colleague", {"reason": ""}, 4),
        ("initial", "clerk", {}, 4),  # no delegation: 403
    ],
)
def test_web_and_api_agree_on_a_delegate_s_paraf_and_return(office, action, who, data, klass):
    delegate(office.kasi, office.colleague)
    web_letter, api_letter = _in_review(office), _in_review(office)
    actor = getattr(office, who)
    web = _web(actor).post(f"/surat/{web_letter.pk}/aksi/{action}/", data)
    path = {"initial": "paraf", "return": "kembalikan"}[action]
    api = _api(actor).post(f"{API}/{api_letter.pk}/{path}/", data, format="json")
    web_class = 2 if web.status_code in (200, 302) else web.status_code // 100
    assert (web_class, api.status_code // 100) == (klass, klass)
    if klass == 4:
        assert web.status_code == api.status_code
    outcomes = []
    for letter in (web_letter, api_letter):
        letter.refresh_from_db()
        events = list(letter.events.order_by("at", "pk").values_list("action", "on_behalf_of"))
        outcomes.append((letter.status, events))
    assert outcomes[0] == outcomes[1]
    if klass == 2:
        assert outcomes[0][1][-1] == (action, office.kasi.pk)


def test_the_acting_page_lists_adds_and_refuses_bad_input(office):
    client = _web(office.clerk)
    page = client.get("/surat/plt-plh/")
    assert page.status_code == 200 and "Tambah penugasan" in page.content.decode()
    form = {
        "position": office.head_position.pk,
        "kind": "plh",
        "acting_nip": office.kabid.nip,
        "starts_on": today().isoformat(),
        "ends_on": (today() + 3 * DAY).isoformat(),
        "decree_number": "800.1.11.1/45/2026",
    }
    assert client.post("/surat/plt-plh/", form).status_code == 302
    again = client.post("/surat/plt-plh/", form)
    assert again.status_code == 400 and "tumpang tindih" in again.content.decode()
    backwards = client.post("/surat/plt-plh/", form | {"ends_on": "2020-01-01"})
    assert backwards.status_code == 400
    assert ActingAssignment.objects.count() == 1
    listed = client.get("/surat/plt-plh/").content.decode()
    assert "Plh. Kepala Dinas" in listed and "Budi Santoso" in listed and "Berlaku" in listed
    assert _web(office.drafter).get("/surat/plt-plh/").status_code == 403


def test_the_delegation_page_adds_ends_and_refuses_bad_input(office):
    client = _web(office.kasi)
    form = {
        "delegate_nip": office.colleague.nip,
        "reason": "cuti",
        "starts_on": today().isoformat(),
        "ends_on": (today() + 3 * DAY).isoformat(),
    }
    own = client.post("/surat/delegasi/", form | {"delegate_nip": office.kasi.nip})
    assert own.status_code == 400 and "diri sendiri" in own.content.decode()
    assert client.post("/surat/delegasi/", form | {"starts_on": "kemarin"}).status_code == 400
    assert client.post("/surat/delegasi/", form).status_code == 302
    item = Delegation.objects.get()
    inbox = _web(office.colleague).get("/surat/?tampil=atas-nama").content.decode()
    assert "Atas nama (0)" in inbox and "Citra Lestari" in inbox
    assert client.post(f"/surat/delegasi/{item.pk}/akhiri/").status_code == 302
    item.refresh_from_db()
    assert item.ended_at is not None
    assert _web(office.colleague).post(f"/surat/delegasi/{item.pk}/akhiri/").status_code == 404


def test_the_delegated_inbox_costs_the_same_with_more_letters(
    office, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    delegate(office.kasi, office.colleague)
    _in_review(office)
    client = _web(office.colleague)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/surat/?tampil=atas-nama").status_code == 200
    for _n in range(4):
        _in_review(office)
    with django_assert_max_num_queries(len(queries)):
        assert "Atas nama (5)" in client.get("/surat/?tampil=atas-nama").content.decode()


def test_the_drafter_chooses_a_mandate_on_the_form_and_the_page_says_it(office):
    secretary, an, _ub = _mandates(office)
    client = _web(office.drafter)
    form = client.get("/surat/baru/nota-dinas/").content.decode()
    assert "Sekretaris a.n. Kepala Dinas Komunikasi dan Informatika" in form
    answer = client.post(
        "/surat/baru/nota-dinas/",
        {
            "classification": letter_input(office).classification.pk,
            "subject": "Permohonan data pengguna aplikasi",
            "body": "Dengan hormat, mohon dikirimkan data pengguna aplikasi.",
            "security_class": "biasa",
            "urgency": "biasa",
            "mandate": an.pk,
            "route": office.kasi.nip,
            "to_nips": office.colleague.nip,
        },
    )
    assert answer.status_code == 302
    from balaikota.eoffice.models import Letter

    letter = Letter.objects.get()
    assert (letter.mandate, letter.signer_position) == (an, secretary.position)
    page = client.get(letter.get_absolute_url()).content.decode()
    assert "a.n. Kepala Dinas Komunikasi dan Informatika, Sekretaris" in page


def test_the_plh_is_told_a_letter_waits_for_their_signature(office):
    from balaikota.notifications.models import Notification

    plh = _secretary(office).user
    assign(office, office.head_position, plh)
    ready(office)
    assert Notification.objects.filter(recipient=plh, title__contains="tanda tangan").exists()
    assert not Notification.objects.filter(
        recipient=office.head, title__contains="tanda tangan"
    ).exists()


def test_a_delegation_does_not_pass_on_a_rahasia_letter(office):
    delegate(office.kasi, office.colleague)
    letter = draft(office, security_class="rahasia")
    services.letter_submit(letter=letter, user=office.drafter)
    letter.refresh_from_db()
    assert list(selectors.delegated_to_initial(office.colleague)) == []
    assert not office.colleague.has_perm("eoffice.view_letter", letter)
    assert letter not in letters_visible_to(office.colleague)
    with pytest.raises(Forbidden):
        services.letter_initial(letter=letter, user=office.colleague)
    services.letter_initial(letter=letter, user=office.kasi)  # the verifier, back, still can


def test_a_delegate_disposes_an_incoming_letter_in_the_name_of_the_head_away(office):
    """The head is on leave and delegated the inbox to the head of division: the disposition
    is the head's, and its history says who gave it for whom. A Rahasia letter stays closed."""
    from balaikota.eoffice.models import Disposition

    from .incoming_helpers import dispose, register

    delegate(office.head, office.kabid)
    incoming = register(office)
    [given] = dispose(office.kabid, incoming, [office.kasi])
    assert given.author == office.head and given.recipient == office.kasi
    reason = given.events.get(action="create").reason
    assert "Oleh Budi Santoso atas nama Dr. Hendra Wijaya." in reason
    assert incoming.events.get(action="dispose").actor == office.kabid
    # The recipient closes theirs; the delegate may also withdraw in the head's name.
    [other] = dispose(office.kabid, incoming, [office.drafter])
    from balaikota.eoffice import dispositions

    dispositions.disposition_withdraw(user=office.kabid, disposition=other)
    assert Disposition.objects.get(pk=other.pk).status == "withdrawn"
    secret = register(office, sender_number="RHS/1", security_class="rahasia")
    with pytest.raises((Forbidden, NotFound)):
        dispose(office.kabid, secret, [office.kasi])
