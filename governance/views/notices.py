"""Operational notices on the site: /driftsmeldinger/ and one page per notice."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .. import notices
from ..sla_terms import format_days

PAST_PER_PAGE = 20


def _sla_terms():
    """The notice period as the page states it ("3 dager (72 timer)"), from the live SLA."""
    period = notices.notice_period()
    if period is None:
        return {"notice_period": None}
    return {"notice_period": f"{format_days(period.days)} ({notices.format_hours(period)})"}


def notice_list(request):
    """/driftsmeldinger/: ongoing disruptions, planned maintenance, then the past, paginated."""
    sections = notices.notice_sections(timezone.now())
    page = Paginator(sections["past"], PAST_PER_PAGE).get_page(request.GET.get("side"))
    return render(
        request,
        "governance/notices/notice_list.html",
        {
            "disruptions": sections["disruptions"],
            "planned": sections["planned"],
            "page": page,
            "page_numbers": page.paginator.get_elided_page_range(page.number, on_each_side=2),
            **_sla_terms(),
        },
    )


def notice_detail(request, pk):
    """/driftsmeldinger/<id>/: one published notice; a draft is not found."""
    notice = get_object_or_404(notices.published_notices(), pk=pk)
    return render(
        request,
        "governance/notices/notice_detail.html",
        {
            "notice": notice,
            "ended": not notices.is_ongoing(notice, timezone.now()),
            **_sla_terms(),
        },
    )
