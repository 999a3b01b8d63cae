"""Uptime on the site: /oppetid/ for every service and /oppetid/<slug>/ for one (SLA 6.2)."""

from django import forms
from django.db.models import Min, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.dateformat import format as format_date

from .. import uptime
from ..models import Outage, Service
from ..page_cache import mark_cacheable

DEFAULT_MONTHS = 12
MOST_MONTHS = 24


class MonthRangeForm(forms.Form):
    """The months a reader wants to see, from the months the log can have figures for."""

    fra = forms.ChoiceField(label="Fra måned")
    til = forms.ChoiceField(label="Til og med måned")

    def __init__(self, data, months, shown):
        super().__init__(data, initial={"fra": f"{shown[0]:%Y-%m}", "til": f"{shown[-1]:%Y-%m}"})
        choices = [(f"{month:%Y-%m}", format_date(month, "F Y")) for month in reversed(months)]
        for name in ("fra", "til"):
            self.fields[name].choices = choices
            self.fields[name].error_messages["invalid_choice"] = "Velg en måned fra lista."

    def clean(self):
        cleaned = super().clean()
        first, last = self.range_or_none(cleaned)
        if first and last and first > last:
            self.add_error("til", "«Til og med måned» kan ikke være før «fra måned».")
        elif first and last and len(uptime.months_between(first, last)) > MOST_MONTHS:
            self.add_error("til", f"Velg høyst {MOST_MONTHS} måneder om gangen.")
        return cleaned

    @staticmethod
    def range_or_none(cleaned):
        values = [cleaned.get(name) for name in ("fra", "til")]
        return [uptime.parse_month(value) if value else None for value in values]


def _choosable_months(this_month):
    """From the month the earliest log began (at least a year back) to this month."""
    earliest = Service.objects.aggregate(first=Min("outages_logged_since"))["first"]
    first = uptime.add_months(this_month, 1 - DEFAULT_MONTHS)
    if earliest:
        first = min(first, uptime.first_of_month(earliest))
    return uptime.months_between(first, this_month)


def _month_range(request):
    """The GET form and the months it picks; the last 12 months when it picks none or errs."""
    this_month = uptime.first_of_month(timezone.localdate())
    default = (uptime.add_months(this_month, 1 - DEFAULT_MONTHS), this_month)
    form = MonthRangeForm(request.GET or None, _choosable_months(this_month), default)
    first, last = form.range_or_none(form.cleaned_data) if form.is_valid() else default
    return form, uptime.months_between(first, last)


def overview(request):
    """/oppetid/: each service's uptime per month against its target."""
    form, months = _month_range(request)
    services = list(Service.objects.order_by("name"))
    figures = uptime.monthly_uptime(services, months[0], months[-1])
    # Newest month first: whether the target is kept now matters most, and stays in view.
    response = render(
        request,
        "governance/uptime/overview.html",
        {
            "form": form,
            "months": months[::-1],
            "rows": [(service, figures[service.pk][::-1]) for service in services],
            "sla_target": uptime.sla_uptime_target(),
            "computed_at": timezone.now(),
        },
    )
    return mark_cacheable(response)


def service_uptime(request, slug):
    """/oppetid/<slug>/: one service's months and the outages logged in them."""
    service = get_object_or_404(Service, slug=slug)
    form, months = _month_range(request)
    sla_target = uptime.sla_uptime_target()
    figures = uptime.monthly_uptime([service], months[0], months[-1], sla_target=sla_target)
    start, end = uptime.month_bounds(months[0])[0], uptime.month_bounds(months[-1])[1]
    outages = service.outages.filter(
        Q(ends_at__isnull=True) | Q(ends_at__gt=start), starts_at__lt=end
    ).order_by("-starts_at")
    response = render(
        request,
        "governance/uptime/service.html",
        {
            "service": service,
            "form": form,
            "months": figures[service.pk],
            "target": uptime.target_for(service, sla_target),
            "own_target": service.uptime_target is not None,
            "outages": outages,
            "counted": Outage.Category.COUNTED,
            "first_month": months[0],
            "last_month": months[-1],
            "computed_at": timezone.now(),
        },
    )
    return mark_cacheable(response)
