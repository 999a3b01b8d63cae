"""How the councils stand to each other, and which council a case is raised to."""

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
