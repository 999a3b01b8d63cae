"""Demo ideas: employees' ideas in every state of the workflow, with their timelines, the
porteføljeråd's scores and board, comments and followers.

The data is in governance/content/demo/ideas.toml; this module only plays it through the
functions a click on the site goes through (ideas.services: save_draft, make_move,
add_comment, set_following; ideas.portfolio: record_score, adjust_score,
set_cost_and_concerns, set_order, set_budget), acting as people who sit in the right
council today. So the authority rules, the timeline's wording and the e-mail outbox are
exercised exactly as in use.

All of it happens now, in the order of the data's days across all ideas (so an idea is
merged into one that is still open, as it was then); afterwards the timestamps are moved
back to those days, so the timelines read as months of work. Each council's step is also
checked against the memberships on its own day: whoever acted then sat in the council then.
The checks are the data's, not rules: a mistake in ideas.toml stops the load with a
DemoDataError that names the idea.

The e-mails the moves write to the outbox are history too: they are marked as sent at the
time of their move. Otherwise loading the demo would send (or, with the console backend,
print) some six hundred e-mails to invented people, with whatever task backend runs; an
override of EMAIL_BACKEND would only catch them if it wrapped the outermost transaction, and
not at all with the database task backend, whose worker sends them later.

Idempotent: the ideas are created together, the first time, or not at all, since a merge
and the board's order refer across ideas. The demo logins are made or found every time.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db.models import Min
from django.utils import timezone

from councils import dates
from councils.membership import is_member, members_on
from councils.models import AgendaItem, Attendance, Council, Membership, Organisation
from ideas import portfolio, scoring, services
from ideas.models import Comment, Follow, Idea, Notification, Score, Transition
from ideas.services import IDEA_FIELDS, IdeaError, MoveInput
from ideas.workflow import MOVES, Body, State

from .demo import DemoDataError, People, load_logins

# The founding members of this council took their seats `since` days before the first load.
FOUNDING_COUNCIL = "samarbeidsradet"
EVENT_KINDS = ("move", "scores", "adjust", "cost", "edit", "comment", "follow")


def load_demo_ideas(spec, people, password, since):
    """Create the demo ideas unless they exist; returns the demo logins of the workflow."""
    extra = People(spec.get("people", {}))
    clash = extra.by_key.keys() & people.by_key.keys()
    if clash:
        raise DemoDataError(f"Demodataene definerer disse personene to ganger: {sorted(clash)}.")
    people.by_key.update(extra.by_key)
    logins = load_logins(spec["logins"], people, password)
    titles = [entry["title"] for entry in spec["ideas"]]
    if len(set(titles)) != len(titles):
        raise DemoDataError("To demoidéer har samme tittel.")
    if Idea.objects.filter(title__in=titles).exists():
        return logins
    loader = Loader(people, _demo_day(since))
    plans = [loader.plan(number, entry) for number, entry in enumerate(spec["ideas"])]
    events = sorted(
        (event for plan in plans for event in plan.events),
        key=lambda event: (event.at, event.plan.number, event.position),
    )
    for event in events:
        loader.run(event)
    loader.backdate(plans)
    loader.board(spec["board"])
    return logins


def _demo_day(since):
    """The day the demo was first loaded, which all its days count from (today, the first time).

    The rest of the demo may have been loaded on an earlier day; its founding members took
    their seats `since` days before that day.
    """
    founded = Membership.objects.filter(council__slug=FOUNDING_COUNCIL).aggregate(
        first=Min("starts_on")
    )["first"]
    return dates.today() if founded is None else founded - datetime.timedelta(days=since)


@dataclass
class Event:
    """One thing that happens to an idea: its creation, or one of the data's steps."""

    plan: "Plan"
    position: int
    kind: str
    step: dict
    at: datetime.datetime
    case: AgendaItem | None = None

    @property
    def day(self):
        return timezone.localdate(self.at)


class Plan:
    """An idea of the data, its events in order, and what they recorded."""

    def __init__(self, number, entry):
        self.number = number
        self.entry = entry
        self.title = entry["title"]
        self.idea = None
        self.events = []
        self.stamped = []  # (model, pk, {field: time}) to move back once everything is done


class Loader:
    """Plays the demo ideas through the workflow's rules, as the people of the demo."""

    def __init__(self, people, demo_day):
        self.people = people
        self.demo_day = demo_day
        self.accounts = {}
        self.portfolio_council = Council.objects.get(kind=Council.Kind.PORTFOLIO)
        self.municipalities = {o.slug: o for o in Organisation.objects.all()}
        self.by_title = {}

    # Planning: when each event happened ------------------------------------------------

    def plan(self, number, entry):
        plan = Plan(number, entry)
        steps = [{"create": True, "day": entry["created"]}, *entry.get("steps", [])]
        for position, step in enumerate(steps):
            kind = "create" if position == 0 else _kind(plan, step)
            case = self._case(plan, step) if "case" in step else None
            at = self._time(plan, position, step, kind, case)
            plan.events.append(Event(plan, position, kind, step, at, case))
        _keep_in_order(plan.events)
        if plan.events[-1].at >= timezone.now():
            raise DemoDataError(f"«{plan.title}»: det siste steget ligger i framtiden.")
        self.by_title[plan.title] = plan
        return plan

    def _case(self, plan, step):
        # A case raised to the council above keeps its title but has no meeting yet.
        found = list(
            AgendaItem.objects.filter(title=step["case"], meeting__isnull=False).select_related(
                "meeting"
            )
        )
        if len(found) != 1:
            raise DemoDataError(
                f"«{plan.title}»: fant {len(found)} saker i møter med tittelen «{step['case']}»."
            )
        return found[0]

    def _time(self, plan, position, step, kind, case):
        day = self.demo_day + datetime.timedelta(days=step["day"])
        if case is not None:
            # Decided in the meeting: the demo moves a meeting off weekends and holidays,
            # so its day can differ a little from the one the data gives.
            held = timezone.localdate(case.meeting.starts_at)
            if abs((held - day).days) > 40:
                raise DemoDataError(f"«{plan.title}»: saken «{case.title}» er fra {held}.")
            earlier = sum(1 for e in plan.events if e.case == case)
            return case.meeting.starts_at + datetime.timedelta(minutes=30 + 10 * earlier)
        if _by_a_council(kind, step):
            while day.weekday() >= 5:  # councils work on weekdays
                day -= datetime.timedelta(days=1)
        # Spread over working hours, the same way on every load.
        minutes = (plan.number * 37 + position * 53) % 360
        start = datetime.datetime.combine(day, datetime.time(9)) + datetime.timedelta(
            minutes=minutes
        )
        return timezone.make_aware(start)

    # Playing: each event through the rule it is subject to -----------------------------

    def run(self, event):
        plan, step = event.plan, event.step
        try:
            if event.kind == "create":
                self._create(plan, event)
            elif event.kind == "edit":
                self._edit(plan, step)
            elif event.kind == "move":
                self._move(plan, event)
            elif event.kind == "scores":
                self._scores(plan, event)
            elif event.kind == "adjust":
                user = self._portfolio_user(plan, event)
                adjustment = Decimal(str(step["adjust"]))
                portfolio.adjust_score(plan.idea, user, adjustment, step["reason"])
            elif event.kind == "cost":
                user = self._portfolio_user(plan, event)
                places = [self.municipalities[slug] for slug in step["concerns"]]
                idea = Idea.objects.get(pk=plan.idea.pk)
                portfolio.set_cost_and_concerns(idea, user, step["cost"], places)
            elif event.kind == "comment":
                comment = services.add_comment(plan.idea, self.user(step["by"]), step["comment"])
                plan.stamped.append((Comment, comment.pk, {"created_at": event.at}))
            elif event.kind == "follow":
                user = self.user(step["by"])
                services.set_following(plan.idea, user, True)
                follow = Follow.objects.get(idea=plan.idea, user=user)
                plan.stamped.append((Follow, follow.pk, {"since": event.at}))
        except IdeaError as error:
            details = " ".join(str(message) for message in error.problems.values())
            raise DemoDataError(
                f"«{plan.title}», {event.kind}: {error.message} {details}"
            ) from None

    def _create(self, plan, event):
        entry = plan.entry
        plan.idea = services.save_draft(
            self.user(entry["submitter"]),
            {name: entry.get(name, "") for name in IDEA_FIELDS},
            self.municipalities[entry["municipality"]],
            tags=entry.get("tags", []),
            show_name=entry.get("show_name", False),
        )
        plan.stamped.append((Idea, plan.idea.pk, {"created_at": event.at}))

    def _edit(self, plan, step):
        idea = Idea.objects.get(pk=plan.idea.pk)
        fields = {name: getattr(idea, name) for name in IDEA_FIELDS} | step["edit"]
        plan.idea = services.save_draft(
            idea.submitter,
            fields,
            idea.municipality,
            tags=list(idea.tags.names()),
            show_name=idea.show_name,
            idea=idea,
        )

    def _move(self, plan, event):
        step = event.step
        move = MOVES[step["move"]]
        if move.body == Body.SUBMITTER:
            user = self.user(plan.entry["submitter"])
        else:
            user = self.user(step["by"])
        given = MoveInput(
            reason=step.get("reason", ""),
            text=step.get("text", ""),
            benefits=step.get("benefits", ""),
            follow_up=self.people[step["follow_up"]] if "follow_up" in step else None,
            expert_group=Council.objects.get(slug=step["expert_group"])
            if "expert_group" in step
            else None,
            merge_target=Idea.objects.get(pk=self.by_title[step["merge_target"]].idea.pk)
            if "merge_target" in step
            else None,
            case=event.case,
        )
        version = Idea.objects.values_list("version", flat=True).get(pk=plan.idea.pk)
        transition = services.make_move(plan.idea.pk, move.name, user, version, given)
        self._check_seat(plan, event, transition)
        plan.idea = Idea.objects.get(pk=plan.idea.pk)
        plan.stamped.append((Transition, transition.pk, {"at": event.at}))

    def _check_seat(self, plan, event, transition):
        """Whoever acted for a council sat in it on the step's day, and attended its meeting."""
        council = transition.acting_for
        if council is None:
            return
        if not is_member(transition.actor, council, event.day):
            raise DemoDataError(
                f"«{plan.title}»: {transition.actor_name} satt ikke i {council} "
                f"{event.day:%d.%m.%Y}."
            )
        if event.case is not None:
            absent = event.case.meeting.attendance.filter(
                person__user=transition.actor, status=Attendance.Status.ABSENT
            )
            if absent.exists():
                raise DemoDataError(
                    f"«{plan.title}»: {transition.actor_name} hadde forfall til møtet."
                )

    def _scores(self, plan, event):
        idea = Idea.objects.get(pk=plan.idea.pk)
        for offset, (slug, values) in enumerate(event.step["scores"].items()):
            member = self._portfolio_member(plan, slug, event.day)
            values = dict(zip(scoring.CRITERION_FIELDS, values, strict=True))
            score = portfolio.record_score(idea, self.user_of(member), values)
            at = event.at + datetime.timedelta(minutes=7 * offset)
            plan.stamped.append((Score, score.pk, {"scored_at": at}))

    def _portfolio_user(self, plan, event):
        """Who acts for the porteføljeråd in a step; they sat in it on the step's day."""
        user = self.user(event.step["by"])
        if not portfolio.rights(user, event.day).acts:
            raise DemoDataError(
                f"«{plan.title}»: {user.get_full_name()} satt ikke i Porteføljerådet "
                f"{event.day:%d.%m.%Y}."
            )
        return user

    def _portfolio_member(self, plan, slug, day):
        """The porteføljeråd member who represented `slug` on `day` (never the secretary)."""
        for seat in members_on(self.portfolio_council, day):
            if seat.role != Membership.Role.SECRETARY and seat.represents.slug == slug:
                return seat.person
        raise DemoDataError(
            f"«{plan.title}»: ingen representerte {slug} i Porteføljerådet {day:%d.%m.%Y}."
        )

    # Accounts -----------------------------------------------------------------------------

    def user(self, key):
        return self.user_of(self.people[key])

    def user_of(self, person):
        """The person's user account: the demo login if they have one, else one without a
        password, so the person can act and be named on the timeline but not log in."""
        if person.pk not in self.accounts:
            person.refresh_from_db(fields=["user"])
            user = person.user
            if user is None:
                User = get_user_model()
                user = User.objects.filter(username=person.email).first()
                if user is None:
                    first_name, _, last_name = person.name.rpartition(" ")
                    user = User.objects.create(
                        username=person.email,
                        email=person.email,
                        first_name=first_name,
                        last_name=last_name,
                        password=make_password(None),
                    )
                person.user = user
                person.save(update_fields=["user"])
            self.accounts[person.pk] = user
        return self.accounts[person.pk]

    # Afterwards: the days, and the board -------------------------------------------------

    def backdate(self, plans):
        """Move every recorded time back to its day; the outbox's e-mails were sent then."""
        for plan in plans:
            for model, pk, times in plan.stamped:
                model.objects.filter(pk=pk).update(**times)
                if model is Transition:
                    Notification.objects.filter(transition_id=pk).update(
                        status=Notification.Status.SENT,
                        attempts=1,
                        created_at=times["at"],
                        sent_at=times["at"],
                    )
            moves = [e for e in plan.events if e.kind == "move"]
            sent_in = [e.at for e in moves if MOVES[e.step["move"]].target == State.SUBMITTED]
            Idea.objects.filter(pk=plan.idea.pk).update(
                submitted_at=sent_in[-1] if sent_in else None,
                updated_at=plan.events[-1].at,
            )

    def board(self, spec):
        """The council's order of the board, as it stands today, and this year's budget."""
        leader = self.user(spec["by"])
        places = {
            self.by_title[title].idea.pk: place for place, title in enumerate(spec["order"], 1)
        }
        try:
            portfolio.set_order(leader, places)
            portfolio.set_budget(leader, dates.today().year, Decimal(spec["budget"]))
        except IdeaError as error:
            raise DemoDataError(f"Porteføljetavlen: {error.message}") from None


def _kind(plan, step):
    kinds = [kind for kind in EVENT_KINDS if kind in step]
    if len(kinds) != 1:
        raise DemoDataError(f"«{plan.title}»: et steg må være ett av {EVENT_KINDS}: {step}.")
    return kinds[0]


def _by_a_council(kind, step):
    if kind == "move":
        return MOVES[step["move"]].body != Body.SUBMITTER
    return kind in ("scores", "adjust", "cost")


def _keep_in_order(events):
    """Keep an idea's events in the order the data gives them, each after the one before.

    A meeting held on a weekend or in the summer holiday is moved earlier by the demo, so a
    decision in it may come before the step the data puts before it: that step moves back.
    What is still out of order then (two events on one day) follows a few minutes after.
    """
    for i in range(len(events) - 2, -1, -1):
        if events[i].case is None and events[i].at >= events[i + 1].at:
            events[i].at = events[i + 1].at - datetime.timedelta(hours=2)
    for i in range(1, len(events)):
        if events[i].at <= events[i - 1].at:
            events[i].at = events[i - 1].at + datetime.timedelta(minutes=5)
