"""Back-office view of issued documents: read-only; changes go through the services."""

from django.contrib import admin

from .models import DocumentEvent, IssuedDocument, SigningCertificate


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
class IssuedDocumentAdmin(ReadOnlyMixin, admin.ModelAdmin):
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
    list_display = ["subject_cn", "user", "serial", "not_before", "not_after", "active"]
    list_filter = ["active"]
    search_fields = ["subject_cn", "serial"]
    fields = [
        "user",
        "subject_cn",
        "serial",
        "not_before",
        "not_after",
        "active",
        "certificate_pem",
    ]
    readonly_fields = fields
