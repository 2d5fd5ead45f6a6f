"""Back office of competency development for the competency admin: the dictionary, position
standards, programmes, classes and sessions, the JP rules and conversions. Enrolments, evidence
and the ledger are read-only here: they change through their own pages, so each step is an
event and every credit goes through the ledger's service."""

import secrets

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from balaikota.core.richtext import sanitize

from .models import (
    Certificate,
    ClassSession,
    Competency,
    CompetencyLevel,
    Enrolment,
    Evidence,
    JpConversion,
    JpRule,
    LedgerEntry,
    PositionStandard,
    Programme,
    ProgrammeCompetency,
    ReadinessQuestion,
    TrainingClass,
)


class CompetencyLevelInline(admin.TabularInline):
    model = CompetencyLevel
    extra = 0
    max_num = 5


@admin.register(Competency)
class CompetencyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "opd", "is_active", "order"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]
    inlines = [CompetencyLevelInline]
    prepopulated_fields = {"code": ["name"]}


@admin.register(PositionStandard)
class PositionStandardAdmin(admin.ModelAdmin):
    list_display = ["position", "competency", "required_level"]
    list_filter = ["competency__kind", "competency"]
    list_editable = ["required_level"]
    list_select_related = ["position", "competency"]
    search_fields = ["position__name", "competency__name"]
    autocomplete_fields = ["position"]


class ProgrammeCompetencyInline(admin.TabularInline):
    model = ProgrammeCompetency
    extra = 1


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["title", "mode", "jp", "organiser", "is_published", "is_demo"]
    list_filter = ["mode", "is_published", "is_demo"]
    search_fields = ["title", "code"]
    inlines = [ProgrammeCompetencyInline]
    filter_horizontal = ["prerequisites"]
    prepopulated_fields = {"code": ["title"]}

    def save_model(self, request, obj, form, change):
        obj.description = sanitize(obj.description)  # printed as HTML on the programme page
        super().save_model(request, obj, form, change)


class ClassSessionInline(admin.TabularInline):
    model = ClassSession
    extra = 1
    fields = ["title", "starts_at", "ends_at"]


@admin.register(TrainingClass)
class TrainingClassAdmin(admin.ModelAdmin):
    list_display = ["programme", "name", "starts_on", "capacity", "status"]
    list_filter = ["status", "programme"]
    list_select_related = ["programme"]
    readonly_fields = ["status"]
    filter_horizontal = ["instructors"]
    inlines = [ClassSessionInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not ClassSession:
            return super().save_formset(request, form, formset, change)
        for session in formset.save(commit=False):
            if not session.check_in_code:
                session.check_in_code = secrets.token_urlsafe(12)
            session.save()
        for removed in formset.deleted_objects:
            removed.delete()
        formset.save_m2m()


@admin.register(ReadinessQuestion)
class ReadinessQuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "competency", "order", "is_active"]
    list_filter = ["competency", "is_active"]
    list_editable = ["order", "is_active"]


@admin.register(JpRule)
class JpRuleAdmin(admin.ModelAdmin):
    list_display = ["employment_type", "from_year", "min_jp", "max_jp", "legal_basis"]


@admin.register(JpConversion)
class JpConversionAdmin(admin.ModelAdmin):
    list_display = ["form", "unit", "jp_per_unit", "minutes_per_jp", "max_jp_per_item"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdmin):
    list_display = ["employee", "training_class", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["employee", "training_class__programme"]
    search_fields = ["employee__full_name", "employee__nip"]
    exclude = ["submit_key"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ["title", "employee", "status", "jp_credited", "due_date"]
    list_filter = ["status", "form"]
    list_select_related = ["employee"]
    exclude = ["submit_key", "file_digest"]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["employee", "on", "jp", "source", "title"]
    list_filter = ["source", "year"]
    list_select_related = ["employee"]
    search_fields = ["employee__full_name", "employee__nip", "source_key"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    """Certificates are issued by the completion of a class; withdrawing one is a decision
    with a reason, taken on its own page (``competency:certificate_revoke``)."""

    list_display = ["number", "holder_name", "programme_title", "jp", "issued_on", "revoke_link"]
    search_fields = ["number", "holder_name", "holder_nip"]
    list_filter = ["issued_on", "revoked_at"]

    @admin.display(description=_("cabut"))
    def revoke_link(self, certificate):
        if certificate.revoked_at:
            return _("dicabut %(date)s") % {"date": f"{certificate.revoked_at:%d-%m-%Y}"}
        url = reverse("competency:certificate_revoke", args=[certificate.pk])
        return format_html('<a href="{}">{}</a>', url, _("Cabut…"))
