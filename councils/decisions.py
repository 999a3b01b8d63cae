"""The public record of decisions (vedtak): what /vedtak/ and a council's page list."""

from django.db.models import Q

from .models import AgendaItem, Meeting

Status = Meeting.MinutesStatus


def published_decisions():
    """Cases with a decision in meetings whose minutes are published, newest first.

    The decision is public even when the rest of the case is exempt (offentleglova),
    so an exempt case is listed too; only its title and decision may be shown here.
    """
    return (
        AgendaItem.objects.filter(meeting__minutes_status=Status.PUBLISHED)
        .exclude(decision="")
        .select_related("council", "meeting")
        .order_by("-meeting__starts_at", "-number")
    )


def find_decisions(words="", council=None, year=None):
    """Published decisions whose title or decision holds every word, of a council and year.

    The year is that of the meeting, in Norwegian time (a case keeps the number of the
    year it was raised in, which may be the year before the meeting that decided it).
    """
    decisions = published_decisions()
    for word in words.split():
        decisions = decisions.filter(Q(title__icontains=word) | Q(decision__icontains=word))
    if council is not None:
        decisions = decisions.filter(council=council)
    if year is not None:
        decisions = decisions.filter(meeting__starts_at__year=year)
    return decisions


def decision_years():
    """The years, in Norwegian time, that have published decisions, newest first."""
    meetings = Meeting.objects.filter(pk__in=published_decisions().values("meeting"))
    return [moment.year for moment in meetings.datetimes("starts_at", "year", order="DESC")]
