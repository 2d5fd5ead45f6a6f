"""Back office of the catalogue: each service with its 14 standard components and requirements."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import services
from .models import (
    LifeEvent,
    PublicService,
    SearchSynonym,
    ServiceCharter,
    ServiceLocation,
    ServiceRequirement,
)


class ServiceRequirementInline(admin.TabularInline):
    model = ServiceRequirement
    extra = 0
    fields = ["order", "name", "description", "is_mandatory", "substitutes"]


@admin.register(PublicService)
class PublicServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "opd", "service_time_days", "fee", "is_online", "is_active"]
    list_filter = ["is_active", "is_online", "opd"]
    list_select_related = ["opd"]
    search_fields = ["name", "slug", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["opd"]
    filter_horizontal = ["life_events", "locations"]
    inlines = [ServiceRequirementInline]
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
        (_("Penetapan"), {"fields": ["decree_number", "decree_date", "effective_date"]}),
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
