"""Importing the service desk's case export: check every row, then store all or nothing.

Each row is checked against the SLA in force when its case was opened: the case number is
there and not twice in the file, "meldt" is a time, the priority is one that SLA has,
"første svar" and "løst" are not before "meldt" (nor the answer after the solution), no time
is in the future, and every waiting period ends after it starts and lies between "meldt"
and "løst" (or now, for a case not yet solved). One bad row refuses the whole upload, and
every problem is reported with its row number as a spreadsheet counts them (the header is
row 1).

A case is known by its saksnummer. A row identical to what is stored changes nothing
("uendret"); a changed row replaces the stored case, since a later export knows more (the
time it was solved, say). For each new or changed case the deadlines and the counted times
are worked out by the SLA calendar and stored, so the figures read them without
recomputing (service_desk_recompute brings them up to date when the calendar or the SLA
changes). A case solved without a recorded first answer counts as answered when it
was solved: the solution is the answer.

The file is read as a stream and written in batches inside one transaction, with one
`TermsLookup` for the whole file, so an export of 100,000 cases imports in one go.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import ServiceDeskCase, ServiceDeskImport, ServiceDeskWait
from .service_desk_rows import (
    EXAMPLE_TIME,
    EXAMPLE_WAIT,
    LABELS,
    ExportRefused,
    local_text,
    parse_moment,
    parse_reference,
    parse_waits,
    read_export,
)
from .sla_calendar import FIRST_YEAR, LAST_YEAR, OSLO, year_problem
from .sla_deadlines import TermsLookup
from .sla_terms import join_norwegian

BATCH_SIZE = 400  # SQLite takes at most 999 values in one query
MAX_PROBLEMS = 100
REFERENCE_LENGTH = ServiceDeskCase._meta.get_field("reference").max_length
COMPARED = ("opened_at", "priority", "first_response_at", "resolved_at")
COMPUTED = (
    "sla_version",
    "response_due",
    "resolution_due",
    "response_seconds",
    "resolution_seconds",
    "response_met",
    "resolution_met",
)


@dataclass
class CaseRow:
    """One checked row of the export, with the SLA terms in force when it was opened."""

    row_number: int
    reference: str
    opened_at: object
    priority: str
    first_response_at: object
    resolved_at: object
    waits: list = field(default_factory=list)
    terms: object = None

    def key(self):
        return (
            self.opened_at,
            self.priority,
            self.first_response_at,
            self.resolved_at,
            tuple(self.waits),
        )


def import_cases(upload, filename, user=None, now=None):
    """Import an uploaded export; returns the ServiceDeskImport with its counts.

    Raises ExportRefused (with Norwegian messages, at most MAX_PROBLEMS of them and a
    count of the rest) and stores nothing when the file or any row is wrong.
    """
    now = now or timezone.now()
    try:
        return _import(upload, filename, user, now)
    except IntegrityError:
        # Another upload stored one of these cases between our check and our write.
        raise ExportRefused(
            ["En annen import lagret de samme sakene samtidig. Last opp filen på nytt."]
        ) from None


def _import(upload, filename, user, now):
    lookup = TermsLookup()
    problems, extra = [], 0
    seen = {}
    batch = []
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    ignored = []
    with transaction.atomic():
        record = ServiceDeskImport.objects.create(uploaded_by=user, filename=filename[:255])
        for row_number, values in read_export(upload, filename, ignored):
            row, row_problems = check_row(row_number, values, lookup, now, seen)
            if row_problems:
                room = MAX_PROBLEMS - len(problems)
                problems += row_problems[:room]
                extra += len(row_problems[room:])
            elif not problems:
                batch.append(row)
                if len(batch) >= BATCH_SIZE:
                    _store(batch, record, counts)
                    batch = []
        if not seen and not problems:
            problems.append("Filen har ingen saker under overskriftsraden.")
        if problems:
            if extra:
                problems.append(f"… og {extra} feil til, som ikke er vist.")
            raise ExportRefused(problems)
        _store(batch, record, counts)
        record.row_count = len(seen)
        record.created_count = counts["created"]
        record.updated_count = counts["updated"]
        record.unchanged_count = counts["unchanged"]
        record.ignored_columns = ", ".join(ignored)
        record.save(
            update_fields=[
                "row_count",
                "created_count",
                "updated_count",
                "unchanged_count",
                "ignored_columns",
            ]
        )
    return record


def check_row(row_number, values, lookup, now, seen):
    """A CaseRow and the row's problems (a list of "Rad 7: …" messages; empty if none).

    `seen` maps the case numbers met so far to their rows, and learns this one.
    """
    problems = []

    def problem(text):
        problems.append(f"Rad {row_number}: {text}")

    reference = parse_reference(values.get("reference"))
    if reference is None:
        problem(f"«{LABELS['reference']}» mangler.")
    elif len(reference) > REFERENCE_LENGTH:
        problem(f"«{LABELS['reference']}» er lengre enn {REFERENCE_LENGTH} tegn.")
    elif reference in seen:
        problem(f"saksnummeret «{reference}» står også i rad {seen[reference]}.")
    else:
        seen[reference] = row_number

    moments = {}
    for name in ("opened", "first_response", "resolved"):
        try:
            moments[name] = parse_moment(values.get(name))
        except (ValueError, TypeError, OverflowError):
            moments[name] = None
            problem(
                f"«{LABELS[name]}» er ikke en dato med klokkeslett: «{values.get(name)}». "
                f"Skriv for eksempel «{EXAMPLE_TIME}»."
            )
        else:
            if moments[name] and moments[name] > now:
                problem(f"«{LABELS[name]}» ({local_text(moments[name])}) er fram i tid.")
            elif moments[name] and year_problem(moments[name].astimezone(OSLO)):
                # The SLA calendar covers these years only (as on /sla/frister/).
                problem(
                    f"«{LABELS[name]}» ({values.get(name)}) er ikke mellom år {FIRST_YEAR} "
                    f"og {LAST_YEAR}."
                )
                moments[name] = None
    opened, answered, resolved = (moments[n] for n in ("opened", "first_response", "resolved"))
    if values.get("opened") is None:
        problem(f"«{LABELS['opened']}» mangler.")
    if opened and answered and answered < opened:
        problem(f"«{LABELS['first_response']}» er før «{LABELS['opened']}».")
    if opened and resolved and resolved < opened:
        problem(f"«{LABELS['resolved']}» er før «{LABELS['opened']}».")
    if answered and resolved and answered > resolved:
        problem(f"«{LABELS['first_response']}» er etter «{LABELS['resolved']}».")

    priority_name = values.get("priority")
    terms = priority = None
    if priority_name is None:
        problem(f"«{LABELS['priority']}» mangler.")
    elif opened:
        terms = lookup.on(opened)
        priority = terms.priority(str(priority_name))
        if priority is None:
            names = join_norwegian(row.name for row in terms.priorities.values())
            problem(
                f"prioriteten «{priority_name}» finnes ikke i SLA-en som gjaldt da saken ble "
                f"meldt ({names})."
            )

    waits = _check_waits(values.get("waits"), opened, resolved or now, problem, bool(resolved))
    if problems:
        return None, problems
    return CaseRow(
        row_number, reference, opened, priority.name, answered, resolved, waits, terms
    ), []


def _check_waits(value, opened, until, problem, resolved):
    try:
        waits = parse_waits(value)
    except ValueError as error:
        problem(
            f"«{LABELS['waits']}» kan ikke leses: «{error}». Skriv hver periode som "
            f"«{EXAMPLE_WAIT}», og skill periodene med semikolon."
        )
        return []
    for start, end in waits:
        period = f"{local_text(start)}–{local_text(end)}"
        if end <= start:
            problem(f"ventetiden {period} slutter før den begynner.")
        elif opened and (start < opened or end > until):
            limit = f"«{LABELS['resolved']}»" if resolved else "nå"
            problem(f"ventetiden {period} er ikke mellom «{LABELS['opened']}» og {limit}.")
    return sorted(waits)


def compute(row):
    """The deadlines and counted times of a checked row, as ServiceDeskCase field values."""
    terms, name = row.terms, row.priority
    response, resolution = terms.deadlines(name, row.opened_at, waits=row.waits)
    # A case solved without a recorded answer was answered by its solution.
    answered_at = row.first_response_at or row.resolved_at
    values = {
        "sla_version": terms.version,
        "response_due": response.due,
        "resolution_due": resolution.due,
        "response_seconds": None,
        "resolution_seconds": None,
        "response_met": None,
        "resolution_met": None,
    }
    if answered_at:
        values["response_seconds"] = terms.counted_seconds(
            name, row.opened_at, answered_at, waits=row.waits
        )
        values["response_met"] = answered_at <= response.due
    if row.resolved_at:
        values["resolution_seconds"] = terms.counted_seconds(
            name, row.opened_at, row.resolved_at, waits=row.waits
        )
        values["resolution_met"] = row.resolved_at <= resolution.due
    return values


def _store(batch, record, counts):
    """Write one batch of checked rows: new cases created, changed ones replaced."""
    if not batch:
        return
    existing = {
        case.reference: case
        for case in ServiceDeskCase.objects.filter(reference__in=[r.reference for r in batch])
    }
    stored_waits = defaultdict(list)
    for case_id, starts_at, ends_at in ServiceDeskWait.objects.filter(
        case__in=[case.pk for case in existing.values()]
    ).values_list("case_id", "starts_at", "ends_at"):
        stored_waits[case_id].append((starts_at, ends_at))
    new, changed = [], []
    for row in batch:
        case = existing.get(row.reference)
        if case is not None and _stored_key(case, stored_waits[case.pk]) == row.key():
            counts["unchanged"] += 1
            continue
        if case is None:
            case = ServiceDeskCase(reference=row.reference)
            new.append((case, row))
        else:
            changed.append((case, row))
        case.opened_at, case.priority = row.opened_at, row.priority
        case.first_response_at, case.resolved_at = row.first_response_at, row.resolved_at
        for name, value in compute(row).items():
            setattr(case, name, value)
        case.last_import = record
    ServiceDeskCase.objects.bulk_create([case for case, _ in new])
    if changed:
        ServiceDeskCase.objects.bulk_update(
            [case for case, _ in changed], [*COMPARED, *COMPUTED, "last_import"]
        )
        ServiceDeskWait.objects.filter(case__in=[case.pk for case, _ in changed]).delete()
    ServiceDeskWait.objects.bulk_create(
        ServiceDeskWait(case=case, starts_at=start, ends_at=end)
        for case, row in new + changed
        for start, end in row.waits
    )
    counts["created"] += len(new)
    counts["updated"] += len(changed)


def _stored_key(case, waits):
    return (
        case.opened_at,
        case.priority,
        case.first_response_at,
        case.resolved_at,
        tuple(sorted(waits)),
    )
