"""`make bench`, the service desk: importing an export of 100,000 cases, then the same again.

A CSV file like Kundeservice's export (semicolons, Norwegian dates, a tenth of the cases
with a waiting period) is imported through the function the upload page calls, on a fresh
database with the real SLA (SQLite unless BENCH_DATABASE_URL is set; DEBUG off). Prints the
wall time, rows per second and the memory each step needed for the first import, for a
re-import of the same file (every case unchanged) and for the year's figures. Each step runs
in a forked child process, so its memory is the child's peak resident set size above what
it started with (what the step itself needed), not the benchmark's own setup.
"""

import csv
import datetime
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.catalogue import setup_django

CASES = int(os.environ.get("BENCH_CASES", "100000"))
PRIORITIES = ["Kritisk", "Høy", "Middels", "Lav"]
WEIGHTS = [1, 7, 47, 45]


def write_export(path, count, today):
    """A case export of `count` cases opened on the weekdays of a year ending a week ago."""
    from governance.sla_calendar import OSLO

    randomness = random.Random(2026)
    first = today - datetime.timedelta(days=372)  # the last case is solved before today
    days = [
        first + datetime.timedelta(days=n)
        for n in range(365)
        if (first + datetime.timedelta(days=n)).weekday() < 5
    ]

    def text(moment):
        return moment.strftime("%d.%m.%Y %H:%M")

    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["saksnummer", "meldt", "prioritet", "første svar", "løst", "ventetid"])
        for number in range(count):
            day = days[number * len(days) // count]
            opened = datetime.datetime.combine(day, datetime.time(8), OSLO) + datetime.timedelta(
                minutes=randomness.randrange(450)
            )
            answered = opened + datetime.timedelta(minutes=randomness.randrange(1, 300))
            wait = ""
            start = answered
            if randomness.random() < 0.1:
                wait_start = answered + datetime.timedelta(minutes=30)
                start = wait_start + datetime.timedelta(hours=randomness.randrange(1, 30))
                wait = f"{text(wait_start)}–{text(start)}"
            solved = start + datetime.timedelta(minutes=randomness.randrange(10, 4000))
            priority = randomness.choices(PRIORITIES, WEIGHTS)[0]
            writer.writerow(
                [f"B-{number:06d}", text(opened), priority, text(answered), text(solved), wait]
            )


def status_mib(field):
    """A memory figure of this process from /proc/self/status ("VmRSS", "VmHWM"), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise LookupError(field)


def in_child(step):
    """Run `step()` in a forked process; returns (its result, seconds, MiB it needed).

    The memory is the child's peak resident set size above its size when it started: the
    peak is reset first (Linux's clear_refs), as a forked child inherits its parent's.
    The result must be picklable. The child gets its own database connection.
    """
    import pickle

    from django.db import connections

    connections.close_all()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(reader)
        Path("/proc/self/clear_refs").write_text("5")
        before = status_mib("VmRSS")
        started = time.perf_counter()
        result = step()
        seconds = time.perf_counter() - started
        with os.fdopen(writer, "wb") as pipe:
            pickle.dump((result, seconds, status_mib("VmHWM") - before), pipe)
        os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        result, seconds, mib = pickle.load(pipe)
    _, status = os.waitpid(pid, 0)
    if status:
        raise RuntimeError(f"The step failed in its process (status {status}).")
    return result, seconds, mib


def import_file(path):
    from django.core.files.uploadedfile import UploadedFile

    from governance.service_desk_import import import_cases

    with open(path, "rb") as handle:
        upload = UploadedFile(handle, path.name, "text/csv", path.stat().st_size)
        record = import_cases(upload, path.name)
    return {
        name: getattr(record, name)
        for name in ("row_count", "created_count", "updated_count", "unchanged_count")
    }


def main():
    workdir = Path(tempfile.mkdtemp(prefix="styringsportalen-bench-"))
    setup_django(workdir)
    from django.utils import timezone

    from governance.service_desk import compliance
    from governance.sla_calendar import OSLO
    from tests.bench.run import machine

    today = timezone.localdate()
    path = workdir / "kundeservice.csv"
    write_export(path, CASES, today)
    size_mib = path.stat().st_size / 1024 / 1024
    end = datetime.datetime.combine(today, datetime.time(), OSLO)

    def year_figures():
        return sum(entry.cases for entry in compliance(end - datetime.timedelta(days=366), end))

    first, first_seconds, first_mib = in_child(lambda: import_file(path))
    again, again_seconds, again_mib = in_child(lambda: import_file(path))
    counted, figures_seconds, figures_mib = in_child(year_figures)

    print()
    print(f"Machine: {machine()}; SQLite unless BENCH_DATABASE_URL is set; DEBUG off.")
    print(
        f"Data: a CSV export of {CASES:,} cases ({size_mib:.1f} MiB), a tenth with a waiting "
        "period, imported through governance.service_desk_import.import_cases. Memory is the "
        "step's own: its process's peak resident set size above its size at the start."
    )
    print()
    print("| step | rows | seconds | rows/s | memory MiB | result |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    print(
        f"| first import | {first['row_count']:,} | {first_seconds:.1f} | "
        f"{first['row_count'] / first_seconds:,.0f} | {first_mib:.0f} | "
        f"{first['created_count']:,} new |"
    )
    print(
        f"| same file again | {again['row_count']:,} | {again_seconds:.1f} | "
        f"{again['row_count'] / again_seconds:,.0f} | {again_mib:.0f} | "
        f"{again['unchanged_count']:,} unchanged, "
        f"{again['created_count'] + again['updated_count']} written |"
    )
    print(
        f"| compliance() for the year | {counted:,} | {figures_seconds:.1f} | "
        f"{counted / figures_seconds:,.0f} | {figures_mib:.0f} | per priority |"
    )
    ok = first["created_count"] == CASES and again["unchanged_count"] == CASES
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
