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
    return render(request, "accounts/profile.html", {"board": dashboard_for(request.user)})
