"""Back office: read-only views of notifications and the record of sent messages."""

from django.contrib import admin

from balaikota.core.admin import PersonalDataAdmin
from balaikota.core.admin import ReadOnlyAdmin as CoreReadOnlyAdmin

from .models import Notification, NotificationPreference, OutboundMessage


class ReadOnlyAdmin(PersonalDataAdmin, CoreReadOnlyAdmin):
    deletable = True


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    subject_field = "recipient"
    list_display = ["title", "recipient", "topic", "created_at", "read_at"]
    list_filter = ["topic"]
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient"]
    date_hierarchy = "created_at"


@admin.register(OutboundMessage)
class OutboundMessageAdmin(ReadOnlyAdmin):
    list_display = ["pk", "channel", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["channel", "status"]
    raw_id_fields = ["notification"]
    date_hierarchy = "created_at"


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ReadOnlyAdmin):
    subject_field = "user"
    list_display = ["user", "channel", "enabled", "updated_at"]
    list_filter = ["channel", "enabled"]
    raw_id_fields = ["user"]
