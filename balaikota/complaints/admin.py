"""Back office of complaints: categories and their deadlines; complaints read-only (the OPD
handles them on its own pages, so every step writes its event)."""

from django.contrib import admin

from .models import Complaint, ComplaintCategory


@admin.register(ComplaintCategory)
class ComplaintCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "resolution_days", "is_suggestion", "is_active", "order"]
    list_editable = ["resolution_days", "is_active", "order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    list_display = ["tracking_number", "title", "opd", "status", "due_date", "submitted_at"]
    list_filter = ["status", "opd", "category"]
    list_select_related = ["opd"]
    search_fields = ["tracking_number", "title"]
    exclude = ["access_key_hash", "search_stems", "submit_key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
