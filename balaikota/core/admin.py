from django.contrib import admin
from django.utils.translation import gettext as _

from . import outbox
from .models import AccessLogEntry, ExtraHoliday, OutboxItem
from .working_days import forget_extra_holidays


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the back office reads but nobody edits. With ``view_perm`` the rule (``rules``)
    decides who sees them — the rules backend answers object rules, not app-level ones."""

    view_perm: str = ""
    deletable: bool = False

    def has_module_permission(self, request):
        if self.view_perm:
            return request.user.has_perm(self.view_perm)
        return super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        if self.view_perm:
            return request.user.has_perm(self.view_perm)
        return super().has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.deletable and super().has_delete_permission(request, obj)


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    """Readable by the platform admin; nobody can add, change or delete an entry."""

    view_perm = "core.view_accesslogentry"
    list_display = ["at", "actor", "object_type", "object_repr", "purpose", "ip_address"]
    list_filter = ["object_type"]
    search_fields = ["object_repr", "purpose", "actor__username", "actor__full_name"]
    date_hierarchy = "at"
    list_select_related = ["actor"]


@admin.register(ExtraHoliday)
class ExtraHolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "kind", "legal_basis"]
    list_filter = ["kind"]
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        forget_extra_holidays()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        forget_extra_holidays()


@admin.register(OutboxItem)
class OutboxItemAdmin(ReadOnlyAdmin):
    """Background work for the platform admin: what waits, what failed and why; failed work
    is sent again with the "Kirim ulang" action (a fresh round of attempts)."""

    list_display = ["pk", "label", "handler", "status", "attempts", "created_at", "done_at"]
    list_filter = ["status", "handler"]
    search_fields = ["key", "label", "last_error"]
    date_hierarchy = "created_at"
    view_perm = "core.view_outboxitem"
    actions = ["resend"]

    @admin.action(description=_("Kirim ulang pekerjaan yang gagal"), permissions=["resend"])
    def resend(self, request, queryset):
        count = 0
        for item in queryset.exclude(status=OutboxItem.Status.RUNNING):
            outbox.resend(item)
            count += 1
        self.message_user(request, _("%(n)d pekerjaan dikirim ulang.") % {"n": count})

    def has_resend_permission(self, request):
        return request.user.has_perm("core.resend_outboxitem")
