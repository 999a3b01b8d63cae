"""The demo ideas: every state, timelines the transition table allows, made by people who sat
in the councils on the day, a board that looks real, and logins that are what they claim."""

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from councils import dates
from councils.membership import is_member, memberships_of
from councils.models import Attendance, Council
from governance.demo import load_demo_content
from governance.management.commands.load_demo import DEMO_PASSWORD
from ideas import portfolio
from ideas.models import Comment, Follow, Idea, Notification, PortfolioBudget, Score, Transition
from ideas.workflow import MOVES, Body, State

Kind = Council.Kind
BODY_KIND = {
    Body.INNOVATION: Kind.INNOVATION,
    Body.EXPERT_GROUP: Kind.EXPERT_GROUP,
    Body.PORTFOLIO: Kind.PORTFOLIO,
    Body.COOPERATION: Kind.COOPERATION,
}
# The workflow's demo logins and the councils each sits in today.
LOGINS = {
    "radsmedlem": {"portefoljeradet", "innovasjonsradet-molde"},
    "innovasjonsrad": {"innovasjonsradet-molde"},
    "faggruppe": {"faggruppe-helse-og-omsorg"},
    "samarbeidsrad": {"samarbeidsradet"},
    "ansatt": set(),
}
FULL_PATH = "Digital vaktbooking for vikarer i helse og omsorg"


@pytest.fixture(scope="class")
def shared_demo(django_db_setup, django_db_blocker):
    """The demo loaded once for a class of tests, and rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo_content(DEMO_PASSWORD)
        transaction.set_rollback(True)


@pytest.fixture
def demo(shared_demo, db):
    return shared_demo


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def timeline(idea):
    return list(idea.transitions.order_by("at", "pk"))


class TestTheDemoIdeas:
    """Checks of one load of the demo, shared by the tests of this class."""

    def test_about_forty_ideas_in_every_state_across_the_four_municipalities(self, demo):
        ideas = Idea.objects.select_related("municipality")
        assert 40 <= ideas.count() <= 50
        assert {idea.state for idea in ideas} == set(State.labels)
        by_place = Counter(idea.municipality.slug for idea in ideas)
        assert set(by_place) == {"aukra", "molde", "rauma", "vestnes"}
        assert min(by_place.values()) >= 8
        assert ideas.filter(show_name=False).exists() and ideas.filter(show_name=True).exists()
        assert all(idea.tags.exists() for idea in ideas)

    def test_every_timeline_is_a_path_through_the_transition_table(self, demo):
        now = timezone.now()
        for idea in Idea.objects.all():
            steps = timeline(idea)
            state = State.DRAFT
            for step in steps:
                move = MOVES[step.move]
                assert step.from_state == state, (idea, step.move)
                assert step.from_state in move.sources, (idea, step.move)
                assert step.to_state == move.target, (idea, step.move)
                state = step.to_state
            assert state == idea.state, idea
            times = [idea.created_at, *(step.at for step in steps)]
            assert times == sorted(times) and len(set(times)) == len(times), idea
            assert times[-1] < now, idea
            sent_in = [s.at for s in steps if s.to_state == State.SUBMITTED]
            assert idea.submitted_at == (sent_in[-1] if sent_in else None), idea

    def test_the_timelines_span_months(self, demo):
        first = Transition.objects.order_by("at").first().at
        assert timezone.now() - first > datetime.timedelta(days=300)
        days = {timezone.localdate(at) for at in Transition.objects.values_list("at", flat=True)}
        assert len(days) > 80

    def test_every_council_step_was_taken_by_a_member_on_the_day_and_today(self, demo):
        steps = Transition.objects.select_related("actor", "acting_for", "case__meeting")
        for step in steps:
            move = MOVES[step.move]
            if move.body == Body.SUBMITTER:
                assert step.actor == step.idea.submitter and step.acting_for is None, step
                continue
            council = step.acting_for
            assert council.kind == BODY_KIND[move.body], step
            assert is_member(step.actor, council, timezone.localdate(step.at)), step
            assert is_member(step.actor, council), step
            if step.case is not None:
                assert step.case.council == council, step
                meeting = step.case.meeting
                assert timezone.localdate(step.at) == timezone.localdate(meeting.starts_at)
                assert not meeting.attendance.filter(
                    person__user=step.actor, status=Attendance.Status.ABSENT
                ).exists(), step

    def test_some_decisions_point_to_meeting_cases_of_every_kind_of_council_below_the_top(
        self, demo
    ):
        kinds = set(
            Transition.objects.exclude(case=None).values_list("acting_for__kind", flat=True)
        )
        assert {Kind.INNOVATION, Kind.EXPERT_GROUP, Kind.PORTFOLIO} <= kinds

    def test_the_issue_s_path_in_full(self, demo):
        idea = Idea.objects.get(title=FULL_PATH)
        assert idea.municipality.slug == "molde"
        assert [step.move for step in timeline(idea)] == [
            "submit",
            "start_triage",
            "send_to_expert_group",
            "expert_group_disagrees",
            "portfolio_disagrees",
            "cooperation_prioritises",
            "establish_project",
        ]
        assert idea.follow_up is not None and idea.expert_group is not None
        assert idea.scores.count() == 5
        assert idea.score_adjustment != 0 and idea.score_adjustment_reason

    def test_scores_were_given_while_the_porteføljeråd_had_the_idea(self, demo):
        for score in Score.objects.select_related("idea", "member"):
            day = timezone.localdate(score.scored_at)
            assert portfolio.rights(score.member, day).scores, score
            before = score.idea.transitions.filter(at__lte=score.scored_at).order_by("at")
            assert before.last().to_state == State.PORTFOLIO, score

    def test_the_board_has_scores_costs_an_order_and_this_year_s_budget(self, demo):
        board = portfolio.board(dates.today().year)
        assert len(board.rows) >= 12
        assert board.budget is not None and board.total_cost > 0
        assert all(row.idea.estimated_cost for row in board.rows)
        assert all(row.idea.portfolio_rank for row in board.rows)
        assert sum(row.score is not None for row in board.rows) >= len(board.rows) - 2
        assert len({row.band for row in board.rows if row.score is not None}) >= 3
        assert PortfolioBudget.objects.get(year=dates.today().year).amount > 0

    def test_comments_and_followers_from_several_people(self, demo):
        assert Comment.objects.count() >= 15
        assert Comment.objects.values("author").distinct().count() >= 10
        assert Comment.objects.values("idea").distinct().count() >= 10
        assert Follow.objects.values("user").distinct().count() >= 5

    def test_submitters_are_ordinary_employees(self, demo):
        for idea in Idea.objects.select_related("submitter__person"):
            assert idea.submitter.person.email.endswith(".example.invalid")
            assert not memberships_of(idea.submitter).exists(), idea

    def test_the_e_mails_of_the_moves_were_written_and_are_history(self, demo):
        notes = Notification.objects.select_related("transition")
        assert notes.count() > 200
        assert not notes.exclude(status=Notification.Status.SENT).exists()
        assert all(note.sent_at == note.transition.at for note in notes)

    def test_the_demo_logins_sit_in_the_councils_claimed_today(self, demo):
        User = get_user_model()
        for username, councils in LOGINS.items():
            user = User.objects.get(username=username)
            assert user.check_password(DEMO_PASSWORD), username
            seats = {seat.council.slug for seat in memberships_of(user)}
            assert seats == councils, username
        kinds = {
            council.kind
            for slugs in LOGINS.values()
            for council in Council.objects.filter(slug__in=slugs)
        }
        assert kinds == set(Kind.values)
        usernames = {login.username for login in demo.logins}
        assert set(LOGINS) <= usernames

    def test_the_employee_login_has_a_draft_an_idea_sent_back_and_the_full_path(self, demo):
        ideas = Idea.objects.filter(submitter__username="ansatt")
        states = set(ideas.values_list("state", flat=True))
        assert {State.DRAFT, State.RETURNED, State.PROJECT} <= states
        assert ideas.filter(title=FULL_PATH).exists()

    def test_the_other_people_who_act_cannot_log_in(self, demo):
        User = get_user_model()
        listed = {login.username for login in demo.logins} | {"admin", "redaktor", "godkjenner"}
        actors = User.objects.filter(idea_transitions__isnull=False).distinct()
        assert actors.exclude(username__in=listed).exists()
        for user in actors.exclude(username__in=listed):
            assert not user.has_usable_password(), user

    def test_loading_again_later_changes_nothing(self, demo, monkeypatch):
        before = row_counts()
        later = dates.today() + datetime.timedelta(days=7)
        monkeypatch.setattr(dates, "today", lambda: later)

        again = load_demo_content(DEMO_PASSWORD)

        assert again.created == {}
        assert row_counts() == before


def test_the_command_prints_the_workflow_s_logins_once(db):
    out = StringIO()
    call_command("load_demo", allow_without_debug=True, stdout=out)
    for username in LOGINS:
        assert f"Demobruker opprettet: {username} / {DEMO_PASSWORD}" in out.getvalue()
    assert "idéer" in out.getvalue()

    out = StringIO()
    call_command("load_demo", allow_without_debug=True, stdout=out)
    assert "Demobruker opprettet" not in out.getvalue()
