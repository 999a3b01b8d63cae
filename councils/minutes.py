"""The minutes of a meeting go from draft to approved to published, and stay published."""

from django.utils import timezone

from .models import Meeting

Status = Meeting.MinutesStatus

# Approved minutes may go back to draft for corrections; published minutes are final.
ALLOWED = {
    None: {Status.DRAFT, Status.APPROVED, Status.PUBLISHED},
    Status.DRAFT: {Status.DRAFT, Status.APPROVED},
    Status.APPROVED: {Status.APPROVED, Status.DRAFT, Status.PUBLISHED},
    Status.PUBLISHED: {Status.PUBLISHED},
}


def status_change_problem(previous, new):
    """A Norwegian message if the minutes may not go from `previous` to `new`, else None."""
    if new in ALLOWED.get(previous, set()):
        return None
    labels = dict(Status.choices)
    if previous == Status.PUBLISHED:
        return "Et publisert referat kan ikke trekkes tilbake."
    approved, wanted = labels[Status.APPROVED].lower(), labels[new].lower()
    return f"Referatet må være {approved} før det kan bli {wanted}."


def stamp_publication(meeting):
    """Note when the minutes were first published (call before saving)."""
    if meeting.minutes_status == Status.PUBLISHED and meeting.published_at is None:
        meeting.published_at = timezone.now()
    return meeting


def published_meetings(council=None):
    """Meetings whose minutes the public may read."""
    meetings = Meeting.objects.filter(minutes_status=Status.PUBLISHED)
    return meetings.filter(council=council) if council else meetings
