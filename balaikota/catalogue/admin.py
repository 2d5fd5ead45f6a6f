"""Back office of the catalogue: each service with its 14 standard components and requirements."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from balaikota.core.errors import DomainError

from . import services
from .models import (
    LifeEvent,
    PublicService,
    SearchSynonym,
    ServiceCharter,
    ServiceLocation,
    ServiceRequirement,
    ServiceStandardVersion,
)


class ServiceRequirementInline(admin.TabularInline):
    model = ServiceRequirement
    extra = 0
    fields = ["order", "name", "description", "is_mandatory", "substitutes"]


class StandardVersionInline(admin.TabularInline):
    """The decrees the service's standard was published under: read only, never deleted."""

    model = ServiceStandardVersion
    extra = 0
    fields = ["number", "decree_number", "decree_date", "effective_date", "published_at"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PublicService)
class PublicServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "opd", "service_time_days", "fee", "is_online", "is_active"]
    list_filter = ["is_active", "is_online", "opd"]
    list_select_related = ["opd"]
    search_fields = ["name", "slug", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["opd"]
    filter_horizontal = ["life_events", "locations"]
    inlines = [ServiceRequirementInline, StandardVersionInline]
    # Set by publishing a version (Versi standar pelayanan → Tambah), never typed here.
    readonly_fields = ["decree_number", "decree_date", "effective_date"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "opd",
                    "name",
                    "slug",
                    "summary",
                    ("is_online", "online_url"),
                    ("is_active", "is_demo_content"),
                    "keywords",
                    "life_events",
                    "locations",
                ]
            },
        ),
        (
            _("Penyampaian pelayanan"),
            {
                "fields": [
                    "requirements",
                    "procedure",
                    ("service_time_days", "service_time_note"),
                    ("fee", "fee_note"),
                    "product",
                    "complaint_handling",
                ]
            },
        ),
        (
            _("Pengelolaan pelayanan"),
            {
                "fields": [
                    "legal_basis",
                    "facilities",
                    "staff_competence",
                    "internal_supervision",
                    "staff_count",
                    "service_guarantee",
                    "security_guarantee",
                    "performance_evaluation",
                ]
            },
        ),
        (
            _("Penetapan"),
            {
                "fields": ["decree_number", "decree_date", "effective_date"],
                "description": _(
                    "Standar baru yang ditetapkan dengan SK diterbitkan sebagai versi di "
                    "Versi standar pelayanan; versi lama tetap dapat dibaca warga."
                ),
            },
        ),
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.service_search_reindex()  # name, keywords, requirements or events changed

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.service_search_reindex()


@admin.register(LifeEvent)
class LifeEventAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.catalogue_changed()  # the service pages show it

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.catalogue_changed()


@admin.register(ServiceLocation)
class ServiceLocationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "opd", "phone"]
    list_filter = ["kind"]
    list_select_related = ["opd"]
    search_fields = ["name", "address"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["opd"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.catalogue_changed()  # the service pages show it

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.catalogue_changed()


@admin.register(ServiceCharter)
class ServiceCharterAdmin(admin.ModelAdmin):
    list_display = ["opd", "decree_number", "decree_date"]
    list_select_related = ["opd"]
    autocomplete_fields = ["opd"]


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    """What citizens type → the catalogue's words; used by the next search after saving."""

    list_display = ["term", "replacement", "is_active"]
    list_editable = ["replacement", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["term", "replacement"]

    def save_model(self, request, obj, form, change):
        obj.term = obj.term.strip().lower()
        super().save_model(request, obj, form, change)
        services.search_synonyms_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.search_synonyms_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        services.search_synonyms_changed()


class StandardVersionPublishForm(forms.ModelForm):
    """Publish the service's standard as it now stands under a decree: the rule is the
    service's (``standard_version_check``), asked here so a refusal shows on the form."""

    class Meta:
        model = ServiceStandardVersion
        fields = ["service", "decree_number", "decree_date", "effective_date"]

    def clean(self):
        data = super().clean()
        service = data.get("service")
        if service is not None and not self.errors:
            try:
                data["decree_number"] = services.standard_version_check(
                    service,
                    decree_number=data.get("decree_number", ""),
                    effective_date=data.get("effective_date"),
                    decree_date=data.get("decree_date"),
                )
            except DomainError as error:
                for field, messages in error.field_errors.items():
                    for message in messages:
                        self.add_error(field if field in self.fields else None, message)
        return data


@admin.register(ServiceStandardVersion)
class ServiceStandardVersionAdmin(admin.ModelAdmin):
    """Adding a version publishes the service's current standard under its decree; a version
    is never edited or deleted (warga read old versions by number)."""

    list_display = ["service", "number", "decree_number", "effective_date", "published_at"]
    list_select_related = ["service"]
    search_fields = ["service__name", "decree_number"]
    autocomplete_fields = ["service"]
    form = StandardVersionPublishForm

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [
            "service",
            "number",
            "decree_number",
            "decree_date",
            "effective_date",
            "published_by",
            "published_at",
        ]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["service", "decree_number", "decree_date", "effective_date"]
        return self.get_readonly_fields(request, obj)

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        version = services.standard_version_publish(
            form.cleaned_data["service"],
            decree_number=form.cleaned_data["decree_number"],
            decree_date=form.cleaned_data.get("decree_date"),
            effective_date=form.cleaned_data["effective_date"],
            by=request.user,
        )
        obj.pk = version.pk
        obj.number = version.number
