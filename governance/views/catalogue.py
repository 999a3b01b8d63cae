"""The service catalogue on the site: /tjenestekatalog/ and the role overview /roller/."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from councils import downloads
from councils.appointments import security_officers

from .. import catalogue, notices, uptime
from .. import role_overview as overviews
from ..filters import OverviewFilterForm, ServiceFilter
from ..models import SLAPage

SERVICES_PER_PAGE = 50


def service_list(request):
    """/tjenestekatalog/: every service, narrowed by the GET form's filters."""
    filterset = ServiceFilter(request.GET or None, queryset=catalogue.services_for_listing())
    # A page number that is not one, or past the end, shows the nearest real page.
    page = Paginator(filterset.qs, SERVICES_PER_PAGE).get_page(request.GET.get("side"))
    return render(
        request,
        "governance/catalogue/service_list.html",
        {
            "filter": filterset,
            "page": page,
            "page_numbers": page.paginator.get_elided_page_range(page.number, on_each_side=2),
        },
    )


def service_detail(request, slug):
    """/tjenestekatalog/<slug>/: what the service is, its targets and its people."""
    service = get_object_or_404(catalogue.services_with_roles(), slug=slug)
    sla = SLAPage.objects.live().first()
    return render(
        request,
        "governance/catalogue/service_detail.html",
        {
            "service": service,
            "people": catalogue.service_people(service),
            "uptime": catalogue.uptime_target(service, sla),
            "notices": notices.current_notices_for(service, timezone.now()),
            "recent_uptime": uptime.last_months(service),
            # E-mail and phone are for staff; the public page names people only.
            "show_contacts": request.user.is_authenticated,
        },
    )


def _overview(request):
    """The overview for the municipality the GET form asks for (all when it asks for none)."""
    form = OverviewFilterForm(request.GET or None)
    municipality = form.cleaned_data["kommune"] if form.is_valid() else None
    return form, municipality, overviews.role_overview(municipality)


def role_overview(request, status=200):
    """/roller/: SLA 4.15's overview of role assignments, every missing role counted.

    A bad filter is explained on the page, which then shows all municipalities.
    """
    form, municipality, overview = _overview(request)
    sections = overviews.overview_sections(overview, security_officers(), municipality)
    query = f"?{urlencode({'kommune': municipality.slug})}" if municipality else ""
    return render(
        request,
        "governance/catalogue/role_overview.html",
        {
            "form": form,
            "municipality": municipality,
            "overview": overview,
            "roles": catalogue.OVERVIEW_ROLES,
            "missing_counts": overviews.missing_counts(overview),
            "sections": sections,
            "without_security_officer": (
                overviews.municipalities_without_security_officer(sections)
            ),
            "csv_url": reverse("role_overview_csv") + query,
            "xlsx_url": reverse("role_overview_xlsx") + query,
        },
        status=status,
    )


def _export(request, extension):
    """The overview's rows (header first) and a file name; (None, None) if the filter is bad."""
    form, municipality, overview = _overview(request)
    if form.errors:
        return None, None
    header, rows = overviews.overview_table(overview, security_officers())
    place = municipality.slug if municipality else "alle-kommuner"
    # The date the reader sees on the calendar in Norway (TIME_ZONE is Europe/Oslo).
    filename = f"rolletildelinger-{place}-{timezone.localdate():%Y-%m-%d}.{extension}"
    return [header, *rows], filename


def role_overview_csv(request):
    """/roller/roller.csv: the overview for a spreadsheet."""
    table, filename = _export(request, "csv")
    if table is None:
        return role_overview(request, status=400)  # no file: the page says what was wrong
    return downloads.csv_response(table, filename)


def role_overview_xlsx(request):
    """/roller/roller.xlsx: the same table as an Excel workbook."""
    table, filename = _export(request, "xlsx")
    if table is None:
        return role_overview(request, status=400)  # no file: the page says what was wrong
    return downloads.xlsx_response(table, filename, "Rolletildelinger")
