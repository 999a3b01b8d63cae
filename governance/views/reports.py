"""The report to the samarbeidsråd: /rapporter/, its print view, Excel file and publishing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from councils.downloads import XLSX

from .. import reports
from ..models import PublishedReport
from ..report_display import present
from ..report_exports import report_workbook
from ..report_periods import PeriodError, default_period, parse_period, recent_periods


def _period(request):
    """The period the GET form asks for (the last full month when it asks for none)."""
    value = request.GET.get("periode")
    if value is None or not value.strip():
        return default_period(), None
    try:
        return parse_period(value), None
    except PeriodError as error:
        return None, str(error)


def _page(request, template, numbers_open):
    period, error = _period(request)
    context = {"periods": recent_periods(), "chosen": request.GET.get("periode", "")}
    if error:
        context["error"] = error
        return render(request, template, context, status=400)
    if all(period.key != p.key for _, items in context["periods"] for p in items):
        # An older period asked for by its address is shown as chosen, not silently replaced.
        context["periods"].insert(0, ("Valgt periode", [period]))
    context.update(
        period=period,
        chosen=period.key,
        report=present(reports.build_report(period), numbers_open),
        may_publish=reports.may_publish(request.user),
        published=PublishedReport.objects.filter(
            period=period.kind, starts_on=period.starts_on
        ).order_by("-published_at"),
    )
    return render(request, template, context)


def report(request):
    """/rapporter/?periode=2026-K1: the key figures of a month, quarter, half-year or year."""
    return _page(request, "governance/reports/report.html", numbers_open=False)


def report_print(request):
    """/rapporter/utskrift/: the same report laid out for paper, every table shown."""
    return _page(request, "governance/reports/report_print.html", numbers_open=True)


def report_xlsx(request):
    """/rapporter/rapport.xlsx?periode=…: the report as an Excel workbook."""
    period, error = _period(request)
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    content = report_workbook(reports.build_report(period))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="rapport-{period.key}.xlsx"'
    return response


@login_required
@require_POST
def publish(request):
    """Freeze the report for the period in the form and publish it to the samarbeidsråd."""
    if not reports.may_publish(request.user):
        raise PermissionDenied("Bare redaktører og godkjennere kan publisere rapporter.")
    try:
        period = parse_period(request.POST.get("periode"))
        published = reports.publish_report(period, request.user)
    except (PeriodError, reports.ReportError) as error:
        messages.error(request, str(error))
        query = urlencode({"periode": request.POST.get("periode", "")})
        return redirect(f"{reverse('reports')}?{query}")
    messages.success(request, f"«{published.title}» er publisert på rådets side.")
    return redirect("published_report", pk=published.pk)


def published_report(request, pk):
    """/rapporter/publisert/<id>/: a published report, shown from its frozen figures only."""
    published = get_object_or_404(PublishedReport.objects.select_related("council"), pk=pk)
    newer = (
        PublishedReport.objects.filter(
            council=published.council,
            period=published.period,
            starts_on=published.starts_on,
            published_at__gt=published.published_at,
        )
        .order_by("-published_at")
        .first()
    )
    return render(
        request,
        "governance/reports/published.html",
        {
            "published": published,
            "report": present(published.figures),
            "newer": newer,
        },
    )


def published_report_xlsx(request, pk):
    """/rapporter/publisert/<id>/rapport.xlsx: the frozen figures as an Excel workbook."""
    published = get_object_or_404(PublishedReport, pk=pk)
    response = HttpResponse(report_workbook(published.figures), content_type=XLSX)
    key = published.figures["period"]["key"]
    response["Content-Disposition"] = (
        f'attachment; filename="rapport-{key}-publisert-{published.pk}.xlsx"'
    )
    return response
