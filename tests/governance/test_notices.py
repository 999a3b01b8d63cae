"""Operational notices: the SLA's rules for planned downtime, the outage log they feed,
/driftsmeldinger/, the admin's publishing, and the Atom and iCalendar feeds."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from defusedxml import ElementTree
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from governance import notices
from governance.demo import load_catalogue
from governance.demo_notices import load_demo_notices
from governance.editorial import OPERATIONS, ensure_editorial_setup
from governance.models import OperationalNotice, Outage
from tests.conftest import soup
from tests.governance.factories import ServiceFactory
from tests.governance.helpers import draft_of_sla, publish

pytestmark = pytest.mark.django_db

OSLO = ZoneInfo("Europe/Oslo")
UTC = datetime.UTC
PLANNED = OperationalNotice.Kind.PLANNED
DISRUPTION = OperationalNotice.Kind.DISRUPTION
ADMIN = "/admin/snippets/governance/operationalnotice/"
ATOM = "{http://www.w3.org/2005/Atom}"
START = datetime.datetime(2026, 12, 8, 16, 0, tzinfo=OSLO)


def hours(h, minutes=0):
    return datetime.timedelta(hours=h, minutes=minutes)


def make_notice(*services, **fields):
    values = {
        "kind": PLANNED,
        "title": "Oppgradering av fagsystemet",
        "body": "Fagsystemet er utilgjengelig mens det oppgraderes.",
        "starts_at": START,
        "ends_at": START + hours(4),
        "system_owner_agreement": "Systemeierne i alle fire kommuner, e-post 20.11.2026",
        **fields,
    }
    notice = OperationalNotice.objects.create(**values)
    notice.services.set(services or [ServiceFactory()])
    return notice


def published(*services, when=None, **fields):
    """A notice published through the rules, by default well ahead of its start."""
    notice = make_notice(*services, **fields)
    return notices.publish_notice(notice, when=when or notice.starts_at - hours(24 * 7))


def refusal(notice, when, reason=None):
    with pytest.raises(ValidationError) as error:
        notices.publish_notice(notice, when=when, reason=reason)
    return error.value.message_dict


def text(node):
    return " ".join(node.get_text().split())


class TestTheNoticePeriod:
    """SLA 6.2: planned downtime is announced at least the notice period ahead, or says why."""

    def test_the_period_is_the_live_slas_notice_days_as_hours(self, sla):
        assert sla.planned_downtime_notice_days == 3
        assert notices.notice_period() == hours(72)

    def test_one_minute_short_of_72_hours_is_refused_without_a_reason(self):
        notice = make_notice()
        problems = refusal(notice, START - hours(71, 59))
        assert problems["late_reason"][0].startswith(
            "Varselet kommer 71 timer og 59 minutter før nedetiden; SLA-en krever minst 72 timer."
        )
        notice.refresh_from_db()
        assert notice.published_at is None

    def test_one_minute_short_is_published_with_a_reason(self):
        notice = make_notice()
        when = START - hours(71, 59)
        notices.publish_notice(notice, when=when, reason="  Leverandøren varslet sent.  ")
        notice.refresh_from_db()
        assert notice.published_at == when
        assert notice.late_reason == "Leverandøren varslet sent."

    def test_exactly_72_hours_ahead_needs_no_reason(self):
        notice = notices.publish_notice(make_notice(), when=START - hours(72))
        assert notice.published_at == START - hours(72)

    def test_the_message_says_how_late_it_is(self):
        problems = refusal(make_notice(), START - hours(20))
        assert (
            "Varselet kommer 20 timer før nedetiden; SLA-en krever minst 72 timer"
            in (problems["late_reason"][0])
        )

    def test_announcing_after_the_downtime_started_says_so(self):
        problems = refusal(make_notice(), START + hours(1))
        assert "Varselet kommer etter at nedetiden har startet" in problems["late_reason"][0]

    def test_the_period_follows_the_sla_when_an_editor_changes_it(self):
        publish(draft_of_sla(), planned_downtime_notice_days=5)
        assert notices.notice_period() == hours(120)
        problems = refusal(make_notice(), START - hours(24 * 4))
        assert (
            "Varselet kommer 96 timer før nedetiden; SLA-en krever minst 120 timer"
            in (problems["late_reason"][0])
        )
        assert notices.publish_notice(make_notice(), when=START - hours(120)).published_at

    def test_planned_downtime_needs_the_system_owners_agreement_and_an_end(self):
        notice = make_notice(system_owner_agreement="  ", ends_at=None)
        problems = refusal(notice, START - hours(24 * 7))
        assert "gjensidig avtalt med systemeier" in problems["system_owner_agreement"][0]
        assert problems["ends_at"] == ["Planlagt nedetid må ha en slutt."]

    def test_a_disruption_is_published_at_once_without_agreement_or_end(self):
        notice = make_notice(kind=DISRUPTION, system_owner_agreement="", ends_at=None)
        assert notices.publish_notice(notice, when=START + hours(1)).published_at

    def test_an_end_before_the_start_is_refused_even_in_a_draft(self):
        notice = make_notice(ends_at=START - hours(1))
        assert notices.notice_problems(notice) == {"ends_at": "Slutten må være etter starten."}

    def test_a_published_start_moved_counts_the_period_from_the_move(self):
        published_at = START - hours(24 * 7)
        now = START - hours(24 * 5)
        assert notices.announced_at(published_at, START, START, now) == published_at
        assert notices.announced_at(published_at, START, START - hours(96), now) == now
        assert notices.announced_at(None, None, START, now) == now


class TestTheOutageLog:
    """Published planned downtime enters the outage log by itself, and leaves it again."""

    def test_publishing_logs_one_agreed_maintenance_per_service(self):
        first, second = ServiceFactory(), ServiceFactory()
        notice = published(first, second)
        outages = Outage.objects.filter(notice=notice).order_by("service__pk")
        assert [o.service for o in outages] == [first, second]
        for outage in outages:
            assert (outage.starts_at, outage.ends_at) == (START, START + hours(4))
            assert outage.category == Outage.Category.AGREED_MAINTENANCE
            assert outage.description == "Oppgradering av fagsystemet"

    def test_a_draft_logs_nothing(self):
        notice = make_notice()
        notices.sync_planned_outages(notice)
        assert not Outage.objects.filter(notice=notice).exists()

    def test_edits_follow_services_and_times(self):
        kept, dropped, added = ServiceFactory(), ServiceFactory(), ServiceFactory()
        notice = published(kept, dropped)
        notice.services.set([kept, added])
        notice.starts_at, notice.ends_at = START + hours(1), START + hours(6)
        notice.title = "Oppgraderingen er flyttet"
        notice.save()
        notices.sync_planned_outages(notice)
        outages = Outage.objects.filter(notice=notice)
        assert {o.service for o in outages} == {kept, added}
        assert {(o.starts_at, o.ends_at, o.description) for o in outages} == {
            (START + hours(1), START + hours(6), "Oppgraderingen er flyttet")
        }

    def test_unpublishing_and_deleting_take_the_downtime_out(self):
        notice = published()
        notices.unpublish_notice(notice)
        assert not Outage.objects.filter(notice=notice).exists()
        notices.publish_notice(notice, when=START - hours(100))
        assert Outage.objects.filter(notice=notice).count() == 1
        notices.delete_notice(notice)
        assert not Outage.objects.exists()

    def test_an_outage_operations_recategorised_is_left_alone(self):
        service = ServiceFactory()
        notice = published(service)
        Outage.objects.filter(notice=notice).update(category=Outage.Category.COUNTED)
        notices.sync_planned_outages(notice)
        notices.delete_notice(notice)
        assert Outage.objects.get().category == Outage.Category.COUNTED

    def test_a_disruption_is_not_logged_as_planned(self):
        notice = published(kind=DISRUPTION, ends_at=None, system_owner_agreement="")
        assert not Outage.objects.filter(notice=notice).exists()


@pytest.fixture
def operator(make_user):
    return make_user("drift", OPERATIONS, first_name="Dag", last_name="Drift")


def notice_form(service, starts_at, **fields):
    local = timezone.localtime(starts_at)
    return {
        "kind": PLANNED,
        "title": "Oppgradering av fagsystemet",
        "body": "Fagsystemet er utilgjengelig.",
        "services": [service.pk],
        "starts_at": f"{local:%Y-%m-%d %H:%M}",
        "ends_at": f"{local + hours(2):%Y-%m-%d %H:%M}",
        "system_owner_agreement": "Systemeier i Molde, telefon i dag",
        "late_reason": "",
        "publish_now": "on",
        **fields,
    }


class TestPublishingInTheAdmin:
    """Operations (the Drift group) publish with "Publiser nå"; the form applies the rules."""

    def test_the_drift_group_may_keep_notices_and_outages(self, operator):
        ensure_editorial_setup()  # twice changes nothing
        group = Group.objects.get(name=OPERATIONS)
        assert {p.codename for p in group.permissions.all()} >= {
            "add_operationalnotice",
            "change_operationalnotice",
            "delete_operationalnotice",
            "add_outage",
            "change_outage",
            "delete_outage",
        }
        assert operator.has_perm("wagtailadmin.access_admin")

    def test_too_late_is_refused_until_a_reason_is_given(self, client, operator):
        client.force_login(operator)
        service = ServiceFactory()
        starts_at = timezone.now() + hours(20)
        response = client.post(f"{ADMIN}add/", notice_form(service, starts_at))
        assert response.status_code == 200
        assert "SLA-en krever minst 72 timer" in response.content.decode()
        assert not OperationalNotice.objects.exists()

        form = notice_form(service, starts_at, late_reason="Leverandøren varslet i går.")
        response = client.post(f"{ADMIN}add/", form)
        assert response.status_code == 302
        notice = OperationalNotice.objects.get()
        assert notice.published_at is not None
        assert notice.created_by == operator
        assert Outage.objects.get(notice=notice).service == service

    def test_later_edits_keep_the_publication_but_a_start_moved_too_soon_needs_a_reason(
        self, client, operator
    ):
        client.force_login(operator)
        service = ServiceFactory()
        starts_at = timezone.now() + hours(24 * 7)
        client.post(f"{ADMIN}add/", notice_form(service, starts_at))
        notice = OperationalNotice.objects.get()
        first_published = notice.published_at

        form = notice_form(service, starts_at, title="Nytt navn")
        del form["publish_now"]
        assert client.post(f"{ADMIN}edit/{notice.pk}/", form).status_code == 302
        notice.refresh_from_db()
        assert (notice.title, notice.published_at) == ("Nytt navn", first_published)

        form["starts_at"] = f"{timezone.localtime(timezone.now() + hours(30)):%Y-%m-%d %H:%M}"
        response = client.post(f"{ADMIN}edit/{notice.pk}/", form)
        assert "SLA-en krever minst 72 timer" in response.content.decode()
        notice.refresh_from_db()
        assert notice.starts_at == starts_at.replace(second=0, microsecond=0)

    def test_unpublishing_in_the_admin_takes_it_off_the_site_and_the_log(self, client, operator):
        client.force_login(operator)
        service = ServiceFactory()
        client.post(f"{ADMIN}add/", notice_form(service, timezone.now() + hours(24 * 7)))
        notice = OperationalNotice.objects.get()
        form = notice_form(service, notice.starts_at, unpublish="on")
        del form["publish_now"]
        client.post(f"{ADMIN}edit/{notice.pk}/", form)
        notice.refresh_from_db()
        assert notice.published_at is None
        assert not Outage.objects.exists()

    def test_deleting_in_the_admin_removes_the_logged_downtime(self, client, operator):
        client.force_login(operator)
        notice = published()
        client.post(f"{ADMIN}delete/{notice.pk}/")
        assert not OperationalNotice.objects.exists()
        assert not Outage.objects.exists()

    def test_bulk_deleting_removes_the_logged_downtime_too(self, client, operator):
        client.force_login(operator)
        first, second = published(), published()
        url = f"/admin/bulk/governance/operationalnotice/delete/?id={first.pk}&id={second.pk}"
        assert client.post(url).status_code == 302
        assert not OperationalNotice.objects.exists()
        assert not Outage.objects.exists()

    def test_an_editor_without_the_drift_group_cannot_publish(self, client, editor):
        client.force_login(editor)
        response = client.get(f"{ADMIN}add/")
        assert response.status_code in (302, 403)


class TestTheSite:
    """/driftsmeldinger/ and a notice's page."""

    def test_the_list_groups_published_notices_newest_first(self, client):
        now = timezone.now()
        service = ServiceFactory(name="Skoleadministrativt system")
        older = published(
            service,
            kind=DISRUPTION,
            title="Treg innlogging",
            starts_at=now - hours(5),
            ends_at=None,
            when=now - hours(5),
        )
        newer = published(
            service,
            kind=DISRUPTION,
            title="Appen viser ikke fravær",
            starts_at=now - hours(1),
            ends_at=None,
            when=now - hours(1),
        )
        ongoing_maintenance = published(
            title="Vedlikehold pågår",
            starts_at=now - hours(1),
            ends_at=now + hours(1),
            when=now - hours(100),
        )
        coming = published(
            title="Oppgradering neste uke",
            starts_at=now + hours(24 * 7),
            ends_at=now + hours(24 * 7 + 2),
            when=now,
        )
        past = published(
            title="Gammel oppgradering",
            starts_at=now - hours(48),
            ends_at=now - hours(46),
            when=now - hours(24 * 10),
        )
        make_notice(title="Utkast som ikke vises")

        page = soup(client.get("/driftsmeldinger/"))
        sections = {
            section.h2.get_text(): [h3.get_text(strip=True) for h3 in section.find_all("h3")]
            for section in page.find_all("section")
        }
        assert sections["Pågående driftsforstyrrelser"] == [newer.title, older.title]
        assert sections["Planlagt vedlikehold"] == [coming.title, ongoing_maintenance.title]
        assert sections["Tidligere"] == [past.title]
        assert "Utkast som ikke vises" not in page.get_text()
        link = page.find("a", string="Skoleadministrativt system")
        assert link["href"] == service.get_url()

    def test_the_past_is_paginated(self, client):
        now = timezone.now()
        for day in range(1, 23):
            published(
                title=f"Vedlikehold {day}",
                starts_at=now - hours(24 * day),
                ends_at=now - hours(24 * day - 1),
                when=now - hours(24 * day + 100),
            )
        first = soup(client.get("/driftsmeldinger/"))
        assert len(first.find(id="tidligere").parent.find_all("h3")) == 20
        second = soup(client.get("/driftsmeldinger/?side=2"))
        titles = [h3.get_text(strip=True) for h3 in second.find(id="tidligere").parent("h3")]
        assert titles == ["Vedlikehold 21", "Vedlikehold 22"]

    def test_a_late_notice_shows_its_reason(self, client):
        now = timezone.now()
        notice = make_notice(starts_at=now + hours(20), ends_at=now + hours(22))
        notices.publish_notice(notice, when=now, reason="Kritisk sikkerhetshull.")
        for url in ("/driftsmeldinger/", f"/driftsmeldinger/{notice.pk}/"):
            late = "Varslet mindre enn 3 dager (72 timer) før start: Kritisk sikkerhetshull."
            assert late in text(soup(client.get(url)))

    def test_a_notice_page_shows_when_who_agreed_and_what_happens(self, client):
        notice = published(
            starts_at=datetime.datetime(2027, 1, 5, 8, 0, tzinfo=OSLO),
            ends_at=datetime.datetime(2027, 1, 5, 12, 0, tzinfo=OSLO),
        )
        page = text(soup(client.get(f"/driftsmeldinger/{notice.pk}/")))
        assert "Fra tirsdag 5. januar 2027 kl. 08:00 til tirsdag 5. januar 2027 kl. 12:00" in page
        assert "Systemeierne i alle fire kommuner, e-post 20.11.2026" in page
        assert "Fagsystemet er utilgjengelig mens det oppgraderes." in page

    def test_the_list_costs_the_same_queries_for_many_notices(self, client):
        def queries():
            with CaptureQueriesContext(connection) as captured:
                client.get("/driftsmeldinger/")
            return len(captured)

        published(ServiceFactory(), ServiceFactory())
        few = queries()
        for _ in range(5):
            published(ServiceFactory(), ServiceFactory(), kind=DISRUPTION, ends_at=None)
        assert queries() == few

    def test_a_draft_has_no_page(self, client):
        assert client.get(f"/driftsmeldinger/{make_notice().pk}/").status_code == 404

    def test_the_list_links_both_feeds(self, client):
        page = soup(client.get("/driftsmeldinger/"))
        head_links = {
            link["type"]: link["href"] for link in page.head.find_all("link", rel="alternate")
        }
        assert head_links == {
            "application/atom+xml": "/driftsmeldinger/atom.xml",
            "text/calendar": "/driftsmeldinger/kalender.ics",
        }
        assert page.find("a", href="/driftsmeldinger/kalender.ics")

    def test_a_services_page_lists_its_current_and_coming_notices(self, client):
        now = timezone.now()
        service = ServiceFactory()
        published(
            service,
            title="Oppgradering snart",
            starts_at=now + hours(24 * 5),
            ends_at=now + hours(24 * 5 + 2),
            when=now,
        )
        published(
            service,
            title="Ferdig for lenge siden",
            starts_at=now - hours(48),
            ends_at=now - hours(47),
            when=now - hours(24 * 9),
        )
        section = soup(client.get(service.get_url())).find(id="driftsmeldinger").parent
        assert [a.get_text() for a in section.find_all("a")] == [
            "Oppgradering snart",
            "Alle driftsmeldinger",
        ]


class TestTheFeeds:
    """Atom for news lists and iCalendar for calendars on the municipalities' intranets."""

    def test_the_atom_feed_holds_the_newest_published_notices(self, client):
        first = published(title="Først", when=START - hours(24 * 8))
        second = published(title="Så", when=START - hours(24 * 7))
        make_notice(title="Utkast")
        response = client.get("/driftsmeldinger/atom.xml")
        assert response["Content-Type"].startswith("application/atom+xml")
        feed = ElementTree.fromstring(response.content)
        entries = feed.findall(f"{ATOM}entry")
        assert [e.find(f"{ATOM}title").text for e in entries] == [
            "Planlagt vedlikehold: Så",
            "Planlagt vedlikehold: Først",
        ]
        link = entries[0].find(f"{ATOM}link").get("href")
        assert link.endswith(f"/driftsmeldinger/{second.pk}/")
        updated = datetime.datetime.fromisoformat(entries[1].find(f"{ATOM}updated").text)
        assert updated == first.updated_at

    def test_the_atom_feed_stops_at_50(self, client):
        service = ServiceFactory()
        for number in range(52):
            published(service, title=f"Melding {number}", when=START - hours(100 + number))
        feed = ElementTree.fromstring(client.get("/driftsmeldinger/atom.xml").content)
        assert len(feed.findall(f"{ATOM}entry")) == 50

    def test_the_calendar_has_an_event_per_published_notice_in_utc_across_dst(self, client):
        # Night of the change to winter time: 02:00 summer time is 02:00 UTC+2.
        before = datetime.datetime(2026, 10, 24, 23, 0, tzinfo=OSLO)
        after = datetime.datetime(2026, 10, 25, 3, 0, tzinfo=OSLO)
        notice = published(
            ServiceFactory(name="Økonomisystem"),
            starts_at=before,
            ends_at=after,
            title="Nattvedlikehold",
        )
        make_notice(title="Utkast")
        response = client.get("/driftsmeldinger/kalender.ics")
        assert response["Content-Type"].startswith("text/calendar")
        events = Calendar.from_ical(response.content).walk("VEVENT")
        assert len(events) == 1
        event = events[0]
        assert str(event["uid"]) == f"driftsmelding-{notice.pk}@styringsportalen"
        assert event.decoded("dtstart") == datetime.datetime(2026, 10, 24, 21, 0, tzinfo=UTC)
        assert event.decoded("dtend") == datetime.datetime(2026, 10, 25, 2, 0, tzinfo=UTC)
        assert event.decoded("dtend") - event.decoded("dtstart") == hours(5)
        assert str(event["summary"]) == "Planlagt vedlikehold: Nattvedlikehold"
        assert "Berørte tjenester: Økonomisystem." in str(event["description"])
        assert str(event["url"]).endswith(f"/driftsmeldinger/{notice.pk}/")

    def test_an_ongoing_disruption_runs_to_the_next_full_hour(self, client):
        now = timezone.now()
        published(
            kind=DISRUPTION,
            starts_at=now - hours(3),
            ends_at=None,
            system_owner_agreement="",
            when=now - hours(3),
        )
        event = Calendar.from_ical(client.get("/driftsmeldinger/kalender.ics").content).walk(
            "VEVENT"
        )[0]
        assert now < event.decoded("dtend") <= now + hours(1)


def test_the_demo_notices_load_once_and_follow_the_rules(db):
    from governance.demo import DEMO_DIR, People, _read, load_councils

    organisation = _read(DEMO_DIR / "organisation.toml")
    people = People(organisation["people"])
    today = datetime.date(2026, 11, 29)
    councils = load_councils(organisation["councils"], people, today, organisation["since"])
    load_catalogue(_read(DEMO_DIR / "services.toml"), councils, people)

    created = load_demo_notices(today)
    assert len(created) == 5
    assert load_demo_notices(today) == []
    late = OperationalNotice.objects.get(title="Sikkerhetsoppdatering av pålogging")
    assert late.late_reason
    assert Outage.objects.filter(notice=late).count() == 2
    assert all(notice.published_at for notice in OperationalNotice.objects.all())
