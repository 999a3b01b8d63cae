"""`make bench`, part 4: building a year's report to the samarbeidsråd.

A database with 100,000 service-desk cases over the year, 50 services whose outages are
logged (about 20 each, of every category), and 10,000 ideas whose timelines wander
through the workflow. Then, in-process (DEBUG off, real database): build_report for the
whole year 2026 and for its last quarter, the report page /rapporter/?periode=2026 and
its Excel file. Prints the median wall time, the peak memory Python allocated while
building (tracemalloc, measured in a separate run as it slows the code down) and the
database queries.
"""

import datetime
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.bench.catalogue import create_council, grow_catalogue, setup_django

CASES = int(os.environ.get("BENCH_CASES", "100000"))
IDEAS = int(os.environ.get("BENCH_IDEAS", "10000"))
SERVICES = 50
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
OSLO = ZoneInfo("Europe/Oslo")
YEAR_START = datetime.datetime(2026, 1, 1, tzinfo=OSLO)
NOW = datetime.datetime(2026, 11, 28, 12, tzinfo=OSLO)
# Priority: (share of cases, response target, resolution target) in wall-clock seconds,
# roughly what the opening-hours clock gives; the bench needs plausible rows, not the rules.
PRIORITIES = {
    "Kritisk": (2, 15 * 60, 2 * 3600),
    "Høy": (13, 3600, 4 * 3600),
    "Middels": (50, 3 * 3600, 3 * 86400),
    "Lav": (35, 4 * 3600, 5 * 86400),
}


def moment(randomness, start=YEAR_START, end=NOW):
    return start + datetime.timedelta(seconds=randomness.uniform(0, (end - start).total_seconds()))


def create_cases(randomness):
    """CASES cases over the year, with their deadlines and results worked out beforehand."""
    from governance.models import ServiceDeskCase, ServiceDeskImport

    upload = ServiceDeskImport.objects.create(filename="bench.csv", row_count=CASES)
    names = list(PRIORITIES)
    weights = [PRIORITIES[n][0] for n in names]
    batch = []
    for number in range(CASES):
        priority = randomness.choices(names, weights)[0]
        _, response_target, resolution_target = PRIORITIES[priority]
        opened = moment(randomness)
        response = randomness.expovariate(1 / (response_target * 0.6))
        resolution = response + randomness.expovariate(1 / (resolution_target * 0.6))
        answered = opened + datetime.timedelta(seconds=response)
        solved = opened + datetime.timedelta(seconds=resolution)
        batch.append(
            ServiceDeskCase(
                reference=f"BENCH-{number:06d}",
                opened_at=opened,
                priority=priority,
                first_response_at=answered if answered < NOW else None,
                resolved_at=solved if solved < NOW else None,
                response_due=opened + datetime.timedelta(seconds=response_target),
                resolution_due=opened + datetime.timedelta(seconds=resolution_target),
                response_seconds=int(response) if answered < NOW else None,
                resolution_seconds=int(resolution) if solved < NOW else None,
                response_met=response <= response_target if answered < NOW else None,
                resolution_met=resolution <= resolution_target if solved < NOW else None,
                last_import=upload,
            )
        )
        if len(batch) == 5000:
            ServiceDeskCase.objects.bulk_create(batch)
            batch = []
    ServiceDeskCase.objects.bulk_create(batch)


def create_outages(randomness):
    """SERVICES services, logged since 2025, with about twenty outages each."""
    from governance.models import Outage, Service

    create_council()
    grow_catalogue(SERVICES)
    Service.objects.update(outages_logged_since=datetime.date(2025, 1, 1))
    categories = [c.value for c in Outage.Category]
    outages = []
    for service in Service.objects.all():
        for _ in range(randomness.randint(10, 30)):
            starts = moment(randomness)
            outages.append(
                Outage(
                    service=service,
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(minutes=randomness.randint(5, 600)),
                    category=randomness.choice(categories),
                    description="Avbrudd i målingen.",
                )
            )
    Outage.objects.bulk_create(outages, batch_size=1000)


def create_ideas(randomness):
    """IDEAS ideas, each sent in during 2025–26 and moved on a few times, as councils do."""
    from councils.models import Organisation
    from ideas.models import Idea, Transition
    from ideas.workflow import State, moves_from

    places = list(Organisation.objects.filter(kind="kommune"))
    walks = []
    for number in range(IDEAS):
        at = moment(randomness, start=YEAR_START - datetime.timedelta(days=180))
        state, steps = State.DRAFT, [("submit", State.DRAFT, State.SUBMITTED, at)]
        state = State.SUBMITTED
        while state not in State.FINAL and randomness.random() < 0.75:
            at += datetime.timedelta(hours=randomness.uniform(2, 24 * 40))
            options = [m for m in moves_from(state) if m.name not in ("withdraw", "resubmit")]
            if at >= NOW or not options:
                break
            move = randomness.choice(options)
            steps.append((move.name, state, move.target, at))
            state = move.target
        walks.append(
            (
                Idea(
                    title=f"Idé {number}",
                    municipality=places[number % 4],
                    state=state,
                    submitter_name="Ansatt i målingen",
                ),
                steps,
            )
        )
    ideas = Idea.objects.bulk_create([idea for idea, _ in walks], batch_size=1000)
    # The timeline's moment is set by the database row's creation; here the history is
    # being written after the fact, so it is given as it was.
    field = Transition._meta.get_field("at")
    field.auto_now_add = False
    try:
        Transition.objects.bulk_create(
            [
                Transition(
                    idea=idea,
                    move=name,
                    from_state=source,
                    to_state=target,
                    at=at,
                    actor_name="Målingen",
                    told="Steg i målingen.",
                )
                for idea, (_, steps) in zip(ideas, walks, strict=True)
                for name, source, target, at in steps
            ],
            batch_size=2000,
        )
    finally:
        field.auto_now_add = True
    return Transition.objects.count()


def timed(action):
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return result, statistics.median(times)


def peak_memory(action):
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1024 / 1024


def queries(action):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def main():
    workdir = Path(tempfile.mkdtemp(prefix="styringsportalen-bench-"))
    setup_django(workdir)
    from django.test import Client

    from governance.report_periods import parse_period
    from governance.reports import build_report
    from tests.bench.ideas import analyse
    from tests.bench.run import machine

    randomness = random.Random(2026)
    started = time.perf_counter()
    create_cases(randomness)
    create_outages(randomness)
    transitions = create_ideas(randomness)
    analyse()
    print(f"Data made in {time.perf_counter() - started:.0f} s.", flush=True)

    client = Client()
    year, quarter = parse_period("2026", now=NOW), parse_period("2026-K4", now=NOW)

    def page(path):
        def get():
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)

        return get

    actions = [
        ("build_report, the year 2026", lambda: build_report(year, now=NOW)),
        ("build_report, 4th quarter 2026", lambda: build_report(quarter, now=NOW)),
        ("page /rapporter/?periode=2026", page("/rapporter/?periode=2026")),
        (
            "Excel /rapporter/rapport.xlsx?periode=2026",
            page("/rapporter/rapport.xlsx?periode=2026"),
        ),
    ]
    rows = []
    for label, action in actions:
        action()  # warm up: templates, the SLA page, the query plans
        count = queries(action)
        _, seconds = timed(action)
        rows.append((label, seconds, peak_memory(action), count))

    print()
    print(f"Machine: {machine()}; SQLite unless BENCH_DATABASE_URL is set; DEBUG off.")
    print(
        f"Data: {CASES:,} service-desk cases in 2026, {SERVICES} services with their outages "
        f"logged, {IDEAS:,} ideas with {transitions:,} timeline entries. Median of {REPEAT} "
        "runs; peak memory is what Python allocated during one run (tracemalloc)."
    )
    print()
    print("| what | median s | peak MB | DB queries |")
    print("| --- | ---: | ---: | ---: |")
    for label, seconds, peak, count in rows:
        print(f"| {label} | {seconds:.2f} | {peak:.0f} | {count} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
