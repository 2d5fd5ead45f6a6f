"""Public pages of the service catalogue: no sign-in, and nothing on them depends on the person."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from balaikota.core.navigation import online_application_url, service_links
from balaikota.core.web import anonymous_page_cache, conditional_get

from . import selectors
from .forms import ServiceFilterForm
from .search import VOCABULARY_VERSION_KEY, catalogue_version

PAGE_SIZE = 20
# The catalogue's pages are the same for every visitor who is not signed in: kept whole, per
# address and language, until the catalogue changes (its version token).
KEPT = anonymous_page_cache(
    catalogue_version, prefix="catalogue", version_key=VOCABULARY_VERSION_KEY
)


@require_GET
@KEPT
def service_list(request):
    form = ServiceFilterForm(request.GET or None)
    status = 200
    result = None
    if form.is_bound and not form.is_valid():
        services, status = [], 400
    else:
        data = form.cleaned_data if form.is_bound else {}
        result = selectors.public_services_search(
            data.get("q", ""), opd_code=data.get("opd", ""), life_event=data.get("peristiwa", "")
        )
        services = result.services
    page = Paginator(services, PAGE_SIZE).get_page(request.GET.get("halaman"))
    filtered = form.is_bound and any(form.data.get(k) for k in ("q", "opd", "peristiwa"))
    context = {
        "form": form,
        "page": page,
        "filtered": filtered,
        "result": result,
        "life_events": selectors.life_events_with_services(),
    }
    return render(request, "catalogue/list.html", context, status=status)


@require_GET
@conditional_get
@KEPT
def service_detail(request, slug: str):
    service = selectors.public_service_page(slug)
    if service is None:
        raise Http404
    context = {
        "service": service,
        # The standard's sections are drawn once per catalogue version (memo in the template);
        # their rows are lazy querysets, evaluated only when the memo draws them.
        "catalogue_version": catalogue_version(),
        "apply_url": online_application_url(service),
        "requirements": selectors.service_requirements(service),
        "locations": selectors.service_locations(service),
        "life_events": selectors.service_life_events(service),
        "service_links": service_links(service),
        "versions": selectors.standard_versions(service),
    }
    return render(request, "catalogue/detail.html", context)


@require_GET
@conditional_get
@KEPT
def standard_versions(request, slug: str):
    service = selectors.public_service_page(slug)
    if service is None:
        raise Http404
    rows = selectors.standard_version_rows(service)
    return render(request, "catalogue/versions.html", {"service": service, "rows": rows})


@require_GET
@conditional_get
@KEPT
def standard_version(request, slug: str, number: int):
    service = selectors.public_service_page(slug)
    row = selectors.standard_version(service, number) if service else None
    if row is None:
        raise Http404
    if row.in_force:  # one page for the standard in force: the service's own
        return redirect(service.get_absolute_url(), permanent=False)
    standard = selectors.StandardSnapshot(row.version.content)
    context = {
        "service": service,
        "row": row,
        "standard": standard,
        "requirements": standard.requirement_items,
    }
    return render(request, "catalogue/version.html", context)


@require_GET
@KEPT
def life_event_detail(request, slug: str):
    event = selectors.life_event_by_slug(slug)
    if event is None:
        raise Http404
    services = selectors.public_services_active(life_event=event.slug)
    return render(
        request,
        "catalogue/life_event.html",
        {
            "event": event,
            "services": services,
            "life_events": selectors.life_events_with_services(),
        },
    )


@require_GET
@KEPT
def opd_detail(request, code: str):
    opd = selectors.service_opd_by_code(code)
    if opd is None:
        raise Http404
    context = {
        "opd": opd,
        "services": selectors.public_services_active(opd_code=opd.code),
        "charter": selectors.service_charter(opd),
        "locations": selectors.opd_locations(opd),
    }
    return render(request, "catalogue/opd.html", context)
