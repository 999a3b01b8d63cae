"""Who sits in a council on a given day follows from the membership's dates."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from councils import appointments, membership
from councils.models import Appointment, Membership
from tests.councils.factories import (
    AppointmentFactory,
    CouncilFactory,
    MembershipFactory,
    PersonFactory,
    organisation,
)

D = datetime.date


@pytest.fixture
def group(db):
    return CouncilFactory(name="Faggruppe helse", slug="helse", field_of_work="Helse og omsorg")


def names_on(council, day):
    return [m.person.name for m in membership.members_on(council, day)]


def test_members_on_a_day_follow_the_dates(group):
    MembershipFactory(council=group, person__name="Alltid", starts_on=D(2026, 1, 1))
    MembershipFactory(
        council=group, person__name="Sluttet", starts_on=D(2025, 1, 1), ends_on=D(2026, 3, 31)
    )
    MembershipFactory(council=group, person__name="Kommer", starts_on=D(2026, 9, 1))
    assert names_on(group, D(2026, 3, 31)) == ["Alltid", "Sluttet"]
    assert names_on(group, D(2026, 4, 1)) == ["Alltid"]
    assert names_on(group, D(2026, 9, 1)) == ["Alltid", "Kommer"]
    assert names_on(group, D(2024, 12, 31)) == []


def test_secretary_councils_are_those_of_the_day(group, django_user_model):
    user = django_user_model.objects.create_user("sekretaer")
    other = CouncilFactory(name="Faggruppe skole", slug="skole", field_of_work="Oppvekst")
    person = PersonFactory(user=user)
    MembershipFactory(
        council=group, person=person, role=Membership.Role.SECRETARY, ends_on=D(2026, 6, 30)
    )
    MembershipFactory(council=other, person=person, role=Membership.Role.MEMBER)
    assert list(membership.secretary_councils(user, D(2026, 6, 30))) == [group]
    assert list(membership.secretary_councils(user, D(2026, 7, 1))) == []
    assert membership.is_member(user, other, D(2026, 7, 1))


def test_a_membership_cannot_end_before_it_starts(group):
    seat = MembershipFactory.build(
        council=group, person=PersonFactory(), starts_on=D(2026, 5, 1), ends_on=D(2026, 4, 1)
    )
    with pytest.raises(ValidationError) as error:
        seat.full_clean()
    assert error.value.message_dict["ends_on"] == ["Sluttdatoen kan ikke være før startdatoen."]


def test_the_same_role_twice_in_overlapping_periods_is_refused(group):
    first = MembershipFactory(council=group, starts_on=D(2026, 1, 1), ends_on=D(2026, 6, 30))
    again = MembershipFactory.build(
        council=group, person=first.person, represents=first.represents, starts_on=D(2026, 6, 1)
    )
    with pytest.raises(ValidationError) as error:
        again.full_clean()
    assert "overlapper" in error.value.message_dict["starts_on"][0]
    again.starts_on = D(2026, 7, 1)
    again.full_clean()


def test_daglig_leder_and_sikkerhetsansvarlig_are_dated_appointments(db):
    ror = organisation("ror-ikt")
    leader = AppointmentFactory(
        person=PersonFactory(name="Dagny Leder", organisation=ror),
        position=Appointment.Position.GENERAL_MANAGER,
        starts_on=D(2026, 1, 1),
    )
    AppointmentFactory(
        person=PersonFactory(name="Sikker Rauma", organisation=organisation("rauma"))
    )
    assert appointments.general_manager(D(2026, 5, 1)) == leader.person
    assert appointments.general_manager(D(2025, 5, 1)) is None
    officers = {
        m.name: p and p.name for m, p in appointments.security_officers(D(2026, 5, 1)).items()
    }
    assert officers == {"Aukra": None, "Molde": None, "Rauma": "Sikker Rauma", "Vestnes": None}


def test_a_municipality_cannot_appoint_roras_daglig_leder(db):
    wrong = Appointment(
        person=PersonFactory(),
        position=Appointment.Position.GENERAL_MANAGER,
        organisation=organisation("molde"),
        starts_on=D(2026, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        wrong.full_clean()
    assert error.value.message_dict["organisation"] == [
        "Daglig leder er en rolle i ROR-IKT, ikke i en kommune."
    ]
