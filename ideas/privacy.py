"""Personal data about a person in the idea workflow and the organisation: export, anonymise.

The export answers a person's right of access (GDPR art. 15 and 20): everything the
ideas and the councils hold about them, as plain data. Anonymisation answers a request
for erasure as far as the councils' duty to keep their decisions allows: the person's
ideas and comments stay, with their content and timeline, but no longer point to them.
Moves a council member made for a council are decisions in office and stay as they are.

The service catalogue's roles are the governance app's part of an export (its
`export_personal_data` command adds them); this module never imports governance.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from councils.models import Attendance, Person

from .models import Comment, Follow, Idea, Notification, Score, Transition
from .workflow import MOVES, Body, State

ANONYMOUS_SUBMITTER = "Anonymisert innmelder"
ANONYMOUS_AUTHOR = "Anonymisert"
# The moves an idea's submitter makes as submitter (send in, withdraw, …), not in office.
SUBMITTER_MOVES = [name for name, move in MOVES.items() if move.body == Body.SUBMITTER]


class UnknownPerson(Exception):
    """No one, or more than one, answers to what was given; `message` says which, in Norwegian."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Subject:
    """The person an export or anonymisation is about: their account and Person records."""

    identifier: str
    user: object = None
    people: list = field(default_factory=list)

    @property
    def emails(self):
        """Every e-mail address the person is known by, in lower case."""
        found = {self.user.email} if self.user is not None else set()
        found |= {person.email for person in self.people}
        return sorted(address.lower() for address in found if address)

    @property
    def name(self):
        """Who this is, for the commands' messages: `Ine Innmelder (brukernavn innmelder)`."""
        if self.user is None:
            return self.people[0].name
        username = self.user.get_username()
        full = self.user.get_full_name()
        return f"{full} (brukernavn {username})" if full else f"brukernavn {username}"


def find_subject(identifier):
    """The person behind a username or an e-mail address; UnknownPerson if none or several.

    A user's Person record is the one linked to the account; a Person registered with the
    same e-mail but no account (a role holder who has never logged in) is the same person.
    Someone with no account at all is found by the e-mail of their Person record.
    """
    text = (identifier or "").strip()
    if not text:
        raise UnknownPerson("Oppgi et brukernavn eller en e-postadresse.")
    users = get_user_model().objects
    found = list(users.filter(username=text)) or list(users.filter(email__iexact=text))
    if len(found) > 1:
        raise UnknownPerson(
            f"Flere brukere har e-postadressen «{text}». Oppgi brukernavnet i stedet."
        )
    user = found[0] if found else None
    people = []
    if user is not None:
        linked = Person.objects.filter(user=user)
        unlinked = (
            Person.objects.filter(user__isnull=True, email__iexact=user.email)
            if user.email
            else Person.objects.none()
        )
        people = list(linked) + list(unlinked)
    elif "@" in text:
        people = list(Person.objects.filter(user__isnull=True, email__iexact=text))
    if user is None and not people:
        raise UnknownPerson(f"Fant ingen person med brukernavnet eller e-postadressen «{text}».")
    return Subject(text, user, people)


# The export


def as_iso(value):
    """A date or time as ISO 8601, times in Norwegian local time; None stays None."""
    if value is None:
        return None
    if hasattr(value, "tzinfo"):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def _account(user):
    return {
        "brukernavn": user.get_username(),
        "fornavn": user.first_name,
        "etternavn": user.last_name,
        "e_post": user.email,
        "aktiv": user.is_active,
        "tilgang_til_administrasjon": user.is_staff,
        "superbruker": user.is_superuser,
        "grupper": sorted(group.name for group in user.groups.all()),
        "opprettet": as_iso(user.date_joined),
        "sist_innlogget": as_iso(user.last_login),
    }


def _person(person):
    memberships = person.memberships.select_related("council", "represents").order_by("starts_on")
    appointments = person.appointments.select_related("organisation").order_by("starts_on")
    attendance = Attendance.objects.filter(person=person).select_related("meeting__council")
    return {
        "navn": person.name,
        "stilling": person.title,
        "arbeidssted": person.organisation.name,
        "e_post": person.email,
        "telefon": person.phone,
        "medlemskap": [
            {
                "rad": seat.council.name,
                "rolle": seat.get_role_display(),
                "representerer": seat.represents.name,
                "fra": as_iso(seat.starts_on),
                "til_og_med": as_iso(seat.ends_on),
            }
            for seat in memberships
        ],
        "utnevnelser": [
            {
                "rolle": appointment.get_position_display(),
                "for": appointment.organisation.name,
                "fra": as_iso(appointment.starts_on),
                "til_og_med": as_iso(appointment.ends_on),
            }
            for appointment in appointments
        ],
        "motedeltakelse": [
            {
                "rad": row.meeting.council.name,
                "mote": as_iso(row.meeting.starts_at),
                "oppmote": row.get_status_display(),
                "moteleder": row.chairs,
                "referent": row.takes_minutes,
            }
            for row in attendance.order_by("meeting__starts_at")
        ],
    }


def _idea_ref(idea):
    return {"id": idea.pk, "tittel": idea.title}


def _idea(idea):
    return {
        "id": idea.pk,
        "tittel": idea.title,
        "bakgrunn": idea.background,
        "problemstilling": idea.problem,
        "mulige_gevinster": idea.benefits,
        "berorte_parter": idea.stakeholders,
        "losningsforslag": idea.proposal,
        "kommune": idea.municipality.name,
        "stikkord": sorted(tag.name for tag in idea.tags.all()),
        "innmelders_navn": idea.submitter_name,
        "navnet_kan_vises": idea.show_name,
        "status": idea.state_label,
        "opprettet": as_iso(idea.created_at),
        "sendt_inn": as_iso(idea.submitted_at),
        "vedlegg": [
            {"filnavn": a.name, "storrelse_byte": a.size, "lastet_opp": as_iso(a.uploaded_at)}
            for a in idea.attachments.all()
        ],
    }


def export(subject):
    """Everything the ideas and the councils hold about `subject`, as JSON-ready data.

    Only the person's own records: their account, Person records with memberships,
    appointments and meeting attendance, the ideas they sent in (with the names of the
    attachments), ideas they follow up, their comments, follows, the moves they made,
    their scores, and the e-mails sent to them. Nothing about anyone else.
    """
    user = subject.user
    data = {
        "eksportert": as_iso(timezone.now()),
        "gjelder": subject.identifier,
        "brukerkonto": _account(user) if user is not None else None,
        "personer": [_person(person) for person in subject.people],
        "oppfolgingsansvarlig_for": [
            {**_idea_ref(idea), "status": idea.state_label}
            for idea in Idea.objects.filter(follow_up__in=subject.people).order_by("pk")
        ],
    }
    if user is not None:
        ideas = (
            Idea.objects.filter(submitter=user)
            .select_related("municipality")
            .prefetch_related("tags", "attachments")
            .order_by("pk")
        )
        comments = Comment.objects.filter(author=user).select_related("idea")
        follows = Follow.objects.filter(user=user).select_related("idea").order_by("since")
        moves = Transition.objects.filter(actor=user).select_related("idea", "acting_for")
        scores = Score.objects.filter(member=user).select_related("idea").order_by("scored_at")
        data |= {
            "ideer_sendt_inn": [_idea(idea) for idea in ideas],
            "kommentarer": [
                {
                    "ide": _idea_ref(c.idea),
                    "navn": c.author_name,
                    "tekst": c.text,
                    "skrevet": as_iso(c.created_at),
                }
                for c in comments
            ],
            "folger": [{"ide": _idea_ref(f.idea), "siden": as_iso(f.since)} for f in follows],
            "steg_utfort": [
                {
                    "ide": _idea_ref(t.idea),
                    "steg": MOVES[t.move].label if t.move in MOVES else t.move,
                    "fra": State.labels.get(t.from_state, t.from_state),
                    "til": State.labels.get(t.to_state, t.to_state),
                    "pa_vegne_av": t.acting_for.name if t.acting_for else "Innmelder",
                    "navn": t.actor_name,
                    "tidspunkt": as_iso(t.at),
                    "begrunnelse": t.reason,
                    "tekst": t.text,
                }
                for t in moves
            ],
            "poengsettinger": [
                {
                    "ide": _idea_ref(s.idea),
                    "strategisk_verdi": s.strategic_value,
                    "kvalitativ_gevinst": s.qualitative_benefit,
                    "okonomisk_gevinst": s.economic_benefit,
                    "operasjonelt_behov_lovpalagt": s.operational_need,
                    "risiko": s.risk,
                    "satt": as_iso(s.scored_at),
                }
                for s in scores
            ],
        }
    addresses = Q(pk__in=[])
    for address in subject.emails:
        addresses |= Q(recipient__iexact=address)
    data["e_postvarsler"] = [
        {
            "til": note.recipient,
            "emne": note.subject,
            "tekst": note.body,
            "status": note.get_status_display(),
            "opprettet": as_iso(note.created_at),
            "sendt": as_iso(note.sent_at),
        }
        for note in Notification.objects.filter(addresses).order_by("created_at", "pk")
    ]
    return data


# Anonymisation


@dataclass
class Anonymisation:
    """What anonymising a person changes (or changed): counts of rows."""

    ideas: int = 0  # ideas they sent in: the link and the name removed
    drafts: int = 0  # their drafts, deleted: no one else could ever see or send them
    comments: int = 0
    moves: int = 0  # their own moves as submitter (send in, withdraw, …)
    follows: int = 0  # ideas they followed: a personal wish, removed
    emails: int = 0  # e-mails to them in the outbox: address and text, removed

    @property
    def nothing(self):
        return not (
            self.ideas or self.drafts or self.comments or self.moves or self.follows or self.emails
        )


def _targets(user):
    ideas = Idea.objects.filter(submitter=user)
    emails = (
        Notification.objects.filter(recipient__iexact=user.email)
        if user.email
        else Notification.objects.none()
    )
    return (
        ideas.exclude(state=State.DRAFT),
        ideas.filter(state=State.DRAFT),
        Comment.objects.filter(author=user),
        Transition.objects.filter(actor=user, move__in=SUBMITTER_MOVES),
        Follow.objects.filter(user=user),
        emails,
    )


def anonymisation_plan(user):
    """What `anonymise(user)` would change, without changing anything."""
    return Anonymisation(*(rows.count() for rows in _targets(user)))


@transaction.atomic
def anonymise(user):
    """Anonymise a person's ideas, comments and own moves; keep every council's decisions.

    The ideas keep their content and timeline, but no longer point to the person:
    submitter None, the name «Anonymisert innmelder», never shown. Comments keep their
    text under the name «Anonymisert». The person's own moves as submitter are
    anonymised the same way; moves made for a council, and scores, stay as they are.
    What they followed, and the e-mails written to them, are deleted.
    Drafts are deleted with their files: only their author could ever see them.
    Running it again changes nothing.
    """
    ideas, drafts, comments, moves, follows, emails = _targets(user)
    done = Anonymisation()
    done.follows = follows.delete()[0]
    done.emails = emails.delete()[0]
    done.moves = moves.update(actor=None, actor_name=ANONYMOUS_SUBMITTER)
    done.comments = comments.update(author=None, author_name=ANONYMOUS_AUTHOR)
    done.ideas = ideas.update(submitter=None, submitter_name=ANONYMOUS_SUBMITTER, show_name=False)
    files = [
        a.file for idea in drafts.prefetch_related("attachments") for a in idea.attachments.all()
    ]
    done.drafts = drafts.count()
    drafts.delete()
    # The files go only once the rows are gone for good.
    transaction.on_commit(lambda: [file.storage.delete(file.name) for file in files if file])
    return done
