"""Cases (saker): their numbers per council and year, and raising a case to the council above."""

from django.db import transaction
from django.db.models import Max
from django.utils.timezone import localtime

from . import dates
from .models import AgendaItem, Council
from .structure import council_above

Outcome = AgendaItem.Outcome


@transaction.atomic
def number_case(item):
    """Give a new case the next number of its council and year (call before its first save)."""
    if item.number:
        return item
    # The year in Norway: a meeting at 00:30 on 1 January is still 31 December in UTC.
    item.year = localtime(item.meeting.starts_at).year if item.meeting_id else dates.today().year
    # Lock the council's row so two secretaries never take the same number.
    Council.objects.select_for_update().get(pk=item.council_id)
    last = AgendaItem.objects.filter(council_id=item.council_id, year=item.year).aggregate(
        Max("number")
    )["number__max"]
    item.number = (last or 0) + 1
    return item


@transaction.atomic
def raise_if_not_agreed(item):
    """When a council could not agree, put a linked case in the queue of the council above.

    SLA 4.3 item 6 (faggruppe → porteføljeråd) and 4.2 item 8 (porteføljeråd →
    samarbeidsråd). Idempotent: a case is raised once. Returns the raised case or None.
    """
    if item.outcome != Outcome.NOT_AGREED:
        return None
    existing = AgendaItem.objects.filter(raised_from=item).first()
    if existing is not None:
        return existing
    above = council_above(item.council)
    if above is None:
        return None
    background = "\n\n".join(
        part
        for part in (
            f"Løftet fra {item.council}, sak {item.label}, fordi rådet ikke kom til enighet.",
            item.background,
            f"Innstilling i {item.council}: {item.recommendation}" if item.recommendation else "",
            f"Dissens: {item.dissent}" if item.dissent else "",
        )
        if part
    )
    raised = AgendaItem(
        council=above,
        title=item.title,
        background=background,
        exempt_ground=item.exempt_ground,
        raised_from=item,
    )
    number_case(raised)
    raised.save()
    return raised


def queue(council):
    """Cases waiting for a meeting of `council`, oldest first."""
    return council.cases.filter(meeting__isnull=True).order_by("year", "number")
