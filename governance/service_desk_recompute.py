"""Working out the cases' stored deadlines again when the calendar or the SLA changes.

An import stores each case's deadlines and counted times (see service_desk_import), so
the figures need not recompute them. When an editor closes a day, shortens one, or
publishes an SLA version with other targets, the stored values would no longer tell the
truth; these functions bring them up to date, in the background (django-tasks), so the
editor's save is never held up or undone by it.
"""

import datetime
import logging

from django.db import transaction
from django_tasks import task

from .models import ServiceDeskCase
from .service_desk_import import BATCH_SIZE, COMPUTED, CaseRow, compute
from .sla_calendar import OSLO
from .sla_deadlines import TermsLookup, UnknownPriority

logger = logging.getLogger(__name__)
# A closed or short day moves the deadlines of cases opened before it, as far back as the
# longest target (5 arbeidsdager) plus the waits a case may have; 90 days is ample.
REACH_BACK = datetime.timedelta(days=90)


def recompute_deadlines(opened_from=None, opened_before=None):
    """Work out again the stored deadlines of cases opened in [opened_from, opened_before).

    Either bound may be None (no bound). Returns how many cases changed. A case whose
    priority the SLA version now in force lacks keeps its stored values (logged).
    """
    cases = (
        ServiceDeskCase.objects.order_by("pk")
        .select_related("sla_version")
        .prefetch_related("waits")
    )
    if opened_from is not None:
        cases = cases.filter(opened_at__gte=opened_from)
    if opened_before is not None:
        cases = cases.filter(opened_at__lt=opened_before)
    lookup, changed, total = TermsLookup(), [], 0
    for case in cases.iterator(chunk_size=BATCH_SIZE):
        row = CaseRow(
            row_number=0,
            reference=case.reference,
            opened_at=case.opened_at,
            priority=case.priority,
            first_response_at=case.first_response_at,
            resolved_at=case.resolved_at,
            waits=[(wait.starts_at, wait.ends_at) for wait in case.waits.all()],
            terms=lookup.on(case.opened_at),
        )
        try:
            values = compute(row)
        except UnknownPriority as error:
            logger.warning("Sak %s: %s Fristene er ikke regnet om.", case.reference, error)
            continue
        if [getattr(case, name) for name in COMPUTED] != [values[name] for name in COMPUTED]:
            for name, value in values.items():
                setattr(case, name, value)
            changed.append(case)
        if len(changed) >= BATCH_SIZE:
            total += _save(changed)
            changed = []
    return total + _save(changed)


def _save(cases):
    ServiceDeskCase.objects.bulk_update(cases, COMPUTED)
    return len(cases)


def recompute_for_day(day):
    """Queue the recomputation a change to the opening hours of `day` calls for.

    It moves the deadlines of cases opened on that day or in the REACH_BACK before it.
    """
    midnight = datetime.datetime.combine(day, datetime.time(), OSLO)
    recompute_after_commit(
        opened_from=midnight - REACH_BACK, opened_before=midnight + datetime.timedelta(days=1)
    )


def recompute_for_version(version):
    """Queue the recomputation a newly published SLA version calls for.

    The version governs the cases opened from its effective date; the first version also
    governs the cases opened before any version took effect, so then every case.
    """
    if version.number == 1:
        recompute_after_commit()
    else:
        midnight = datetime.datetime.combine(version.effective_date, datetime.time(), OSLO)
        recompute_after_commit(opened_from=midnight)


@task()
def recompute_deadlines_task(opened_from=None, opened_before=None):
    """The background task: bounds as ISO strings (task arguments must be JSON)."""
    bounds = [
        datetime.datetime.fromisoformat(b) if b else None for b in (opened_from, opened_before)
    ]
    changed = recompute_deadlines(*bounds)
    logger.info("Fristene er regnet om for %s saker.", changed)
    return changed


def recompute_after_commit(opened_from=None, opened_before=None):
    """Queue the recomputation for when the change that calls for it is committed."""
    arguments = [b.isoformat() if b else None for b in (opened_from, opened_before)]
    transaction.on_commit(lambda: recompute_deadlines_task.enqueue(*arguments))
