"""The transition table, move by move and role by role: allowed, refused, and what it needs."""

import datetime

import pytest

from ideas import services, workflow
from ideas.models import Idea, Score, Transition
from ideas.services import IdeaChanged, MoveInput, MoveInvalid, NotAllowed
from ideas.workflow import MOVES, Body, State
from tests.councils.factories import AgendaItemFactory, MeetingFactory
from tests.ideas.factories import seat

ACTOR = {
    Body.SUBMITTER: "innmelder",
    Body.INNOVATION: "ir_molde",
    Body.EXPERT_GROUP: "fg_helse",
    Body.PORTFOLIO: "pr",
    Body.COOPERATION: "sr",
}


def test_the_table_is_whole():
    states = set(State.labels)
    for move in MOVES.values():
        assert move.target in states and move.sources <= states, move.name
        assert set(move.requires) <= set(services.REQUIREMENT_MESSAGES) | {workflow.COMPLETE}
    for state in states - State.FINAL:
        assert workflow.moves_from(state), f"{state} has no way out"
    for state in State.FINAL:
        assert workflow.moves_from(state) == [], f"{state} is final"
    reachable, frontier = {State.DRAFT}, [State.DRAFT]
    while frontier:
        for move in workflow.moves_from(frontier.pop()):
            if move.target not in reachable:
                reachable.add(move.target)
                frontier.append(move.target)
    assert reachable == states


def prepared(world, move):
    """An idea where `move` can be made, and everything the move requires."""
    source = sorted(move.sources)[0]
    idea = world.idea(state=source, expert_group=world.helse, follow_up=world.follow_up)
    if workflow.SCORED in move.requires:
        Score.objects.create(
            idea=idea,
            member=world.users["pr"],
            **{
                field: 4
                for field in (
                    "strategic_value",
                    "qualitative_benefit",
                    "economic_benefit",
                    "operational_need",
                    "risk",
                )
            },
        )
    given = MoveInput(
        reason="Fordi rådet mener det.",
        text="Vurdering og innstilling.",
        follow_up=world.follow_up,
        expert_group=world.helse,
        merge_target=world.idea(state=State.TRIAGE, title="Den andre idéen"),
        benefits="Sparte to årsverk.",
    )
    return idea, given


@pytest.mark.parametrize("name", list(MOVES))
def test_each_move_is_made_by_its_body(world, name):
    move = MOVES[name]
    idea, given = prepared(world, move)
    actor = world.users[ACTOR[move.body]]
    transition = services.make_move(idea.pk, name, actor, idea.version, given)
    idea.refresh_from_db()
    assert idea.state == move.target
    assert idea.version == 1
    assert (transition.from_state, transition.to_state) == (sorted(move.sources)[0], move.target)
    assert transition.actor == actor
    if move.body != Body.SUBMITTER:
        assert transition.acting_for.kind == move.body
    assert transition.told


@pytest.mark.parametrize("name", list(MOVES))
def test_each_move_is_refused_to_everyone_else(world, name):
    move = MOVES[name]
    allowed = ACTOR[move.body]
    for username, user in world.users.items():
        if username == allowed:
            continue
        idea, given = prepared(world, move)
        with pytest.raises(NotAllowed):
            services.make_move(idea.pk, name, user, idea.version, given)
        idea.refresh_from_db()
        assert (idea.state, idea.version) == (sorted(move.sources)[0], 0), username
        assert not Transition.objects.filter(idea=idea).exists()


@pytest.mark.parametrize(
    ("name", "field", "message"),
    [
        ("return", "reason", "Skriv en begrunnelse. Innmelderen får se den."),
        ("start_triage", "follow_up", "Velg en oppfølgingsansvarlig."),
        ("send_to_expert_group", "expert_group", "Velg faggruppen idéen skal til."),
        ("merge", "merge_target", "Velg idéen den skal slås sammen med."),
        ("recommend", "text", "Skriv faggruppens vurdering og innstilling."),
        ("expert_group_disagrees", "text", "Beskriv uenigheten i faggruppen (dissensen)."),
        ("portfolio_disagrees", "text", "Beskriv uenigheten i porteføljerådet (dissensen)."),
        ("complete_project", "benefits", "Beskriv gevinstene som ble realisert."),
        ("cooperation_rejects", "reason", "Skriv en begrunnelse. Innmelderen får se den."),
    ],
)
def test_what_a_move_needs_is_asked_for_and_nothing_changes(world, name, field, message):
    move = MOVES[name]
    idea, given = prepared(world, move)
    setattr(given, field, "" if isinstance(getattr(given, field), str) else None)
    with pytest.raises(MoveInvalid) as refusal:
        services.make_move(idea.pk, name, world.users[ACTOR[move.body]], 0, given)
    assert refusal.value.problems[field] == message
    idea.refresh_from_db()
    assert idea.state == sorted(move.sources)[0]


def test_an_idea_must_be_complete_to_be_sent_in(world):
    idea = world.idea(state=State.DRAFT, background="", proposal=" ")
    with pytest.raises(MoveInvalid) as refusal:
        services.make_move(idea.pk, "submit", world.submitter, 0)
    assert refusal.value.problems == {
        "background": "Beskriv bakgrunnen for idéen.",
        "proposal": "Beskriv løsningsforslaget, så godt du kan.",
    }


def test_prioritising_needs_a_score(world):
    idea = world.idea(state=State.PORTFOLIO)
    with pytest.raises(MoveInvalid) as refusal:
        services.make_move(idea.pk, "prioritise", world.users["pr"], 0)
    assert "poengsatt" in refusal.value.problems["__all__"]


def test_an_idea_cannot_be_merged_into_itself_or_a_finished_one(world):
    idea = world.idea(state=State.TRIAGE)
    for target, message in [
        (idea, "En idé kan ikke slås sammen med seg selv."),
        (world.idea(state=State.REJECTED), "Velg en idé som fortsatt er under behandling."),
    ]:
        with pytest.raises(MoveInvalid) as refusal:
            services.make_move(
                idea.pk, "merge", world.users["ir_molde"], 0, MoveInput(merge_target=target)
            )
        assert refusal.value.problems["merge_target"] == message


def test_authority_follows_the_date_of_the_action(world):
    idea = world.idea(state=State.SUBMITTED)
    today = datetime.date.today()
    former = world.users["ir_rauma"]  # sits in Rauma's council; give a past seat in Molde's
    seat(
        former,
        world.ir_molde,
        starts_on=today - datetime.timedelta(days=60),
        ends_on=today - datetime.timedelta(days=1),
    )
    future = world.users["utenfor"]
    seat(future, world.ir_molde, starts_on=today + datetime.timedelta(days=1))
    given = MoveInput(follow_up=world.follow_up)
    for user in (former, future):
        with pytest.raises(NotAllowed):
            services.make_move(idea.pk, "start_triage", user, 0, given)
    services.make_move(idea.pk, "start_triage", world.users["ir_molde"], 0, given)


def test_a_move_against_an_old_version_is_refused(world):
    idea = world.idea(state=State.SUBMITTED)
    given = MoveInput(follow_up=world.follow_up)
    services.make_move(idea.pk, "start_triage", world.users["ir_molde"], 0, given)
    with pytest.raises(IdeaChanged) as refusal:
        services.make_move(idea.pk, "return", world.users["ir_molde"], 0, MoveInput(reason="x"))
    assert "endret av noen andre" in refusal.value.message
    assert Idea.objects.get(pk=idea.pk).state == State.TRIAGE
    assert Transition.objects.filter(idea=idea).count() == 1


def test_a_move_from_the_wrong_state_is_refused(world):
    idea = world.idea(state=State.PORTFOLIO)
    with pytest.raises(NotAllowed) as refusal:
        services.make_move(idea.pk, "withdraw", world.submitter, 0)
    assert "kan ikke gjøres nå" in refusal.value.message


def test_unknown_moves_are_refused(world):
    idea = world.idea()
    with pytest.raises(MoveInvalid):
        services.make_move(idea.pk, "fly", world.submitter, 0)


def test_a_decision_points_to_its_case_of_the_acting_council(world):
    idea = world.idea(state=State.PORTFOLIO)
    own = AgendaItemFactory(meeting=MeetingFactory(council=world.portfolio))
    other = AgendaItemFactory(meeting=MeetingFactory(council=world.helse))
    with pytest.raises(MoveInvalid) as refusal:
        services.make_move(
            idea.pk, "defer", world.users["pr"], 0, MoveInput(reason="Neste år.", case=other)
        )
    assert refusal.value.problems["case"] == "Saken må høre til rådet som fatter vedtaket."
    transition = services.make_move(
        idea.pk, "defer", world.users["pr"], 0, MoveInput(reason="Neste år.", case=own)
    )
    assert transition.case == own


def test_the_journey_of_the_issue_leaves_a_readable_timeline(world):
    u = world.users
    idea = world.idea(state=State.DRAFT)
    steps = [
        ("submit", u["innmelder"], MoveInput()),
        ("start_triage", u["ir_molde"], MoveInput(follow_up=world.follow_up)),
        ("send_to_expert_group", u["ir_molde"], MoveInput(expert_group=world.helse)),
        ("expert_group_disagrees", u["fg_helse"], MoveInput(text="Uenige om leverandør.")),
        ("portfolio_disagrees", u["pr"], MoveInput(text="To mot to.")),
        ("cooperation_prioritises", u["sr"], MoveInput(reason="Viktig for alle fire.")),
        ("establish_project", u["pr"], MoveInput()),
    ]
    for version, (name, user, given) in enumerate(steps):
        services.make_move(idea.pk, name, user, version, given)
    idea.refresh_from_db()
    assert idea.state == State.PROJECT
    told = list(idea.transitions.values_list("told", flat=True))
    assert told == [
        "Idéen ble sendt inn.",
        "Innovasjonsrådet tok idéen til vurdering og utnevnte Olav Oppfølger som "
        "oppfølgingsansvarlig.",
        "Innovasjonsrådet sendte idéen til Faggruppe helse for vurdering.",
        "Faggruppen kom ikke til enighet, og idéen går til Porteføljerådet.",
        "Porteføljerådet kom ikke til enighet, og Samarbeidsrådet avgjør saken.",
        "Samarbeidsrådet besluttet å prioritere idéen.",
        "Porteføljerådet etablerte et prosjekt for idéen.",
    ]
    assert idea.submitted_at is not None
