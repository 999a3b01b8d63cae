"""A council's secretary keeps that council's meetings and cases in the admin, no other's."""

import datetime

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from councils.models import AgendaItem, Meeting, Membership
from tests.conftest import PASSWORD
from tests.councils.factories import (
    AgendaItemFactory,
    CouncilFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    council,
)

MEETINGS = "/admin/snippets/councils/meeting/"
CASES = "/admin/snippets/councils/agendaitem/"


@pytest.fixture
def helse(db):
    return CouncilFactory(name="Faggruppe helse", slug="helse", field_of_work="Helse og omsorg")


@pytest.fixture
def skole(db):
    return CouncilFactory(name="Faggruppe skole", slug="skole", field_of_work="Oppvekst")


@pytest.fixture
def secretary(client, helse, django_user_model):
    user = django_user_model.objects.create_user("sekretaer", password=PASSWORD)
    MembershipFactory(
        council=helse, person=PersonFactory(user=user), role=Membership.Role.SECRETARY
    )
    client.force_login(user)
    return user


def meeting_form(council, **fields):
    return nested_form_data(
        {
            "council": council.pk,
            "starts_at": "2026-12-03 10:00",
            "place": "Teams",
            "attendance": inline_formset([]),
            "minutes_status": "utkast",
            "minutes_notes": "",
            **fields,
        }
    )


def test_the_secretary_gets_into_the_admin_and_sees_only_their_councils_meetings(
    client, secretary, helse, skole
):
    own = MeetingFactory(council=helse, place="Helsehuset")
    MeetingFactory(council=skole, place="Skolekontoret")
    assert client.get("/admin/").status_code == 200
    listing = client.get(MEETINGS).content.decode()
    assert "Helsehuset" in listing and "Skolekontoret" not in listing
    assert client.get(f"{MEETINGS}edit/{own.pk}/").status_code == 200


def test_the_secretary_cannot_open_or_change_another_councils_meeting(client, secretary, skole):
    other = MeetingFactory(council=skole, place="Skolekontoret")
    response = client.get(f"{MEETINGS}edit/{other.pk}/")
    assert response.status_code in (302, 403)
    client.post(f"{MEETINGS}edit/{other.pk}/", meeting_form(skole, place="Endret"))
    other.refresh_from_db()
    assert other.place == "Skolekontoret"


def test_the_secretary_adds_a_meeting_for_their_council_only(client, secretary, helse, skole):
    response = client.post(f"{MEETINGS}add/", meeting_form(helse))
    assert response.status_code == 302
    assert Meeting.objects.filter(council=helse, place="Teams").exists()

    response = client.post(f"{MEETINGS}add/", meeting_form(skole, place="Forsøk"))
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.content.decode()
    assert not Meeting.objects.filter(place="Forsøk").exists()


def test_the_secretary_cannot_delete_meetings(client, secretary, helse):
    meeting = MeetingFactory(council=helse)
    client.post(f"{MEETINGS}delete/{meeting.pk}/")
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_when_the_membership_ends_so_does_the_access(client, secretary, helse):
    seat = Membership.objects.get(person__user=secretary)
    seat.ends_on = datetime.date(2026, 1, 31)
    seat.save()
    assert client.get("/admin/").status_code == 302  # to the login page
    assert client.get(MEETINGS).status_code == 302


def test_publishing_minutes_without_approval_is_refused(client, secretary, helse):
    meeting = MeetingFactory(council=helse, place="Helsehuset")
    response = client.post(
        f"{MEETINGS}edit/{meeting.pk}/",
        meeting_form(helse, place="Helsehuset", minutes_status="publisert"),
    )
    assert "Referatet må være godkjent før det kan bli publisert." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.MinutesStatus.DRAFT


def case_form(council, meeting, **fields):
    return nested_form_data(
        {
            "council": council.pk,
            "meeting": meeting.pk if meeting else "",
            "title": "Felles journalsystem",
            "exempt_ground": "",
            "background": "Kommunene trenger nytt journalsystem.",
            "recommendation": "Velg system A.",
            "outcome": "",
            "decision": "",
            "dissent": "",
            "votes": inline_formset([]),
            "documents": inline_formset([]),
            **fields,
        }
    )


def test_a_case_the_faggruppe_cannot_agree_on_is_raised_when_the_secretary_saves_it(
    client, secretary, helse
):
    portefolje = council(CouncilFactory._meta.model.Kind.PORTFOLIO)
    meeting = MeetingFactory(council=helse)
    response = client.post(
        f"{CASES}add/",
        case_form(helse, meeting, outcome="ikke-enighet", dissent="Rauma ville ha system B."),
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get(council=helse)
    assert item.label == "1-26"
    raised = AgendaItem.objects.get(council=portefolje)
    assert raised.raised_from == item and raised.meeting is None
    assert "Rauma ville ha system B." in raised.background


def test_a_case_cannot_be_put_in_another_councils_meeting(client, secretary, helse, skole):
    editor_meeting = MeetingFactory(council=skole)
    response = client.post(f"{CASES}add/", case_form(helse, editor_meeting))
    assert response.status_code == 200
    assert not AgendaItem.objects.exists()


def test_editors_keep_every_councils_meetings(client, editor, helse, skole):
    client.force_login(editor)
    other = MeetingFactory(council=skole, place="Skolekontoret")
    assert client.get(f"{MEETINGS}edit/{other.pk}/").status_code == 200
    item = AgendaItemFactory(meeting=MeetingFactory(council=helse))
    assert client.get(f"{CASES}edit/{item.pk}/").status_code == 200
