"""A council's secretary approves and publishes the minutes; readers then see them."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from councils.models import Meeting, Membership
from tests.conftest import PASSWORD
from tests.councils.factories import (
    AgendaItemFactory,
    CouncilFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
)
from tests.e2e.conftest import assert_accessible, log_in


def test_a_secretary_publishes_minutes(site, new_page, django_user_model):
    helse = CouncilFactory(name="Faggruppe helse", slug="helse", field_of_work="Helse og omsorg")
    skole = CouncilFactory(name="Faggruppe skole", slug="skole", field_of_work="Oppvekst")
    user = django_user_model.objects.create_user("sekretaer", password=PASSWORD)
    MembershipFactory(
        council=helse,
        person=PersonFactory(user=user, name="Siri Sekretær"),
        role=Membership.Role.SECRETARY,
    )
    meeting = MeetingFactory(
        council=helse,
        place="Helsehuset, Molde",
        starts_at=timezone.make_aware(datetime.datetime(2026, 11, 3, 10, 0)),
    )
    AgendaItemFactory(
        meeting=meeting, title="Ny trygghetsalarm", decision="Faggruppen anbefaler X."
    )
    MeetingFactory(council=skole, place="Skolekontoret")

    reader = new_page()
    assert reader.goto(f"{site}/rad/helse/moter/{meeting.pk}/").status == 404

    page = new_page()
    log_in(page, site, "sekretaer")
    page.goto(site + "/admin/snippets/councils/meeting/")
    expect(page.get_by_role("link", name="Faggruppe helse, 03.11.2026")).to_be_visible()
    expect(page.get_by_text("Skolekontoret")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Faggruppe helse, 03.11.2026").click()
    assert_accessible(page)
    page.get_by_label("Referatets status").select_option(label="Godkjent")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("status")).to_contain_text("oppdatert")

    page.get_by_role("link", name="Faggruppe helse, 03.11.2026").click()
    page.get_by_label("Referatets status").select_option(label="Publisert")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("status")).to_contain_text("oppdatert")

    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.MinutesStatus.PUBLISHED
    assert meeting.published_at is not None

    reader.goto(f"{site}/rad/helse/moter/{meeting.pk}/")
    expect(reader.get_by_role("heading", level=1)).to_contain_text("Faggruppe helse")
    expect(reader.get_by_text("Faggruppen anbefaler X.")).to_be_visible()
    assert_accessible(reader)
