"""The councils on the site: /rad/, /rad/<slug>/, meetings and /vedtak/.

The views gather what the `councils` rules return and hand it to the templates; the
rules themselves (who is a member, what of a case the public may read, which decisions
are published) live in `councils`.
"""

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from councils import cases, membership, minutes, publicity
from councils import decisions as decision_record
from councils import structure as council_structure
from councils.models import AgendaItem, Attendance, CaseDocument, Council, Meeting, Vote

from ..filters import DecisionFilterForm
from ..models import MandatePage

DECISIONS_PER_PAGE = 25
RECENT_DECISIONS = 10
# What a page needs of the other end of a raised case to link to it.
RAISED_CASE_RELATIONS = (
    "raised_from__council",
    "raised_from__meeting",
    "raised_to__council",
    "raised_to__meeting",
)


def structure(request):
    """/rad/: the councils as an organisation chart, built from the councils that exist."""
    chart = council_structure.council_chart()
    return render(request, "governance/councils/structure.html", {"chart": chart})


def council_detail(request, slug):
    """/rad/<slug>/: a council, its mandate, members, meetings, decisions and queue."""
    council = get_object_or_404(Council.objects.select_related("municipality"), slug=slug)
    now = timezone.now()
    # Cases of meetings without published minutes are listed here, so a link to any
    # case that is not in published minutes has somewhere to land.
    open_cases = AgendaItem.objects.exclude(
        meeting__minutes_status=Meeting.MinutesStatus.PUBLISHED
    ).order_by("number")
    meetings = list(
        council.meetings.prefetch_related(
            Prefetch("agenda_items", queryset=open_cases, to_attr="open_cases")
        ).order_by("starts_at")
    )
    council_decisions = decision_record.find_decisions(council=council)
    return render(
        request,
        "governance/councils/council_detail.html",
        {
            "council": council,
            "mandate": MandatePage.objects.live()
            .filter(council_kind=council.kind)
            .order_by("path")
            .first(),
            "above": council_structure.council_above(council),
            # A faggruppe's field has its systems (SLA 4.2 item 4); the catalogue names them.
            "services": council.services.order_by("name"),
            "members": membership.members_on(council),
            "upcoming": [m for m in meetings if m.starts_at >= now],
            "past": [m for m in reversed(meetings) if m.starts_at < now],
            "queue": cases.queue(council).select_related(
                "raised_from__council", "raised_from__meeting"
            ),
            "recent_decisions": council_decisions[:RECENT_DECISIONS],
            "decision_count": council_decisions.count(),
            # SLA 7: the reports the samarbeidsråd has received, as they were published.
            "reports": council.reports.order_by("-starts_on", "-published_at"),
        },
    )


def meeting_detail(request, slug, pk):
    """/rad/<slug>/moter/<pk>/: the published minutes of a meeting, case by case."""
    meeting = get_object_or_404(
        minutes.published_meetings().select_related("council"), pk=pk, council__slug=slug
    )
    items = (
        meeting.agenda_items.select_related("council", *RAISED_CASE_RELATIONS)
        .prefetch_related(
            Prefetch("votes", queryset=Vote.objects.select_related("municipality")),
            Prefetch("documents", queryset=CaseDocument.objects.select_related("document")),
        )
        .order_by("number")
    )
    attendance = list(
        meeting.attendance.select_related("person__organisation").order_by("sort_order")
    )
    present = Attendance.Status.PRESENT
    return render(
        request,
        "governance/councils/meeting_detail.html",
        {
            "council": meeting.council,
            "meeting": meeting,
            "present": [a for a in attendance if a.status == present],
            "absent": [a for a in attendance if a.status != present],
            "chairs": [a.person for a in attendance if a.chairs],
            "minute_takers": [a.person for a in attendance if a.takes_minutes],
            "cases": publicity.readable_cases(items, request.user),
        },
    )


def decisions(request):
    """/vedtak/: every published decision, newest first, searchable and filterable."""
    form = DecisionFilterForm(request.GET, years=decision_record.decision_years())
    page = page_error = page_numbers = None
    if form.is_valid():
        found = decision_record.find_decisions(
            form.cleaned_data["q"], form.cleaned_data["rad"], form.cleaned_data["ar"]
        )
        paginator = Paginator(found, DECISIONS_PER_PAGE)
        try:
            page = paginator.page(form.cleaned_data["side"] or 1)
            page_numbers = paginator.get_elided_page_range(page.number, on_each_side=2)
        except EmptyPage:
            page_error = (
                f"Side {form.cleaned_data['side']} finnes ikke. "
                f"Treffene fyller {paginator.num_pages} "
                f"{'side' if paginator.num_pages == 1 else 'sider'}."
            )
    response = render(
        request,
        "governance/councils/decisions.html",
        {"form": form, "page": page, "page_numbers": page_numbers, "page_error": page_error},
    )
    if page_error:
        response.status_code = 404
    return response
