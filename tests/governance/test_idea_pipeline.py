"""The idea figures of the report, against figures worked out by hand from known timelines."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from governance.idea_pipeline import idea_pipeline
from governance.report_periods import parse_period
from ideas.models import Transition
from ideas.workflow import MOVES, State
from tests.councils.factories import organisation
from tests.ideas.factories import IdeaFactory, portfolio_council

OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime.datetime(2026, 11, 29, 12, tzinfo=OSLO)


def at(month, day, hour=12):
    return datetime.datetime(2026, month, day, hour, tzinfo=OSLO)


def timeline(place, *steps):
    """An idea of `place` that made the moves `steps` [(move, moment), …] in that order."""
    idea = IdeaFactory(municipality=organisation(place), state=State.DRAFT)
    state = State.DRAFT
    for name, moment in steps:
        move = MOVES[name]
        assert state in move.sources, (name, state)
        transition = Transition.objects.create(
            idea=idea,
            move=name,
            from_state=state,
            to_state=move.target,
            actor_name="Testperson",
            acting_for=portfolio_council() if move.body == "portefoljerad" else None,
            told=move.told,
        )
        # `at` is set when the row is made; the test needs the moves on known days.
        Transition.objects.filter(pk=transition.pk).update(at=moment)
        state = move.target
    idea.state = state
    idea.save()
    return idea


def q1():
    return idea_pipeline(*_bounds("2026-K1"))


def _bounds(key):
    period = parse_period(key, now=NOW)
    return period.start, period.end


@pytest.fixture
def pipeline(db):
    # Molde: sent in before the quarter, triaged and sent to the porteføljeråd in it,
    # which could not agree; the samarbeidsråd prioritised it; a project in March.
    timeline(
        "molde",
        ("submit", at(12, 1).replace(year=2025)),
        ("start_triage", at(1, 5)),  # 35 days sent in
        ("send_to_portfolio", at(1, 15)),  # 10 days in triage
        ("portfolio_disagrees", at(2, 4)),  # 20 days in the porteføljeråd
        ("cooperation_prioritises", at(2, 10)),  # 6 days in the samarbeidsråd
        ("establish_project", at(3, 12)),  # 30 days prioritised
    )
    # Rauma: new in the quarter, triaged, then rejected locally.
    timeline(
        "rauma",
        ("submit", at(2, 1)),
        ("start_triage", at(2, 3)),  # 2 days sent in
        ("reject_locally", at(2, 17)),  # 14 days in triage
    )
    # Rauma: new in the quarter, still waiting at its end.
    timeline("rauma", ("submit", at(3, 31, 23)))
    # Aukra: the faggruppe could not agree, in the quarter; decided only in April.
    timeline(
        "aukra",
        ("submit", at(1, 10)),
        ("start_triage", at(1, 11)),  # 1 day sent in
        ("send_to_expert_group", at(1, 20)),  # 9 days in triage
        ("expert_group_disagrees", at(3, 1)),  # 40 days in the faggruppe
        ("defer", at(4, 2)),
    )
    # Vestnes: sent in after the quarter; not part of it at all.
    timeline("vestnes", ("submit", at(4, 1, 0)))
    # Molde: a draft nobody has sent in.
    IdeaFactory(municipality=organisation("molde"), state=State.DRAFT)


def test_new_ideas_are_those_sent_in_during_the_period_per_municipality(pipeline):
    figures = q1()
    assert figures["new"] == {
        "total": 3,
        "by_municipality": {"aukra": 1, "molde": 0, "rauma": 2, "vestnes": 0},
    }


def test_decisions_are_councils_moves_to_an_outcome_in_the_period(pipeline):
    decided = q1()["decided"]
    assert decided["total"] == 2  # the samarbeidsråd's priority and Rauma's rejection
    assert decided["by_municipality"] == {"aukra": 0, "molde": 1, "rauma": 1, "vestnes": 0}
    outcomes = {row["state"]: row["count"] for row in decided["by_outcome"]}
    assert outcomes == {
        State.LOCAL: 0,
        State.PRIORITISED: 1,
        State.DEFERRED: 0,  # Aukra's deferral was in April
        State.REJECTED: 1,
        State.MERGED: 0,
    }


def test_each_idea_is_counted_in_the_state_it_had_when_the_period_ended(pipeline):
    states = {row["state"]: row for row in q1()["states"]}
    assert states[State.PROJECT]["by_municipality"]["molde"] == 1
    assert states[State.REJECTED]["by_municipality"]["rauma"] == 1
    assert states[State.SUBMITTED]["by_municipality"]["rauma"] == 1
    # Aukra's idea was still with the porteføljeråd on 31 March, though deferred since.
    assert states[State.PORTFOLIO]["total"] == 1
    assert states[State.DEFERRED]["total"] == 0
    assert sum(row["total"] for row in states.values()) == 4  # no draft, nothing from April
    assert State.DRAFT not in states


def test_time_in_each_stage_is_the_median_of_stays_that_ended_in_the_period(pipeline):
    stages = {row["state"]: row for row in q1()["stages"]}
    # Sent in: 35 (Molde), 2 (Rauma), 1 (Aukra) days → median 2.
    assert stages[State.SUBMITTED]["stays"] == 3
    assert stages[State.SUBMITTED]["median_days"] == "2.0"
    # Triage: 10, 14, 9 → 10.
    assert stages[State.TRIAGE]["median_days"] == "10.0"
    # An even number of stays takes the mean of the middle two; here one stay each.
    assert stages[State.PORTFOLIO]["median_days"] == "20.0"
    assert stages[State.EXPERT_GROUP]["median_days"] == "40.0"
    assert stages[State.COOPERATION]["median_days"] == "6.0"
    assert stages[State.PRIORITISED]["median_days"] == "30.0"
    # Nothing left the project state or deferral in the quarter.
    assert stages[State.PROJECT] == {
        "state": State.PROJECT,
        "label": "Prosjekt etablert",
        "stays": 0,
        "median_days": None,
    }


def test_a_stay_across_a_daylight_saving_change_is_counted_in_real_hours(db):
    # 28 March 12:00 to 30 March 12:00 in Oslo is 47 hours: summer time began on the 29th.
    timeline("molde", ("submit", at(3, 28)), ("start_triage", at(3, 30)))
    stages = {row["state"]: row for row in q1()["stages"]}
    assert stages[State.SUBMITTED]["median_days"] == "2.0"  # 47/24 = 1.96 → 2.0
    assert stages[State.SUBMITTED]["stays"] == 1


def test_escalations_count_disagreements_sent_upwards_in_the_period(pipeline):
    escalations = {row["move"]: row["count"] for row in q1()["escalations"]}
    assert escalations == {"portfolio_disagrees": 1, "expert_group_disagrees": 1}


def test_projects_established_in_the_period_are_counted_per_municipality(pipeline):
    assert q1()["projects"]["by_municipality"]["molde"] == 1
    assert idea_pipeline(*_bounds("2026-02"))["projects"]["total"] == 0


def test_the_period_boundaries_are_oslo_midnights(pipeline):
    # Vestnes's idea, sent in at 00:00 on 1 April in Oslo, is April's though it was still
    # 31 March (22:00) in UTC; Rauma's at 23:00 on 31 March is March's.
    march, april = idea_pipeline(*_bounds("2026-03")), idea_pipeline(*_bounds("2026-04"))
    assert march["new"]["by_municipality"]["rauma"] == 1
    assert march["new"]["by_municipality"]["vestnes"] == 0
    assert april["new"]["by_municipality"]["vestnes"] == 1


def test_an_empty_pipeline_has_zeros_and_no_medians(db):
    figures = q1()
    assert figures["new"]["total"] == 0
    assert all(row["median_days"] is None for row in figures["stages"])
    assert [p["name"] for p in figures["municipalities"]] == ["Aukra", "Molde", "Rauma", "Vestnes"]
