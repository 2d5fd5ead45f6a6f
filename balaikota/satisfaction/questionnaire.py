"""The SKM questionnaire of PermenPAN-RB 14/2017: one question per element, four answers."""

from django.utils.translation import gettext_lazy as _

QUESTIONS: dict[str, tuple[str, tuple[str, str, str, str]]] = {
    "u1": (
        _(
            "Bagaimana pendapat Anda tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?"
        ),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
    ),
    "u2": (
        _("Bagaimana pemahaman Anda tentang kemudahan prosedur pelayanan ini?"),
        (_("Tidak mudah"), _("Kurang mudah"), _("Mudah"), _("Sangat mudah")),
    ),
    "u3": (
        _("Bagaimana pendapat Anda tentang kecepatan waktu pelayanan?"),
        (_("Tidak cepat"), _("Kurang cepat"), _("Cepat"), _("Sangat cepat")),
    ),
    "u4": (
        _("Bagaimana pendapat Anda tentang kewajaran biaya/tarif pelayanan?"),
        (_("Sangat mahal"), _("Cukup mahal"), _("Murah"), _("Gratis")),
    ),
    "u5": (
        _(
            "Apakah hasil pelayanan yang Anda terima sesuai dengan produk yang tercantum dalam standar pelayanan?"
        ),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
    ),
    "u6": (
        _("Bagaimana pendapat Anda tentang kompetensi/kemampuan petugas dalam pelayanan?"),
        (_("Tidak kompeten"), _("Kurang kompeten"), _("Kompeten"), _("Sangat kompeten")),
    ),
    "u7": (
        _("Bagaimana pendapat Anda tentang kesopanan dan keramahan petugas?"),
        (
            _("Tidak sopan dan ramah"),
            _("Kurang sopan dan ramah"),
            _("Sopan dan ramah"),
            _("Sangat sopan dan ramah"),
        ),
    ),
    "u8": (
        _("Bagaimana pendapat Anda tentang kualitas sarana dan prasarana pelayanan?"),
        (_("Buruk"), _("Cukup"), _("Baik"), _("Sangat baik")),
    ),
    "u9": (
        _("Bagaimana pendapat Anda tentang penanganan pengaduan pengguna layanan?"),
        (
            _("Tidak ada"),
            _("Ada tetapi tidak berfungsi"),
            _("Berfungsi kurang maksimal"),
            _("Dikelola dengan baik"),
        ),
    ),
}
