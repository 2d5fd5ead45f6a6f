"""What differs between service types — one handler class each, registered by code.

A handler says how a service type's form is split into steps, what its data must satisfy
beyond the form schema, what counts as a duplicate, what the approval adds (a child's NIK),
what the issued document says, and what the population register learns once it is issued.
Adding a service type with its own behaviour means adding one class here (and its seed data in
``data/service_types.py``); a service type without a class gets ``ServiceHandler``.

Handlers only compute: the services (``services.py``) do every write around them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balaikota.core.identity import parse_nik

from .interfaces import Newborn, ResidentRecord, get_population_register
from .models import Application, Resident, ServiceType
from .schema import date_in_words

MOTHER_MIN_AGE, MOTHER_MAX_AGE = 10, 65


@dataclass(frozen=True)
class DocumentSpec:
    """The content of the official document a service issues (laid out by ``documents``)."""

    title: str
    rows: list[tuple[str, str]]
    paragraphs: list[str]
    subject_name: str
    subject_nik: str


@dataclass(frozen=True)
class FollowUp:
    """An application the platform files by itself once this one is issued (e.g. the family
    card update after a birth)."""

    service_code: str
    data: dict = field(default_factory=dict)
    reason: str = ""


def _age_on(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _person_name(nik: str, typed: str = "") -> str:
    """The name the register holds for ``nik``, else the name the applicant typed ('' if
    neither: the certificate never prints a placeholder)."""
    record = get_population_register().lookup_resident(nik) if nik else None
    return record.full_name if record else str(typed or "").strip()


def _ordinal(n: int) -> str:
    """1 → "pertama", 2 → "kedua", 11 → "kesebelas": the order of birth as the deed writes it."""
    from num2words import num2words

    return "pertama" if n == 1 else f"ke{num2words(n, lang='id')}"


def _normalized_name(name: str) -> str:
    return " ".join(str(name).lower().split())


def _add_error(errors: dict, name: str, message: str) -> None:
    errors.setdefault(name, []).append(message)


@dataclass(frozen=True)
class RegisterCheck:
    """A person the form names by NIK, as the population register knows them."""

    role: str  # "mother", "father"
    label: str
    nik: str
    found: bool  # the NIK is in the register
    register_name: str
    typed_name: str  # what the applicant typed (for a NIK the register does not have)

    @property
    def name(self) -> str:
        return self.register_name or self.typed_name

    @property
    def matches(self) -> bool | None:
        """Whether a typed name agrees with the register's (None when there is nothing to
        compare)."""
        if not (self.register_name and self.typed_name):
            return None
        return _normalized_name(self.register_name) == _normalized_name(self.typed_name)


class ServiceHandler:
    """The behaviour every service type has; subclasses override what is particular."""

    code: str = ""
    #: (step title, field names) in order; fields not named are grouped by ``FIELDS_PER_STEP``
    step_layout: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: the name of the duplicate rule ("" = no duplicate check)
    duplicate_rule: str = ""
    #: the form fields shown side by side with a matching application or resident
    comparison_fields: tuple[str, ...] = ()

    # --- Submission ---------------------------------------------------------------------

    def validate(self, application: Application, errors: dict[str, list[str]]) -> None:
        """Rules beyond the form schema, once the schema is satisfied (add to ``errors``)."""

    def extra_missing_documents(self, application: Application, uploaded: dict) -> list[str]:
        """Names of documents this application needs on top of the service's requirements."""
        return []

    # --- The register and the certificate ------------------------------------------------

    def parents(self, application: Application) -> list[RegisterCheck]:
        """The people named by NIK whose names the document prints, checked in the register."""
        return []

    def certificate_gaps(self, application: Application) -> list[str]:
        """What the document would print empty (approval is refused while any is missing)."""
        return []

    # --- Duplicates ----------------------------------------------------------------------

    def duplicate_key(self, application: Application) -> str:
        return ""

    def duplicate_residents(self, application: Application) -> QuerySet[Resident]:
        return Resident.objects.none()

    def resident_values(self, resident: Resident) -> dict[str, str]:
        """A register entry's values under this form's field names (for the comparison)."""
        return {}

    # --- Prefill -------------------------------------------------------------------------

    def prefill(self, record: ResidentRecord, names: set[str]) -> dict:
        """Initial form data from the applicant's own register record."""
        data: dict = {}
        if "reporter_nik" in names:
            data["reporter_nik"] = record.nik
        if "kk_number" in names and record.kk_number:
            data["kk_number"] = record.kk_number
        return data

    # --- Approval and issue --------------------------------------------------------------

    def on_approve(self, application: Application) -> dict:
        """Fields the approval sets on the application (in the approval's transaction)."""
        return {}

    def document(self, application: Application, *, office_name: str, issued_on: dt.date):
        """The issued document's content; None for a service that issues no document."""
        labels = {f["name"]: f["label"] for f in application.service_type.form_schema}
        rows = [("Nama pemohon", application.applicant_name)] + [
            (labels[name], str(value))
            for name, value in application.data.items()
            if name in labels and value not in ("", None)
        ]
        return DocumentSpec(
            title=application.service_type.name.upper(),
            rows=rows,
            paragraphs=[f"Diterbitkan pada tanggal {date_in_words(issued_on)}."],
            subject_name=application.applicant_name,
            subject_nik=application.applicant_nik,
        )

    def on_issued(self, application: Application) -> None:
        """What the population register learns once the document is signed."""

    def follow_up(self, application: Application) -> FollowUp | None:
        return None


_HANDLERS: dict[str, ServiceHandler] = {}
_DEFAULT = ServiceHandler()


def register(cls: type[ServiceHandler]) -> type[ServiceHandler]:
    _HANDLERS[cls.code] = cls()
    return cls


def handler_for(service_type: ServiceType | str) -> ServiceHandler:
    code = service_type if isinstance(service_type, str) else service_type.code
    return _HANDLERS.get(code, _DEFAULT)


# --- Birth certificate (akta kelahiran) ------------------------------------------------------


@register
class BirthHandler(ServiceHandler):
    code = "akta-kelahiran"
    step_layout = (
        (
            gettext_lazy("Data anak"),
            (
                "child_name",
                "child_sex",
                "birth_date",
                "birth_time",
                "birth_place_kind",
                "birth_place_name",
                "birth_city",
                "birth_order",
                "birth_weight_kg",
                "birth_length_cm",
            ),
        ),
        (
            gettext_lazy("Data orang tua"),
            (
                "mother_nik",
                "mother_name",
                "father_nik",
                "father_name",
                "marriage_recorded",
                "kk_number",
            ),
        ),
        (gettext_lazy("Pelapor"), ("reporter_nik", "reporter_relationship")),
    )
    duplicate_rule = "birth_mother_name_date"
    comparison_fields = ("child_name", "birth_date", "mother_nik", "father_nik")

    def validate(self, application, errors):
        data = application.data
        today = timezone.localdate()
        birth = dt.date.fromisoformat(data["birth_date"]) if data.get("birth_date") else None
        if birth and birth > today:
            _add_error(errors, "birth_date", _("Tanggal lahir tidak boleh setelah hari ini."))
        mother_nik = data.get("mother_nik", "")
        if mother_nik and birth:
            mother = parse_nik(mother_nik)
            record = get_population_register().lookup_resident(mother_nik)
            mother_birth = record.birth_date if record else mother.birth_date
            female = (record.sex == "P") if record else mother.is_female
            if not female:
                _add_error(
                    errors,
                    "mother_nik",
                    _("NIK ibu harus NIK perempuan (tanggal lahir pada NIK ditambah 40)."),
                )
            age = _age_on(mother_birth, birth)
            if not MOTHER_MIN_AGE <= age <= MOTHER_MAX_AGE:
                _add_error(
                    errors,
                    "mother_nik",
                    _(
                        "Menurut data kependudukan, ibu berusia %(age)d tahun pada tanggal "
                        "kelahiran; usia ibu harus %(low)d–%(high)d tahun. Periksa kembali NIK "
                        "ibu dan tanggal lahir."
                    )
                    % {"age": age, "low": MOTHER_MIN_AGE, "high": MOTHER_MAX_AGE},
                )
        if data.get("father_nik") and data.get("father_nik") == mother_nik:
            _add_error(errors, "father_nik", _("NIK ayah tidak boleh sama dengan NIK ibu."))
        for parent in self.parents(application):
            if parent.nik and not parent.found and not parent.typed_name:
                _add_error(
                    errors,
                    f"{parent.role}_name",
                    _(
                        "%(who)s dengan NIK ini tidak ditemukan di database kependudukan: tulis "
                        "namanya seperti di KTP-el atau buku nikah."
                    )
                    % {"who": parent.label},
                )
        if data.get("marriage_recorded") == "ya" and not data.get("father_nik"):
            _add_error(
                errors,
                "father_nik",
                _("Perkawinan tercatat: isi NIK ayah (tertulis di buku nikah/akta perkawinan)."),
            )

    def parents(self, application) -> list[RegisterCheck]:
        """The mother and (if given) the father, each checked against the register."""
        data = application.data
        register_ = get_population_register()
        checks = []
        for role, label in (("mother", _("Ibu")), ("father", _("Ayah"))):
            nik = data.get(f"{role}_nik", "")
            typed = str(data.get(f"{role}_name", "") or "").strip()
            if not nik and not typed:
                continue
            record = register_.lookup_resident(nik) if nik else None
            checks.append(
                RegisterCheck(
                    role=role,
                    label=str(label),
                    nik=nik,
                    found=record is not None,
                    register_name=record.full_name if record else "",
                    typed_name=typed,
                )
            )
        return checks

    def certificate_gaps(self, application) -> list[str]:
        gaps = super().certificate_gaps(application)
        names = {p.role: p.name for p in self.parents(application)}
        if not names.get("mother"):
            gaps.append(_("nama ibu"))
        if application.data.get("marriage_recorded") == "ya" and not names.get("father"):
            gaps.append(_("nama ayah"))
        return gaps

    def extra_missing_documents(self, application, uploaded):
        if application.data.get("marriage_recorded") == "tidak" and "sptjm_pasutri" not in uploaded:
            return [_("SPTJM kebenaran sebagai pasangan suami istri (F-2.04)")]
        return []

    def duplicate_key(self, application):
        data = application.data
        return (
            f"birth:{data.get('mother_nik', '')}:{_normalized_name(data.get('child_name', ''))}:"
            f"{data.get('birth_date', '')}"
        )[:200]

    def duplicate_residents(self, application):
        data = application.data
        return Resident.objects.filter(
            mother_nik=data.get("mother_nik", ""),
            birth_date=data.get("birth_date"),
            full_name__iexact=str(data.get("child_name", "")).strip(),
        )

    def resident_values(self, resident):
        return {
            "child_name": resident.full_name,
            "birth_date": resident.birth_date.isoformat(),
            "mother_nik": resident.mother_nik,
            "father_nik": resident.father_nik,
        }

    def prefill(self, record, names):
        data = super().prefill(record, names)
        spouse = next(
            (
                m
                for m in record.family_members
                if m.nik != record.nik and m.relationship in ("kepala", "pasangan") and m.is_alive
            ),
            None,
        )
        mother, father = (record.nik, spouse.nik if spouse else "")
        if record.sex != "P":
            mother, father = (spouse.nik if spouse else ""), record.nik
        data.update({"mother_nik": mother, "father_nik": father})
        data["reporter_relationship"] = "ibu" if record.sex == "P" else "ayah"
        return {k: v for k, v in data.items() if v}

    def _district_of_child(self, application) -> str:
        data, register_ = application.data, get_population_register()
        district = ""
        if data.get("kk_number"):
            family = register_.family_of(data["kk_number"])
            district = family.district_code if family else ""
        if not district:
            mother = register_.lookup_resident(data.get("mother_nik", ""))
            district = mother.district_code if mother and mother.district_code else ""
        if not district:
            nik = data.get("mother_nik") or application.applicant_nik
            district = f"{nik[0:2]}.{nik[2:4]}.{nik[4:6]}"
        return district

    def on_approve(self, application):
        data = application.data
        return {
            "assigned_nik": get_population_register().next_nik(
                district_code=self._district_of_child(application),
                birth_date=dt.date.fromisoformat(data["birth_date"]),
                female=data.get("child_sex") == "P",
            )
        }

    def document(self, application, *, office_name, issued_on):

        data = application.data
        birth = dt.date.fromisoformat(data["birth_date"])
        mother = _person_name(data.get("mother_nik", ""), data.get("mother_name", ""))
        father = _person_name(data.get("father_nik", ""), data.get("father_name", ""))
        if data.get("marriage_recorded") == "tidak":
            parents = (
                f"dari ibu {mother} dan ayah {father}, yang perkawinannya belum tercatat"
                if father
                else f"dari seorang ibu bernama {mother}"
            )
        else:
            parents = f"dari ayah {father} dan ibu {mother}"
        order = int(data.get("birth_order") or 1)
        place = data.get("birth_city") or "Semarang"
        sex = "laki-laki" if data.get("child_sex") == "L" else "perempuan"
        paragraph = (
            f"Berdasarkan Akta Kelahiran Nomor {application.registration_number}, bahwa di "
            f"{place} pada tanggal {date_in_words(birth)} telah lahir {data.get('child_name')}, "
            f"anak {_ordinal(order)}, {sex}, {parents}."
        )
        return DocumentSpec(
            title="KUTIPAN AKTA KELAHIRAN",
            rows=[
                ("Nomor Induk Kependudukan", application.assigned_nik),
                ("Nama", data.get("child_name", "")),
                ("Tempat lahir", place),
                ("Tanggal lahir", f"{birth:%d-%m-%Y} ({date_in_words(birth)})"),
                ("Jenis kelamin", "Laki-laki" if data.get("child_sex") == "L" else "Perempuan"),
                *([("Nama ayah", father)] if father else []),
                ("Nama ibu", mother),
                ("Diterbitkan di", "Semarang"),
                ("Tanggal terbit", date_in_words(issued_on)),
            ],
            paragraphs=[paragraph],
            subject_name=data.get("child_name", ""),
            subject_nik=application.assigned_nik,
        )

    def on_issued(self, application):
        data = application.data
        get_population_register().add_newborn(
            Newborn(
                full_name=data.get("child_name", ""),
                sex=data.get("child_sex", ""),
                birth_place=data.get("birth_city") or "Semarang",
                birth_date=dt.date.fromisoformat(data["birth_date"]),
                mother_nik=data.get("mother_nik", ""),
                father_nik=data.get("father_nik", ""),
                kk_number=data.get("kk_number", ""),
                nik=application.assigned_nik,
            )
        )

    def follow_up(self, application):
        data = application.data
        kk_number = data.get("kk_number") or ""
        if not kk_number:
            mother = get_population_register().lookup_resident(data.get("mother_nik", ""))
            kk_number = mother.kk_number if mother else ""
        return FollowUp(
            service_code=FamilyCardAddHandler.code,
            data={
                "kk_number": kk_number,
                "member_nik": application.assigned_nik,
                "member_name": data.get("child_name", ""),
                "reason": "kelahiran",
            },
            reason=_(
                "Karena kelahiran %(child)s (akta kelahiran %(number)s), Kartu Keluarga Anda "
                "diperbarui; Anda tidak perlu berbuat apa-apa."
            )
            % {
                "child": data.get("child_name", "") or _("anak Anda"),
                "number": application.registration_number,
            },
        )


# --- Death certificate (akta kematian) --------------------------------------------------------


@register
class DeathHandler(ServiceHandler):
    code = "akta-kematian"
    step_layout = (
        (
            gettext_lazy("Data almarhum/almarhumah"),
            ("deceased_nik", "deceased_name", "death_date", "death_place", "death_cause"),
        ),
        (gettext_lazy("Pelapor"), ("reporter_nik", "reporter_relationship")),
    )
    duplicate_rule = "death_nik"
    comparison_fields = ("deceased_nik", "deceased_name", "death_date")

    def validate(self, application, errors):
        death = application.data.get("death_date")
        if death and dt.date.fromisoformat(death) > timezone.localdate():
            _add_error(errors, "death_date", _("Tanggal kematian tidak boleh setelah hari ini."))

    def duplicate_key(self, application):
        return f"death:{application.data.get('deceased_nik', '')}"

    def duplicate_residents(self, application):
        return Resident.objects.filter(nik=application.data.get("deceased_nik", ""), is_alive=False)

    def resident_values(self, resident):
        return {
            "deceased_nik": resident.nik,
            "deceased_name": resident.full_name,
            "death_date": resident.death_date.isoformat() if resident.death_date else "",
        }

    def on_issued(self, application):
        data = application.data
        get_population_register().record_death(
            nik=data.get("deceased_nik", ""), death_date=dt.date.fromisoformat(data["death_date"])
        )


@register
class FamilyCardAddHandler(ServiceHandler):
    """Adding a member to a family card (filed by the platform after a birth, or by citizens)."""

    code = "kk-tambah-anggota"


def signer_title() -> str:
    return getattr(settings, "CIVIL_REGISTRY_SIGNER_NAME", "Pejabat Pencatatan Sipil")
