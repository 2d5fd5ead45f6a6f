from auditlog.admin import LogEntryAdmin as AuditlogLogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import RoleAssignment, User
from .services import roles_sync


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["opd"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["full_name"]
    list_display = ["username", "full_name", "email", "kind", "is_active"]
    list_filter = ["kind", "is_active", "is_staff", "role_assignments__role"]
    search_fields = ["username", "full_name", "email", "nip"]
    inlines = [RoleAssignmentInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Identitas"), {"fields": ("full_name", "email", "kind", "nik", "nip", "phone")}),
        (_("Hak akses"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Waktu"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "full_name", "email", "password1", "password2"),
            },
        ),
    )

    def save_related(self, request, form, formsets, change):
        """Role rows edited in the inline: the role summary, the roles' groups and the
        back-office flag follow in the same transaction, as the services keep them."""
        held_before = form.instance.role_codes
        super().save_related(request, form, formsets, change)
        roles_sync(user=form.instance, held_before=held_before)


# The audit trail (django-auditlog ships this admin; it is registered before ours). Read-only for
# everyone, superusers included; the platform admin reads it through the rules permission
# "core.view_audit_trail". auditlog searches actor__first_name/last_name, which our User lacks.
admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class AuditTrailAdmin(AuditlogLogEntryAdmin):
    search_fields = ["object_repr", "changes", "actor__full_name", "actor__username"]

    def has_module_permission(self, request) -> bool:
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("core.view_audit_trail")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
