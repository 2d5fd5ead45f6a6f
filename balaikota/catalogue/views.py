"""Public pages of the service catalogue: no sign-in, and nothing on them depends on the person."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from balaikota.core.navigation import online_application_url

from . import selectors
from .forms import ServiceFilterForm

PAGE_SIZE = 20


@require_GET
def service_list(request):
    form = ServiceFilterForm(request.GET or None)
    status = 200
    if form.is_bound and not form.is_valid():
        services, status = selectors.public_services_active().none(), 400
    else:
        data = form.cleaned_data if form.is_bound else {}
        services = selectors.public_services_active(
            search=data.get("q", ""), opd_code=data.get("opd", "")
        )
    page = Paginator(services, PAGE_SIZE).get_page(request.GET.get("halaman"))
    filtered = form.is_bound and any(form.data.get(k) for k in ("q", "opd"))
    context = {"form": form, "page": page, "filtered": filtered}
    return render(request, "catalogue/list.html", context, status=status)


@require_GET
def service_detail(request, slug: str):
    service = selectors.public_service_by_slug(slug)
    if service is None:
        raise Http404
    return render(
        request,
        "catalogue/detail.html",
        {"service": service, "apply_url": online_application_url(service)},
    )
