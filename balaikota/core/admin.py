from django.contrib import admin
from django.utils.translation import gettext as _

from . import outbox
from .models import AccessLogEntry, ExtraHoliday, OutboxItem
from .working_days import forget_extra_holidays


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(admin.ModelAdmin):
    """Readable by the platform admin; nobody can add, change or delete an entry."""

    list_display = ["at", "actor", "object_type", "object_repr", "purpose", "ip_address"]
    list_filter = ["object_type"]
    search_fields = ["object_repr", "purpose", "actor__username", "actor__full_name"]
    date_hierarchy = "at"
    list_select_related = ["actor"]

    def has_module_permission(self, request):
        # The rules backend answers object rules, not app-level ones: ask the rule itself.
        return request.user.has_perm("core.view_accesslogentry")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("core.view_accesslogentry")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
class OutboxItemAdmin(admin.ModelAdmin):
    """Background work for the platform admin: what waits, what failed and why; failed work
    is sent again with the "Kirim ulang" action (a fresh round of attempts)."""

    list_display = ["pk", "label", "handler", "status", "attempts", "created_at", "done_at"]
    list_filter = ["status", "handler"]
    search_fields = ["key", "label", "last_error"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in OutboxItem._meta.fields]
    actions = ["resend"]

    def has_module_permission(self, request):
        return request.user.has_perm("core.view_outboxitem")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("core.view_outboxitem")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Kirim ulang pekerjaan yang gagal"), permissions=["resend"])
    def resend(self, request, queryset):
        count = 0
        for item in queryset.exclude(status=OutboxItem.Status.RUNNING):
            outbox.resend(item)
            count += 1
        self.message_user(request, _("%(n)d pekerjaan dikirim ulang.") % {"n": count})

    def has_resend_permission(self, request):
        return request.user.has_perm("core.resend_outboxitem")
