"""`/api/v1/sla/frister`: the deadlines of /sla/frister/ as JSON, open to anyone.

The router is added to the site's API in `config/api.py`; refusals have the API's one
shape (`ideas.api.errors.Problem`).
"""

import datetime

from ninja import Field, Query, Router, Schema, Status

from ideas.api.errors import INVALID, Problem
from ideas.api.schemas import Text

from . import sla_terms
from .sla_calendar import OSLO, CalendarError, year_problem
from .sla_deadlines import UnknownPriority, terms_on

router = Router(tags=["SLA"])


# The docstrings are the schemas' descriptions in the OpenAPI document, so they are Norwegian.
class DeadlineOut(Schema):
    """Én frist og hvordan den er regnet ut."""

    mal: str = Field(description="Målet i SLA-en, for eksempel «4 timer» eller «3 arbeidsdager».")
    startet: datetime.datetime = Field(
        description="Når klokken startet (neste åpning hvis saken ble meldt utenfor åpningstid)."
    )
    frist: datetime.datetime = Field(description="Fristen, i norsk tid med tidssone.")
    begrunnelse: list[str] = Field(
        description="Hvilke dager og timer som telte og hvilke som ikke gjorde det, og hvorfor."
    )


class DeadlinesOut(Schema):
    """Svarfrist og løsningsfrist for en sak."""

    prioritet: str = Field(description="Prioriteten, skrevet som i SLA-en.")
    meldt: datetime.datetime = Field(description="Når saken ble meldt, i norsk tid.")
    klokke: str = Field(
        description="«apningstid»: fristene løper i Kundeservice sin åpningstid; "
        "«dognet-rundt»: hele døgnet."
    )
    sla_versjon: int | None = Field(
        description="Versjonen av SLA-en som gjaldt da saken ble meldt (null før første versjon "
        "er publisert)."
    )
    svar: DeadlineOut = Field(description="Svartid.")
    losning: DeadlineOut = Field(description="Løsningstid.")


def _deadline_out(deadline):
    return {
        "mal": deadline.target,
        "startet": deadline.started_at,
        "frist": deadline.due,
        "begrunnelse": [step.text for step in deadline.steps],
    }


class DeadlineQuery(Schema):
    """Saken fristene gjelder."""

    prioritet: Text(100, "Prioriteten, for eksempel «Høy» (store og små bokstaver er likt).")
    meldt: datetime.datetime = Field(
        description="Når saken ble meldt, for eksempel 2026-03-27T14:00. Uten tidssone leses "
        "tiden som norsk tid."
    )


@router.get(
    "/frister",
    response={200: DeadlinesOut, 422: Problem},
    auth=None,
    summary="Frister for en supportsak",
)
def sla_deadlines(request, query: Query[DeadlineQuery]):
    """Når svar og løsning skal være gitt etter SLA-en, med begrunnelse. Krever ikke innlogging.

    Reglene står på /sla/frister/.
    """
    prioritet, meldt = query.prioritet, query.meldt
    opened = meldt if meldt.tzinfo else meldt.replace(tzinfo=OSLO)
    try:
        local = opened.astimezone(OSLO)  # the calendar's years are Oslo's
    except OverflowError:
        local = meldt
    if problem := year_problem(local):
        return Status(422, Problem(detail=INVALID, problems={"meldt": problem}))
    try:
        terms = terms_on(opened)
        response, resolution = terms.deadlines(prioritet, opened)
    except UnknownPriority as error:
        return Status(422, Problem(detail=INVALID, problems={"prioritet": str(error)}))
    except CalendarError as error:
        return Status(422, Problem(detail=str(error), problems={"__all__": str(error)}))
    priority = terms.priority(prioritet)
    return Status(
        200,
        {
            "prioritet": priority.name,
            "meldt": opened.astimezone(OSLO),
            "klokke": priority.clock or sla_terms.Clock.OPENING_HOURS,
            "sla_versjon": terms.version.number if terms.version else None,
            "svar": _deadline_out(response),
            "losning": _deadline_out(resolution),
        },
    )
