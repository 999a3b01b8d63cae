"""The porteføljeråd's rules: who scores, the 1–5 levels, the arithmetic, the order, the budget."""

import datetime
from decimal import Decimal

import pytest

from councils.models import Membership
from ideas import portfolio, scoring
from ideas.models import Idea, PortfolioBudget, Score
from ideas.services import MoveInvalid, NotAllowed
from ideas.workflow import State
from tests.councils.factories import organisation
from tests.ideas.factories import IdeaFactory, member, seat

FIELDS = scoring.CRITERION_FIELDS


def levels(*values):
    return dict(zip(FIELDS, values, strict=True))


def give(idea, user, *values):
    return Score.objects.create(idea=idea, member=user, **levels(*values))


@pytest.fixture
def council(world):
    """The porteføljeråd with three members, a secretary and a member who has left."""
    world.members = [
        world.users["pr"],
        member(world.portfolio, "pr2"),
        member(world.portfolio, "pr3"),
    ]
    world.secretary = member(world.portfolio, "sekretar", role=Membership.Role.SECRETARY)
    world.former = member(
        world.portfolio,
        "tidligere",
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2021, 12, 31),
    )
    return world


def on_board(world, **kwargs):
    kwargs.setdefault("state", State.PORTFOLIO)
    return world.idea(**kwargs)


# Who scores


def test_a_member_scores_and_a_second_scoring_replaces_the_first(council):
    idea = on_board(council)
    pr = council.users["pr"]
    portfolio.record_score(idea, pr, levels(5, 4, 4, 3, 4))
    portfolio.record_score(idea, pr, levels("1", "2", "3", "4", "5"))
    score = Score.objects.get(idea=idea)
    assert score.member == pr
    assert [getattr(score, f) for f in FIELDS] == [1, 2, 3, 4, 5]


def test_only_todays_members_score(council):
    idea = on_board(council)
    others = [user for name, user in council.users.items() if name != "pr"]
    for user in [*others, council.former]:
        with pytest.raises(NotAllowed) as refusal:
            portfolio.record_score(idea, user, levels(3, 3, 3, 3, 3))
        assert refusal.value.message == "Bare medlemmer av porteføljerådet kan poengsette idéer."
    assert not Score.objects.exists()


def test_the_secretary_records_but_does_not_score(council):
    idea = on_board(council)
    with pytest.raises(NotAllowed) as refusal:
        portfolio.record_score(idea, council.secretary, levels(3, 3, 3, 3, 3))
    assert "Sekretæren" in refusal.value.message
    assert not Score.objects.exists()
    rights = portfolio.rights(council.secretary)
    assert (rights.acts, rights.scores, rights.secretary) == (True, False, True)
    assert portfolio.rights(council.users["pr"]) == portfolio.Rights(True, True, False)
    assert portfolio.rights(council.former) == portfolio.Rights()
    assert portfolio.rights(council.users["sr"]) == portfolio.Rights()


@pytest.mark.parametrize(
    "state", [State.DEFERRED, State.COOPERATION, State.PRIORITISED, State.PROJECT, State.TRIAGE]
)
def test_scores_are_kept_as_they_were_once_the_council_has_decided(council, state):
    idea = on_board(council, state=state)
    with pytest.raises(NotAllowed) as refusal:
        portfolio.record_score(idea, council.users["pr"], levels(3, 3, 3, 3, 3))
    assert refusal.value.message == portfolio.NOT_SCORABLE
    assert not Score.objects.exists()


@pytest.mark.parametrize("bad", [0, 6, "", "abc", "3.5", " ", None, True, 2.0, "6"])
def test_each_criterion_takes_a_level_from_1_to_5(council, bad):
    idea = on_board(council)
    pr = council.users["pr"]
    give(idea, pr, 2, 2, 2, 2, 2)
    with pytest.raises(MoveInvalid) as refusal:
        portfolio.record_score(idea, pr, levels(4, 4, bad, 4, 4))
    assert refusal.value.problems == {
        "economic_benefit": "Velg et nivå fra 1 til 5 for «økonomisk gevinst»."
    }
    assert [getattr(Score.objects.get(), f) for f in FIELDS] == [2, 2, 2, 2, 2]


def test_a_criterion_left_out_is_named(council):
    idea = on_board(council)
    values = levels(4, 4, 4, 4, 4)
    del values["risk"]
    with pytest.raises(MoveInvalid) as refusal:
        portfolio.record_score(idea, council.users["pr"], values)
    assert set(refusal.value.problems) == {"risk"}


# The arithmetic, by hand


def scored(world):
    """Three members: 5+4+4+3+4 = 20 (4,0), 3+3+2+4+3 = 15 (3,0), 2+3+3+3+3 = 14 (2,8)."""
    idea = on_board(world)
    a, b, c = world.members
    give(idea, a, 5, 4, 4, 3, 4)
    give(idea, b, 3, 3, 2, 4, 3)
    give(idea, c, 2, 3, 3, 3, 3)
    return idea


def board_row(idea):
    return next(row for row in portfolio.board(2026).rows if row.idea.pk == idea.pk)


@pytest.mark.parametrize(
    ("adjustment", "score", "band"),
    [
        # 49 / 15 = 3,2666… → 3,27
        ("0", Decimal("3.27"), "Bør ha"),
        # 3,2666… + 0,75 = 4,0166… → 4,02
        ("0,75", Decimal("4.02"), "Må ha"),
        # 3,2666… − 0,5 = 2,7666… → 2,77
        ("-0,5", Decimal("2.77"), "Kan ha"),
        # 3,2666… − 1 = 2,2666… → 2,27
        ("−1", Decimal("2.27"), "Kan ha"),
    ],
)
def test_the_score_is_the_mean_of_members_plus_the_adjustment(council, adjustment, score, band):
    idea = scored(council)
    portfolio.adjust_score(idea, council.users["pr"], adjustment, "Rådet vektlegger risikoen.")
    row = board_row(idea)
    assert (row.score, row.band, row.scored_by) == (score, band, 3)
    assert portfolio.members_mean(49, 3) == Decimal(49) / 15
    found = portfolio.panel(Idea.objects.get(pk=idea.pk), council.users["utenfor"])
    assert (found.score, found.band) == (score, band)
    assert [member.mean for member in sorted(found.members, key=lambda m: -m.mean)] == [
        Decimal("4"),
        Decimal("3"),
        Decimal("2.8"),
    ]


def test_a_mean_halfway_between_hundredths_rounds_up_on_every_database(council):
    """Eight members, 7 × 11 + 8 = 85 points of 40 criteria: 2,125 → 2,13."""
    idea = on_board(council)
    for n in range(7):
        give(idea, member(council.portfolio, f"medlem{n}"), 3, 2, 2, 2, 2)
    give(idea, member(council.portfolio, "medlem7"), 2, 2, 2, 1, 1)
    row = board_row(idea)
    assert (row.score, row.band, row.scored_by) == (Decimal("2.13"), "Kan ha", 8)


def test_the_score_stays_between_1_and_5(council):
    top, bottom = on_board(council), on_board(council)
    pr = council.users["pr"]
    give(top, pr, 5, 5, 5, 5, 5)
    give(bottom, pr, 1, 1, 1, 1, 1)
    portfolio.adjust_score(top, pr, "1", "Lovkrav fra 2027.")
    portfolio.adjust_score(bottom, pr, "-1", "Dekkes av et annet prosjekt.")
    assert (board_row(top).score, board_row(top).band) == (Decimal("5.00"), "Må ha")
    assert (board_row(bottom).score, board_row(bottom).band) == (Decimal("1.00"), "Skal ikke ha")


@pytest.mark.parametrize(
    ("value", "band"),
    [
        ("5.00", "Må ha"),
        ("4.00", "Må ha"),
        ("3.99", "Bør ha"),
        ("3.00", "Bør ha"),
        ("2.99", "Kan ha"),
        ("2.00", "Kan ha"),
        ("1.99", "Skal ikke ha"),
        ("1.00", "Skal ikke ha"),
    ],
)
def test_bands(value, band):
    assert scoring.band(Decimal(value)) == band


def test_an_unscored_idea_has_no_score_and_no_band_even_when_adjusted(council):
    idea = on_board(council)
    portfolio.adjust_score(idea, council.users["pr"], "0,5", "Viktig for alle fire.")
    row = board_row(idea)
    assert (row.score, row.band, row.scored_by) == (None, "", 0)
    assert scoring.band(None) == ""


def test_a_former_members_score_still_counts(council):
    """Each member's scores are kept; a member who has since left still counted then."""
    idea = on_board(council)
    give(idea, council.former, 1, 1, 1, 1, 1)
    give(idea, council.users["pr"], 5, 5, 5, 5, 5)
    assert board_row(idea).score == Decimal("3.00")


# The adjustment, the cost and the municipalities


@pytest.mark.parametrize(
    ("adjustment", "reason", "problems"),
    [
        (
            "1,5",
            "Grunn",
            {"score_adjustment": "Justeringen kan være høyst ett poeng opp eller ned."},
        ),
        (
            "-1.01",
            "Grunn",
            {"score_adjustment": "Justeringen kan være høyst ett poeng opp eller ned."},
        ),
        ("0,5", "  ", {"score_adjustment_reason": "Skriv hvorfor poengsummen justeres."}),
        ("0,125", "Grunn", {"score_adjustment": "Bruk høyst to desimaler i justeringen."}),
        (
            "mye",
            "Grunn",
            {"score_adjustment": "Skriv justeringen som et tall, for eksempel 0,5 eller -0,25."},
        ),
        (
            "1e0",
            "Grunn",
            {"score_adjustment": "Skriv justeringen som et tall, for eksempel 0,5 eller -0,25."},
        ),
    ],
)
def test_an_adjustment_is_at_most_one_point_and_has_a_reason(
    council, adjustment, reason, problems
):
    idea = on_board(council)
    portfolio.adjust_score(idea, council.users["pr"], "0,25", "Tidligere grunn.")
    with pytest.raises(MoveInvalid) as refusal:
        portfolio.adjust_score(idea, council.users["pr"], adjustment, reason)
    assert refusal.value.problems == problems
    idea.refresh_from_db()
    assert (idea.score_adjustment, idea.score_adjustment_reason) == (
        Decimal("0.25"),
        "Tidligere grunn.",
    )


def test_an_adjustment_back_to_zero_drops_its_reason(council):
    idea = on_board(council)
    portfolio.adjust_score(idea, council.users["pr"], "+0,5", " Haster. ")
    idea.refresh_from_db()
    assert (idea.score_adjustment, idea.score_adjustment_reason) == (Decimal("0.5"), "Haster.")
    portfolio.adjust_score(idea, council.users["pr"], "", "Ikke lenger.")
    idea.refresh_from_db()
    assert (idea.score_adjustment, idea.score_adjustment_reason) == (Decimal(0), "")


def test_the_adjustment_is_for_members_and_while_the_council_decides(council):
    idea = on_board(council)
    for user in [council.users["ir_molde"], council.users["sr"], council.former]:
        with pytest.raises(NotAllowed):
            portfolio.adjust_score(idea, user, "0,5", "Grunn.")
    portfolio.adjust_score(idea, council.secretary, "0,5", "Vedtatt i møtet.")
    Idea.objects.filter(pk=idea.pk).update(state=State.PRIORITISED)
    with pytest.raises(NotAllowed) as refusal:
        portfolio.adjust_score(idea, council.users["pr"], "1", "Grunn.")
    assert refusal.value.message == portfolio.NOT_ADJUSTABLE
    with pytest.raises(NotAllowed):
        portfolio.adjust_score(idea, council.users["pr"], "0,5", "En ny begrunnelse.")
    idea.refresh_from_db()
    assert (idea.score_adjustment, idea.score_adjustment_reason) == (
        Decimal("0.5"),
        "Vedtatt i møtet.",
    )
    # The council's form repeats the adjustment unchanged beside a new cost: that is fine.
    portfolio.assess(
        idea, council.users["pr"], adjustment="0,50", reason="Vedtatt i møtet.", cost="7"
    )
    assert Idea.objects.get(pk=idea.pk).estimated_cost == 7


def test_the_council_sets_cost_and_municipalities_for_ideas_on_the_board(council):
    idea = on_board(council, state=State.PRIORITISED)
    molde, rauma = organisation("molde"), organisation("rauma")
    portfolio.set_cost_and_concerns(
        idea, council.users["pr"], "1 250 000", [molde.pk, str(rauma.pk)]
    )
    idea.refresh_from_db()
    assert idea.estimated_cost == Decimal(1250000)
    assert set(idea.concerns.all()) == {molde, rauma}
    portfolio.set_cost_and_concerns(idea, council.users["pr"], "", [])
    idea.refresh_from_db()
    assert (idea.estimated_cost, list(idea.concerns.all())) == (None, [])
    with pytest.raises(NotAllowed):
        portfolio.set_cost_and_concerns(idea, council.users["ir_molde"], "5", [])
    elsewhere = council.idea(state=State.TRIAGE)
    with pytest.raises(NotAllowed) as refusal:
        portfolio.set_cost_and_concerns(elsewhere, council.users["pr"], "5", [])
    assert refusal.value.message == portfolio.NOT_ON_BOARD


def test_one_bad_part_of_the_assessment_changes_nothing(council):
    idea = on_board(council, estimated_cost=Decimal(100))
    provider = organisation("ror-ikt")
    with pytest.raises(MoveInvalid) as refusal:
        portfolio.assess(
            idea,
            council.users["pr"],
            adjustment="0,5",
            reason="Grunn.",
            cost="12,5",
            concerns=[provider.pk],
        )
    assert refusal.value.problems == {
        "estimated_cost": "Skriv beløpet i hele kroner, for eksempel 250 000.",
        "concerns": "Velg blant kommunene i listen.",
    }
    idea.refresh_from_db()
    assert (idea.score_adjustment, idea.estimated_cost) == (Decimal(0), Decimal(100))
    assert not idea.concerns.exists()


@pytest.mark.parametrize(
    ("text", "amount", "problem"),
    [
        ("1 250 000", Decimal(1250000), ""),
        ("1\u00a0250\u00a0000 kr", Decimal(1250000), ""),
        ("1.250.000", Decimal(1250000), ""),
        ("kr 500,-", Decimal(500), ""),
        ("500,00", Decimal(500), ""),
        ("0", Decimal(0), ""),
        ("", None, ""),
        ("  ", None, ""),
        ("-5", None, "Beløpet kan ikke være negativt."),
        ("12,5", None, "Skriv beløpet i hele kroner, for eksempel 250 000."),
        ("1.25", None, "Skriv beløpet i hele kroner, for eksempel 250 000."),
        ("mange", None, "Skriv beløpet i hele kroner, for eksempel 250 000."),
        ("5²", None, "Skriv beløpet i hele kroner, for eksempel 250 000."),
        ("1" + "0" * 12, None, "Beløpet er for stort."),
    ],
)
def test_amounts_in_kroner(text, amount, problem):
    assert portfolio.parse_kroner(text) == (amount, problem)


@pytest.mark.parametrize(
    ("text", "value"),
    [("0,5", "0.5"), ("-0,25", "-0.25"), ("+1", "1"), ("\u22121", "-1"), (".5", "0.5")],
)
def test_numbers_as_norwegians_write_them(text, value):
    assert portfolio.parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "NaN", "Infinity", "1e3", "--1"])
def test_what_is_not_a_number(text):
    assert portfolio.parse_number(text) is None


# The order of the board


def three_on_board(world):
    first = on_board(world, title="Alfa")
    second = on_board(world, title="Beta", state=State.COOPERATION)
    third = on_board(world, title="Gamma", state=State.PROJECT)
    return first, second, third


def titles():
    return [row.idea.title for row in portfolio.board(2026).rows]


def test_the_council_sets_the_order_of_the_whole_board(council):
    alfa, beta, gamma = three_on_board(council)
    council.idea(state=State.TRIAGE, title="Ikke på tavlen")
    portfolio.set_order(council.users["pr"], {alfa.pk: "3", beta.pk: " 1 ", gamma.pk: "2"})
    assert titles() == ["Beta", "Gamma", "Alfa"]
    assert [row.position for row in portfolio.board(2026).rows] == [1, 2, 3]
    assert dict(Idea.objects.values_list("title", "portfolio_rank")) == {
        "Alfa": 3,
        "Beta": 1,
        "Gamma": 2,
        "Ikke på tavlen": None,
    }


def test_ideas_not_placed_yet_follow_by_score_then_title(council):
    alfa, beta, gamma = three_on_board(council)
    portfolio.set_order(council.users["pr"], {alfa.pk: "2", beta.pk: "1", gamma.pk: "3"})
    newcomers = [on_board(council, title=title) for title in ["Delta", "Epsilon", "Zeta", "Eta"]]
    pr = council.users["pr"]
    give(newcomers[0], pr, 2, 2, 2, 2, 2)
    give(newcomers[1], pr, 4, 4, 4, 4, 4)
    give(newcomers[2], pr, 3, 3, 3, 3, 3)
    assert titles() == ["Beta", "Alfa", "Gamma", "Epsilon", "Zeta", "Delta", "Eta"]


@pytest.mark.parametrize(
    ("places", "messages"),
    [
        (
            {"Alfa": "1", "Beta": "1", "Gamma": "2"},
            {
                "Alfa": "Plass 1 er gitt til flere idéer: «Alfa» og «Beta».",
                "Beta": "Plass 1 er gitt til flere idéer: «Alfa» og «Beta».",
            },
        ),
        ({"Alfa": "1", "Beta": "", "Gamma": "2"}, {"Beta": "Skriv en plass for «Beta»."}),
        (
            {"Alfa": "1", "Beta": "4", "Gamma": "0"},
            {
                "Beta": "Plassen for «Beta» må være mellom 1 og 3.",
                "Gamma": "Plassen for «Gamma» må være mellom 1 og 3.",
            },
        ),
        (
            {"Alfa": "1,5", "Beta": "-2", "Gamma": "²"},
            {
                "Alfa": "Plassen for «Alfa» må være et helt tall.",
                "Beta": "Plassen for «Beta» må være et helt tall.",
                "Gamma": "Plassen for «Gamma» må være et helt tall.",
            },
        ),
    ],
)
def test_ties_blanks_and_places_out_of_range_change_nothing(council, places, messages):
    ideas = {idea.title: idea for idea in three_on_board(council)}
    portfolio.set_order(
        council.users["pr"], {idea.pk: str(n) for n, idea in enumerate(ideas.values(), 1)}
    )
    with pytest.raises(MoveInvalid) as refusal:
        portfolio.set_order(council.users["pr"], {ideas[t].pk: v for t, v in places.items()})
    assert refusal.value.message == (
        "Rekkefølgen ble ikke lagret. Hver idé på tavlen må ha sin egen plass fra 1 til 3."
    )
    assert refusal.value.problems == {ideas[t].pk: m for t, m in messages.items()}
    assert titles() == ["Alfa", "Beta", "Gamma"]


def test_an_order_made_on_an_older_board_is_refused(council):
    alfa, beta, gamma = three_on_board(council)
    pr = council.users["pr"]
    with pytest.raises(MoveInvalid) as refusal:
        portfolio.set_order(pr, {alfa.pk: "1", beta.pk: "2"})
    assert refusal.value.message == portfolio.BOARD_CHANGED
    elsewhere = council.idea(state=State.TRIAGE)
    with pytest.raises(MoveInvalid):
        portfolio.set_order(pr, {alfa.pk: "1", beta.pk: "2", gamma.pk: "3", elsewhere.pk: "4"})
    assert not Idea.objects.exclude(portfolio_rank=None).exists()


def test_only_members_set_the_order(council):
    alfa, beta, gamma = three_on_board(council)
    for user in [council.users["ir_molde"], council.users["utenfor"], council.former]:
        with pytest.raises(NotAllowed) as refusal:
            portfolio.set_order(user, {alfa.pk: "1", beta.pk: "2", gamma.pk: "3"})
        assert refusal.value.message == portfolio.NOT_MEMBER
    assert not Idea.objects.exclude(portfolio_rank=None).exists()


# The budget


def test_the_sum_of_estimated_costs_against_the_budget(council):
    alfa, beta, gamma = three_on_board(council)
    Idea.objects.filter(pk=alfa.pk).update(estimated_cost=600_000)
    Idea.objects.filter(pk=gamma.pk).update(estimated_cost=900_000)
    council.idea(state=State.TRIAGE, estimated_cost=5_000_000)  # not before the council
    council.idea(state=State.DONE, estimated_cost=7_000_000)  # finished
    portfolio.set_order(council.users["pr"], {alfa.pk: "1", beta.pk: "2", gamma.pk: "3"})

    found = portfolio.board(2026)
    assert (found.budget, found.remaining, found.overspend) == (None, None, None)
    assert (found.total_cost, found.without_cost) == (Decimal(1_500_000), 1)
    assert [row.running_cost for row in found.rows] == [600_000, 600_000, 1_500_000]

    portfolio.set_budget(council.users["pr"], "2026", "1 000 000")
    portfolio.set_budget(council.users["pr"], 2027, "2 000 000")
    found = portfolio.board(2026)
    assert found.budget.amount == Decimal(1_000_000)
    assert (found.remaining, found.overspend) == (Decimal(-500_000), Decimal(500_000))
    assert [row.over_budget for row in found.rows] == [False, False, True]
    later = portfolio.board(2027)
    assert (later.remaining, later.overspend) == (Decimal(500_000), None)
    assert not any(row.over_budget for row in later.rows)


def test_setting_a_budget_again_replaces_it(council):
    portfolio.set_budget(council.users["pr"], "2026", "1 000 000")
    portfolio.set_budget(council.secretary, "2026", "1.200.000 kr")
    assert list(PortfolioBudget.objects.values_list("year", "amount")) == [(2026, 1_200_000)]


@pytest.mark.parametrize(
    ("year", "amount", "problems"),
    [
        ("2026", "", {"amount": "Skriv budsjettet i hele kroner, for eksempel 2 500 000."}),
        ("2026", "-1", {"amount": "Beløpet kan ikke være negativt."}),
        ("2026", "1,5 mill", {"amount": "Skriv beløpet i hele kroner, for eksempel 250 000."}),
        ("26", "100", {"year": "Skriv et årstall mellom 2000 og 2100, for eksempel 2026."}),
        ("", "100", {"year": "Skriv et årstall mellom 2000 og 2100, for eksempel 2026."}),
        ("２０２６", "100", {"year": "Skriv et årstall mellom 2000 og 2100, for eksempel 2026."}),
    ],
)
def test_a_budget_needs_a_year_and_whole_kroner(council, year, amount, problems):
    with pytest.raises(MoveInvalid) as refusal:
        portfolio.set_budget(council.users["pr"], year, amount)
    assert refusal.value.problems == problems
    assert not PortfolioBudget.objects.exists()


def test_only_members_set_the_budget(council):
    with pytest.raises(NotAllowed):
        portfolio.set_budget(council.users["sr"], "2026", "100")
    assert not PortfolioBudget.objects.exists()


def test_this_year_is_the_year_in_norway(monkeypatch):
    """New Year's Eve at 23:30 in UTC is already the new year in Oslo."""

    class Clock(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC).astimezone(tz)

    monkeypatch.setattr(portfolio.datetime, "datetime", Clock)
    assert portfolio.this_year() == 2027


def test_the_board_lists_everything_before_the_council(council):
    for state in State.labels:
        IdeaFactory(state=state, title=state, submitter=council.submitter)
    assert set(titles()) == {
        State.PORTFOLIO,
        State.PRIORITISED,
        State.PROJECT,
        State.DEFERRED,
        State.COOPERATION,
    }


def test_a_seat_from_another_day_gives_no_rights(council):
    later = member(council.ir_molde, "snart")
    seat(later, council.portfolio, starts_on=datetime.date(2099, 1, 1))
    assert portfolio.rights(later) == portfolio.Rights()
    assert portfolio.rights(later, datetime.date(2099, 6, 1)).scores
