"""How the councils stand to each other, and which council a case is raised to."""

from dataclasses import dataclass, field

from .appointments import general_manager
from .models import Council

Kind = Council.Kind

# SLA 4.3 item 6 and 4.2 item 8: a faggruppe that cannot agree raises the case to the
# porteføljeråd, which in turn raises it to the samarbeidsråd.
ESCALATES_TO = {Kind.EXPERT_GROUP: Kind.PORTFOLIO, Kind.PORTFOLIO: Kind.COOPERATION}
SINGLE_KINDS = {Kind.COOPERATION, Kind.PORTFOLIO}


def council_above(council):
    """The council a case goes to when `council` cannot agree, or None."""
    kind = ESCALATES_TO.get(council.kind)
    return Council.objects.filter(kind=kind).first() if kind else None


def council_problems(council):
    """What is wrong with a council's kind-specific fields, as `{field: message}`."""
    problems = {}
    if council.kind == Kind.EXPERT_GROUP and not council.field_of_work:
        problems["field_of_work"] = "En faggruppe må ha et fagområde."
    if council.kind == Kind.INNOVATION and not council.municipality_id:
        problems["municipality"] = "Et innovasjonsråd hører til én kommune."
    if council.kind != Kind.INNOVATION and council.municipality_id:
        problems["municipality"] = "Bare innovasjonsråd hører til en kommune."
    if council.kind in SINGLE_KINDS:
        others = Council.objects.filter(kind=council.kind).exclude(pk=council.pk)
        if others.exists():
            problems["kind"] = f"Det finnes allerede et {council.get_kind_display().lower()}."
    return problems


# Where each kind stands in the organisation chart: the samarbeidsråd at the top, the
# porteføljeråd under it, and the faggrupper (which report to it, SLA 4.3) and the
# municipalities' innovasjonsråd (which send it their ideas, SLA 4.4) under that.
DRAWN_UNDER = {
    Kind.PORTFOLIO: Kind.COOPERATION,
    Kind.EXPERT_GROUP: Kind.PORTFOLIO,
    Kind.INNOVATION: Kind.PORTFOLIO,
}
CHART_ORDER = [Kind.COOPERATION, Kind.PORTFOLIO, Kind.EXPERT_GROUP, Kind.INNOVATION]
GROUP_LABELS = {
    Kind.COOPERATION: "Samarbeidsråd",
    Kind.PORTFOLIO: "Porteføljeråd",
    Kind.EXPERT_GROUP: "Faggrupper",
    Kind.INNOVATION: "Innovasjonsråd, ett per kommune",
}


# Case does not matter, and æ, ø and å come after z (the database sorts "NAV" before "helse").
NORWEGIAN_LETTERS = str.maketrans({"æ": "{", "ø": "|", "å": "}"})


def norwegian_order(name):
    """A sort key that puts names in Norwegian alphabetical order."""
    return name.casefold().translate(NORWEGIAN_LETTERS)


@dataclass
class ChartGroup:
    """The councils of one kind in the chart; a single body (samarbeidsråd) needs no label."""

    kind: str
    label: str
    single: bool
    nodes: list


@dataclass
class ChartNode:
    """A council in the chart, the groups drawn under it, and whom it advises."""

    council: Council
    groups: list = field(default_factory=list)
    advises_general_manager: bool = False
    general_manager: object = None


def council_chart(day=None):
    """The councils that exist, as the organisation chart draws them: the top groups.

    When no council of a kind exists, the kinds under it move up to the nearest one
    that does, so every council stays in the chart. The porteføljeråd advises ROR-IKT's
    daglig leder (SLA 4.2), who is drawn beside it.
    """
    by_kind = {kind: [] for kind in CHART_ORDER}
    for council in Council.objects.select_related("municipality"):
        by_kind[council.kind].append(council)
    for found in by_kind.values():  # innovasjonsråd by municipality, the others by name
        found.sort(key=lambda c: norwegian_order(str(c.municipality or c.name)))
    manager = general_manager(day) if by_kind[Kind.PORTFOLIO] else None

    def drawn_under(kind):
        above = DRAWN_UNDER.get(kind)
        while above is not None and not by_kind[above]:
            above = DRAWN_UNDER.get(above)
        return above

    def groups_under(parent_kind):
        return [
            ChartGroup(kind, GROUP_LABELS[kind], kind in SINGLE_KINDS, [node(c) for c in found])
            for kind, found in by_kind.items()
            if found and drawn_under(kind) == parent_kind
        ]

    def node(council):
        advises = council.kind == Kind.PORTFOLIO
        return ChartNode(
            council, groups_under(council.kind), advises, manager if advises else None
        )

    return groups_under(None)
