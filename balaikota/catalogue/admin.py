"""Back office of the catalogue: each service with its 14 standard components and requirements."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import PublicService, ServiceRequirement


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
    inlines = [ServiceRequirementInline]
    fieldsets = [
        (None, {"fields": ["opd", "name", "slug", "summary", "is_online", "is_active"]}),
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
