"""The operational notices as feeds for the municipalities' intranets: Atom and iCalendar."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from icalendar import Calendar, Event

from . import notices
from .sla_terms import join_norwegian

ATOM_ENTRIES = 50
HOUR = datetime.timedelta(hours=1)


def service_names(notice):
    return join_norwegian(service.name for service in notice.services.all())


class NoticeAtomFeed(Feed):
    """/driftsmeldinger/atom.xml: the newest published notices, each linking its page."""

    feed_type = Atom1Feed
    title = "Driftsmeldinger fra ROR-IKT"
    subtitle = (
        "Driftsforstyrrelser og planlagt vedlikehold i tjenestene ROR-IKT leverer til "
        "Aukra, Molde, Rauma og Vestnes."
    )
    author_name = "ROR-IKT"
    language = "nb"
    description_template = "governance/notices/feed_entry.html"

    def link(self):
        return reverse("notices")

    def feed_url(self):
        return reverse("notices_atom")

    def items(self):
        return notices.published_notices().order_by("-published_at", "-pk")[:ATOM_ENTRIES]

    def item_title(self, notice):
        return f"{notice.get_kind_display()}: {notice.title}"

    def item_link(self, notice):
        return reverse("notice_detail", args=[notice.pk])

    def item_pubdate(self, notice):
        return notice.published_at

    def item_updateddate(self, notice):
        return notice.updated_at

    def item_categories(self, notice):
        return [service.name for service in notice.services.all()]


def calendar_end(notice, now):
    """When a notice's calendar event ends.

    A disruption that is not over has no end yet; its event runs to the next full hour
    (at least an hour after the start), so a calendar shows it as going on now.
    """
    if notice.ends_at:
        return notice.ends_at
    next_hour = now.replace(minute=0, second=0, microsecond=0) + HOUR
    return max(next_hour, notice.starts_at + HOUR)


def notice_event(notice, url, now):
    """One VEVENT for a notice; times in UTC, so no calendar has to know Oslo's rules."""
    event = Event()
    event.add("uid", f"driftsmelding-{notice.pk}@styringsportalen")
    event.add("dtstamp", notice.updated_at.astimezone(datetime.UTC))
    event.add("last-modified", notice.updated_at.astimezone(datetime.UTC))
    event.add("dtstart", notice.starts_at.astimezone(datetime.UTC))
    event.add("dtend", calendar_end(notice, now).astimezone(datetime.UTC))
    event.add("summary", f"{notice.get_kind_display()}: {notice.title}")
    event.add("description", f"Berørte tjenester: {service_names(notice)}.\n\n{notice.body}")
    event.add("categories", [notice.get_kind_display()])
    event.add("url", url)
    return event


def notice_calendar(request):
    """/driftsmeldinger/kalender.ics: every published notice as a calendar event."""
    now = timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//ROR-IKT//Styringsportalen driftsmeldinger//NB")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Driftsmeldinger fra ROR-IKT")
    for notice in notices.published_notices():
        url = request.build_absolute_uri(reverse("notice_detail", args=[notice.pk]))
        calendar.add_component(notice_event(notice, url, now))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="driftsmeldinger.ics"'
    return response
