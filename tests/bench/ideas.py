"""`make bench`, part 3: the idea list, an idea's page and the board at 100, 1,000, 10,000 ideas.

In-process with Django's test client (no network, DEBUG off, real database), logged in
as a porteføljeråd member: queries per request and the median and 90th-percentile
server time. The queries must not grow with the data, and the median at 10,000 ideas
must stay under 100 ms.
"""

import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.catalogue import setup_django

SIZES = (100, 1000, 10000)
REPEAT = int(os.environ.get("BENCH_REPEAT", "15"))
TARGET_MS = 100
# Most ideas have ended or wait early in the path; few are before the porteføljeråd.
STATE_WEIGHTS = {
    "utkast": 4,
    "sendt-inn": 6,
    "til-vurdering": 6,
    "tilbake-hos-innmelder": 2,
    "gjennomfores-lokalt": 4,
    "i-faggruppe": 3,
    "i-portefoljeradet": 1.2,
    "i-samarbeidsradet": 0.2,
    "prioritert": 0.4,
    "prosjekt": 0.4,
    "utsatt": 0.8,
    "gjennomfort": 18,
    "avslatt": 25,
    "slatt-sammen": 4,
    "trukket": 25,
}


def create_people():
    from django.contrib.auth import get_user_model

    from councils.models import Council, Membership, Organisation, Person

    molde = Organisation.objects.get(slug="molde")
    portfolio = Council.objects.create(name="Porteføljerådet", slug="pr", kind="portefoljerad")
    User = get_user_model()
    users = User.objects.bulk_create(
        [User(username=f"ansatt{i}", first_name=f"Ansatt {i}") for i in range(200)]
    )
    member = users[0]
    person = Person.objects.create(name="Porteføljemedlem", organisation=molde, user=member)
    Membership.objects.create(
        person=person, council=portfolio, represents=molde, starts_on=datetime.date(2026, 1, 1)
    )
    return users, member


def grow_ideas(target, users, randomness):
    """Add ideas (with a timeline entry and, on the board, scores) up to `target`."""
    from django.db.models import Max

    from councils.models import Organisation
    from ideas.models import Idea, Score, Transition

    municipalities = list(Organisation.objects.filter(kind="kommune"))
    states = list(STATE_WEIGHTS)
    weights = list(STATE_WEIGHTS.values())
    start = Idea.objects.count()
    ideas = Idea.objects.bulk_create(
        [
            Idea(
                title=f"Idé nummer {n}",
                background="Bakgrunn for idéen.",
                problem="Problemet idéen løser.",
                proposal="Forslaget.",
                municipality=municipalities[n % 4],
                submitter=users[n % len(users)],
                submitter_name=f"Ansatt {n % len(users)}",
                state=randomness.choices(states, weights)[0],
                estimated_cost=randomness.randrange(50_000, 2_000_000, 10_000),
            )
            for n in range(start, target)
        ],
        batch_size=500,
    )
    Transition.objects.bulk_create(
        [
            Transition(
                idea=idea,
                move="submit",
                from_state="utkast",
                to_state="sendt-inn",
                actor=idea.submitter,
                actor_name=idea.submitter_name,
                told="Idéen ble sendt inn.",
            )
            for idea in ideas
            if idea.state != "utkast"
        ],
        batch_size=500,
    )
    board = [i for i in ideas if i.state in ("i-portefoljeradet", "utsatt", "prioritert")]
    Score.objects.bulk_create(
        [
            Score(
                idea=idea,
                member=users[k],
                strategic_value=randomness.randint(1, 5),
                qualitative_benefit=randomness.randint(1, 5),
                economic_benefit=randomness.randint(1, 5),
                operational_need=randomness.randint(1, 5),
                risk=randomness.randint(1, 5),
            )
            for idea in board
            for k in range(4)
        ],
        batch_size=500,
    )
    analyse()
    return Idea.objects.aggregate(Max("pk"))["pk__max"]


def analyse():
    """Give PostgreSQL's planner statistics of the new rows, as autovacuum would in production.

    Without them it takes the freshly filled tables for empty and scans them whole.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def measure(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    query_count = len(queries)  # read now: later requests empty the query log
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

    from ideas.models import Idea
    from ideas.portfolio import BOARD_STATES
    from tests.bench.run import machine

    randomness = random.Random(2026)
    users, member = create_people()
    client = Client()
    client.force_login(member)
    results = {}
    for size in SIZES:
        grow_ideas(size, users, randomness)
        sample = Idea.objects.exclude(state="utkast").order_by("pk").first()
        board_size = Idea.objects.filter(state__in=BOARD_STATES).count()
        for label, path in [
            ("/ideer/", "/ideer/"),
            ("/ideer/<id>/", f"/ideer/{sample.pk}/"),
            ("/portefolje/", "/portefolje/"),
        ]:
            results[label, size] = (*measure(client, path), board_size)

    print()
    print(f"Machine: {machine()}; SQLite unless BENCH_DATABASE_URL is set; DEBUG off.")
    print(
        "Data: ideas spread over every state (most ended or early, few before the "
        "porteføljeråd), each with its timeline entry; board ideas scored by four members. "
        f"Logged in as a porteføljeråd member; {REPEAT} requests per page in-process."
    )
    print()
    print("| page | ideas | on the board | DB queries | median ms | p90 ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    labels = ["/ideer/", "/ideer/<id>/", "/portefolje/"]
    for label in labels:
        for size in SIZES:
            queries, median, p90, board_size = results[label, size]
            print(f"| {label} | {size} | {board_size} | {queries} | {median:.0f} | {p90:.0f} |")
    failures = [label for label in labels if len({results[label, s][0] for s in SIZES}) > 1]
    slow = [label for label in labels if results[label, SIZES[-1]][1] >= TARGET_MS]
    print()
    if failures:
        print(f"Queries grow with the data on: {', '.join(failures)}")
    if slow:
        print(f"Median at {SIZES[-1]} ideas is {TARGET_MS} ms or more on: {', '.join(slow)}")
    if not failures and not slow:
        print(
            f"Queries per page do not grow, and every median at {SIZES[-1]} ideas is under "
            f"{TARGET_MS} ms."
        )
    return 1 if failures or slow else 0


if __name__ == "__main__":
    sys.exit(main())
