"""REST API routes of civil registration; included by balaikota/urls.py at api/v1/kependudukan/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

app_name = "civil_registry_api"

router = SimpleRouter()
router.register("service-types", api.ServiceTypeViewSet, basename="service-type")
router.register("applications", api.ApplicationViewSet, basename="application")
router.register("locations", api.LocationViewSet, basename="location")
router.register("appointments", api.AppointmentViewSet, basename="appointment")
router.register(
    "officer/applications", api.OfficerApplicationViewSet, basename="officer-application"
)
router.register(
    "officer/appointments", api.OfficerAppointmentViewSet, basename="officer-appointment"
)

urlpatterns = [
    path("tracking/", api.TrackingView.as_view(), name="tracking"),
    path("tracking/forgot-pin/", api.PinForgotView.as_view(), name="tracking-forgot-pin"),
    path("register/lookup/", api.RegisterLookupView.as_view(), name="register-lookup"),
    path("register/check/", api.NikCheckView.as_view(), name="register-check"),
    path("me/data/", api.PersonalDataView.as_view(), name="personal-data"),
    *router.urls,
]
