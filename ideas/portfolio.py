"""The porteføljeråd's work on ideas: scores, adjustments, the ranked board and its budget."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Avg, DecimalField, ExpressionWrapper, F, Sum, Value
from django.db.models.functions import Coalesce

from councils.models import Council

from . import scoring
from .authority import Authority
from .models import Idea, PortfolioBudget, Score
from .services import MoveInvalid, NotAllowed
from .workflow import QUEUES, Body, State

# What the porteføljeråd has before it: the board lists these.
BOARD_STATES = QUEUES[Body.PORTFOLIO] | QUEUES[Body.COOPERATION]
# Where a member may still score: while the council is to decide.
SCORABLE_STATES = {State.PORTFOLIO, State.DEFERRED, State.COOPERATION}


def _require_member(user):
    if not Authority(user).sits_in(Council.Kind.PORTFOLIO):
        raise NotAllowed("Bare medlemmer av porteføljerådet kan gjøre dette.")


@transaction.atomic
def record_score(idea, user, values):
    """A porteføljeråd member scores an idea, 1–5 on each criterion (replacing their score)."""
    _require_member(user)
    if idea.state not in SCORABLE_STATES:
        raise NotAllowed("Idéen kan bare poengsettes mens porteføljerådet behandler den.")
    problems = {
        field: "Velg et tall fra 1 til 5."
        for field in scoring.CRITERION_FIELDS
        if values.get(field) not in (1, 2, 3, 4, 5)
    }
    if problems:
        raise MoveInvalid("Gi alle fem kriteriene et tall fra 1 til 5.", problems)
    score, _ = Score.objects.update_or_create(
        idea=idea, member=user, defaults={f: values[f] for f in scoring.CRITERION_FIELDS}
    )
    return score


@transaction.atomic
def adjust_score(idea, user, adjustment, reason):
    """The council adjusts the idea's score by up to ±1 point, with a reason."""
    _require_member(user)
    problems = scoring.adjustment_problems(adjustment, reason)
    if problems:
        raise MoveInvalid("Justeringen kan ikke lagres.", problems)
    Idea.objects.filter(pk=idea.pk).update(
        score_adjustment=adjustment, score_adjustment_reason=reason.strip()
    )


@transaction.atomic
def set_order(user, idea_ids):
    """The council's order of the board: `idea_ids` first to last; others keep no place."""
    _require_member(user)
    on_board = set(Idea.objects.filter(state__in=BOARD_STATES).values_list("pk", flat=True))
    unknown = [pk for pk in idea_ids if pk not in on_board]
    if unknown or len(set(idea_ids)) != len(idea_ids):
        raise MoveInvalid("Rekkefølgen kan bare inneholde idéer på tavlen, hver én gang.")
    Idea.objects.filter(state__in=BOARD_STATES).update(portfolio_rank=None)
    for rank, pk in enumerate(idea_ids, start=1):
        Idea.objects.filter(pk=pk).update(portfolio_rank=rank)


def set_budget(user, year, amount):
    """The budget the board's estimated costs are set against, for a year."""
    _require_member(user)
    if amount is None or amount < 0:
        raise MoveInvalid("Budsjettet må være et beløp i kroner.", {"amount": "Skriv et beløp."})
    budget, _ = PortfolioBudget.objects.update_or_create(year=year, defaults={"amount": amount})
    return budget


MEMBER_MEAN = ExpressionWrapper(
    sum((F(f"scores__{f}") for f in scoring.CRITERION_FIELDS), Value(0))
    / Value(Decimal(len(scoring.CRITERION_FIELDS))),
    output_field=DecimalField(max_digits=4, decimal_places=2),
)


def with_scores(ideas):
    """Annotate ideas with `members_mean` (mean of members' scores) in the same query."""
    return ideas.annotate(members_mean=Avg(MEMBER_MEAN))


@dataclass
class BoardRow:
    idea: Idea
    score: Decimal | None
    band: str


@dataclass
class Board:
    rows: list
    budget: PortfolioBudget | None
    total_cost: Decimal

    @property
    def remaining(self):
        return None if self.budget is None else self.budget.amount - self.total_cost


def board(year):
    """Everything before the porteføljeråd, ranked: the council's order, then by score."""
    ideas = (
        with_scores(Idea.objects.filter(state__in=BOARD_STATES))
        .select_related("municipality")
        .prefetch_related("concerns")
    )
    rows = []
    for idea in ideas:
        value = scoring.idea_score(idea.members_mean, idea.score_adjustment)
        rows.append(BoardRow(idea, value, scoring.band(value)))
    rows.sort(
        key=lambda row: (
            row.idea.portfolio_rank is None,
            row.idea.portfolio_rank or 0,
            -(row.score or 0),
            row.idea.title,
        )
    )
    total = Idea.objects.filter(state__in=BOARD_STATES).aggregate(
        total=Coalesce(Sum("estimated_cost"), Decimal(0))
    )["total"]
    return Board(rows, PortfolioBudget.objects.filter(year=year).first(), total)
