from auditlog.admin import LogEntryAdmin as AuditlogLogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from knox.models import AuthToken

from balaikota.core.admin import PersonalDataAdmin

from .models import Device, RoleAssignment, User
from .services import device_end, devices_end_all, roles_sync


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

    def user_change_password(self, request, id, form_url=""):
        """A password set here ends the person's phones, as a change on the web does."""
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = self.get_object(request, unquote(id))
            if user is not None:
                devices_end_all(
                    user=user, reason=Device.EndReason.PASSWORD_CHANGED, actor=request.user
                )
        return response


# Tokens are made only by signing a phone in (with its device row): knox's own admin, which
# makes bare tokens, is not offered.
admin.site.unregister(AuthToken)


@admin.register(Device)
class DeviceAdmin(PersonalDataAdmin, admin.ModelAdmin):
    """Break glass: end a lost phone for someone who cannot sign in to do it themselves."""

    subject_field = "user"
    list_display = ["name", "user", "created_at", "last_used_at", "ended_at", "end_reason"]
    list_filter = ["end_reason"]
    search_fields = ["name", "user__username", "user__full_name"]
    list_select_related = ["user"]
    readonly_fields = [f.name for f in Device._meta.fields if f.name != "id"]
    actions = ["end_devices"]

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Keluarkan perangkat terpilih"), permissions=["view"])
    def end_devices(self, request, queryset):
        ended = 0
        for device in queryset.filter(ended_at__isnull=True):
            device_end(device=device, reason=Device.EndReason.REVOKED, actor=request.user)
            ended += 1
        self.message_user(
            request,
            ngettext("%(n)s perangkat dikeluarkan.", "%(n)s perangkat dikeluarkan.", ended)
            % {"n": ended},
            messages.SUCCESS,
        )


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
