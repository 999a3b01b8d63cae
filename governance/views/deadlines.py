"""/sla/frister/: when a case's response and resolution are due, and why."""

from django.shortcuts import render
from django.utils import timezone

from .. import sla_terms
from ..forms_deadlines import DeadlineForm
from ..models import SLAPage
from ..sla_calendar import CalendarError, format_moment
from ..sla_deadlines import UnknownPriority, terms_on

CLOCK_NAMES = dict(sla_terms.Clock.choices)


def deadlines(request):
    """The GET form, and once it is filled in, both due times with their reasoning."""
    sla = SLAPage.objects.live().first()
    priorities = [row.name for row in sla.priorities.all()] if sla else []
    submitted = any(name in request.GET for name in DeadlineForm.base_fields)
    if submitted:
        form = DeadlineForm(request.GET, priorities=priorities)
    else:
        form = DeadlineForm(
            initial=DeadlineForm.initial_for(timezone.now()), priorities=priorities
        )
    result = _result(form) if submitted and form.is_valid() else None
    return render(
        request,
        "governance/sla/deadlines.html",
        {"form": form, "result": result, "sla": sla},
    )


def _result(form):
    """What the page shows for a valid form; a refusal becomes an error on the form."""
    opened = form.opened_at()
    try:
        terms = terms_on(opened)
        response, resolution = terms.deadlines(form.cleaned_data["prioritet"], opened)
    except UnknownPriority as error:
        # The priority is in the live SLA but not in the version in force back then.
        form.add_error("prioritet", str(error))
        return None
    except CalendarError as error:
        form.add_error(None, str(error))
        return None
    priority = terms.priority(form.cleaned_data["prioritet"])
    return {
        "priority": priority,
        "opened": format_moment(opened),
        "clock": CLOCK_NAMES.get(priority.clock, ""),
        "version": terms.version,
        "response": response,
        "resolution": resolution,
    }
