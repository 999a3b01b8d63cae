"""Two people acting on the same idea at once: exactly one move wins, nothing is half-written."""

import threading

import pytest
from django.db import connection, connections

from ideas import services
from ideas.models import Notification, Transition
from ideas.services import IdeaChanged, MoveInput
from ideas.workflow import State
from tests.ideas.factories import IdeaFactory, innovation_council, member

THREADS = 8

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Row locks and parallel writers are PostgreSQL's; SQLite serialises all writes",
    ),
]


def test_many_simultaneous_moves_have_exactly_one_winner(migration_data):
    council = innovation_council("molde")
    members = [member(council, f"medlem{n}") for n in range(THREADS)]
    idea = IdeaFactory(state=State.TRIAGE)
    barrier = threading.Barrier(THREADS)
    outcomes = []

    def act(user):
        try:
            barrier.wait()
            services.make_move(idea.pk, "return", user, 0, MoveInput(reason=f"{user} sier nei"))
            outcomes.append("won")
        except IdeaChanged:
            outcomes.append("changed")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=(user,)) for user in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["changed"] * (THREADS - 1) + ["won"]
    idea.refresh_from_db()
    assert (idea.state, idea.version) == (State.RETURNED, 1)
    transitions = Transition.objects.filter(idea=idea)
    assert transitions.count() == 1
    assert Notification.objects.exclude(transition__in=transitions).count() == 0
