"""The porteføljeråd's part of an idea's page, its forms, and numbers written the Norwegian way."""

from decimal import Decimal

from django import template
from django.template.loader import render_to_string

from councils.models import municipalities

from .. import portfolio, scoring

register = template.Library()

NBSP = "\u00a0"
MINUS = "\u2212"


def _grouped(digits):
    """`1250000` → `1 250 000`, grouped by thousands with a no-break space."""
    groups = []
    while len(digits) > 3:
        digits, group = digits[:-3], digits[-3:]
        groups.insert(0, group)
    return NBSP.join([digits, *groups])


@register.filter
def decimal_nb(value, places=2):
    """`3.6667` → `3,67`: a number with a decimal comma; "" for none."""
    if value is None or value == "":
        return ""
    text = f"{Decimal(value):.{int(places)}f}"
    sign = MINUS if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    return sign + _grouped(whole) + ("," + fraction if fraction else "")


@register.filter
def signed_nb(value):
    """An adjustment with its sign: `+0,50`, `−0,25`, `0,00`."""
    if value is None:
        return ""
    text = decimal_nb(value)
    return f"+{text}" if Decimal(value) > 0 else text


@register.filter
def kroner(value):
    """`1250000` → `1 250 000 kr`; "" when there is no amount."""
    if value is None or value == "":
        return ""
    amount = Decimal(value).quantize(Decimal(1))
    text = _grouped(str(abs(amount)))
    return f"{MINUS if amount < 0 else ''}{text}{NBSP}kr"


def _plain_number(value, places):
    """A number as typed into a form field: `0,5`, `1250000` (no grouping, to edit easily)."""
    if value is None:
        return ""
    text = f"{Decimal(value).normalize():f}" if places else f"{Decimal(value):.0f}"
    return text.replace(".", ",")


@register.filter
def lookup(mapping, key):
    """`mapping[str(key)]`, or "" when it has none: what was typed in a row of the board."""
    return (mapping or {}).get(str(key), "")


def score_form(idea, selected, problems=None, message=""):
    """The context of a member's scoring form: a fieldset of five levels per criterion."""
    problems = problems or {}
    return {
        "idea": idea,
        "message": message,
        "problems": problems,
        "criteria": [
            {
                "field": criterion.field,
                "label": criterion.label,
                "error": problems.get(criterion.field, ""),
                "levels": [
                    (level, meaning, selected.get(criterion.field) == level)
                    for level, meaning in sorted(criterion.levels.items())
                ],
            }
            for criterion in scoring.CRITERIA
        ],
    }


# Where the error summary's links lead: each field's id on the page.
ASSESSMENT_ANCHORS = {
    "score_adjustment": "pr-justering",
    "score_adjustment_reason": "pr-begrunnelse",
    "estimated_cost": "pr-kostnad",
    "concerns": "pr-kommuner",
}


def assessment_form(idea, may_adjust, values=None, problems=None, message="", concerns=()):
    """The context of the council's form: adjustment and reason, estimated cost, municipalities.

    `values` is what was typed (after a refusal); without it the idea's own values show,
    with `concerns` the municipalities it concerns now.
    """
    if values is None:
        values = {
            "adjustment": _plain_number(idea.score_adjustment, 2),
            "reason": idea.score_adjustment_reason,
            "cost": _plain_number(idea.estimated_cost, 0),
            "concerns": {str(place.pk) for place in concerns},
        }
    problems = problems or {}
    return {
        "idea": idea,
        "may_adjust": may_adjust,
        "values": values,
        "message": message,
        "problems": [(ASSESSMENT_ANCHORS[name], text) for name, text in problems.items()],
        "errors": problems,
        "municipalities": [
            (place, str(place.pk) in values["concerns"]) for place in municipalities()
        ],
    }


def band_rules():
    """`[(band, "fra 3,00 til under 4,00")]`: which scores give each band, in words."""
    rules, upper = [], None
    for lowest, label in scoring.BANDS:
        if upper is None:
            text = f"{decimal_nb(lowest)} eller mer"
        elif lowest <= 0:
            text = f"under {decimal_nb(upper)}"
        else:
            text = f"fra {decimal_nb(lowest)} til under {decimal_nb(upper)}"
        rules.append((label, text))
        upper = lowest
    return rules


@register.simple_tag(takes_context=True)
def portfolio_panel(context, idea):
    """The porteføljeråd's scores of `idea`, and its members' forms, on the idea's page."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    found = portfolio.panel(idea, user)
    if found is None:
        return ""
    return render_to_string(
        "ideas/portfolio/panel.html",
        {
            "panel": found,
            "criteria": scoring.CRITERIA,
            "score_form": score_form(idea, found.own) if found.may_score else None,
            "assessment_form": (
                assessment_form(idea, found.may_adjust, concerns=found.concerns)
                if found.may_assess
                else None
            ),
            "bands": band_rules(),
            "board_states": portfolio.BOARD_STATES,
        },
        request=request,
    )
