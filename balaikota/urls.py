"""URL map of the whole platform."""

from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from balaikota.accounts import api as account_api
from balaikota.accounts import views as account_views
from balaikota.core import views as core_views

admin.site.site_header = _("Balai Kota Digital — Administrasi")
admin.site.site_title = _("Balai Kota Digital")
admin.site.index_title = _("Kantor belakang")

urlpatterns = [
    path("health/", core_views.health, name="health"),
    path("health/ping/", core_views.ping, name="ping"),
    path("sw.js", core_views.service_worker, name="service-worker"),
    path("manifest.webmanifest", core_views.web_manifest, name="web-manifest"),
    path("luring/", core_views.offline, name="offline"),
    path("kontak/", core_views.contact, name="contact"),
    path("privasi/", core_views.privacy, name="privacy"),
    path("aksesibilitas/", core_views.accessibility, name="accessibility"),
    path("bahasa/", core_views.language_switch, name="language-switch"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file: no inline script for the CSP.
    path(
        "api/dokumentasi/",
        # Swagger UI sets a few style attributes from its script: inline styles (never
        # scripts) are allowed on this page only.
        csp_update({"style-src": ["'self'", "'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema")
        ),
        name="api-docs",
    ),
    path("api/v1/akun/token/", account_api.TokenView.as_view(), name="api-token"),
    path(
        "api/v1/akun/token/cabut/", account_api.TokenRevokeView.as_view(), name="api-token-revoke"
    ),
    # The civil servants' app: sign a phone in / out, my phones, end one of them.
    path("api/v1/akun/perangkat/", account_api.DeviceView.as_view(), name="api-device"),
    path("api/v1/akun/perangkat/daftar/", account_api.DeviceListView.as_view(), name="api-devices"),
    path(
        "api/v1/akun/perangkat/<int:pk>/",
        account_api.DeviceRevokeView.as_view(),
        name="api-device-revoke",
    ),
    path("api/v1/akun/ponsel/", account_api.PhoneView.as_view(), name="api-phone"),
    path("api/v1/akun/ponsel/kode/", account_api.PhoneCodeView.as_view(), name="api-phone-code"),
    path("api/v1/layanan/", include("balaikota.catalogue.api")),
    path("api/v1/kependudukan/", include("balaikota.civil_registry.api_urls")),
    path("api/v1/", include("balaikota.satisfaction.api")),
    path("api/v1/pengaduan/", include("balaikota.complaints.api")),
    path("api/v1/statistik/", include("balaikota.transparency.api")),
    path("api/v1/surat/", include("balaikota.eoffice.api")),
    path("api/v1/notifikasi/", include("balaikota.notifications.api")),
    path("api/v1/kompetensi/", include("balaikota.competency.api")),
    path("api/v1/belajar/", include("balaikota.elearning.api")),
    path("organisasi/", include("balaikota.organization.urls")),
    path("akun/", include("balaikota.accounts.urls")),
    path("layanan/", include("balaikota.catalogue.urls")),
    path("kependudukan/", include("balaikota.civil_registry.urls")),
    path("notifikasi/", include("balaikota.notifications.urls")),
    path("pengaduan/", include("balaikota.complaints.urls")),
    path("surat/", include("balaikota.eoffice.urls")),
    path("transparansi/", include("balaikota.transparency.urls")),
    path("kompetensi/", include("balaikota.competency.urls")),
    path("belajar/", include("balaikota.elearning.urls")),
    path("", include("balaikota.satisfaction.urls")),
    path("", include("balaikota.competency.public_urls")),
    path("", include("balaikota.documents.urls")),
    path("", include("balaikota.civil_registry.public_urls")),
    path("", account_views.home, name="home"),
]

handler400 = "balaikota.core.views.error_400"
handler403 = "balaikota.core.views.error_403"
handler404 = "balaikota.core.views.error_404"
handler500 = "balaikota.core.views.error_500"
