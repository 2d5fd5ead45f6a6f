"""HTML input of civil registration: the step-by-step application form built from a service
type's form schema, uploads, the officer's decisions, signing, assisted intake and tracking.

Forms only parse and shape input; the services check the rules (one set of messages for the web
form and the API)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .handlers import handler_for
from .models import OPEN_STATUSES, ServiceType, Status
from .schema import clean_data

# --- Steps of the application form -------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    number: int
    title: str
    fields: tuple[dict, ...] = field(default_factory=tuple)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(spec["name"] for spec in self.fields)


FIELDS_PER_STEP = 6


def form_steps(service_type: ServiceType) -> list[Step]:
    """The schema's fields grouped into steps (2–4 for the seeded services)."""
    specs = {spec["name"]: spec for spec in service_type.form_schema}
    groups: list[tuple[str, list[dict]]] = []
    used: set[str] = set()
    for title, names in handler_for(service_type).step_layout:
        chosen = [specs[n] for n in names if n in specs]
        used.update(n for n in names if n in specs)
        if chosen:
            groups.append((title, chosen))
    rest = [spec for name, spec in specs.items() if name not in used]
    reporter = [spec for spec in rest if spec["name"].startswith("reporter_")]
    rest = [spec for spec in rest if not spec["name"].startswith("reporter_")]
    for start in range(0, len(rest), FIELDS_PER_STEP):
        title = _("Data permohonan") if start == 0 else _("Data permohonan (lanjutan)")
        groups.append((title, rest[start : start + FIELDS_PER_STEP]))
    if reporter:
        groups.append((_("Pelapor"), reporter))
    return [
        Step(number=index, title=title, fields=tuple(chosen))
        for index, (title, chosen) in enumerate(groups, start=1)
    ]


def step_for_field(steps: list[Step], name: str) -> int:
    return next((s.number for s in steps if name in s.names), 1)


RADIO_LIMIT = 4  # up to this many choices: radio buttons in a fieldset; more: a select


def _schema_field(spec: dict) -> forms.Field:
    kind = spec.get("type", "text")
    label = spec["label"]
    if spec.get("required"):
        label = _("%(label)s (wajib)") % {"label": label}
    common = {"label": label, "required": False}
    if kind == "date":
        return forms.CharField(
            widget=forms.DateInput(attrs={"type": "date"}),
            help_text=_("Contoh: 2026-11-28."),
            **common,
        )
    if kind == "time":
        return forms.CharField(widget=forms.TimeInput(attrs={"type": "time"}), **common)
    if kind == "choice":
        choices = [(str(value), text) for value, text in spec.get("choices", [])]
        if len(choices) <= RADIO_LIMIT:
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        return forms.ChoiceField(choices=[("", _("— pilih —")), *choices], **common)
    if kind in ("nik", "kk"):
        help_text = (
            _("16 angka, seperti tertulis di KTP-el.")
            if kind == "nik"
            else _("16 angka, seperti tertulis di Kartu Keluarga.")
        )
        attrs = {"inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9]{16}"}
        if spec.get("check"):  # a parent's NIK: checked in the register as it is typed
            attrs.update(
                {
                    "hx-post": reverse("civil_registry:nik_check"),
                    "hx-trigger": "keyup changed delay:400ms, change",
                    "hx-target": f"#cek-{spec['name']}",
                    "hx-swap": "innerHTML",
                    "hx-include": "this",
                }
            )
        nik_field = forms.CharField(
            max_length=16, help_text=help_text, widget=forms.TextInput(attrs=attrs), **common
        )
        nik_field.check_target = f"cek-{spec['name']}" if spec.get("check") else ""
        return nik_field
    if kind == "number":
        return forms.CharField(
            max_length=12, widget=forms.TextInput(attrs={"inputmode": "decimal"}), **common
        )
    if kind == "person_name":
        return forms.CharField(
            max_length=100,
            widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "words"}),
            **common,
        )
    return forms.CharField(max_length=200, **common)


class ApplicationStepForm(forms.Form):
    """The fields of one step. Required fields are checked when the citizen moves on, not when
    they only save the draft; the values themselves are checked by the service."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, specs: tuple[dict, ...] | list[dict], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.specs = {spec["name"]: spec for spec in specs}
        for spec in specs:
            self.fields[spec["name"]] = _schema_field(spec)
            if spec.get("required"):
                self.fields[spec["name"]].widget.attrs["aria-required"] = "true"

    register_names: dict[str, str] = {}

    @property
    def data_fields(self):
        return [self[name] for name in self.specs]

    @property
    def rows(self) -> list[dict]:
        """Each field with the name the population register holds for the NIK typed in it."""
        return [
            {"field": self[name], "register_name": self.register_names.get(name, "")}
            for name in self.specs
        ]

    def is_required(self, name: str) -> bool:
        return bool(self.specs.get(name, {}).get("required"))

    def schema_data(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name in self.specs}

    def check_required(self) -> bool:
        """Add "wajib diisi" to each empty required field, and the schema's message to each
        badly formatted one, so one round trip shows every problem; True when none is missing."""
        ok = True
        for name, spec in self.specs.items():
            if spec.get("required") and not str(self.cleaned_data.get(name) or "").strip():
                self.add_error(name, _("Isian ini wajib diisi."))
                ok = False
        if not ok:
            try:
                clean_data(list(self.specs.values()), self.schema_data(), partial=True)
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    self.add_service_errors(exc.message_dict)
        return ok

    def add_service_errors(self, errors: dict) -> None:
        for name, messages in errors.items():
            target = name if name in self.fields else None
            for message in messages:
                self.add_error(target, message)


class UploadForm(forms.Form):
    """One file for one requirement (content type and size are checked by the service)."""

    RETURN_CHOICES = (("berkas", "berkas"), ("perbaikan", "perbaikan"))

    requirement = forms.CharField(widget=forms.HiddenInput, max_length=50)
    return_to = forms.ChoiceField(choices=RETURN_CHOICES, widget=forms.HiddenInput, required=False)
    file = forms.FileField(
        label=_("Pilih berkas"),
        error_messages={
            "required": _("Pilih berkas yang akan diunggah."),
            "empty": _("Berkas kosong."),
            "invalid": _("Berkas tidak terbaca; coba unggah lagi."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class SubmitForm(forms.Form):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64, min_length=8)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan pembatalan (boleh dikosongkan)"), max_length=500, required=False
    )


# --- The officer -------------------------------------------------------------------------------


def _status_choices():
    return [("", _("Semua status"))] + [
        (value, label) for value, label in Status.choices if value in OPEN_STATUSES
    ]


class QueueFilterForm(forms.Form):
    service = forms.ChoiceField(label=_("Layanan"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_status_choices)
    due_before = forms.DateField(
        label=_("Tenggat paling lambat"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Tanggal harus berformat TTTT-BB-HH, misalnya 2026-11-28.")},
    )
    district = forms.ChoiceField(label=_("Kecamatan"), required=False)

    def __init__(self, *args, services=(), districts=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", _("Semua layanan"))] + [
            (s.code, s.name) for s in services
        ]
        self.fields["district"].choices = [("", _("Semua kecamatan"))] + [
            (d.code, d.name) for d in districts
        ]


class CorrectionRequestForm(forms.Form):
    """One reason box per document and per field: the filled-in ones are what must be fixed."""

    note = forms.CharField(
        label=_("Catatan untuk pemohon (boleh dikosongkan)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, requirements=(), specs=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.requirement_names = []
        self.field_names = []
        for requirement in requirements:
            name = f"doc__{requirement.code}"
            self.fields[name] = forms.CharField(
                label=requirement.name, max_length=500, required=False
            )
            self.requirement_names.append(name)
        for spec in specs:
            name = f"field__{spec['name']}"
            self.fields[name] = forms.CharField(label=spec["label"], max_length=500, required=False)
            self.field_names.append(name)

    @property
    def requirement_fields(self):
        return [self[name] for name in self.requirement_names]

    @property
    def data_fields(self):
        return [self[name] for name in self.field_names]

    def clean(self):
        cleaned = super().clean()
        if not self.items():
            raise forms.ValidationError(
                _("Tulis alasan pada minimal satu berkas atau isian yang perlu diperbaiki.")
            )
        return cleaned

    def items(self) -> list[dict]:
        found = []
        for name in [*self.requirement_names, *self.field_names]:
            reason = str(self.cleaned_data.get(name) or "").strip()
            if reason:
                kind, key = name.split("__", 1)
                found.append({"requirement" if kind == "doc" else "field": key, "reason": reason})
        return found


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan penolakan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Alasan penolakan wajib diisi.")},
    )


class ApproveForm(forms.Form):
    approve_note = forms.CharField(
        label=_("Catatan (boleh dikosongkan)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReturnToOfficerForm(forms.Form):
    return_reason = forms.CharField(
        label=_("Alasan pengembalian (dibaca petugas)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tulis alasan pengembalian untuk petugas.")},
    )


class ReleaseForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan (boleh dikosongkan)"),
        max_length=500,
        required=False,
        widget=forms.TextInput(),
    )


class DuplicateDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=(("duplicate", _("Duplikat")), ("not_duplicate", _("Bukan duplikat"))),
        error_messages={"required": _("Pilih: duplikat atau bukan duplikat.")},
    )


class SignForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Saya sudah membaca dokumen ini dan menandatanganinya secara elektronik."),
        error_messages={"required": _("Centang pernyataan ini untuk menandatangani.")},
    )
    passphrase = forms.CharField(
        label=_("Passphrase tanda tangan elektronik"),
        required=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, requires_passphrase: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.requires_passphrase = requires_passphrase
        if requires_passphrase:
            self.fields["passphrase"].required = True
            self.fields["passphrase"].error_messages["required"] = _("Isi passphrase Anda.")
        else:
            del self.fields["passphrase"]


class AssistedIntakeForm(forms.Form):
    service_type = forms.ChoiceField(label=_("Layanan"))
    citizen_nik = forms.CharField(
        label=_("NIK warga"),
        max_length=16,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("Isi NIK warga.")},
    )
    citizen_name = forms.CharField(
        label=_("Nama warga (jika tidak ada di data kependudukan)"),
        max_length=150,
        required=False,
    )
    consent = forms.BooleanField(
        label=_(
            "Warga menyetujui petugas mengajukan permohonan ini atas namanya dan memproses "
            "data pribadinya untuk keperluan ini."
        ),
        error_messages={"required": _("Persetujuan warga wajib dicatat.")},
    )
    consent_note = forms.CharField(
        label=_("Catatan persetujuan"),
        max_length=300,
        help_text=_("Misalnya: setuju secara lisan di loket Kelurahan Pekunden."),
        error_messages={"required": _("Tulis bagaimana warga memberi persetujuan.")},
    )

    def __init__(self, *args, services=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_type"].choices = [(s.code, s.name) for s in services]


class TrackForm(forms.Form):
    nomor = forms.CharField(
        label=_("Nomor lacak"),
        max_length=20,
        help_text=_("Tertulis pada tanda terima, misalnya KP-2611-ABC234."),
        error_messages={"required": _("Isi nomor lacak.")},
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )
    pin = forms.RegexField(
        label=_("PIN"),
        regex=r"^[0-9]{6}$",
        help_text=_("6 angka pada tanda terima."),
        error_messages={
            "required": _("Isi PIN 6 angka."),
            "invalid": _("PIN terdiri dari 6 angka."),
        },
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class PinForgotForm(forms.Form):
    nomor = forms.CharField(
        label=_("Nomor lacak"),
        max_length=20,
        help_text=_(
            "Tertulis pada tanda terima dan di e-mail pemberitahuan, misalnya KP-2611-ABC234."
        ),
        error_messages={"required": _("Isi nomor lacak.")},
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )


# --- Appointments (antrean online) -------------------------------------------------------------


class SlotSearchForm(forms.Form):
    """Which counter and which service the citizen wants a visit for (GET)."""

    lokasi = forms.ChoiceField(label=_("Lokasi layanan"), required=False)
    layanan = forms.ChoiceField(label=_("Keperluan kunjungan"))

    def __init__(self, *args, locations=(), services=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lokasi"].choices = [("", _("— Pilih lokasi —"))] + [
            (loc.code, loc.name) for loc in locations
        ]
        self.fields["layanan"].choices = [(s.code, s.name) for s in services]


class AppointmentBookForm(forms.Form):
    slot = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    permohonan = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)


class AppointmentRescheduleForm(forms.Form):
    slot = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class CheckInForm(forms.Form):
    code = forms.RegexField(
        label=_("Kode booking"),
        regex=r"^\s*[Aa][Pp]-[0-9A-Za-z]{8}\s*$",
        max_length=20,
        help_text=_("Ketik kode pada bukti booking warga, atau pindai kode QR-nya."),
        error_messages={
            "required": _("Isi kode booking."),
            "invalid": _("Kode booking berbentuk AP- diikuti 8 huruf/angka, misalnya AP-7KQ2M9XA."),
        },
        widget=forms.TextInput(
            attrs={"autocapitalize": "characters", "autocomplete": "off", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper()
