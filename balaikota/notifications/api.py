"""REST API of a person's own notifications for the citizens' mobile app (token or session):
the inbox, marking one or all read — the same services as the web inbox.

Mounted by the project URLconf: ``path("api/v1/notifikasi/", include("balaikota.notifications.api"))``.
"""

from django.urls import path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from balaikota.core.api import ErrorSerializer
from balaikota.core.errors import NotFound

from . import selectors, services
from .models import Notification

app_name = "notifications-api"
TAGS = ["Notifikasi"]


class NotificationSerializer(serializers.ModelSerializer):
    is_read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "topic", "title", "body", "url", "created_at", "read_at", "is_read"]
        read_only_fields = fields

    def get_is_read(self, notification) -> bool:
        return notification.read_at is not None


class NotificationListView(ListAPIView):
    """The signed-in person's notifications, newest first (paginated)."""

    permission_classes = [IsAuthenticated]
    serializer_class = NotificationSerializer

    def get_queryset(self):
        return selectors.notifications_of(self.request.user)

    @extend_schema(tags=TAGS, summary="Notifikasi saya, terbaru dulu")
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response.data["unread"] = selectors.unread_count(request.user)
        return response


class NotificationReadView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS,
        summary="Tandai satu notifikasi sudah dibaca",
        request=None,
        responses={200: NotificationSerializer, 404: ErrorSerializer},
    )
    def post(self, request, pk: int):
        notification = selectors.notification_of(request.user, pk)
        if notification is None:  # someone else's looks the same as none
            raise NotFound()
        services.notification_mark_read(user=request.user, notification=notification)
        return Response(NotificationSerializer(notification).data)


class NotificationsReadAllView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS,
        summary="Tandai semua notifikasi sudah dibaca",
        request=None,
        responses={
            200: inline_serializer(
                "NotificationsReadAll",
                {"changed": serializers.IntegerField(), "unread": serializers.IntegerField()},
            )
        },
    )
    def post(self, request):
        changed = services.notifications_mark_all_read(user=request.user)
        return Response({"changed": changed, "unread": selectors.unread_count(request.user)})


urlpatterns = [
    path("", NotificationListView.as_view(), name="list"),
    path("<int:pk>/dibaca/", NotificationReadView.as_view(), name="read"),
    path("semua-dibaca/", NotificationsReadAllView.as_view(), name="read_all"),
]
