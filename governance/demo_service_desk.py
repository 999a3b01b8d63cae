"""Demo cases for the service desk's figures: a year of Kundeservice's export.

Some 1,500 cases over the twelve months before `today`, written as the export Kundeservice
would give and imported through the same function as an editor's upload, so the deadlines,
counted times and receipts are the real ones. Most cases come in during opening hours on
working days; a few at night or at weekends. Most are answered and solved in time, a few
miss (and the figures page has something to show), some wait for the user for a while,
some are solved at once without a separate answer, and the last days' cases are still open.

Each day's cases are drawn from a random generator seeded by that day, and a case is known
by its day and number (KS-260302-03). Like the rest of the demo, the year is loaded once:
when the service desk has cases already, loading again (on any day) changes nothing.
"""

import csv
import datetime
import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile

from .models import ServiceDeskCase
from .service_desk_import import import_cases
from .sla_calendar import OSLO
from .sla_deadlines import TermsLookup
from .sla_terms import Clock

FILENAME = "demo-kundeservice.csv"
HEADER = ["saksnummer", "meldt", "prioritet", "første svar", "løst", "ventetid"]
PRIORITY_WEIGHTS = {"Kritisk": 1, "Høy": 7, "Middels": 47, "Lav": 45}
CASES_PER_WORKING_DAY = (3, 9)
SHARE_LATE = 0.07
SHARE_WAITING = 0.1
SHARE_SOLVED_AT_ONCE = 0.05


def load_demo_cases(today):
    """Import a year of demo cases up to (not including) `today`; returns the import.

    Returns None, and imports nothing, when the service desk has cases already.
    """
    if ServiceDeskCase.objects.exists():
        return None
    cutoff = datetime.datetime.combine(today, datetime.time(), OSLO)
    lookup = TermsLookup()
    rows = []
    for offset in range(365, 0, -1):
        day = today - datetime.timedelta(days=offset)
        rows += _cases_of(day, lookup, cutoff)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADER)
    writer.writerows(rows)
    upload = SimpleUploadedFile(FILENAME, buffer.getvalue().encode("utf-8"))
    return import_cases(upload, FILENAME, now=cutoff)


def _cases_of(day, lookup, cutoff):
    randomness = random.Random(f"kundeservice-{day.isoformat()}")
    noon = datetime.datetime.combine(day, datetime.time(12), OSLO)
    terms = lookup.on(noon)
    if terms.calendar.is_working_day(day):
        count = randomness.randint(*CASES_PER_WORKING_DAY)
        hours = (8, 15.5)
    else:
        count = randomness.choice((0, 0, 0, 1))
        hours = (7, 22)
    names = [name for name in PRIORITY_WEIGHTS if terms.priority(name)]
    weights = [PRIORITY_WEIGHTS[name] for name in names]
    rows = []
    for number in range(1, count + 1):
        minutes = randomness.uniform(hours[0] * 60, hours[1] * 60 - 5)
        opened = datetime.datetime.combine(day, datetime.time(), OSLO) + datetime.timedelta(
            minutes=int(minutes)
        )
        name = randomness.choices(names, weights)[0]
        rows.append(_case(f"KS-{day:%y%m%d}-{number:02d}", opened, name, terms, randomness))
    return [_until(row, cutoff) for row in rows]


def _case(reference, opened, name, terms, randomness):
    """One case: (reference, opened, priority, answered, solved, waits)."""
    row = terms.priority(name)
    response, resolution = terms.deadlines(name, opened)
    answered = _within(terms, row.clock, response.started_at, response.due, randomness)
    answered = max(answered, opened + datetime.timedelta(minutes=1))
    waits = []
    if name in ("Middels", "Lav") and randomness.random() < SHARE_WAITING:
        wait_start = answered + datetime.timedelta(minutes=randomness.randint(10, 120))
        wait_end = wait_start + datetime.timedelta(hours=randomness.randint(4, 48))
        waits = [(wait_start, wait_end)]
        _, resolution = terms.deadlines(name, opened, waits=waits)
        start = wait_end
    else:
        start = answered
    solved = _within(terms, row.clock, start, resolution.due, randomness)
    solved = max(solved, start + datetime.timedelta(minutes=5))
    if not waits and randomness.random() < SHARE_SOLVED_AT_ONCE:
        answered = None  # solved on the phone: the solution is the answer
        solved = opened + datetime.timedelta(minutes=randomness.randint(5, 25))
    return reference, opened, name, answered, solved, waits


def _within(terms, clock, start, due, randomness):
    """A moment between `start` and `due` in the priority's clock, or a bit after it."""
    late = randomness.random() < SHARE_LATE
    fraction = randomness.uniform(1.05, 1.8) if late else randomness.uniform(0.1, 0.95)
    if clock == Clock.ROUND_THE_CLOCK:
        return start + (due - start) * fraction
    available = terms.calendar.opening_seconds(start, due)
    return terms.calendar.add_opening_time(start, max(int(available * fraction), 60))


def _until(row, cutoff):
    """The row as the export on `cutoff` shows it: what had not happened yet is blank."""
    reference, opened, name, answered, solved, waits = row
    if answered and answered >= cutoff:
        answered = None
    if solved and solved >= cutoff:
        solved = None
    waits = [(start, end) for start, end in waits if end < cutoff]
    if waits and solved is None:
        waits = []  # keep a still-open case simple: no waits to check against "now"
    return [
        reference,
        _text(opened),
        name,
        _text(answered),
        _text(solved),
        "; ".join(f"{_text(start)}–{_text(end)}" for start, end in waits),
    ]


def _text(moment):
    return moment.astimezone(OSLO).strftime("%d.%m.%Y %H:%M") if moment else ""
