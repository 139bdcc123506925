import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ayni.communities.access import access_community_as_coordinator
from ayni.core.i18n import current_language
from ayni.core.pagination import paginate
from ayni.insights import forms, network_view, presentation, selectors, services
from ayni.insights import report as report_module
from ayni.insights.access import access_assignment
from ayni.insights.models import CommunityInstrument, SurveyAssignment


def _period(request):
    return selectors.period_from(request.GET.get("period"))


def _context(request, community, tab, **extra):
    from ayni.insights.snapshots import PAGE_FIGURES, Figures

    period = _period(request)
    figures = Figures(community, period, PAGE_FIGURES.get(tab))
    return {"community": community, "tab": tab, "period": period, "period_choices": selectors.period_choices(),
            "store": figures, **extra}


@login_required
def dashboard(request, slug):
    community, _membership = access_community_as_coordinator(request.user, slug)
    context = _context(request, community, "dashboard")
    context["sections"] = report_module.build_sections(community, context["period"],
                                                only=report_module.DASHBOARD_KEYS, figures=context["store"])
    context["missing"] = missing_sources()
    return render(request, "insights/dashboard.html", context)


@login_required
def figure_list(request, slug, figure):
    community, _membership = access_community_as_coordinator(request.user, slug)
    period = _period(request)
    context = {"community": community, "tab": "dashboard", "figure": figure, "period": period,
               "title": list_titles().get(figure, figure)}
    try:
        if figure in selectors.MEMBER_LISTS:
            params = {key: request.GET[key] for key in ("topic", "language", "mode", "area") if request.GET.get(key)}
            if "topic" in params and not params["topic"].isdigit():
                raise KeyError(figure)
            rows, kind = selectors.members_behind(community, figure, params=params), "members"
        elif figure in selectors.RELATIONSHIP_LISTS:
            rows, kind = selectors.relationships_behind(community, figure, period), "relationships"
        elif figure in selectors.REQUEST_LISTS:
            rows, kind = selectors.requests_behind(community, figure, period), "requests"
        else:
            raise KeyError(figure)
    except KeyError as error:
        raise Http404(_("No such list.")) from error
    context.update(page_obj=paginate(request, rows), kind=kind)
    return render(request, "insights/figure_list.html", context)


def missing_sources() -> str:
    """Say which figures are left out because their app has no data in this installation."""
    missing = []
    if selectors.model_or_none("support", "SupportRequest") is None:
        missing.append(_("requests for support"))
    if selectors.model_or_none("relationships", "Relationship") is None:
        missing.append(_("relationships, sessions and check-ins"))
    if selectors.model_or_none("training", "Certification") is None:
        missing.append(_("training"))
    if not missing:
        return ""
    return _("Not shown, because this installation does not record them yet: %(what)s.") % {"what": ", ".join(missing)}


def list_titles():
    return {
        "seekers": _("Seekers"), "supporters": _("Supporters"), "coordinators": _("Coordinators"),
        "pending": _("Waiting for approval"), "away": _("Supporters away today"),
        "no_places": _("Supporters offering no places"), "waiting": _("Seekers with a need"),
        "available": _("Supporters available"), "survey_pending": _("People with a survey to answer"),
        "full": _("Supporters at capacity"), "untrained": _("Supporters still to train"),
        "expiring": _("Supporters whose certification expires within 60 days"),
        "relationships_active": _("Active relationships"),
        "relationships_inactive": _("Relationships without a recent session"),
        "closed_planned": _("Relationships closed as planned"),
        "closed_unplanned": _("Relationships closed earlier than planned"),
        "open_requests": _("Open requests for support"), "matched_requests": _("Requests matched in the period"),
    }


@login_required
def gaps(request, slug):
    community, _membership = access_community_as_coordinator(request.user, slug)
    context = _context(request, community, "gaps")
    found = context["store"].get("gaps")
    groups = []
    for dimension, title in presentation.gap_dimension_names().items():
        groups.append({"dimension": dimension, "title": title, "gaps": [
            {"gap": gap, "message": selectors.recruitment_message(community, gap)} for gap in found[dimension][:15]]})
    context.update(groups=groups, found=found,
                   chart=presentation.gaps_chart(found["topic"], _("Seekers waiting and supporters available, by topic")))
    return render(request, "insights/gaps.html", context)


@login_required
def outcomes(request, slug):
    community, _membership = access_community_as_coordinator(request.user, slug)
    context = _context(request, community, "outcomes")
    figures = context["store"]
    results = []
    for follow_up, name, title in (("three_months", "outcomes", _("Three months after joining")),
                                   ("closure", "outcomes_closure", _("At the close of a support relationship"))):
        figure = figures.get(name)
        header, rows = presentation.outcomes_table(figure["rows"])
        results.append({"title": title, "header": header, "rows": rows, "follow_up": follow_up,
                        "chart": presentation.outcomes_chart(figure["rows"], title)})
    by_quarter = []
    header = []
    for figure in figures.get("outcomes_quarters"):
        header, rows = presentation.outcomes_table(figure["rows"])
        by_quarter.append({"period": figure["period"], "rows": rows})
    context.update(results=results, by_quarter=by_quarter, quarter_header=header)
    return render(request, "insights/outcomes.html", context)


@login_required
def network(request, slug):
    community, _membership = access_community_as_coordinator(request.user, slug)
    context = _context(request, community, "network")
    context.update(context["store"].get("network_page"))
    return render(request, "insights/network.html", context)


@login_required
def report(request, slug):
    community, _membership = access_community_as_coordinator(request.user, slug)
    context = _context(request, community, "report")
    context["sections"] = report_sections(community, context["period"], context["store"])
    return render(request, "insights/report.html", context)


def report_sections(community, period, figures=None):
    from ayni.insights.snapshots import PAGE_FIGURES, Figures

    figures = figures or Figures(community, period, PAGE_FIGURES["report"])
    return [*report_module.build_sections(community, period, figures=figures),
            network_view.network_section(community, period, figures)]


@login_required
def report_pdf(request, slug):
    from ayni.insights.pdf import report_pdf as render_pdf

    community, _membership = access_community_as_coordinator(request.user, slug)
    period = _period(request)
    content = render_pdf(community=community, period=period, sections=report_sections(community, period),
                         language=current_language())
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"ayni-{community.slug}-{period.key}-{current_language()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def export_csv(request, slug, table):
    community, _membership = access_community_as_coordinator(request.user, slug)
    period = _period(request)
    sections = {section.key: section for section in report_sections(community, period)}
    section = sections.get(table)
    if section is None or not section.header:
        raise Http404(_("No such table."))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ayni-{community.slug}-{table}-{period.key}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the accents right
    writer = csv.writer(response)
    writer.writerow(section.header)
    for row in section.rows:
        writer.writerow([presentation.cell(value) if value is None else value for value in row])
    return response


@login_required
def instruments(request, slug):
    community, _membership = access_community_as_coordinator(request.user, slug)
    form = forms.InstrumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.instrument_define(
                actor=request.user, community=community, role=form.cleaned_data["role"],
                text=form.cleaned_data["text"], languages=form.cleaned_data["languages"],
                licence_note=form.cleaned_data["licence_note"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, problems in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, problems)
            else:
                form.add_error("text", error.messages)
        else:
            messages.success(request, _("Your instrument is saved. New surveys will use it."))
            return redirect("insights:instruments", slug=slug)
    in_use = services.instruments_for(community)
    own = CommunityInstrument.objects.filter(community=community).select_related("created_by").order_by("-created_at")
    return render(request, "insights/instruments.html", {
        "community": community, "tab": "instruments", "form": form, "in_use": in_use, "own": own,
        "example": forms.EXAMPLE, "language": current_language(),
    })


@login_required
@require_POST
def instrument_retire(request, slug, instrument_id):
    community, _membership = access_community_as_coordinator(request.user, slug)
    instrument = CommunityInstrument.objects.filter(community=community, pk=instrument_id).first()
    if instrument is None:
        raise Http404(_("No such instrument."))
    services.instrument_retire(actor=request.user, instrument=instrument)
    messages.success(request, _("That instrument is no longer asked."))
    return redirect("insights:instruments", slug=slug)


@login_required
def my_surveys(request):
    assignments = (SurveyAssignment.objects.filter(membership__user=request.user)
                   .select_related("community").order_by("-due_at"))
    language = current_language()
    for assignment in assignments:
        assignment.display_name = assignment.instrument.name.get(language)
    pending = [assignment for assignment in assignments if assignment.is_open]
    done = [assignment for assignment in assignments if assignment.status == SurveyAssignment.Status.COMPLETED][:20]
    return render(request, "insights/my_surveys.html", {"pending": pending, "done": done,
                                                        "language": current_language()})


@login_required
def survey_answer(request, assignment_id):
    assignment = access_assignment(request.user, assignment_id)
    instrument = assignment.instrument
    language = current_language() if current_language() in (assignment.languages or ["es", "en"]) else \
        (assignment.languages or ["es"])[0]
    survey_form = forms.survey_form_class(instrument, language)(request.POST or None)
    if request.method == "POST":
        if "decline" in request.POST:
            services.survey_decline(actor=request.user, assignment=assignment)
            messages.info(request, _("Understood. We will not ask you this one again."))
            return redirect("insights:my_surveys")
        if survey_form.is_valid():
            try:
                services.survey_submit(actor=request.user, assignment=assignment, answers=survey_form.answers())
            except (ValidationError, PermissionDenied) as error:
                survey_form.add_error(None, error.messages if hasattr(error, "messages") else str(error))
            else:
                messages.success(request, _("Thank you for your answers."))
                return redirect("insights:my_surveys")
    return render(request, "insights/survey_answer.html", {
        "assignment": assignment, "instrument": instrument, "form": survey_form, "language": language,
        "instrument_name": instrument.name.get(language),
    })
