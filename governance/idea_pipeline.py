"""The idea pipeline in figures, for the report to the samarbeidsråd (SLA 7).

Everything is read from the ideas' timelines (ideas.Transition), never from an idea's
current state, so a report for an earlier period shows the pipeline as it was then.
"""

from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal

from councils.models import Organisation
from ideas.models import Transition
from ideas.workflow import MOVES, Body, State

from .service_desk import nearest_rank

# The outcomes a council decides on; sending an idea on (to a faggruppe, the
# porteføljeråd) is handling, not a decision, and a project is counted by itself.
DECISION_STATES = [State.LOCAL, State.PRIORITISED, State.DEFERRED, State.REJECTED, State.MERGED]
# Cases a body could not agree on and sent upwards (SLA 4.2 and 4.3).
ESCALATIONS = ["portfolio_disagrees", "expert_group_disagrees"]
ESCALATION_LABELS = {
    "portfolio_disagrees": "Porteføljerådet ble ikke enig, saken gikk til samarbeidsrådet",
    "expert_group_disagrees": "Faggruppen ble ikke enig, saken gikk til porteføljerådet",
}
# The states an idea can wait in, in the order it passes them; time as a draft is the
# submitter's own and not part of the pipeline.
STAGES = [
    State.SUBMITTED,
    State.TRIAGE,
    State.RETURNED,
    State.EXPERT_GROUP,
    State.PORTFOLIO,
    State.COOPERATION,
    State.DEFERRED,
    State.PRIORITISED,
    State.LOCAL,
    State.PROJECT,
]
# The states shown for "per status ved periodens slutt", in the order of the workflow.
REPORTED_STATES = [s for s, _ in State.choices if s != State.DRAFT]
DAY = 86400


def municipalities():
    """The member municipalities, as the report lists them (pk, slug and name)."""
    return list(
        Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY)
        .order_by("name")
        .values("pk", "slug", "name")
    )


def idea_pipeline(start, end):
    """The idea figures for [start, end), as JSON-safe data.

    - new: ideas sent in for the first time in the period (a resubmission is not new);
    - decided: moves by a council in the period that end in a decision (DECISION_STATES);
    - states: where each sent-in idea stood at the end of the period (its last move before
      `end`), per municipality;
    - stages: for every stay in a state that ended in the period, its length in days
      (from the move into the state to the move out of it); the median per state (by
      nearest rank, as for Kundeservice's times);
    - escalations: moves in the period that sent a case upwards for lack of agreement;
    - projects: projects established in the period, per municipality.
    """
    places = municipalities()
    slugs = {place.pop("pk"): place["slug"] for place in places}
    new, decided, projects, escalations = Counter(), Counter(), Counter(), Counter()
    outcomes = Counter()
    last_state = {}
    stays = defaultdict(list)
    previous = (None, None)  # (idea, moment of the idea's previous move)
    rows = (
        Transition.objects.filter(at__lt=end)
        .order_by("idea_id", "at", "pk")
        .values_list("idea_id", "idea__municipality_id", "move", "from_state", "to_state", "at")
    )
    for idea, place, move, from_state, to_state, at in rows.iterator(chunk_size=5000):
        entered = previous[1] if previous[0] == idea else None
        previous = (idea, at)
        last_state[idea] = (slugs.get(place), to_state)
        if at < start:
            continue
        municipality = slugs.get(place)
        if move == "submit":
            new[municipality] += 1
        if to_state in DECISION_STATES and MOVES[move].body != Body.SUBMITTER:
            decided[municipality] += 1
            outcomes[to_state] += 1
        if move == "establish_project":
            projects[municipality] += 1
        if move in ESCALATIONS:
            escalations[move] += 1
        if entered is not None and from_state in STAGES:
            stays[from_state].append((at - entered).total_seconds() / DAY)

    by_state = defaultdict(Counter)
    for municipality, state in last_state.values():
        by_state[state][municipality] += 1
    return {
        "municipalities": places,
        "new": _per_municipality(new, places),
        "decided": {
            **_per_municipality(decided, places),
            "by_outcome": [
                {"state": s, "label": State.labels[s], "count": outcomes[s]}
                for s in DECISION_STATES
            ],
        },
        "states": [
            {"state": s, "label": State.labels[s], **_per_municipality(by_state[s], places)}
            for s in REPORTED_STATES
        ],
        "stages": [
            {
                "state": s,
                "label": State.labels[s],
                "stays": len(stays[s]),
                "median_days": _days(nearest_rank(sorted(stays[s]), 50)) if stays[s] else None,
            }
            for s in STAGES
        ],
        "escalations": [
            {"move": m, "label": ESCALATION_LABELS[m], "count": escalations[m]}
            for m in ESCALATIONS
        ],
        "projects": _per_municipality(projects, places),
    }


def _per_municipality(counts, places):
    return {
        "total": sum(counts.values()),
        "by_municipality": {place["slug"]: counts[place["slug"]] for place in places},
    }


def _days(value):
    """Days with one decimal, as text so the figure survives JSON unchanged."""
    return str(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
