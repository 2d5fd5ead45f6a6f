"""Form data of an application, checked against its service type's form schema.

``clean_data`` returns JSON-ready values (dates as ISO text) or raises a ValidationError whose
error dict names each bad field with an Indonesian message. The web form and the API both use it.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from balaikota.core.identity import parse_nik

MAX_TEXT = 200
_KK = re.compile(r"^[0-9]{16}$")
_TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")  # only YYYY-MM-DD: no week or ordinal dates
#: a person's name: letters of any script, with spaces, apostrophes, hyphens and dots between
_PERSON_NAME = re.compile(r"^[^\W\d_]+(?:[ '’.\-]+[^\W\d_]+)*\.?$")
MAX_NAME = 100
EARLIEST = dt.date(1900, 1, 1)  # nothing the register records happened before

MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def date_in_words(value: dt.date) -> str:
    """28 November 2026 → "dua puluh delapan November dua ribu dua puluh enam"."""
    from num2words import num2words

    return (
        f"{num2words(value.day, lang='id')} {MONTHS_ID[value.month - 1]} "
        f"{num2words(value.year, lang='id')}"
    )


def _clean_value(spec: dict, raw):
    kind = spec.get("type", "text")
    if isinstance(raw, bool | dict | list):
        raise ValidationError(_("Isian ini tidak sesuai formatnya."))
    if kind == "number":
        try:
            number = Decimal(str(raw).strip().replace(",", "."))
        except (InvalidOperation, ValueError):
            raise ValidationError(_("Isian ini harus berupa angka.")) from None
        if not number.is_finite():
            raise ValidationError(_("Isian ini harus berupa angka."))
        low, high = spec.get("min"), spec.get("max")
        if low is not None and number < Decimal(str(low)):
            raise ValidationError(_("Nilai paling kecil %(min)s.") % {"min": low})
        if high is not None and number > Decimal(str(high)):
            raise ValidationError(_("Nilai paling besar %(max)s.") % {"max": high})
        return int(number) if number == number.to_integral_value() else float(number)
    text = str(raw).strip()
    if kind == "text":
        if len(text) > MAX_TEXT:
            raise ValidationError(_("Paling banyak %(n)d karakter.") % {"n": MAX_TEXT})
        if any(ord(ch) < 32 for ch in text):
            raise ValidationError(_("Isian ini berisi karakter yang tidak diperbolehkan."))
        return text
    if kind == "person_name":
        text = re.sub(r"\s+", " ", text)
        if len(text) > MAX_NAME:
            raise ValidationError(_("Paling banyak %(n)d karakter.") % {"n": MAX_NAME})
        if not _PERSON_NAME.match(text):
            raise ValidationError(
                _(
                    "Nama hanya boleh berisi huruf, spasi, tanda petik ('), tanda hubung (-) "
                    "dan titik, seperti tertulis di dokumen."
                )
            )
        return text
    if kind == "date":
        try:
            if not _DATE.match(text):
                raise ValueError(text)
            value = dt.date.fromisoformat(text)
        except ValueError:
            raise ValidationError(
                _("Tanggal harus berformat TTTT-BB-HH, misalnya 2026-11-28.")
            ) from None
        if value < EARLIEST:
            raise ValidationError(
                _("Tanggal sebelum tahun %(year)d tidak dapat dicatat; periksa tahunnya.")
                % {"year": EARLIEST.year}
            )
        return value.isoformat()
    if kind == "time":
        if not _TIME.match(text):
            raise ValidationError(_("Jam harus berformat JJ:MM, misalnya 08:30."))
        return text
    if kind == "choice":
        allowed = [str(choice[0]) for choice in spec.get("choices", [])]
        if text not in allowed:
            raise ValidationError(_("Pilih salah satu pilihan yang tersedia."))
        return text
    if kind == "nik":
        return parse_nik(text).value
    if kind == "kk":
        if not _KK.match(text):
            raise ValidationError(_("Nomor KK harus terdiri dari 16 angka."))
        return text
    raise ValidationError(_("Jenis isian tidak dikenal."))


def _message(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


def clean_data(schema: list[dict], data: dict, *, partial: bool, only: set[str] | None = None):
    """Check ``data`` against ``schema``. Unknown keys are dropped; empty values stored as "".

    ``partial`` (a draft step): missing required fields are fine. ``only``: the fields the
    citizen may change now (after a correction request); others are refused.
    """
    if not isinstance(data, dict):
        raise ValidationError(_("Data formulir harus berupa objek isian."))
    fields = {spec["name"]: spec for spec in schema}
    cleaned: dict = {}
    errors: dict[str, list[str]] = {}
    for name, raw in data.items():
        spec = fields.get(name)
        if spec is None:
            continue
        if only is not None and name not in only:
            errors[name] = [_("Isian ini tidak diminta untuk diperbaiki.")]
            continue
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            cleaned[name] = ""
            continue
        try:
            cleaned[name] = _clean_value(spec, raw)
        except ValidationError as exc:
            errors[name] = [_message(exc)]
    if not partial:
        for name, spec in fields.items():
            if spec.get("required") and cleaned.get(name, "") == "" and name not in errors:
                errors[name] = [_("Isian ini wajib diisi.")]
    if errors:
        raise ValidationError(errors)
    return cleaned


def form_steps(schema: list[dict]) -> list[dict]:
    """The form's steps in order: ``[{"title": "Data anak", "fields": [spec, …]}, …]``.
    Fields without a ``step`` form one step titled "Formulir"."""
    steps: dict[str, list[dict]] = {}
    for spec in schema:
        steps.setdefault(spec.get("step") or "Formulir", []).append(spec)
    return [{"title": title, "fields": fields} for title, fields in steps.items()]


def missing_required(schema: list[dict], data: dict) -> dict[str, list[str]]:
    return {
        spec["name"]: [_("Isian ini wajib diisi.")]
        for spec in schema
        if spec.get("required") and data.get(spec["name"], "") in ("", None)
    }
