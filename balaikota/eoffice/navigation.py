"""Navigation of the e-office: the inbox for every civil servant (its badge: what waits), and
what waits on the home page."""

import rules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balaikota.core.navigation import ActionItem, NavItem, register, register_action_source


def _waiting(user) -> int:
    if not rules.has_perm("eoffice.view_inbox", user):
        return 0
    from .selectors import inbox_counts

    counts = inbox_counts(user)
    return (
        counts["paraf"] + counts["sign"] + counts["unread"] + counts["dispose"] + counts["follow"]
    )


register(
    NavItem(
        "eoffice_inbox",
        gettext_lazy("Naskah dinas"),
        "eoffice:inbox",
        perm="eoffice.view_inbox",
        order=30,
        badge=_waiting,
    )
)


def _actions(user) -> list[ActionItem]:
    if not rules.has_perm("eoffice.view_inbox", user):  # the rule itself: no query
        return []
    from .selectors import inbox_counts

    counts = inbox_counts(user)  # cached: no query when warm, one when cold
    items = []
    if counts["sign"]:
        items.append(
            ActionItem(
                title=_("%(count)s naskah menunggu tanda tangan Anda") % {"count": counts["sign"]},
                detail=_("Semua pemaraf sudah memaraf."),
                url="/surat/?tampil=tanda-tangan",
                label=_("Tandatangani"),
                urgent=True,
            )
        )
    if counts["paraf"]:
        items.append(
            ActionItem(
                title=_("%(count)s naskah menunggu paraf Anda") % {"count": counts["paraf"]},
                detail=_("Paraf, atau kembalikan kepada konseptor dengan alasan."),
                url="/surat/?tampil=paraf",
                label=_("Paraf"),
                urgent=True,
            )
        )
    if counts["unread"]:
        items.append(
            ActionItem(
                title=_("%(count)s naskah dinas belum dibaca") % {"count": counts["unread"]},
                detail=_("Naskah yang ditujukan atau ditembuskan kepada Anda."),
                url="/surat/",
                label=_("Baca"),
            )
        )
    return items + _incoming_actions(counts)


register_action_source(_actions)


def _dispatch_actions(user) -> list[ActionItem]:
    """The records clerk: outside copies still to send or hand over (cached per OPD)."""
    if not rules.has_perm("eoffice.view_outgoing_register", user):
        return []
    from .selectors import dispatch_open_count

    count = dispatch_open_count(user)
    if not count:
        return []
    return [
        ActionItem(
            title=_("%(count)s naskah keluar belum sampai ke tujuan di luar Pemkot")
            % {"count": count},
            detail=_("Kirim lewat kurir atau kirim ulang e-mail yang gagal."),
            url="/surat/register-keluar/?tampil=perlu-tindakan",
            label=_("Buka register"),
        )
    ]


register_action_source(_dispatch_actions)


# ── Incoming letters and dispositions ──

register(
    NavItem(
        "eoffice_incoming_register",
        gettext_lazy("Surat masuk OPD"),
        "eoffice:incoming_register",
        perm="eoffice.view_incoming_register",
        order=31,
    )
)


def _incoming_actions(counts) -> list[ActionItem]:
    items = []
    if counts["overdue"]:
        items.append(
            ActionItem(
                title=_("%(count)s disposisi Anda melewati batas waktu")
                % {"count": counts["overdue"]},
                detail=_("Atasan Anda sudah diberi tahu; selesaikan dengan laporan."),
                url="/surat/?tampil=terlambat",
                label=_("Tindak lanjuti"),
                urgent=True,
            )
        )
    if counts["dispose"]:
        items.append(
            ActionItem(
                title=_("%(count)s surat masuk menunggu disposisi Anda")
                % {"count": counts["dispose"]},
                detail=_("Disposisikan kepada bawahan dengan petunjuk dan batas waktu."),
                url="/surat/?tampil=disposisi",
                label=_("Disposisikan"),
                urgent=True,
            )
        )
    if counts["follow"] > counts["overdue"]:
        items.append(
            ActionItem(
                title=_("%(count)s disposisi perlu Anda tindak lanjuti")
                % {"count": counts["follow"]},
                detail=_("Kerjakan, disposisikan lebih lanjut, atau selesaikan dengan laporan."),
                url="/surat/?tampil=tindak-lanjut",
                label=_("Tindak lanjuti"),
            )
        )
    return items


# ── Archive and retention ──
register(
    NavItem(
        "eoffice_archive",
        gettext_lazy("Retensi arsip"),
        "eoffice:archive",
        perm="eoffice.view_retention",
        order=31,
    )
)


def _archive_actions(user) -> list[ActionItem]:
    if not rules.has_perm("eoffice.view_retention", user):
        return []
    from .selectors import disposals_waiting

    count = disposals_waiting(user)
    if not count:
        return []
    return [
        ActionItem(
            title=_("%(count)s usul musnah arsip menunggu persetujuan Anda") % {"count": count},
            detail=_("Dua orang berbeda menyetujui: unit kearsipan, lalu kepala OPD."),
            url="/surat/arsip/usul/",
            label=_("Periksa"),
        )
    ]


register_action_source(_archive_actions)
