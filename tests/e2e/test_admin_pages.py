"""The admin pages editors use to keep the organisation and the catalogue pass axe too."""

import pytest

from councils.models import Council, Meeting, Person
from governance.demo import load_demo_content
from governance.editorial import OPERATIONS
from governance.models import OperationalNotice, Outage, Service, SpecialOpeningDay
from tests.e2e.conftest import assert_accessible, log_in


@pytest.fixture
def demo(site):
    load_demo_content(password="et-langt-demopassord-2026")
    return site


def test_the_organisation_and_catalogue_admin_pages_are_accessible(demo, page, editor):
    service = Service.objects.order_by("name").first()
    council = Council.objects.get(slug="portefoljeradet")
    person = Person.objects.order_by("name").first()
    meeting = Meeting.objects.filter(council=council).first()
    case = meeting.agenda_items.first()
    log_in(page, demo, "redaktor")
    for path in [
        "/admin/snippets/governance/service/",
        f"/admin/snippets/governance/service/edit/{service.pk}/",
        "/admin/snippets/governance/service/add/",
        "/admin/snippets/councils/council/",
        f"/admin/snippets/councils/council/edit/{council.pk}/",
        "/admin/snippets/councils/membership/",
        "/admin/snippets/councils/person/",
        f"/admin/snippets/councils/person/edit/{person.pk}/",
        "/admin/snippets/councils/meeting/",
        f"/admin/snippets/councils/meeting/edit/{meeting.pk}/",
        f"/admin/snippets/councils/agendaitem/edit/{case.pk}/",
        "/admin/snippets/councils/appointment/",
    ]:
        response = page.goto(demo + path)
        assert response.status == 200, path
        assert_accessible(page)


def test_the_operations_admin_pages_are_accessible(demo, page, make_user):
    """ROR-IKT operations keep notices and outages; editors keep the special opening days."""
    make_user("driftsbruker", OPERATIONS)
    notice = OperationalNotice.objects.filter(kind=OperationalNotice.Kind.PLANNED).first()
    outage = Outage.objects.exclude(notice=None).first()
    log_in(page, demo, "driftsbruker")
    for path in [
        "/admin/snippets/governance/operationalnotice/",
        "/admin/snippets/governance/operationalnotice/add/",
        f"/admin/snippets/governance/operationalnotice/edit/{notice.pk}/",
        "/admin/snippets/governance/outage/",
        "/admin/snippets/governance/outage/add/",
        f"/admin/snippets/governance/outage/edit/{outage.pk}/",
    ]:
        response = page.goto(demo + path)
        assert response.status == 200, path
        assert_accessible(page)


def test_the_special_opening_days_admin_pages_are_accessible(demo, page, editor):
    day = SpecialOpeningDay.objects.first()
    log_in(page, demo, "redaktor")
    for path in [
        "/admin/snippets/governance/specialopeningday/",
        "/admin/snippets/governance/specialopeningday/add/",
        f"/admin/snippets/governance/specialopeningday/edit/{day.pk}/",
        "/kundeservice/",
    ]:
        response = page.goto(demo + path)
        assert response.status == 200, path
        assert_accessible(page)
