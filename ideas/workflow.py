"""The idea lifecycle as one table: every state, every move, who makes it, what it needs.

Read a row as: from these states, this body may make this move, which takes the idea
to that state, provided the listed fields are given. `Body.SUBMITTER` is the employee
who submitted the idea; the other bodies are councils (`councils.Council.Kind`), and
who may act for one is derived from council membership (see `ideas.authority`).
`told` is how the idea's timeline words the move for the submitter and other staff.
"""

from dataclasses import dataclass


class State:
    DRAFT = "utkast"
    SUBMITTED = "sendt-inn"
    TRIAGE = "til-vurdering"
    RETURNED = "tilbake-hos-innmelder"
    LOCAL = "gjennomfores-lokalt"
    EXPERT_GROUP = "i-faggruppe"
    PORTFOLIO = "i-portefoljeradet"
    COOPERATION = "i-samarbeidsradet"
    PRIORITISED = "prioritert"
    PROJECT = "prosjekt"
    DEFERRED = "utsatt"
    DONE = "gjennomfort"
    REJECTED = "avslatt"
    MERGED = "slatt-sammen"
    WITHDRAWN = "trukket"

    labels = {
        DRAFT: "Utkast",
        SUBMITTED: "Sendt inn",
        TRIAGE: "Til vurdering i innovasjonsrådet",
        RETURNED: "Tilbake hos innmelder",
        LOCAL: "Gjennomføres lokalt",
        EXPERT_GROUP: "Til vurdering i faggruppe",
        PORTFOLIO: "Til behandling i porteføljerådet",
        COOPERATION: "Til avgjørelse i samarbeidsrådet",
        PRIORITISED: "Prioritert",
        PROJECT: "Prosjekt etablert",
        DEFERRED: "Utsatt",
        DONE: "Gjennomført",
        REJECTED: "Avslått",
        MERGED: "Slått sammen med en annen idé",
        WITHDRAWN: "Trukket av innmelder",
    }
    choices = list(labels.items())
    # Where the idea has ended; nothing moves it any more.
    FINAL = {DONE, REJECTED, MERGED, WITHDRAWN}
    # Before a council has decided anything, the submitter may still withdraw the idea.
    WITHDRAWABLE = {SUBMITTED, TRIAGE, RETURNED}


class Body:
    SUBMITTER = "innmelder"
    INNOVATION = "innovasjonsrad"  # the innovasjonsråd of the idea's municipality
    EXPERT_GROUP = "faggruppe"  # the faggruppe the idea was sent to
    PORTFOLIO = "portefoljerad"
    COOPERATION = "samarbeidsrad"

    labels = {
        SUBMITTER: "Innmelder",
        INNOVATION: "Innovasjonsrådet",
        EXPERT_GROUP: "Faggruppen",
        PORTFOLIO: "Porteføljerådet",
        COOPERATION: "Samarbeidsrådet",
    }


# What a move may require, beyond the actor's authority.
REASON = "reason"  # a reason the submitter reads (required for refusals and returns)
TEXT = "text"  # the assessment, recommendation or dissent
FOLLOW_UP = "follow_up"  # the oppfølgingsansvarlig (a Person)
EXPERT_GROUP = "expert_group"  # the faggruppe (a Council of kind faggruppe)
MERGE_TARGET = "merge_target"  # the idea this one is merged into
SCORED = "scored"  # at least one porteføljeråd member has scored the idea
BENEFITS = "benefits"  # the benefits that were realised
COMPLETE = "complete"  # the idea says what it must before it is sent in


@dataclass(frozen=True)
class Move:
    name: str
    label: str  # the button a member of the body presses
    told: str  # the timeline's words; {body} and {target} are filled in
    sources: frozenset
    target: str
    body: str
    requires: tuple = ()


def move(name, label, told, sources, target, body, *requires):
    return Move(name, label, told, frozenset(sources), target, body, tuple(requires))


S, B = State, Body
MOVES = {
    m.name: m
    for m in [
        move(
            "submit",
            "Send inn",
            "Idéen ble sendt inn.",
            [S.DRAFT],
            S.SUBMITTED,
            B.SUBMITTER,
            COMPLETE,
        ),
        move(
            "resubmit",
            "Send inn på nytt",
            "Innmelderen sendte idéen inn på nytt.",
            [S.RETURNED],
            S.SUBMITTED,
            B.SUBMITTER,
            COMPLETE,
            TEXT,
        ),
        move(
            "withdraw",
            "Trekk idéen",
            "Innmelderen trakk idéen.",
            S.WITHDRAWABLE,
            S.WITHDRAWN,
            B.SUBMITTER,
        ),
        move(
            "start_triage",
            "Ta til vurdering",
            "Innovasjonsrådet tok idéen til vurdering og utnevnte {follow_up} som "
            "oppfølgingsansvarlig.",
            [S.SUBMITTED],
            S.TRIAGE,
            B.INNOVATION,
            FOLLOW_UP,
        ),
        move(
            "return",
            "Send tilbake til innmelder",
            "Innovasjonsrådet sendte idéen tilbake til innmelderen for mer arbeid.",
            [S.TRIAGE],
            S.RETURNED,
            B.INNOVATION,
            REASON,
        ),
        move(
            "reject_locally",
            "Avslå",
            "Innovasjonsrådet avslo idéen.",
            [S.TRIAGE],
            S.REJECTED,
            B.INNOVATION,
            REASON,
        ),
        move(
            "merge",
            "Slå sammen med en annen idé",
            "Innovasjonsrådet slo idéen sammen med «{merge_target}».",
            [S.TRIAGE],
            S.MERGED,
            B.INNOVATION,
            MERGE_TARGET,
        ),
        move(
            "carry_out_locally",
            "Gjennomfør i kommunen",
            "Innovasjonsrådet besluttet at idéen gjennomføres i kommunen.",
            [S.TRIAGE],
            S.LOCAL,
            B.INNOVATION,
        ),
        move(
            "complete_locally",
            "Meld gjennomført",
            "Idéen er gjennomført i kommunen.",
            [S.LOCAL],
            S.DONE,
            B.INNOVATION,
            BENEFITS,
        ),
        move(
            "send_to_expert_group",
            "Send til faggruppe",
            "Innovasjonsrådet sendte idéen til {expert_group} for vurdering.",
            [S.TRIAGE],
            S.EXPERT_GROUP,
            B.INNOVATION,
            EXPERT_GROUP,
        ),
        move(
            "send_to_portfolio",
            "Send til porteføljerådet",
            "Innovasjonsrådet sendte idéen til Porteføljerådet.",
            [S.TRIAGE],
            S.PORTFOLIO,
            B.INNOVATION,
        ),
        move(
            "recommend",
            "Gi innstilling",
            "Faggruppen vurderte idéen og sendte sin innstilling til Porteføljerådet.",
            [S.EXPERT_GROUP],
            S.PORTFOLIO,
            B.EXPERT_GROUP,
            TEXT,
        ),
        move(
            "expert_group_disagrees",
            "Faggruppen er ikke enig",
            "Faggruppen kom ikke til enighet, og idéen går til Porteføljerådet.",
            [S.EXPERT_GROUP],
            S.PORTFOLIO,
            B.EXPERT_GROUP,
            TEXT,
        ),
        move(
            "prioritise",
            "Prioriter",
            "Porteføljerådet prioriterte idéen.",
            [S.PORTFOLIO],
            S.PRIORITISED,
            B.PORTFOLIO,
            SCORED,
        ),
        move(
            "defer",
            "Utsett",
            "Porteføljerådet utsatte idéen.",
            [S.PORTFOLIO],
            S.DEFERRED,
            B.PORTFOLIO,
            REASON,
        ),
        move(
            "reject",
            "Avslå",
            "Porteføljerådet avslo idéen.",
            [S.PORTFOLIO],
            S.REJECTED,
            B.PORTFOLIO,
            REASON,
        ),
        move(
            "portfolio_disagrees",
            "Porteføljerådet er ikke enig",
            "Porteføljerådet kom ikke til enighet, og Samarbeidsrådet avgjør saken.",
            [S.PORTFOLIO],
            S.COOPERATION,
            B.PORTFOLIO,
            TEXT,
        ),
        move(
            "resume",
            "Ta opp igjen",
            "Porteføljerådet tok idéen opp igjen.",
            [S.DEFERRED],
            S.PORTFOLIO,
            B.PORTFOLIO,
        ),
        move(
            "cooperation_prioritises",
            "Prioriter",
            "Samarbeidsrådet besluttet å prioritere idéen.",
            [S.COOPERATION],
            S.PRIORITISED,
            B.COOPERATION,
            REASON,
        ),
        move(
            "cooperation_defers",
            "Utsett",
            "Samarbeidsrådet besluttet å utsette idéen.",
            [S.COOPERATION],
            S.DEFERRED,
            B.COOPERATION,
            REASON,
        ),
        move(
            "cooperation_rejects",
            "Avslå",
            "Samarbeidsrådet avslo idéen.",
            [S.COOPERATION],
            S.REJECTED,
            B.COOPERATION,
            REASON,
        ),
        move(
            "establish_project",
            "Etabler prosjekt",
            "Porteføljerådet etablerte et prosjekt for idéen.",
            [S.PRIORITISED],
            S.PROJECT,
            B.PORTFOLIO,
        ),
        move(
            "complete_project",
            "Meld prosjektet gjennomført",
            "Prosjektet er gjennomført.",
            [S.PROJECT],
            S.DONE,
            B.PORTFOLIO,
            BENEFITS,
        ),
    ]
}


def moves_from(state):
    """The moves that can be made from `state`, in the table's order."""
    return [m for m in MOVES.values() if state in m.sources]


def state_label(state):
    return State.labels[state]


# The states a council has the idea in: its queue (see ideas.authority.tasks_for).
QUEUES = {
    Body.INNOVATION: {S.SUBMITTED, S.TRIAGE, S.LOCAL},
    Body.EXPERT_GROUP: {S.EXPERT_GROUP},
    Body.PORTFOLIO: {S.PORTFOLIO, S.PRIORITISED, S.PROJECT, S.DEFERRED},
    Body.COOPERATION: {S.COOPERATION},
}
