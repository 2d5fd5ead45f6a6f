"""Back office of the survey: answers are read-only (they are the citizens'), follow-ups edited."""

from django.contrib import admin

from .models import ImprovementAction, SatisfactionSurvey


@admin.register(SatisfactionSurvey)
class SatisfactionSurveyAdmin(admin.ModelAdmin):
    list_display = ["service", "opd", "submitted_at"]
    list_filter = ["opd"]
    list_select_related = ["service", "opd"]
    date_hierarchy = "submitted_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ImprovementAction)
class ImprovementActionAdmin(admin.ModelAdmin):
    list_display = ["opd", "year", "element", "status", "target_date"]
    list_filter = ["year", "status", "element"]
    list_select_related = ["opd"]
    autocomplete_fields = ["opd", "service"]
    readonly_fields = ["created_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
