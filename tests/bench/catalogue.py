"""`make bench`, part 2: catalogue, role overview and council pages at 10, 100, 1,000 services.

For each size, the pages are requested in-process with Django's test client (no
network, DEBUG off, real database): the number of database queries per request, and
the median and 90th-percentile server time over repeated requests. The number of
queries must not grow with the data.
"""

import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

SIZES = (10, 100, 1000)
REPEAT = int(os.environ.get("BENCH_REPEAT", "15"))


def setup_django(workdir):
    os.environ.update(
        DEBUG="",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=os.environ.get(
            "BENCH_DATABASE_URL", f"sqlite:///{workdir}/bench-catalogue.sqlite3"
        ),
        CACHE_URL="locmem://",
        STATIC_ROOT=str(workdir / "static"),
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_content", verbosity=0, stdout=open(os.devnull, "w"))


def grow_catalogue(target):
    """Add services (with a usage in every municipality) until there are `target` of them."""
    from councils.models import Council, Organisation, Person
    from governance.models import Service, ServiceCategory, ServiceUsage

    municipalities = list(Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY))
    provider = Organisation.objects.get(kind=Organisation.Kind.PROVIDER)
    if not Person.objects.filter(organisation=provider).exists():
        Person.objects.bulk_create(
            [Person(name=f"Forvalter {i}", organisation=provider) for i in range(20)]
            + [
                Person(name=f"{m.name} ansatt {i}", organisation=m)
                for m in municipalities
                for i in range(40)
            ]
        )
    staff = list(Person.objects.filter(organisation=provider))
    local = {m.pk: list(Person.objects.filter(organisation=m)) for m in municipalities}
    category, _ = ServiceCategory.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    group = Council.objects.get(slug="bench-faggruppe")
    start = Service.objects.count()
    services = Service.objects.bulk_create(
        [
            Service(
                name=f"Fagsystem {i:04d}",
                slug=f"fagsystem-{i:04d}",
                category=category,
                summary="Et fagsystem i målingen.",
                faggruppe=group,
                # Every seventh service lacks a systemforvalter, so the overview has gaps.
                system_manager=None if i % 7 == 0 else staff[i % 20],
                technical_primary=staff[(i + 1) % 20],
                technical_secondary=staff[(i + 2) % 20],
                support=Service.Support.SERVICE_DESK,
                operations_manager=staff[(i + 3) % 20],
            )
            for i in range(start, target)
        ]
    )
    usages = ServiceUsage.objects.bulk_create(
        [
            ServiceUsage(
                service=service,
                municipality=m,
                system_owner=local[m.pk][n % 40],
                system_administrator=None if n % 5 == 0 else local[m.pk][(n + 1) % 40],
            )
            for n, service in enumerate(services)
            for m in municipalities
        ]
    )
    Through = ServiceUsage.super_users.through
    Through.objects.bulk_create(
        [
            Through(serviceusage=usage, person=local[usage.municipality_id][k])
            for n, usage in enumerate(usages)
            for k in (n % 40, (n + 7) % 40)
        ]
    )


def create_council():
    import datetime

    from councils.models import Council, Meeting, Membership, Organisation, Person

    group = Council.objects.create(
        name="Faggruppe for målingen",
        slug="bench-faggruppe",
        kind="faggruppe",
        field_of_work="Måling",
    )
    molde = Organisation.objects.get(slug="molde")
    for i in range(12):
        person = Person.objects.create(name=f"Medlem {i}", organisation=molde)
        Membership.objects.create(
            person=person, council=group, represents=molde, starts_on=datetime.date(2026, 1, 1)
        )
    from django.utils import timezone

    for month in range(1, 12):
        Meeting.objects.create(
            council=group,
            starts_at=timezone.make_aware(datetime.datetime(2026, month, 10, 10)),
            place="Teams",
            minutes_status="publisert",
        )
    return group


def measure(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    # Read the count now: the next requests empty the connection's query log.
    query_count = len(queries)
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return query_count, statistics.median(times), times[int(len(times) * 0.9) - 1]


def main():
    workdir = Path(tempfile.mkdtemp(prefix="styringsportalen-bench-"))
    setup_django(workdir)
    from django.test import Client

    create_council()
    client = Client()
    paths = ["/tjenestekatalog/", "/roller/", "/rad/bench-faggruppe/"]
    results = {}
    for size in SIZES:
        grow_catalogue(size)
        for path in paths:
            results[path, size] = measure(client, path)

    from tests.bench.run import machine

    print()
    print(f"Machine: {machine()}; SQLite unless BENCH_DATABASE_URL is set; DEBUG off.")
    print(
        "Data: every service used by all four municipalities (two superbrukere each), "
        "the council with 12 members and 11 meetings; anonymous reader; "
        f"{REPEAT} requests per page in-process."
    )
    print()
    print("| page | services | DB queries | median ms | p90 ms |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for path in paths:
        for size in SIZES:
            queries, median, p90 = results[path, size]
            print(f"| {path} | {size} | {queries} | {median:.0f} | {p90:.0f} |")
    growing = [p for p in paths if len({results[p, s][0] for s in SIZES}) > 1]
    print()
    if growing:
        print(f"Queries grow with the data on: {', '.join(growing)}")
        return 1
    print("Queries per page do not grow with the number of services.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
