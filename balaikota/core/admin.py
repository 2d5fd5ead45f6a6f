from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import outbox
from .models import AccessLogEntry, ExtraHoliday, OutboxItem
from .working_days import forget_extra_holidays


class PersonalDataAdmin:
    """Mixin for the admin of personal data (applications, residents, notifications, issued
    documents): only a superuser — the break-glass account — opens it here, and every record
    opened is written to the access log. Everyone else, the platform admin included, reads it
    through the platform's own pages, which check the rules and log each view."""

    access_purpose = gettext_lazy("Dibuka di halaman admin")
    #: the attribute holding the person the record is about (for the access log), if any
    subject_field: str = ""

    @staticmethod
    def _break_glass(request) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_module_permission(self, request):
        return self._break_glass(request)

    def has_view_permission(self, request, obj=None):
        return self._break_glass(request)

    def has_change_permission(self, request, obj=None):
        return self._break_glass(request) and super().has_change_permission(request, obj)

    def has_add_permission(self, request, *args):
        return self._break_glass(request) and super().has_add_permission(request, *args)

    def has_delete_permission(self, request, obj=None):
        return self._break_glass(request) and super().has_delete_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        from .services import access_log_record

        obj = self.get_object(request, unquote(object_id))
        if obj is not None and self.has_view_permission(request, obj):
            subject = getattr(obj, self.subject_field, None) if self.subject_field else None
            access_log_record(
                actor=request.user,
                obj=obj,
                purpose=self.access_purpose,
                subject=subject,
                request=request,
            )
        return super().change_view(request, object_id, form_url, extra_context)


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
