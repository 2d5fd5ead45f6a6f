"""Navigation entry of documents: the public verification page."""

from django.utils.translation import gettext_lazy as _

from balaikota.core.navigation import NavItem, register

register(
    NavItem(
        "documents_verify",
        _("Verifikasi dokumen"),
        "documents:verify",
        public_only=True,  # in the footer for everyone; in the menu for visitors
        order=41,
    )
)
