"""Parsing and validation of Indonesian identity numbers: NIK (16 digits) and NIP (18 digits).

Pure functions with no database access. Whether a NIK's region prefix exists is asked of a lookup
that the organisation app registers at start-up (``register_district_lookup``), so this module
never imports a domain app.

Every ValidationError carries a ``code`` (``nik_length``, ``nik_digits``, ``nik_region``,
``nik_birth_date``, ``nik_sequence``; ``nip_length``, ``nip_digits``, ``nip_birth_date``,
``nip_tmt``, ``nip_tmt_age``, ``nip_gender``) and ``params``, so the message stays a lazy msgid
until it is shown.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

_district_lookup: Callable[[str], bool] | None = None

# ASCII digits only: str.isdigit() also accepts "１２３" and "²", which int() then mangles or rejects.
_ASCII_DIGITS = re.compile(r"[0-9]+")


def register_district_lookup(lookup: Callable[[str], bool] | None) -> Callable[[str], bool] | None:
    """Install the function that says whether a district code ``PP.KK.CC`` exists.

    Returns the previous lookup so a test can put it back.
    """
    global _district_lookup
    previous, _district_lookup = _district_lookup, lookup
    return previous


@dataclass(frozen=True)
class Nik:
    value: str
    district_code: str  # "33.74.01"
    birth_date: dt.date
    is_female: bool
    sequence: int

    @property
    def masked(self) -> str:
        return mask_nik(self.value)


@dataclass(frozen=True)
class Nip:
    value: str
    birth_date: dt.date
    tmt_year: int
    tmt_month: int
    is_female: bool
    sequence: int
    is_pppk: bool = False  # a PPPK number (NI PPPK): "21" stands where a PNS NIP has the TMT month


# NI PPPK numbers carry the appointment year followed by this code instead of a month (check).
PPPK_MONTH_CODE = 21


def mask_nik(value: str | None) -> str:
    """Keep the province, the regency and the last two digits: 3374**********12 is safe to show."""
    text = str(value or "").strip()
    if len(text) != 16:
        return "*" * len(text)
    return text[:4] + "*" * 10 + text[-2:]


def _today() -> dt.date:
    return timezone.localdate()


def _digits(value: object, length: int, prefix: str, label: str) -> str:
    text = "" if value is None else str(value).strip()
    if len(text) != length:
        raise ValidationError(
            _("%(label)s harus terdiri dari %(length)d angka; yang tertulis %(count)d karakter."),
            code=f"{prefix}_length",
            params={"label": label, "length": length, "count": len(text)},
        )
    if not _ASCII_DIGITS.fullmatch(text):
        raise ValidationError(
            _("%(label)s hanya boleh berisi angka 0–9, tanpa spasi, titik atau huruf."),
            code=f"{prefix}_digits",
            params={"label": label},
        )
    return text


def _nik_birth_date(day: int, month: int, yy: int, today: dt.date) -> dt.date | None:
    """Two-digit year: the most recent century that does not put the birth in the future."""
    for century in (2000, 1900):
        try:
            candidate = dt.date(century + yy, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    return None


def parse_nik(value: object, *, today: dt.date | None = None, check_region: bool = True) -> Nik:
    """Return the parts of a valid NIK or raise ValidationError with a message for the citizen."""
    text = _digits(value, 16, "nik", "NIK")
    today = today or _today()
    district_code = f"{text[0:2]}.{text[2:4]}.{text[4:6]}"
    if check_region and _district_lookup is not None and not _district_lookup(district_code):
        raise ValidationError(
            _("Kode wilayah NIK (%(code)s) tidak dikenal sebagai kecamatan di Indonesia."),
            code="nik_region",
            params={"code": district_code},
        )
    day, month, yy = int(text[6:8]), int(text[8:10]), int(text[10:12])
    is_female = day > 40
    if is_female:
        day -= 40
    birth_date = _nik_birth_date(day, month, yy, today)
    if birth_date is None:
        raise ValidationError(
            _(
                "Digit ke-7 sampai ke-12 NIK harus tanggal lahir yang nyata (DDMMYY; "
                "untuk perempuan tanggal ditambah 40)."
            ),
            code="nik_birth_date",
        )
    sequence = int(text[12:16])
    if sequence == 0:
        raise ValidationError(
            _("Empat digit terakhir NIK (nomor urut) tidak boleh 0000."), code="nik_sequence"
        )
    return Nik(text, district_code, birth_date, is_female, sequence)


def eighteenth_birthday(birth_date: dt.date) -> dt.date:
    """The day a person turns 18 (someone born on 29 February turns 18 on 1 March)."""
    try:
        return birth_date.replace(year=birth_date.year + 18)
    except ValueError:
        return dt.date(birth_date.year + 18, 3, 1)


def parse_nip(value: object, *, today: dt.date | None = None) -> Nip:
    """Return the parts of a valid NIP or raise ValidationError with a message for the officer."""
    text = _digits(value, 18, "nip", "NIP")
    today = today or _today()
    try:
        birth_date = dt.date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        birth_date = None
    if birth_date is None or birth_date > today or birth_date.year < 1900:
        raise ValidationError(
            _("Delapan digit pertama NIP harus tanggal lahir yang nyata (YYYYMMDD)."),
            code="nip_birth_date",
        )
    tmt_year, tmt_month = int(text[8:12]), int(text[12:14])
    is_pppk = tmt_month == PPPK_MONTH_CODE
    if is_pppk:
        tmt_month = 1  # only the year of appointment is known
    if (
        tmt_year < 1900
        or not 1 <= tmt_month <= 12
        or (tmt_year, tmt_month) > (today.year, today.month)
    ):
        raise ValidationError(
            _("Digit ke-9 sampai ke-14 NIP harus bulan TMT CPNS yang nyata (YYYYMM)."),
            code="nip_tmt",
        )
    # TMT is the first day of its month; on that day the person must already be 18. For a PPPK
    # number only the year is known: the person must turn 18 in that year at the latest.
    appointed = dt.date(tmt_year, 12, 31) if is_pppk else dt.date(tmt_year, tmt_month, 1)
    if appointed < eighteenth_birthday(birth_date):
        raise ValidationError(
            _("TMT CPNS pada NIP (%(tmt)s) harus setelah pemilik berusia 18 tahun."),
            code="nip_tmt_age",
            params={"tmt": f"{tmt_month:02d}/{tmt_year}"},
        )
    gender = text[14]
    if gender not in ("1", "2"):
        raise ValidationError(
            _("Digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan)."),
            code="nip_gender",
        )
    return Nip(text, birth_date, tmt_year, tmt_month, gender == "2", int(text[15:18]), is_pppk)


def validate_nik(value: object) -> None:
    parse_nik(value)


def validate_nip(value: object) -> None:
    parse_nip(value)


#: titles written before a name in Indonesia (academic, professional, religious, nobility)
_FRONT_TITLES = {
    "dr.", "drs.", "dra.", "drg.", "ir.", "prof.", "h.", "hj.", "kh.", "k.h.", "r.", "rr.",
    "r.a.", "raden", "apt.", "ns.", "hm.", "tb.", "gusti", "hc.",
}  # fmt: skip


def plain_name(full_name: str) -> str:
    """A person's name without the titles around it: "Dr. Ir. Hendra Wijaya, M.T." → "Hendra
    Wijaya" (degrees follow a comma; front titles are the usual abbreviations)."""
    name = str(full_name or "").split(",", 1)[0].split()
    while len(name) > 1 and name[0].lower() in _FRONT_TITLES:
        name = name[1:]
    return " ".join(name)


_MOBILE_SEPARATORS = re.compile(r"[\s\-().]")


def parse_mobile(value: object) -> str:
    """An Indonesian mobile number as +62…: accepts 0812-3456-7890, 62812…, +62 812 …

    The national number starts with 8 and has 9 to 12 digits (Permenkominfo numbering plan for
    cellular). Raises ValidationError (code ``phone_invalid``) with a message for the person."""
    text = _MOBILE_SEPARATORS.sub("", str(value or "").strip())
    if text.startswith("+"):
        text = text[1:]
        if not text.startswith("62"):
            raise ValidationError(
                _("Masukkan nomor ponsel Indonesia, misalnya 0812-3456-7890."),
                code="phone_invalid",
            )
    if not text.isdigit():
        raise ValidationError(
            _("Nomor ponsel hanya berisi angka, misalnya 0812-3456-7890."), code="phone_invalid"
        )
    if text.startswith("62"):
        national = text[2:]
    elif text.startswith("0"):
        national = text[1:]
    else:
        national = text
    if not national.startswith("8") or not 9 <= len(national) <= 12:
        raise ValidationError(
            _("Nomor ponsel tidak dikenal: awali dengan 08, panjangnya 10 sampai 13 angka."),
            code="phone_invalid",
        )
    return f"+62{national}"


def display_mobile(number: str) -> str:
    """+6281234567890 → 0812-3456-7890, as people write it."""
    digits = number[3:] if number.startswith("+62") else number.lstrip("0")
    local = f"0{digits}"
    return "-".join(filter(None, (local[:4], local[4:8], local[8:])))
