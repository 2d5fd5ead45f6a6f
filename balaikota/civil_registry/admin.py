from django.contrib import admin

from balaikota.core.admin import PersonalDataAdmin, ReadOnlyAdmin

from .models import (
    Application,
    ApplicationDocument,
    ApplicationEvent,
    Appointment,
    AppointmentEvent,
    AppointmentSlot,
    CorrectionRequest,
    DuplicateFlag,
    Family,
    RequirementType,
    Resident,
    ServiceLocation,
    ServiceType,
)


class RequirementInline(admin.TabularInline):
    model = RequirementType
    extra = 0
    fields = ["order", "code", "name", "is_mandatory", "substitutes", "content_types", "max_size"]


@admin.register(ServiceType)
class ServiceTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "service_days", "handling_office", "needs_visit", "is_active"]
    list_filter = ["is_active", "handling_office", "needs_visit"]
    search_fields = ["name", "code"]
    inlines = [RequirementInline]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EventInline(ReadOnlyInline):
    model = ApplicationEvent
    fields = ["at", "kind", "actor", "from_status", "to_status", "reason", "office"]
    readonly_fields = fields


class DocumentInline(ReadOnlyInline):
    model = ApplicationDocument
    fields = ["requirement", "original_name", "content_type", "size", "sha256", "state"]
    readonly_fields = fields


@admin.register(Application)
class ApplicationAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    subject_field = "citizen"
    """Read-only: applications change only through the services (and their events)."""

    list_display = ["tracking_number", "service_type", "status", "office", "due_date", "claimed_by"]
    list_filter = ["status", "service_type", "office"]
    search_fields = ["tracking_number", "applicant_name", "registration_number"]
    list_select_related = ["service_type", "office", "claimed_by"]
    date_hierarchy = "created_at"
    inlines = [DocumentInline, EventInline]
    exclude = ["pin_hash"]


@admin.register(ApplicationEvent)
class ApplicationEventAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = [
        "at",
        "application",
        "action",
        "kind",
        "from_status",
        "to_status",
        "actor",
        "office",
    ]
    list_filter = ["kind", "action", "to_status"]
    list_select_related = ["application__service_type", "actor", "office"]


@admin.register(Resident)
class ResidentAdmin(PersonalDataAdmin, admin.ModelAdmin):
    list_display = ["nik", "full_name", "sex", "birth_date", "relationship", "is_alive"]
    list_filter = ["sex", "is_alive", "relationship"]
    search_fields = ["nik", "full_name"]
    raw_id_fields = ["family"]


@admin.register(Family)
class FamilyAdmin(PersonalDataAdmin, admin.ModelAdmin):
    list_display = ["kk_number", "head", "address", "village"]
    search_fields = ["kk_number", "address"]
    raw_id_fields = ["head", "village"]


@admin.register(CorrectionRequest)
class CorrectionRequestAdmin(PersonalDataAdmin, admin.ModelAdmin):
    pass


@admin.register(DuplicateFlag)
class DuplicateFlagAdmin(PersonalDataAdmin, admin.ModelAdmin):
    pass


@admin.register(ServiceLocation)
class ServiceLocationAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "office", "is_active"]
    list_filter = ["is_active"]


@admin.register(AppointmentSlot)
class AppointmentSlotAdmin(admin.ModelAdmin):
    list_display = ["location", "service_type", "starts_at", "capacity", "booked", "is_active"]
    list_filter = ["location", "service_type", "is_active"]
    date_hierarchy = "starts_at"
    readonly_fields = ["booked"]  # changed only by bookings, so it never exceeds capacity


class AppointmentEventInline(admin.TabularInline):
    model = AppointmentEvent
    extra = 0
    can_delete = False
    fields = ["at", "action", "from_status", "to_status", "actor", "reason"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Appointment)
class AppointmentAdmin(PersonalDataAdmin, admin.ModelAdmin):
    subject_field = "citizen"
    inlines = [AppointmentEventInline]
    list_display = ["code", "slot", "citizen", "state", "checked_in_at"]
    list_filter = ["state"]
    search_fields = ["code"]
    list_select_related = ["slot__location", "citizen"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
