"""Home dashboard per role, and the person's own profile."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .selectors import dashboard_for


def home(request):
    if not request.user.is_authenticated:
        return render(request, "accounts/landing.html")
    return render(request, "accounts/home.html", {"board": dashboard_for(request.user)})


@login_required
def profile(request):
    """The signed-in person's own data: viewing it writes no access log entry.

    A page where staff view *another* person's personal data must call
    ``balaikota.core.services.access_log_record(actor=..., obj=..., subject=..., purpose=...,
    request=request)`` before rendering (UU PDP: the data subject may ask who looked at it).
    """
    return render(request, "accounts/profile.html", {"board": dashboard_for(request.user)})
