"""Demo content that makes the site feel real: fictional people in the four municipalities
and ROR-IKT, the councils with dated memberships, a year of meetings with their cases,
the service catalogue with its role assignments, employees' ideas on their way through
the councils (governance/demo_ideas.py), and the SLA in operation: closed days,
operational notices, outages and a year of the service desk's cases
(governance/demo_calendar.py, demo_notices.py, demo_outages.py, demo_service_desk.py).

The data is in governance/content/demo/*.toml; this module only turns it into rows,
through the same rules an editor's save goes through (full_clean, number_case,
raise_if_not_agreed). Dates are relative to the day the demo is first loaded.

Idempotent: what exists already (found by e-mail, slug or its natural key) is left as
it is, so loading again changes nothing. Only `manage.py load_demo` calls this, and it
refuses to run with DEBUG off: the people are invented and must never reach production.
"""

import datetime
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import ReferenceIndex

from councils import cases, dates
from councils.membership import members_on
from councils.models import (
    AgendaItem,
    Appointment,
    Attendance,
    Council,
    Meeting,
    Membership,
    Organisation,
    Person,
    Vote,
)
from councils.models import municipalities as all_municipalities
from ideas.models import Comment, Idea, PortfolioBudget, Score, Transition

from .models import (
    OperationalNotice,
    Outage,
    Service,
    ServiceCategory,
    ServiceDeskCase,
    ServiceUsage,
    SpecialOpeningDay,
)

DEMO_DIR = Path(__file__).resolve().parent / "content" / "demo"
Role = Membership.Role
Outcome = AgendaItem.Outcome
MinutesStatus = Meeting.MinutesStatus

# E-mail addresses are ASCII; the names are not.
TRANSLITERATION = str.maketrans({"æ": "ae", "ø": "o", "å": "a", " ": "."})


class DemoDataError(Exception):
    """The demo data files refer to something they do not define; the message says what."""


@dataclass
class DemoLogin:
    username: str
    person: Person
    description: str
    created: bool


@dataclass
class DemoResult:
    """What a load created (how many rows per model, by its label), and the demo logins."""

    created: dict = field(default_factory=dict)
    logins: list = field(default_factory=list)


def counted_models():
    """The models whose new rows a load reports (followers and e-mails come with the moves)."""
    return [
        Person,
        Council,
        Membership,
        Appointment,
        Meeting,
        Attendance,
        AgendaItem,
        Vote,
        ServiceCategory,
        Service,
        ServiceUsage,
        Tag,
        get_user_model(),
        Idea,
        Transition,
        Score,
        Comment,
        PortfolioBudget,
        SpecialOpeningDay,
        OperationalNotice,
        Outage,
        ServiceDeskCase,
    ]


@transaction.atomic
def load_demo_content(password, data_dir=DEMO_DIR):
    """Create whatever of the demo content is missing; `password` is the demo logins'."""
    before = _counts()
    organisation = _read(data_dir / "organisation.toml")
    today = dates.today()
    people = People(organisation["people"])
    councils = load_councils(organisation["councils"], people, today, organisation["since"])
    load_appointments(organisation["appointments"], people, today)
    load_meetings(_read(data_dir / "meetings.toml"), councils, people, today)
    load_catalogue(_read(data_dir / "services.toml"), councils, people)
    load_operations(today)
    logins = load_logins(organisation["logins"], people, password)
    # Imported here because demo_ideas builds on this module's people and logins.
    from .demo_ideas import load_demo_ideas

    ideas = _read(data_dir / "ideas.toml")
    logins += load_demo_ideas(ideas, people, password, organisation["since"])
    after = _counts()
    created = {name: after[name] - before[name] for name in after if after[name] != before[name]}
    return DemoResult(created, logins)


def load_operations(today):
    """The SLA in operation: closed days, notices, outages and the service desk's cases."""
    from .demo_calendar import load_demo_special_days
    from .demo_notices import load_demo_notices
    from .demo_outages import load_demo_outages
    from .demo_service_desk import load_demo_cases

    # The cases' deadlines read the closed days; planned notices put outages in the log.
    load_demo_special_days(today)
    load_demo_notices(today)
    load_demo_outages(today)
    load_demo_cases(today)


# People ---------------------------------------------------------------------------------


class People:
    """The demo's people by key ("molde/helse-leder"), created the first time."""

    def __init__(self, table):
        organisations = {o.slug: o for o in Organisation.objects.all()}
        self.by_key = {}
        for slug, entries in table.items():
            for key, (name, title) in entries.items():
                self.by_key[f"{slug}/{key}"] = _person(name, title, organisations[slug])

    def __getitem__(self, key):
        try:
            return self.by_key[key]
        except KeyError:
            raise DemoDataError(
                f"Demodataene nevner en person som ikke finnes: «{key}»."
            ) from None


def _person(name, title, organisation):
    email = f"{name.lower().translate(TRANSLITERATION)}@{organisation.slug}.example.invalid"
    person = Person.objects.filter(email=email).first()
    if person is None:
        person = _save(Person(name=name, title=title, organisation=organisation, email=email))
    return person


# Councils and appointments --------------------------------------------------------------


def load_councils(specs, people, today, since):
    """The councils by slug, each with its members."""
    organisations = {o.slug: o for o in Organisation.objects.all()}
    councils = {}
    for spec in specs:
        council = Council.objects.filter(slug=spec["slug"]).first() or _save(
            Council(
                slug=spec["slug"],
                name=spec["name"],
                kind=spec["kind"],
                field_of_work=spec.get("field_of_work", ""),
                municipality=organisations.get(spec.get("municipality")),
                description=spec["description"],
            )
        )
        councils[council.slug] = council
        for key, role, *period in spec["members"]:
            starts = period[0] if period else since
            ends = period[1] if len(period) > 1 else None
            _membership(council, people[key], role, _day(today, starts), _day(today, ends))
    return councils


def _membership(council, person, role, starts_on, ends_on):
    # The dates count from the first load, so a later load finds the seat by who holds
    # which role where; the data never gives one person the same role twice in a council.
    if Membership.objects.filter(council=council, person=person, role=role).exists():
        return
    _save(
        Membership(
            council=council,
            person=person,
            role=role,
            represents=person.organisation,
            starts_on=starts_on,
            ends_on=ends_on,
        )
    )


def load_appointments(specs, people, today):
    for spec in specs:
        person = people[spec["person"]]
        organisation = Organisation.objects.get(slug=spec["organisation"])
        found = Appointment.objects.filter(
            person=person, position=spec["position"], organisation=organisation
        )
        if not found.exists():
            _save(
                Appointment(
                    person=person,
                    position=spec["position"],
                    organisation=organisation,
                    starts_on=_day(today, spec["starts"]),
                    ends_on=_day(today, spec.get("ends")),
                )
            )


# Meetings and cases ---------------------------------------------------------------------


def load_meetings(spec, councils, people, today):
    """A year of meetings for every council that has none yet.

    A meeting's date counts from the first load, so a later load cannot recognise it by
    its date: a council's meetings are created together, the first time, or not at all.
    """
    fresh = {slug for slug, council in councils.items() if not council.meetings.exists()}
    plans = [plan for plan in spec["meetings"] if plan["council"] in fresh]
    unknown = {plan["council"] for plan in plans} - councils.keys()
    if unknown:
        raise DemoDataError(f"Demodataene nevner råd som ikke finnes: {sorted(unknown)}.")
    organisations = {o.slug: o for o in Organisation.objects.all()}
    previous = {}
    # In calendar order, so each council's case numbers follow its meetings, and a case
    # raised to the porteføljeråd is numbered after the cases that council had before.
    for plan in sorted(plans, key=lambda plan: plan["day"]):
        council = councils[plan["council"]]
        day = _meeting_day(today, plan["day"])
        held = day < today
        meeting = _meeting(council, plan, day, held, people)
        if held:
            opening = _opening_case(spec["opening_case"], previous.get(council.slug))
        else:
            opening = {"title": spec["opening_case"]["title"]}
        for case in [opening, *plan.get("cases", [])]:
            _case(meeting, case, organisations)
        previous[council.slug] = meeting


def _meeting(council, plan, day, held, people):
    starts_at = timezone.make_aware(
        datetime.datetime.combine(day, datetime.time.fromisoformat(plan["time"]))
    )
    status = plan.get("minutes", MinutesStatus.PUBLISHED if held else MinutesStatus.DRAFT)
    meeting = Meeting(
        council=council,
        starts_at=starts_at,
        place=plan["place"],
        minutes_status=status,
        minutes_notes=plan.get("notes", ""),
    )
    if status == MinutesStatus.PUBLISHED:
        # Minutes are published a couple of weeks after the meeting, not on the day the
        # demo happens to be loaded.
        meeting.published_at = min(starts_at + datetime.timedelta(days=14), timezone.now())
    _save(meeting)
    if held:
        _attendance(meeting, day, [people[key] for key in plan.get("absent", [])])
    return meeting


def _attendance(meeting, day, absent):
    """Whoever sat in the council on the day: the leader chairs, the secretary writes."""
    seats = list(members_on(meeting.council, day))
    seated = {seat.person_id for seat in seats}
    for person in absent:
        if person.pk not in seated:
            raise DemoDataError(f"{person.name} satt ikke i {meeting.council} {day:%d.%m.%Y}.")
    absent_ids = {person.pk for person in absent}
    present = [seat for seat in seats if seat.person_id not in absent_ids]
    chair = _first_with_role(present, Role.LEADER, Role.DEPUTY_LEADER, Role.MEMBER)
    writer = _first_with_role(present, Role.SECRETARY)
    rows, seen = [], set()
    for seat in seats:
        if seat.person_id in seen:  # someone with two roles in the council attends once
            continue
        seen.add(seat.person_id)
        away = seat.person_id in absent_ids
        rows.append(
            Attendance(
                meeting=meeting,
                person=seat.person,
                status=Attendance.Status.ABSENT if away else Attendance.Status.PRESENT,
                chairs=seat is chair,
                takes_minutes=seat is writer,
                sort_order=len(rows),
            )
        )
    Attendance.objects.bulk_create(rows)
    # bulk_create sends no signals: record the meeting's references to the people who
    # attended, as saving each row would have (Wagtail shows them as a person's usage).
    ReferenceIndex.create_or_update_for_object(meeting)


def _first_with_role(seats, *roles):
    for role in roles:
        for seat in seats:
            if seat.role == role:
                return seat
    return None


def _opening_case(opening, previous):
    """The case a held meeting opens with: the agenda, and the last meeting's minutes."""
    if previous is None:
        decision = opening["first_decision"]
    else:
        held_on = timezone.localdate(previous.starts_at)
        decision = opening["decision"].format(previous=f"{held_on:%d.%m.%Y}")
    return {"title": opening["title"], "outcome": Outcome.DECIDED, "decision": decision}


def _case(meeting, spec, organisations):
    """A case as a secretary's save makes it: numbered, then raised if not agreed on."""
    item = AgendaItem(
        council=meeting.council,
        meeting=meeting,
        title=spec["title"],
        background=spec.get("background", ""),
        recommendation=spec.get("recommendation", ""),
        outcome=spec.get("outcome", Outcome.PENDING),
        decision=spec.get("decision", ""),
        dissent=spec.get("dissent", ""),
        exempt_ground=spec.get("exempt", ""),
    )
    cases.number_case(item)
    _save(item)
    for slug, choice in spec.get("votes", {}).items():
        _save(Vote(item=item, municipality=organisations[slug], choice=choice))
    cases.raise_if_not_agreed(item)


# The service catalogue ------------------------------------------------------------------


def load_catalogue(spec, councils, people):
    """The categories, and every service not yet in the catalogue with its usages."""
    categories = {
        category["slug"]: ServiceCategory.objects.get_or_create(
            slug=category["slug"], defaults={"name": category["name"]}
        )[0]
        for category in spec["categories"]
    }
    municipalities = {o.slug: o for o in all_municipalities()}
    for entry in spec["services"]:
        if not Service.objects.filter(slug=entry["slug"]).exists():
            service = _service(entry, spec["defaults"], categories, councils, people)
            _usages(service, entry, municipalities, people)


def _service(entry, defaults, categories, councils, people):
    def provider(key):
        return people[f"ror-ikt/{key}"] if key else None

    technical = [provider(key) for key in entry.get("technical", [])] + [None, None]
    support, support_vendor = _support(entry.get("support", ""))
    service = Service(
        slug=entry["slug"],
        name=entry["name"],
        category=categories[entry["category"]],
        faggruppe=councils.get(entry.get("faggruppe")),
        vendor=entry.get("vendor", ""),
        critical=entry.get("critical", False),
        summary=entry["summary"],
        description=entry.get("description", ""),
        audience=entry.get("audience", ""),
        how_to_order=entry.get("how_to_order", defaults["how_to_order"]),
        system_manager=provider(entry.get("system_manager")),
        technical_primary=technical[0],
        technical_secondary=technical[1],
        support=support,
        support_vendor=support_vendor,
        operations_manager=provider(entry.get("operations")),
    )
    service.tags.add(*entry.get("tags", []))
    return _save(service)


def _support(value):
    """The data names "kundeservice", a vendor, or nobody: as (support, support_vendor)."""
    if value == "kundeservice":
        return Service.Support.SERVICE_DESK, ""
    if value:
        return Service.Support.VENDOR, value
    return "", ""


def _usages(service, entry, municipalities, people):
    for index, slug in enumerate(entry.get("municipalities", sorted(municipalities))):
        usage = _save(
            ServiceUsage(
                service=service,
                municipality=municipalities[slug],
                system_owner=None
                if slug in entry.get("no_owner", [])
                else people[f"{slug}/{entry['owner']}"],
                system_administrator=None
                if slug in entry.get("no_administrator", [])
                else people[f"{slug}/{entry['administrator']}"],
                sort_order=index,
            )
        )
        super_users = [people[f"{slug}/{key}"] for key in entry.get("super_users", [])]
        if super_users:
            # A usage is not a cluster of its own, so its deferred many-to-many is written
            # explicitly (the admin's form does the same when it saves).
            usage.super_users.set(super_users)
            usage.super_users.commit()


# Demo logins ----------------------------------------------------------------------------


def load_logins(specs, people, password):
    """A login for each demo person who should have one, with `password`."""
    User = get_user_model()
    hashed = None  # hashing is slow by design; every demo login shares one password
    logins = []
    for spec in specs:
        person = people[spec["person"]]
        user = User.objects.filter(username=spec["username"]).first()
        created = user is None
        if created:
            hashed = hashed or make_password(password)
            first_name, _, last_name = person.name.rpartition(" ")
            user = User.objects.create(
                username=spec["username"],
                first_name=first_name,
                last_name=last_name,
                email=person.email,
                password=hashed,
            )
        if person.user_id is None and not Person.objects.filter(user=user).exists():
            person.user = user
            person.save(update_fields=["user"])
        logins.append(DemoLogin(spec["username"], person, spec["description"], created))
    return logins


# Helpers --------------------------------------------------------------------------------


def _read(path):
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _save(instance):
    """Save as the admin would: only what passes the model's rules."""
    instance.full_clean()
    instance.save()
    return instance


def _day(today, offset):
    return None if offset is None else today + datetime.timedelta(days=offset)


def _meeting_day(today, offset):
    """The day `offset` days from `today`, moved to a day a council would meet.

    Councils meet on weekdays, not in the summer holiday (July) nor between Christmas and
    New Year. A day that falls there moves away from today: a past meeting earlier, a
    coming one later, so a meeting held stays held and a coming one stays ahead. The
    meetings of one council are weeks apart, so none moves past another.
    """
    step = datetime.timedelta(days=-1 if offset < 0 else 1)
    day = today + datetime.timedelta(days=offset)
    while day.weekday() >= 5 or day.month == 7 or _christmas_week(day):
        day += step
    return day


def _christmas_week(day):
    return (day.month, day.day) >= (12, 24) or (day.month, day.day) == (1, 1)


def _counts():
    return {model._meta.label: model.objects.count() for model in counted_models()}
