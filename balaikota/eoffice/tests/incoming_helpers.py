"""Incoming letters for the tests: a scan (a real small PNG), the clerk's input, a letter
registered to the head of the office, and dispositions down its hierarchy."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from balaikota.eoffice import dispositions
from balaikota.eoffice.models import Classification, DispositionInstruction


def scan(name: str = "surat.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 60), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


def incoming_input(office, **overrides) -> dispositions.IncomingInput:
    today = timezone.localdate()
    fields = {
        "sender_name": "Kepala Balai Besar Wilayah Sungai Pemali Juana",
        "sender_agency": "BBWS Pemali Juana",
        "sender_number": "PR.02.03-Bb11/512",
        "sender_date": today - dt.timedelta(days=3),
        "received_on": today,
        "subject": "Koordinasi penanganan banjir Kali Tenggang",
        "classification": Classification.objects.get(code="000.1.2"),
        "addressee_position": office.head_position,
        "scan": scan(),
    }
    fields.update(overrides)
    return dispositions.IncomingInput(**fields)


def register(office, **overrides):
    return dispositions.incoming_register(
        clerk=office.clerk, data=incoming_input(office, **overrides)
    )


def instruction_ids(*names: str) -> list[int]:
    names = names or ("Tanggapan dan saran",)
    return list(DispositionInstruction.objects.filter(name__in=names).values_list("pk", flat=True))


def dispose(user, incoming, people, *, parent=None, deadline=None, note="Mohon ditindaklanjuti."):
    data = dispositions.DispositionInput(
        recipient_nips=[p.nip for p in people],
        instruction_ids=instruction_ids(),
        note=note,
        deadline=deadline,
    )
    return dispositions.disposition_create(user=user, incoming=incoming, data=data, parent=parent)
