"""The demo content: loads once, passes the same rules as an editor's data, shows gaps."""

import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction

from councils import appointments, cases, dates
from councils.membership import members_on, secretary_councils
from councils.models import (
    AgendaItem,
    Appointment,
    Council,
    Meeting,
    Membership,
    Organisation,
    Person,
    Vote,
    municipalities,
)
from governance.demo import load_demo_content
from governance.management.commands.load_demo import DEMO_PASSWORD
from governance.models import Service, ServiceUsage
from governance.role_overview import role_overview

Kind = Council.Kind
Role = Membership.Role


@pytest.fixture(scope="class")
def shared_demo(django_db_setup, django_db_blocker):
    """The demo loaded once for a class of tests, and rolled back after them.

    Each test still runs in its own savepoint inside this transaction (pytest-django
    supports wrapping tests so), so a test cannot leave anything behind for the next.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo_content(DEMO_PASSWORD)
        transaction.set_rollback(True)


@pytest.fixture
def demo(shared_demo, db):
    return shared_demo


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def council(slug):
    return Council.objects.get(slug=slug)


class TestTheDemoContent:
    """Checks of one load of the demo, shared by the tests of this class."""

    def test_loading_again_later_changes_nothing(self, demo, monkeypatch):
        assert demo.created["councils.Person"] > 50
        before = row_counts()
        # A week later: the dates move with the day, but nothing is created twice.
        later = dates.today() + datetime.timedelta(days=7)
        monkeypatch.setattr(dates, "today", lambda: later)

        again = load_demo_content(DEMO_PASSWORD)

        assert again.created == {}
        assert row_counts() == before

    def test_every_row_passes_the_rules_an_editor_s_save_would(self, demo):
        for model in (Person, Council, Membership, Appointment, Meeting, AgendaItem, Vote):
            for instance in model.objects.all():
                instance.full_clean()
        for service in Service.objects.all():
            service.full_clean()
        for usage in ServiceUsage.objects.prefetch_related("super_users"):
            usage.full_clean()
            for person in usage.super_users.all():
                assert person.organisation_id == usage.municipality_id, (usage, person)

    def test_the_people_are_clearly_fictional(self, demo):
        for person in Person.objects.all():
            assert person.email.endswith(".example.invalid")
            assert person.phone == ""

    def test_nine_faggrupper_and_one_innovasjonsrad_per_municipality(self, demo):
        assert Council.objects.filter(kind=Kind.EXPERT_GROUP).count() == 9
        innovation = Council.objects.filter(kind=Kind.INNOVATION)
        assert sorted(c.municipality.name for c in innovation) == [
            "Aukra",
            "Molde",
            "Rauma",
            "Vestnes",
        ]
        assert council("samarbeidsradet").kind == Kind.COOPERATION
        assert council("portefoljeradet").kind == Kind.PORTFOLIO
        assert council("faggruppe-helse-og-omsorg").field_of_work == "Helse og omsorg"
        assert council("innovasjonsradet-molde").municipality.slug == "molde"

    def test_every_council_has_a_leader_and_a_secretary_today(self, demo):
        for each in Council.objects.all():
            roles = [seat.role for seat in members_on(each)]
            assert roles.count(Role.LEADER) == 1, each
            assert roles.count(Role.SECRETARY) == 1, each

    def test_the_councils_are_composed_as_the_sla_says(self, demo):
        provider = Organisation.objects.get(kind=Organisation.Kind.PROVIDER)
        every = {*municipalities(), provider}
        # SLA 4.2: one member per municipality, and ROR-IKT.
        portfolio = [s for s in members_on(council("portefoljeradet")) if s.role != Role.SECRETARY]
        assert sorted(s.represents.name for s in portfolio) == sorted(o.name for o in every)
        # SLA 4.3: members from every municipality and ROR-IKT.
        for group in Council.objects.filter(kind=Kind.EXPERT_GROUP):
            assert {seat.represents for seat in members_on(group)} == every, group
        # SLA 4.4: the municipality's member of the porteføljeråd, and someone from ROR-IKT.
        for innovation in Council.objects.filter(kind=Kind.INNOVATION):
            seats = members_on(innovation)
            portfolio_member = next(
                s.person for s in portfolio if s.represents == innovation.municipality
            )
            assert portfolio_member in [seat.person for seat in seats], innovation
            assert any(seat.represents == provider for seat in seats), innovation

    def test_who_sits_in_a_council_depends_on_the_day(self, demo):
        today = dates.today()
        ended = Membership.objects.filter(
            ends_on__lt=today, ends_on__gte=today - datetime.timedelta(365)
        )
        assert ended.count() >= 3
        portfolio = council("portefoljeradet")
        half_a_year_ago = today - datetime.timedelta(days=180)
        assert {s.person for s in members_on(portfolio)} != {
            s.person for s in members_on(portfolio, half_a_year_ago)
        }

    def test_a_year_of_meetings_with_attendance_and_one_or_two_ahead(self, demo):
        today = dates.today()
        held = Meeting.objects.filter(starts_at__date__lt=today)
        coming = Meeting.objects.filter(starts_at__date__gte=today)
        assert held.earliest("starts_at").starts_at.date() >= today - datetime.timedelta(days=400)
        assert 1 <= coming.count() <= 4
        # A few weeks ahead, or just after the summer holiday when that is near.
        assert all(m.starts_at.date() <= today + datetime.timedelta(days=70) for m in coming)
        for each in Council.objects.all():
            assert held.filter(council=each).count() >= 3, each
        for meeting in held.prefetch_related("attendance"):
            attendance = list(meeting.attendance.all())
            assert sum(a.chairs for a in attendance) == 1, meeting
            assert sum(a.takes_minutes for a in attendance) == 1, meeting
        assert not any(m.attendance.exists() for m in coming)
        assert held.filter(attendance__status="forfall").exists()

    def test_minutes_are_mostly_published_and_the_latest_still_in_the_works(self, demo):
        Status = Meeting.MinutesStatus
        held = Meeting.objects.filter(starts_at__date__lt=dates.today())
        published = held.filter(minutes_status=Status.PUBLISHED)
        assert published.count() > held.count() / 2
        assert not published.filter(published_at__isnull=True).exists()
        latest = held.order_by("-starts_at")[:5]
        assert {m.minutes_status for m in latest} <= {Status.DRAFT, Status.APPROVED}

    def test_cases_are_numbered_per_council_and_year_with_votes_and_exemptions(self, demo):
        for each in Council.objects.all():
            for year in {item.year for item in each.cases.all()}:
                numbers = sorted(each.cases.filter(year=year).values_list("number", flat=True))
                assert numbers == list(range(1, len(numbers) + 1)), (each, year)
        assert Vote.objects.exclude(item__council__kind=Kind.PORTFOLIO).count() == 0
        assert Vote.objects.exists()
        exempt = AgendaItem.objects.exclude(exempt_ground="")
        assert {"offl-13", "offl-23", "offl-24"} <= set(
            exempt.values_list("exempt_ground", flat=True)
        )
        assert all(item.decision for item in exempt if item.outcome)

    def test_a_case_a_faggruppe_could_not_agree_on_waits_in_the_portefoljerad_s_queue(self, demo):
        queue = cases.queue(council("portefoljeradet"))
        raised = [item for item in queue if item.raised_from_id]
        assert len(raised) == 1
        origin = raised[0].raised_from
        assert origin.council.kind == Kind.EXPERT_GROUP
        assert origin.outcome == AgendaItem.Outcome.NOT_AGREED
        assert origin.dissent

    def test_the_role_overview_has_gaps_to_show(self, demo):
        overview = role_overview()
        assert overview.services_with_gaps > 0
        for label in ("Systemforvalter", "Systemansvarlig", "Systemeier"):
            assert overview.missing_by_role[label] > 0, label
        assert Service.objects.filter(critical=True).count() >= 2
        assert None in appointments.security_officers().values()
        assert appointments.general_manager() is not None

    def test_the_secretary_login_keeps_exactly_one_council_today(self, demo):
        User = get_user_model()
        secretary = User.objects.get(username="sekretaer")
        assert secretary.check_password(DEMO_PASSWORD)
        assert secretary.person.name
        assert [c.slug for c in secretary_councils(secretary)] == ["faggruppe-helse-og-omsorg"]
        assert secretary.has_perm("wagtailadmin.access_admin")
        former = User.objects.get(username="tidligere-sekretaer")
        assert not secretary_councils(former).exists()
        assert secretary_councils(former, dates.today() - datetime.timedelta(days=200)).exists()


def test_the_command_loads_the_demo_and_says_so_once(db):
    out = StringIO()
    call_command("load_demo", allow_without_debug=True, stdout=out)
    assert "Demoinnhold opprettet:" in out.getvalue()
    assert f"Demobruker opprettet: sekretaer / {DEMO_PASSWORD}" in out.getvalue()

    out = StringIO()
    call_command("load_demo", allow_without_debug=True, stdout=out)
    assert out.getvalue() == "Demoinnholdet er lastet fra før; ingenting er endret.\n"
