"""The survey a citizen was invited to, the public IKM pages, and the OPD's follow-up form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from balaikota.core.errors import DomainError, Forbidden, InvalidInput
from balaikota.core.web import form_add_error
from balaikota.organization import selectors as organization_selectors

from . import selectors, services
from .forms import ImprovementActionForm, SurveyForm
from .ikm import ELEMENTS


@require_http_methods(["GET", "POST"])
def survey_answer(request, token: str):
    invitation = services.invitation_open(token)  # refused page (404/409) when it cannot be
    form = SurveyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.survey_answer(
                    token=token,
                    answers={code: data[code] for code, _label in ELEMENTS},
                    gender=data["gender"],
                    age=data["age"],
                    education=data["education"],
                    occupation=data["occupation"],
                    suggestion=data["suggestion"],
                )
            except DomainError as exc:
                form_add_error(form, exc)
                status = exc.status
            else:
                return redirect("satisfaction:thanks")
        else:
            status = 400
    return render(
        request,
        "satisfaction/answer.html",
        {"form": form, "invitation": invitation, "service": invitation.service},
        status=status,
    )


@require_GET
def survey_thanks(request):
    return render(request, "satisfaction/thanks.html")


def _period(request) -> selectors.Period:
    """The period asked for (this year by default); anything else is a 400 with a message."""
    current = selectors.current_period()
    year_text = request.GET.get("tahun", str(current.year))
    part = request.GET.get("bagian", "tahun")
    if (
        not year_text.isdigit()
        or not 2000 <= int(year_text) <= current.year + 1
        or part not in selectors.PERIODS
    ):
        raise InvalidInput(_("Periode tidak dikenal. Pilih tahun dan periode dari daftar."))
    return selectors.Period(int(year_text), part)


@require_GET
def ikm_index(request):
    period = _period(request)
    context = {
        "period": period,
        "years": selectors.survey_years(),
        "total": selectors.ikm_total(period),
        "rows": selectors.ikm_by_opd(period),
    }
    return render(request, "satisfaction/ikm_index.html", context)


@require_GET
def ikm_opd(request, code: str):
    opd = organization_selectors.opds_active().filter(code=code).first()
    if opd is None:
        raise Http404
    period = _period(request)
    context = {
        "opd": opd,
        "period": period,
        "years": selectors.survey_years(),
        "total": selectors.ikm_total(period, opd=opd),
        "rows": selectors.ikm_by_service(period, opd=opd),
        "actions": selectors.improvement_actions(year=period.year, opd=opd),
        "may_follow_up": request.user.has_perm("satisfaction.manage_improvement", opd),
    }
    return render(request, "satisfaction/ikm_opd.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def improvement_new(request, code: str):
    opd = organization_selectors.opds_active().filter(code=code).first()
    if opd is None:
        raise Http404
    if not request.user.has_perm("satisfaction.manage_improvement", opd):
        raise Forbidden(_("Anda tidak mengelola pelayanan publik OPD ini."))
    form = ImprovementActionForm(request.POST or None, opd=opd)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.improvement_action_save(actor=request.user, opd=opd, **data)
            except DomainError as exc:
                form_add_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("Tindak lanjut disimpan dan tampil untuk publik."))
                return redirect("satisfaction:opd", code=opd.code)
        else:
            status = 400
    return render(
        request, "satisfaction/improvement_form.html", {"form": form, "opd": opd}, status=status
    )
