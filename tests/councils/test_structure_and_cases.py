"""Council kinds, case numbers per council and year, and raising a case to the council above."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from councils import cases, structure
from councils.models import AgendaItem, Council
from tests.councils.factories import (
    AgendaItemFactory,
    CouncilFactory,
    MeetingFactory,
    council,
    organisation,
)

Kind = Council.Kind


def at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 10, 0))


@pytest.fixture
def ladder(db):
    return {
        "samarbeid": council(Kind.COOPERATION),
        "portefolje": council(Kind.PORTFOLIO),
        "helse": CouncilFactory(name="Faggruppe helse", slug="helse"),
        "molde": CouncilFactory(
            name="Innovasjonsrådet i Molde",
            slug="innovasjon-molde",
            kind=Kind.INNOVATION,
            field_of_work="",
            municipality=organisation("molde"),
        ),
    }


def test_each_council_knows_the_one_above(ladder):
    assert structure.council_above(ladder["helse"]) == ladder["portefolje"]
    assert structure.council_above(ladder["portefolje"]) == ladder["samarbeid"]
    assert structure.council_above(ladder["samarbeid"]) is None


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"kind": Kind.EXPERT_GROUP, "field_of_work": ""}, "field_of_work", "fagområde"),
        ({"kind": Kind.INNOVATION}, "municipality", "én kommune"),
        ({"kind": Kind.PORTFOLIO}, "kind", "finnes allerede et porteføljeråd"),
    ],
)
def test_council_kind_rules(ladder, fields, field, message):
    candidate = Council(name="Nytt råd", slug="nytt", **fields)
    with pytest.raises(ValidationError) as error:
        candidate.full_clean()
    assert message in error.value.message_dict[field][0]


def test_cases_are_numbered_per_council_and_year(ladder):
    first = AgendaItemFactory(
        meeting=MeetingFactory(council=ladder["helse"], starts_at=at(2026, 2, 1))
    )
    second = AgendaItemFactory(meeting=first.meeting)
    other_council = AgendaItemFactory(
        meeting=MeetingFactory(council=ladder["portefolje"], starts_at=at(2026, 2, 2))
    )
    next_year = AgendaItemFactory(
        meeting=MeetingFactory(council=ladder["helse"], starts_at=at(2027, 1, 15))
    )
    assert [first.label, second.label, other_council.label, next_year.label] == [
        "1-26",
        "2-26",
        "1-26",
        "1-27",
    ]


def test_a_case_the_faggruppe_cannot_agree_on_goes_to_the_portefoljerad_queue(ladder):
    item = AgendaItemFactory(
        meeting=MeetingFactory(council=ladder["helse"]),
        recommendation="Velge system A.",
        dissent="Molde og Rauma ville ha system B.",
        outcome=AgendaItem.Outcome.NOT_AGREED,
    )
    raised = cases.raise_if_not_agreed(item)
    assert raised.council == ladder["portefolje"]
    assert raised.meeting is None
    assert list(cases.queue(ladder["portefolje"])) == [raised]
    assert item.raised_to == raised and raised.raised_from == item
    assert f"sak {item.label}" in raised.background
    assert "Molde og Rauma ville ha system B." in raised.background
    assert cases.raise_if_not_agreed(item) == raised  # once only


def test_the_portefoljerad_raises_to_the_samarbeidsrad_and_that_is_the_top(ladder):
    item = AgendaItemFactory(
        meeting=MeetingFactory(council=ladder["portefolje"]), outcome=AgendaItem.Outcome.NOT_AGREED
    )
    raised = cases.raise_if_not_agreed(item)
    assert raised.council == ladder["samarbeid"]
    raised.outcome = AgendaItem.Outcome.NOT_AGREED
    assert cases.raise_if_not_agreed(raised) is None


def test_a_decided_case_is_not_raised(ladder):
    item = AgendaItemFactory(
        meeting=MeetingFactory(council=ladder["helse"]), outcome=AgendaItem.Outcome.DECIDED
    )
    assert cases.raise_if_not_agreed(item) is None
    assert not AgendaItem.objects.filter(council=ladder["portefolje"]).exists()
