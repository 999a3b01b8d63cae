"""The service desk's figures: cases answered and solved within the SLA's target times.

For the cases opened (meldt) in a period, per priority:

- A case counts as answered when it has a first response, or was solved without one (the
  solution is the answer). It was answered in time when that happened by its response
  deadline (svartid), which the import worked out by the SLA in force when it was opened.
- A case not yet answered whose deadline has passed (by `now`) has missed it, and counts
  against the target. A case not yet answered and not yet due counts in neither the
  numerator nor the denominator: it can still make it.
- Solved (løsningstid) is counted in the same way, from "løst" and the resolution deadline.
- A share is the percentage of the measured cases that made it (0–100, one decimal, half
  up), None when no case is measured.
- Median and 90th percentile are of the counted time (the priority's clock, waiting time
  left out) of the cases answered, or solved. Nearest-rank method: of n times in order,
  the p-th percentile is the one at rank ⌈p/100 × n⌉; the median is the 50th percentile,
  so for an even n the lower of the two middle times. A case with no answer yet has no
  time and is not among them.
"""

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.utils import timezone

from .models import ServiceDeskCase, SLAPage

RESPONSE = "svartid"
RESOLUTION = "løsningstid"


@dataclass
class MissedTarget:
    """A case that missed a target time: `what` is "svartid" or "løsningstid".

    `actual` is when the case was answered or solved, None when it still is not.
    """

    reference: str
    priority: str
    opened_at: object
    what: str
    due: object
    actual: object = None


@dataclass
class PriorityFigures:
    """How one priority's cases fared against its target times in a period."""

    priority: str
    cases: int = 0
    answered_in_time: int = 0
    answered_share: Decimal | None = None
    solved_in_time: int = 0
    solved_share: Decimal | None = None
    response_median_seconds: int | None = None
    response_p90_seconds: int | None = None
    resolution_median_seconds: int | None = None
    resolution_p90_seconds: int | None = None
    missed: list = field(default_factory=list)
    # The denominators of the shares: the cases measured (answered, or overdue).
    response_measured: int = 0
    resolution_measured: int = 0
    response_target: str = ""
    resolution_target: str = ""


def nearest_rank(ordered, percent):
    """The `percent`-th percentile of sorted values by nearest rank; None for no values."""
    if not ordered:
        return None
    return ordered[max(math.ceil(percent / 100 * len(ordered)), 1) - 1]


def share(part, whole):
    """`part` of `whole` in percent with one decimal (half up); None when `whole` is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def compliance(start, end, now=None):
    """Figures per priority for the cases opened in [start, end) (aware datetimes).

    One PriorityFigures per priority of the live SLA, in its order, even with no cases;
    a priority that only an earlier SLA version had follows, by name. See the module's
    docstring for what counts.
    """
    now = now or timezone.now()
    figures = {}
    sla = SLAPage.objects.live().first()
    for row in sla.priorities.all() if sla else []:
        figures[row.name.lower()] = PriorityFigures(
            row.name, response_target=row.response_time, resolution_target=row.resolution_time
        )
    extra, times = {}, {}

    def entry_for(priority):
        key = priority.lower()
        return figures.get(key) or extra.setdefault(key, PriorityFigures(priority))

    # Counting is left to the database and only the counted times (integers) and the few
    # cases that missed come back, so a year of 100,000 cases stays fast.
    cases = ServiceDeskCase.objects.filter(opened_at__gte=start, opened_at__lt=end)
    for row in cases.values("priority").annotate(**_counts(now)).order_by():
        entry = entry_for(row["priority"])
        entry.cases += row["cases"]
        entry.answered_in_time += row["answered_in_time"]
        entry.response_measured += row["response_measured"]
        entry.solved_in_time += row["solved_in_time"]
        entry.resolution_measured += row["resolution_measured"]
    for priority, response_seconds, resolution_seconds in cases.values_list(
        "priority", "response_seconds", "resolution_seconds"
    ).iterator(chunk_size=5000):
        response_times, resolution_times = times.setdefault(priority.lower(), ([], []))
        if response_seconds is not None:
            response_times.append(response_seconds)
        if resolution_seconds is not None:
            resolution_times.append(resolution_seconds)
    for what, met, due in (
        (RESPONSE, "response_met", "response_due"),
        (RESOLUTION, "resolution_met", "resolution_due"),
    ):
        rows = (
            cases.filter(_missed(met, due, now))
            .order_by("opened_at", "reference")
            .values_list(
                "reference", "priority", "opened_at", due, "first_response_at", "resolved_at"
            )
        )
        for reference, priority, opened_at, due_at, answered_at, resolved_at in rows:
            entry = entry_for(priority)
            # A case solved without a recorded answer was answered by its solution.
            done_at = (answered_at or resolved_at) if what == RESPONSE else resolved_at
            entry.missed.append(
                MissedTarget(reference, entry.priority, opened_at, what, due_at, done_at)
            )
    result = list(figures.values()) + [extra[key] for key in sorted(extra)]
    for entry in result:
        entry.missed = missed_cases([entry])
        response_times, resolution_times = times.get(entry.priority.lower(), ([], []))
        response_times.sort()
        resolution_times.sort()
        entry.answered_share = share(entry.answered_in_time, entry.response_measured)
        entry.solved_share = share(entry.solved_in_time, entry.resolution_measured)
        entry.response_median_seconds = nearest_rank(response_times, 50)
        entry.response_p90_seconds = nearest_rank(response_times, 90)
        entry.resolution_median_seconds = nearest_rank(resolution_times, 50)
        entry.resolution_p90_seconds = nearest_rank(resolution_times, 90)
    return result


def _missed(met, due, now):
    """Cases that missed a target: done too late, or not done and already past due.

    `met` is the stored verdict (None while not done); see service_desk_import.compute.
    """
    return Q(**{met: False}) | Q(**{f"{met}__isnull": True, f"{due}__lte": now})


def _measured(met, due, now):
    """Cases that count towards a share: done, or not done and already past due."""
    return Q(**{f"{met}__isnull": False}) | Q(**{f"{due}__lte": now})


def _counts(now):
    """The per-priority counts, as aggregates for `.annotate()`."""
    return {
        "cases": Count("pk"),
        "answered_in_time": Count("pk", filter=Q(response_met=True)),
        "response_measured": Count("pk", filter=_measured("response_met", "response_due", now)),
        "solved_in_time": Count("pk", filter=Q(resolution_met=True)),
        "resolution_measured": Count(
            "pk", filter=_measured("resolution_met", "resolution_due", now)
        ),
    }


def missed_cases(figures):
    """Every missed target, the earliest opened first; svartid before løsningstid."""
    missed = [item for entry in figures for item in entry.missed]
    return sorted(missed, key=lambda item: (item.opened_at, item.reference, item.what != RESPONSE))
