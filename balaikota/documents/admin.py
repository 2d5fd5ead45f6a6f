"""Back-office view of issued documents: read-only; changes go through the services."""

from django.contrib import admin
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from balaikota.core.admin import PersonalDataAdmin

from .models import (
    DocumentEvent,
    IssuedDocument,
    IssuedNumber,
    NumberRegister,
    SigningCertificate,
)
from .numbering import register_numbers


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DocumentEventInline(ReadOnlyMixin, admin.TabularInline):
    model = DocumentEvent
    extra = 0
    fields = ["at", "actor", "from_status", "to_status", "note"]
    readonly_fields = fields
    can_delete = False


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(PersonalDataAdmin, ReadOnlyMixin, admin.ModelAdmin):
    subject_field = "owner"
    list_display = [
        "number",
        "title",
        "subject_name",
        "status",
        "signed_by",
        "signed_at",
        "created_at",
    ]
    list_filter = ["status", "kind", "source_app"]
    search_fields = ["=number", "=verification_code", "subject_name"]
    date_hierarchy = "created_at"
    list_select_related = ["signed_by"]
    # No file fields: the files are private and are served only by the permission-checked view.
    fields = [
        "kind",
        "number",
        "title",
        "status",
        "verification_code",
        "subject_name",
        "subject_nik_masked",
        "owner",
        "source_app",
        "source_id",
        "sha256",
        "signed_by",
        "signed_at",
        "revoked_at",
        "revoke_reason",
        "created_at",
    ]
    readonly_fields = fields
    inlines = [DocumentEventInline]


@admin.register(SigningCertificate)
class SigningCertificateAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "subject_cn",
        "user",
        "serial",
        "not_before",
        "not_after",
        "active",
        "revoked_at",
    ]
    list_filter = ["active", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["subject_cn", "serial"]
    fields = [
        "user",
        "subject_cn",
        "serial",
        "not_before",
        "not_after",
        "active",
        "revoked_at",
        "revocation_reason",
        "certificate_pem",
    ]
    readonly_fields = fields


@admin.register(NumberRegister)
class NumberRegisterAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Registers are made and advanced only by ``numbering``; a register may hold thousands of
    numbers, so its page shows the latest ones and links to the full, filterable list."""

    RECENT = 20

    list_display = ["kind", "unit", "year", "last", "last_dated", "numbers_link"]
    list_filter = ["kind", "year"]
    search_fields = ["kind", "unit"]
    fields = [
        "kind",
        "unit",
        "year",
        "format",
        "last",
        "last_dated",
        "created_at",
        "updated_at",
        "numbers_link",
        "recent_numbers",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                number_count=Count("numbers"),
                cancelled_count=Count("numbers", filter=Q(numbers__state="cancelled")),
            )
        )

    @admin.display(description=_("nomor terbit"))
    def numbers_link(self, obj):
        url = reverse("admin:documents_issuednumber_changelist")
        return format_html(
            '<a href="{}?register__id__exact={}">{}</a>',
            url,
            obj.pk,
            _("%(count)d nomor (%(cancelled)d dibatalkan)")
            % {"count": obj.number_count, "cancelled": obj.cancelled_count},
        )

    @admin.display(description=_("nomor terakhir"))
    def recent_numbers(self, obj):
        numbers = list(register_numbers(obj).reverse()[: self.RECENT])
        if not numbers:
            return "—"
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    n.sequence,
                    n.number,
                    n.get_state_display(),
                    n.dated,
                    n.cancel_reason or f"{n.source_app} {n.source_id}".strip(),
                )
                for n in numbers
            ),
        )
        return format_html("<table>{}</table>", rows)


@admin.register(IssuedNumber)
class IssuedNumberAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "number",
        "sequence",
        "register",
        "state",
        "dated",
        "source_app",
        "source_id",
        "reserved_by",
        "cancel_reason",
    ]
    list_filter = ["state", "register__kind", "register__year"]
    search_fields = ["=number", "=source_id"]
    list_select_related = ["register", "reserved_by"]
    ordering = ["register", "-sequence"]
    fields = [
        "register",
        "sequence",
        "number",
        "state",
        "dated",
        "source_app",
        "source_id",
        "reserved_by",
        "reserved_at",
        "used_at",
        "cancelled_by",
        "cancelled_at",
        "cancel_reason",
    ]
    readonly_fields = fields
