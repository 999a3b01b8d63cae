"""The porteføljeråd's work on ideas: scores, adjustments, cost, the ranked board and its budget.

Who may do what follows from today's seats in the porteføljeråd (`councils.membership`),
never from a list kept by hand. Every seat may record what the council decides: the
board's order, the year's budget, an idea's adjustment, estimated cost and the
municipalities it concerns. Only the members who are not its secretary score ideas,
because each score is one voice in the mean that ranks the idea.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from councils.membership import memberships_of
from councils.models import Council, Membership, Organisation

from . import scoring
from .models import Idea, PortfolioBudget, Score
from .services import MoveInvalid, NotAllowed
from .workflow import QUEUES, Body, State

# What the porteføljeråd has before it: the board lists these.
BOARD_STATES = QUEUES[Body.PORTFOLIO] | QUEUES[Body.COOPERATION]
# The scores and the adjustment are the basis of the council's decision. They may change
# while the council has the idea to decide; once it has decided, or handed the idea to the
# samarbeidsråd (which decides on that basis), they stay as they were. A deferred idea
# that is taken up again is back in this state and may be scored anew.
SCORABLE_STATES = {State.PORTFOLIO}

OSLO = ZoneInfo("Europe/Oslo")
FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_KRONER = Decimal(10**12 - 1)  # Idea.estimated_cost and PortfolioBudget.amount: 12 digits

NOT_MEMBER = "Bare medlemmer av porteføljerådet kan gjøre dette."
NOT_SCORER = {
    False: "Bare medlemmer av porteføljerådet kan poengsette idéer.",
    True: "Sekretæren i porteføljerådet poengsetter ikke idéer; det gjør medlemmene.",
}
NOT_SCORABLE = "Idéen kan bare poengsettes mens porteføljerådet behandler den."
NOT_ADJUSTABLE = "Justeringen kan bare endres mens porteføljerådet behandler idéen."
NOT_ON_BOARD = "Kostnad og kommuner kan bare settes for idéer porteføljerådet har."
BOARD_CHANGED = (
    "Tavlen er endret siden du åpnet den: idéer er kommet til eller har gått videre. "
    "Rekkefølgen ble ikke lagret. Se den oppdaterte tavlen og prøv igjen."
)


def this_year():
    """The current year in Norway (the board's default year)."""
    return datetime.datetime.now(OSLO).year


# Who may act


@dataclass(frozen=True)
class Rights:
    """What a user may do on the board and the idea pages today."""

    acts: bool = False  # set the order, the budget, adjustments, cost and municipalities
    scores: bool = False  # score ideas
    secretary: bool = False  # sits in the council as its secretary only


def rights(user, day=None):
    """The user's rights in the porteføljeråd on `day` (today), from their seats there."""
    roles = set(
        memberships_of(user, day)
        .filter(council__kind=Council.Kind.PORTFOLIO)
        .values_list("role", flat=True)
    )
    voting = roles - {Membership.Role.SECRETARY}
    return Rights(acts=bool(roles), scores=bool(voting), secretary=bool(roles) and not voting)


def _require_member(user):
    found = rights(user)
    if not found.acts:
        raise NotAllowed(NOT_MEMBER)
    return found


def _require_scorer(user):
    found = rights(user)
    if not found.scores:
        raise NotAllowed(NOT_SCORER[found.secretary])


def _locked_state(idea):
    """The idea's state as it is now, with its row locked (PostgreSQL) until the commit."""
    state = Idea.objects.select_for_update().filter(pk=idea.pk).values_list("state", flat=True)
    return state.first()


# Reading what people type


def is_whole_number(text):
    """Whether `text` is written with the digits 0–9 only (not "²", "٣" or "-1")."""
    return re.fullmatch(r"[0-9]+", text) is not None


def parse_level(value):
    """A criterion's level from a form (`"1"`–`"5"`) or code (1–5); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1 <= value <= 5 else None
    if isinstance(value, str) and value.strip() in {"1", "2", "3", "4", "5"}:
        return int(value.strip())
    return None


def parse_number(text):
    """A decimal number as Norwegians write it (`0,5`, `-0,25`, `+1`); None if it is not one."""
    if isinstance(text, Decimal | int):
        return Decimal(text)
    cleaned = re.sub(r"\s", "", str(text or "")).replace("\u2212", "-").replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def parse_kroner(text):
    """`(amount, problem)` for an amount in whole kroner: `1 250 000`, `1.250.000 kr`, `500,-`.

    A blank amount is `(None, "")`: not known.
    """
    if isinstance(text, Decimal | int):
        cleaned = str(text)
    else:
        cleaned = re.sub(r"\s", "", str(text or "")).lower()
        cleaned = re.sub(r"(kr\.?|nok)$", "", cleaned)
        cleaned = re.sub(r"^(kr\.?|nok)", "", cleaned)
        cleaned = re.sub(r",(-|00?)$", "", cleaned)  # "500,-" and "500,00" are whole kroner
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):
            cleaned = cleaned.replace(".", "")  # dots as thousands separators
    if not cleaned:
        return None, ""
    if cleaned.startswith("-"):
        return None, "Beløpet kan ikke være negativt."
    if not is_whole_number(cleaned):
        return None, "Skriv beløpet i hele kroner, for eksempel 250 000."
    amount = Decimal(cleaned)
    if amount > MAX_KRONER:
        return None, "Beløpet er for stort."
    return amount, ""


def parse_year(text):
    """`(year, problem)` for a year from a form or an address."""
    cleaned = str(text or "").strip()
    if is_whole_number(cleaned) and FIRST_YEAR <= int(cleaned) <= LAST_YEAR:
        return int(cleaned), ""
    return None, f"Skriv et årstall mellom {FIRST_YEAR} og {LAST_YEAR}, for eksempel 2026."


# Scores


@transaction.atomic
def record_score(idea, user, values):
    """A porteføljeråd member scores an idea, 1–5 on each criterion (replacing their score).

    `values` maps each of `scoring.CRITERION_FIELDS` to a level (`3` or `"3"`). Refuses
    with NotAllowed (not a scoring member today, or the council no longer has the idea
    to decide) or MoveInvalid (a criterion without a level); then nothing is written.
    """
    _require_scorer(user)
    if _locked_state(idea) not in SCORABLE_STATES:
        raise NotAllowed(NOT_SCORABLE)
    levels = {f: parse_level(values.get(f)) for f in scoring.CRITERION_FIELDS}
    problems = {
        criterion.field: f"Velg et nivå fra 1 til 5 for «{criterion.label.lower()}»."
        for criterion in scoring.CRITERIA
        if levels[criterion.field] is None
    }
    if problems:
        raise MoveInvalid("Gi alle fem kriteriene et nivå fra 1 til 5.", problems)
    score, _ = Score.objects.update_or_create(idea=idea, member=user, defaults=levels)
    return score


UNCHANGED = object()


def _adjustment(adjustment, reason):
    """`(value, problems)` for an adjustment as typed, checked against the scoring rules."""
    value = Decimal(0) if str(adjustment).strip() == "" else parse_number(adjustment)
    if value is None:
        return None, {
            "score_adjustment": "Skriv justeringen som et tall, for eksempel 0,5 eller -0,25."
        }
    if value != value.quantize(scoring.TWO_PLACES):
        return None, {"score_adjustment": "Bruk høyst to desimaler i justeringen."}
    return value, scoring.adjustment_problems(value, reason or "")


@transaction.atomic
def assess(idea, user, adjustment=UNCHANGED, reason="", cost=UNCHANGED, concerns=UNCHANGED):
    """The council's own view of an idea: the adjustment with its reason, cost, municipalities.

    Each part left UNCHANGED stays as it is. Everything is checked before anything is
    written: a MoveInvalid names each field at fault, and then nothing changes.
    """
    _require_member(user)
    state = _locked_state(idea)
    if state not in BOARD_STATES:
        raise NotAllowed(NOT_ON_BOARD if adjustment is UNCHANGED else NOT_ADJUSTABLE)
    changes, problems = {}, {}
    if adjustment is not UNCHANGED:
        value, found = _adjustment(adjustment, reason)
        # A reason for no adjustment would explain nothing, so it is not kept.
        kept_reason = (reason or "").strip() if value else ""
        current = (idea.score_adjustment, idea.score_adjustment_reason)
        if state not in SCORABLE_STATES and (value, kept_reason) != current:
            raise NotAllowed(NOT_ADJUSTABLE)
        problems.update(found)
        if value is not None:
            changes["score_adjustment"] = value
            changes["score_adjustment_reason"] = kept_reason
    if cost is not UNCHANGED:
        amount, problem = parse_kroner(cost)
        if problem:
            problems["estimated_cost"] = problem
        changes["estimated_cost"] = amount
    places = None
    if concerns is not UNCHANGED:
        wanted = {str(getattr(place, "pk", place)) for place in concerns}
        places = list(Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY))
        if wanted - {str(place.pk) for place in places}:
            problems["concerns"] = "Velg blant kommunene i listen."
        places = [place for place in places if str(place.pk) in wanted]
    if problems:
        raise MoveInvalid("Endringen ble ikke lagret. Se feltene under.", problems)
    if changes:
        Idea.objects.filter(pk=idea.pk).update(**changes)
        for name, value in changes.items():
            setattr(idea, name, value)
    if places is not None:
        idea.concerns.set(places)
    return idea


def adjust_score(idea, user, adjustment, reason):
    """The council adjusts the idea's score by up to ±1 point, with a reason."""
    return assess(idea, user, adjustment=adjustment, reason=reason)


def set_cost_and_concerns(idea, user, cost, concerns):
    """The council's estimate of what an idea costs, and the municipalities it concerns."""
    return assess(idea, user, cost=cost, concerns=concerns)


# The board


def order_problems(places, titles):
    """`(ordered ids, {id: message})` for the places typed on the board, one per idea.

    `places` maps each idea's id to what was typed as its place; `titles` maps the ids
    of the ideas on the board to their titles. Every idea needs its own place, a whole
    number from 1 to the number of ideas.
    """
    count = len(titles)
    problems, by_place = {}, {}
    for pk, text in places.items():
        title = titles[pk]
        cleaned = str(text or "").strip()
        if not cleaned:
            problems[pk] = f"Skriv en plass for «{title}»."
        elif not is_whole_number(cleaned):
            problems[pk] = f"Plassen for «{title}» må være et helt tall."
        elif not 1 <= int(cleaned) <= count:
            problems[pk] = f"Plassen for «{title}» må være mellom 1 og {count}."
        else:
            by_place.setdefault(int(cleaned), []).append(pk)
    for place, pks in by_place.items():
        if len(pks) > 1:
            names = " og ".join(f"«{titles[pk]}»" for pk in pks)
            for pk in pks:
                problems[pk] = f"Plass {place} er gitt til flere idéer: {names}."
    if problems:
        return [], problems
    return [by_place[place][0] for place in sorted(by_place)], {}


@transaction.atomic
def set_order(user, places):
    """The council's order of the board; `places` maps each idea on it to its place (1–n).

    The order covers the whole board at once: an idea left out, two ideas in one place,
    or a place outside 1–n refuses it all (MoveInvalid), and so does a board that has
    changed since the member saw it.
    """
    _require_member(user)
    on_board = dict(
        Idea.objects.select_for_update()
        .filter(state__in=BOARD_STATES)
        .order_by("pk")
        .values_list("pk", "title")
    )
    places = {int(pk): text for pk, text in places.items()}
    if set(places) != set(on_board):
        raise MoveInvalid(BOARD_CHANGED)
    order, problems = order_problems(places, on_board)
    if problems:
        raise MoveInvalid(
            f"Rekkefølgen ble ikke lagret. Hver idé på tavlen må ha sin egen plass "
            f"fra 1 til {len(on_board)}.",
            problems,
        )
    ideas = [Idea(pk=pk, portfolio_rank=rank) for rank, pk in enumerate(order, start=1)]
    Idea.objects.bulk_update(ideas, ["portfolio_rank"])
    return order


def set_budget(user, year, amount):
    """The budget the board's estimated costs are set against, for a year (whole kroner)."""
    _require_member(user)
    problems = {}
    year_value, problem = parse_year(year)
    if problem:
        problems["year"] = problem
    value, problem = parse_kroner(amount)
    if problem or value is None:
        problems["amount"] = problem or "Skriv budsjettet i hele kroner, for eksempel 2 500 000."
    if problems:
        raise MoveInvalid("Budsjettet ble ikke lagret.", problems)
    budget, _ = PortfolioBudget.objects.update_or_create(
        year=year_value, defaults={"amount": value}
    )
    return budget


def _per_idea(aggregate):
    """One aggregate over an idea's scores, as a subquery (safe beside any other join)."""
    scores = Score.objects.filter(idea=OuterRef("pk")).order_by().values("idea")
    return Coalesce(
        Subquery(scores.annotate(value=aggregate).values("value")[:1]),
        Value(0),
        output_field=IntegerField(),
    )


def with_scores(ideas):
    """Annotate ideas with `score_total` (all their criteria, summed) and `score_count`.

    Integer sums are exact on every database; `score_of` turns them into the score.
    """
    first, *others = scoring.CRITERION_FIELDS
    total = Sum(sum((F(name) for name in others), F(first)))
    return ideas.annotate(score_total=_per_idea(total), score_count=_per_idea(Count("pk")))


def members_mean(total, count):
    """The mean of the members' scores, from the sum of all their criteria; None unscored."""
    if not count:
        return None
    return Decimal(total) / (len(scoring.CRITERION_FIELDS) * count)


def score_of(idea):
    """The idea's score (members' mean plus adjustment) for an idea from `with_scores`."""
    mean = members_mean(idea.score_total, idea.score_count)
    return scoring.idea_score(mean, idea.score_adjustment)


@dataclass
class BoardRow:
    position: int
    idea: Idea
    score: Decimal | None
    band: str
    scored_by: int  # how many members have scored the idea
    running_cost: Decimal  # the estimated costs of this idea and all above it
    over_budget: bool = False  # the running cost has passed the budget


@dataclass
class Board:
    year: int
    rows: list
    budget: PortfolioBudget | None
    total_cost: Decimal = Decimal(0)
    without_cost: int = 0  # ideas with no estimated cost (not in the sum)

    @property
    def remaining(self):
        """What is left of the budget (negative: the overspend); None without a budget."""
        return None if self.budget is None else self.budget.amount - self.total_cost

    @property
    def overspend(self):
        """How much the estimated costs exceed the budget; None when they do not."""
        remaining = self.remaining
        return -remaining if remaining is not None and remaining < 0 else None


def board_ideas():
    """The ideas on the board, with their scores, municipality and the municipalities concerned."""
    return (
        with_scores(Idea.objects.filter(state__in=BOARD_STATES))
        .select_related("municipality")
        .prefetch_related("concerns")
    )


def board(year):
    """Everything before the porteføljeråd, ranked, with the year's budget.

    The council's order comes first; ideas it has not placed yet follow by score
    (unscored last), then by title. Three queries whatever the number of ideas.
    """
    rows = []
    for idea in board_ideas():
        value = score_of(idea)
        rows.append(BoardRow(0, idea, value, scoring.band(value), idea.score_count, Decimal(0)))
    rows.sort(
        key=lambda row: (
            row.idea.portfolio_rank is None,
            row.idea.portfolio_rank or 0,
            row.score is None,
            -(row.score or 0),
            row.idea.title,
            row.idea.pk,
        )
    )
    budget = PortfolioBudget.objects.filter(year=year).first()
    result = Board(year, rows, budget)
    for position, row in enumerate(rows, start=1):
        row.position = position
        if row.idea.estimated_cost is None:
            result.without_cost += 1
        else:
            result.total_cost += row.idea.estimated_cost
        row.running_cost = result.total_cost
        row.over_budget = budget is not None and result.total_cost > budget.amount
    return result


# The idea page


@dataclass
class MemberScore:
    name: str
    levels: list  # the five levels, in the order of scoring.CRITERIA
    mean: Decimal


@dataclass
class Panel:
    """What the porteføljeråd's part of an idea's page shows, and to whom."""

    idea: Idea
    rights: Rights
    members: list = field(default_factory=list)
    own: dict = field(default_factory=dict)  # the viewer's own levels, by criterion
    mean: Decimal | None = None
    score: Decimal | None = None
    band: str = ""
    concerns: list = field(default_factory=list)

    @property
    def may_score(self):
        return self.rights.scores and self.idea.state in SCORABLE_STATES

    @property
    def may_adjust(self):
        return self.rights.acts and self.idea.state in SCORABLE_STATES

    @property
    def may_assess(self):
        return self.rights.acts and self.idea.state in BOARD_STATES


def member_name(user):
    """How a member is named: their name in the organisation, else their account's name."""
    person = getattr(user, "person", None)
    return person.name if person else (user.get_full_name() or user.get_username())


def panel(idea, user):
    """The porteføljeråd's scores of an idea for its page; None when there is nothing to show.

    Shown for ideas before the council, and for ideas it has scored and let go of.
    """
    scores = list(
        Score.objects.filter(idea=idea).select_related("member__person").order_by("scored_at")
    )
    if idea.state not in BOARD_STATES and not scores:
        return None
    found = Panel(idea, rights(user))
    for score in scores:
        levels = [getattr(score, f) for f in scoring.CRITERION_FIELDS]
        found.members.append(
            MemberScore(member_name(score.member), levels, scoring.member_score(score))
        )
        if score.member_id == user.pk:
            found.own = dict(zip(scoring.CRITERION_FIELDS, levels, strict=True))
    total = sum(sum(member.levels) for member in found.members)
    found.mean = members_mean(total, len(found.members))
    found.score = scoring.idea_score(found.mean, idea.score_adjustment)
    found.band = scoring.band(found.score)
    found.concerns = list(idea.concerns.all())
    found.members.sort(key=lambda member: member.name)
    return found
