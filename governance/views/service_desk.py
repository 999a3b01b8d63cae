"""The service desk's pages for editors: upload the case export, see the figures.

/kundeservice/ takes the export and lists the imports, /kundeservice/import/<id>/ is the
receipt of one, /kundeservice/tall/?fra=2026-01-01&til=2026-03-31 shows the figures.
Editors (and superusers) only: the figures name cases.
"""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Max, Min
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from ..models import ServiceDeskCase, ServiceDeskImport
from ..service_desk import RESPONSE, compliance, missed_cases
from ..service_desk_import import import_cases
from ..service_desk_rows import MAX_UPLOAD_BYTES, ExportRefused
from ..sla_calendar import OSLO, format_day, format_moment, format_seconds, year_problem
from ..sla_terms import format_percent

MISSED_SHOWN = 50
IMPORTS_SHOWN = 20


def _editors_only(view):
    """Log in first; then only those who may import (editors, superusers) get in."""
    allowed = permission_required("governance.add_servicedeskimport", raise_exception=True)
    return login_required(allowed(view))


class UploadForm(forms.Form):
    export = forms.FileField(
        label="Eksportfil fra Kundeservice",
        help_text=(
            "CSV (semikolon eller komma) eller Excel (.xlsx), høyst "
            f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
        ),
        error_messages={"required": "Velg filen du vil laste opp."},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class PeriodForm(forms.Form):
    fra = forms.DateField(
        label="Meldt fra og med",
        error_messages={"invalid": "Skriv «fra» som en dato, for eksempel 2026-01-01."},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    til = forms.DateField(
        label="Til og med",
        error_messages={"invalid": "Skriv «til og med» som en dato, for eksempel 2026-03-31."},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        data = super().clean()
        first, last = data.get("fra"), data.get("til")
        for name, day in (("fra", first), ("til", last)):
            if day and (problem := year_problem(day)):
                self.add_error(name, problem)
        if first and last and last < first and not self.errors:
            self.add_error("til", "«Til og med» kan ikke være før «fra».")
        return data


@_editors_only
def upload(request):
    """/kundeservice/: the upload form, the problems of a refused file, earlier imports."""
    problems = []
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        export = form.cleaned_data["export"]
        try:
            record = import_cases(export, export.name, user=request.user)
        except ExportRefused as refused:
            problems = refused.problems
        else:
            messages.success(request, f"Filen «{record.filename}» er importert.")
            return redirect("service_desk_import", pk=record.pk)
    imports = ServiceDeskImport.objects.select_related("uploaded_by")[:IMPORTS_SHOWN]
    return render(
        request,
        "governance/service_desk/upload.html",
        {
            "form": form,
            "problems": problems,
            "filename": request.FILES["export"].name if "export" in request.FILES else "",
            "imports": [(record, format_moment(record.uploaded_at)) for record in imports],
        },
    )


@_editors_only
def receipt(request, pk):
    """/kundeservice/import/<id>/: what one import did, and the way to its figures."""
    record = get_object_or_404(ServiceDeskImport.objects.select_related("uploaded_by"), pk=pk)
    span = ServiceDeskCase.objects.filter(last_import=record).aggregate(
        first=Min("opened_at"), last=Max("opened_at")
    )
    figures_url = reverse("service_desk_figures")
    if span["first"]:
        figures_url += "?" + urlencode(
            {
                "fra": timezone.localdate(span["first"], OSLO).isoformat(),
                "til": timezone.localdate(span["last"], OSLO).isoformat(),
            }
        )
    return render(
        request,
        "governance/service_desk/receipt.html",
        {
            "record": record,
            "uploaded": format_moment(record.uploaded_at),
            "figures_url": figures_url,
        },
    )


@_editors_only
def figures(request):
    """/kundeservice/tall/: per priority, the shares within target and the times."""
    today = timezone.localdate()
    initial = {"fra": today.replace(month=1, day=1), "til": today}
    form = PeriodForm(request.GET if "fra" in request.GET or "til" in request.GET else initial)
    context = {"form": form, "shown": MISSED_SHOWN}
    if form.is_valid():
        first, last = form.cleaned_data["fra"], form.cleaned_data["til"]
        start = datetime.datetime.combine(first, datetime.time(), OSLO)
        end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time(), OSLO)
        now = timezone.now()
        results = compliance(start, end, now=now)
        missed = missed_cases(results)
        show_all = request.GET.get("alle") == "1"
        query = {"fra": first.isoformat(), "til": last.isoformat()}
        context.update(
            first=format_day(first),
            last=format_day(last),
            now=format_moment(now),
            rows=[_row(entry) for entry in results],
            case_count=sum(entry.cases for entry in results),
            missed=[_missed_row(item) for item in (missed if show_all else missed[:MISSED_SHOWN])],
            missed_count=len(missed),
            all_url=f"?{urlencode({**query, 'alle': 1})}#ikke-naadd",
            fewer_url=f"?{urlencode(query)}#ikke-naadd",
            show_all=show_all,
        )
    return render(request, "governance/service_desk/figures.html", context)


def _time(seconds):
    return "–" if seconds is None else format_seconds(seconds)


def _share(value):
    return "–" if value is None else format_percent(value)


def _row(entry):
    """One priority's figures as the page writes them."""
    return {
        "priority": entry.priority,
        "cases": entry.cases,
        "response": {
            "target": entry.response_target,
            "measured": entry.response_measured,
            "in_time": entry.answered_in_time,
            "share": _share(entry.answered_share),
            "median": _time(entry.response_median_seconds),
            "p90": _time(entry.response_p90_seconds),
        },
        "resolution": {
            "target": entry.resolution_target,
            "measured": entry.resolution_measured,
            "in_time": entry.solved_in_time,
            "share": _share(entry.solved_share),
            "median": _time(entry.resolution_median_seconds),
            "p90": _time(entry.resolution_p90_seconds),
        },
    }


def _missed_row(item):
    if item.actual is not None:
        actual = format_moment(item.actual)
    else:
        actual = "Ikke besvart ennå" if item.what == RESPONSE else "Ikke løst ennå"
    return {
        "reference": item.reference,
        "priority": item.priority,
        "opened": format_moment(item.opened_at),
        "what": item.what,
        "due": format_moment(item.due),
        "actual": actual,
    }
