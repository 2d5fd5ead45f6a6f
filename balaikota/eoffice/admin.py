"""The e-office's reference data in the back office. Letters themselves are not here: a Rahasia
letter is for the people on it only, never for an administrator by default."""

from django.contrib import admin

from .models import (
    ActingAssignment,
    Classification,
    Delegation,
    LetterKind,
    OpdLetterSetting,
    SigningMandate,
)


@admin.register(LetterKind)
class LetterKindAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "group", "layout", "is_active", "order")
    list_filter = ("group", "is_active")
    search_fields = ("name", "code")


@admin.register(Classification)
class ClassificationAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "active_years", "inactive_years", "final_disposition")
    list_filter = ("final_disposition", "is_active")
    search_fields = ("code", "name")
    raw_id_fields = ("parent",)


@admin.register(OpdLetterSetting)
class OpdLetterSettingAdmin(admin.ModelAdmin):
    list_display = ("opd", "unit_code", "number_format")
    raw_id_fields = ("opd",)


# ── Incoming letters and dispositions ──
# The instructions a head ticks on a disposition are data the records unit edits here; the
# incoming letters themselves are not in the back office (a Rahasia one is for its tree only).

from .models import DispositionInstruction  # noqa: E402


@admin.register(DispositionInstruction)
class DispositionInstructionAdmin(admin.ModelAdmin):
    list_display = ("name", "order", "is_active")
    list_editable = ("order", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name",)


# ── Acting officials and delegation ──


@admin.register(ActingAssignment)
class ActingAssignmentAdmin(admin.ModelAdmin):
    list_display = ("position", "kind", "acting", "starts_on", "ends_on", "decree_number")
    list_filter = ("kind",)
    search_fields = ("position__name", "acting__full_name", "decree_number")
    raw_id_fields = ("position", "acting", "created_by")
    date_hierarchy = "starts_on"


@admin.register(SigningMandate)
class SigningMandateAdmin(admin.ModelAdmin):
    list_display = ("signer_position", "principal_position", "intermediate_position", "is_active")
    list_filter = ("is_active",)
    raw_id_fields = ("signer_position", "principal_position", "intermediate_position")
    filter_horizontal = ("kinds",)


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ("delegator", "delegate", "reason", "starts_on", "ends_on", "ended_at")
    list_filter = ("reason",)
    raw_id_fields = ("delegator", "delegate")
