"""What may be done to an idea, and doing it: drafts, moves, comments, following.

Every change runs in one transaction. A move is made against the version of the idea
the actor saw: if someone else moved it in the meantime, exactly one of them wins and
the other is told the idea has changed (see `make_move`).
"""

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from councils.models import Council, Person

from . import notifications, workflow
from .authority import EDITABLE, Authority
from .models import Attachment, Comment, Follow, Idea, Transition
from .models.ideas import ALLOWED_ATTACHMENTS, MAX_ATTACHMENT_BYTES
from .workflow import MOVES, Body, State

IDEA_FIELDS = ["title", "background", "problem", "benefits", "stakeholders", "proposal"]


class IdeaError(Exception):
    """A refusal in Norwegian; `problems` maps fields to messages where a field is at fault."""

    def __init__(self, message, problems=None):
        super().__init__(message)
        self.message = message
        self.problems = problems or {}


class NotAllowed(IdeaError):
    pass


class IdeaChanged(IdeaError):
    pass


class MoveInvalid(IdeaError):
    pass


CHANGED = "Idéen er endret av noen andre siden du åpnet den. Se hva som er nytt, og prøv igjen."
REQUIREMENT_MESSAGES = {
    workflow.REASON: "Skriv en begrunnelse. Innmelderen får se den.",
    workflow.TEXT: "Skriv teksten til dette steget.",
    workflow.FOLLOW_UP: "Velg en oppfølgingsansvarlig.",
    workflow.EXPERT_GROUP: "Velg faggruppen idéen skal til.",
    workflow.MERGE_TARGET: "Velg idéen den skal slås sammen med.",
    workflow.SCORED: "Porteføljerådet må ha poengsatt idéen før den kan prioriteres.",
    workflow.BENEFITS: "Beskriv gevinstene som ble realisert.",
}
TEXT_MESSAGES = {
    "resubmit": "Skriv kort hva du har endret.",
    "recommend": "Skriv faggruppens vurdering og innstilling.",
    "expert_group_disagrees": "Beskriv uenigheten i faggruppen (dissensen).",
    "portfolio_disagrees": "Beskriv uenigheten i porteføljerådet (dissensen).",
}


# What an idea must say before it is sent in; a draft may lack any of it.
REQUIRED_TO_SUBMIT = {
    "title": "Gi idéen en tittel.",
    "background": "Beskriv bakgrunnen for idéen.",
    "problem": "Beskriv problemet idéen skal løse.",
    "proposal": "Beskriv løsningsforslaget, så godt du kan.",
}


def submission_problems(idea):
    """`{field: message}` for what an idea lacks before it can be sent in."""
    return {
        field: message
        for field, message in REQUIRED_TO_SUBMIT.items()
        if not getattr(idea, field).strip()
    }


@dataclass
class MoveInput:
    """What an actor gives with a move; which fields matter depends on the move."""

    reason: str = ""
    text: str = ""
    follow_up: Person | None = None
    expert_group: Council | None = None
    merge_target: Idea | None = None
    benefits: str = ""
    case: object = None  # a councils.AgendaItem where the decision was made


def requirement_problems(move, idea, given):
    """`{field: message}` for what `move` requires and `given` lacks or gets wrong."""
    problems = {}
    for requirement in move.requires:
        if requirement == workflow.COMPLETE:
            problems.update(submission_problems(idea))
            continue
        if requirement == workflow.SCORED:
            if not idea.scores.exists():
                problems["__all__"] = REQUIREMENT_MESSAGES[requirement]
            continue
        value = getattr(given, requirement)
        if isinstance(value, str):
            value = value.strip()
        if not value:
            message = REQUIREMENT_MESSAGES[requirement]
            if requirement == workflow.TEXT:
                message = TEXT_MESSAGES.get(move.name, message)
            problems[requirement] = message
    target = given.merge_target
    if workflow.MERGE_TARGET in move.requires and target is not None:
        if target.pk == idea.pk:
            problems["merge_target"] = "En idé kan ikke slås sammen med seg selv."
        elif target.state in State.FINAL | {State.DRAFT}:
            problems["merge_target"] = "Velg en idé som fortsatt er under behandling."
    group = given.expert_group
    if group is not None and group.kind != Council.Kind.EXPERT_GROUP:
        problems["expert_group"] = "Velg en faggruppe."
    return problems


def _actor_name(user):
    person = getattr(user, "person", None) if user.is_authenticated else None
    return person.name if person else (user.get_full_name() or user.get_username())


@transaction.atomic
def make_move(idea_id, move_name, user, expected_version, given=None):
    """Make a move of the transition table on an idea; returns the recorded Transition.

    Refuses with NotAllowed (wrong state or no authority on this day), MoveInvalid
    (what the move requires is missing) or IdeaChanged (the idea is no longer at
    `expected_version`). Nothing is written unless everything holds.
    """
    given = given or MoveInput()
    move = MOVES.get(move_name)
    if move is None:
        raise MoveInvalid(f"«{move_name}» er ikke et steg i behandlingen av idéer.")
    # Lock the row (PostgreSQL) so two actors are served one after the other.
    idea = Idea.objects.select_for_update().get(pk=idea_id)
    if idea.version != expected_version:
        raise IdeaChanged(CHANGED)
    authority = Authority(user)
    if idea.state not in move.sources:
        raise NotAllowed(
            f"Idéen er «{idea.state_label.lower()}», og «{move.label}» kan ikke gjøres nå."
        )
    council = None
    if move.body == Body.SUBMITTER:
        if not authority.is_submitter(idea):
            raise NotAllowed("Bare den som sendte inn idéen, kan gjøre dette.")
    else:
        council = authority.council_for(idea, move.body)
        if council is None:
            body = Body.labels[move.body].lower()
            raise NotAllowed(f"Du sitter ikke i {body} som behandler denne idéen i dag.")
    problems = requirement_problems(move, idea, given)
    if given.case is not None and (council is None or given.case.council_id != council.pk):
        problems["case"] = "Saken må høre til rådet som fatter vedtaket."
    if problems:
        raise MoveInvalid("Steget mangler noe. Se feltene under.", problems)

    source = idea.state
    _apply(idea, move, given)
    # The version check and the write are one statement, so on any database exactly one
    # of two simultaneous moves changes the row.
    changed = Idea.objects.filter(pk=idea.pk, version=expected_version).update(
        state=idea.state,
        version=F("version") + 1,
        follow_up=idea.follow_up,
        expert_group=idea.expert_group,
        merged_into=idea.merged_into,
        realised_benefits=idea.realised_benefits,
        submitted_at=idea.submitted_at,
        updated_at=timezone.now(),
    )
    if changed != 1:
        raise IdeaChanged(CHANGED)
    transition = Transition.objects.create(
        idea=idea,
        move=move.name,
        from_state=source,
        to_state=move.target,
        actor=user,
        actor_name=_actor_name(user),
        acting_for=council,
        told=told(move, idea),
        reason=given.reason.strip(),
        text=(given.text or given.benefits).strip(),
        case=given.case,
    )
    notifications.queue_for(transition)
    return transition


def _apply(idea, move, given):
    idea.state = move.target
    if workflow.FOLLOW_UP in move.requires:
        idea.follow_up = given.follow_up
    if workflow.EXPERT_GROUP in move.requires:
        idea.expert_group = given.expert_group
    if workflow.MERGE_TARGET in move.requires:
        idea.merged_into = given.merge_target
    if workflow.BENEFITS in move.requires:
        idea.realised_benefits = given.benefits.strip()
    if move.target == State.SUBMITTED:
        idea.submitted_at = timezone.now()


def told(move, idea):
    """The timeline's wording of a move, with the names it mentions filled in."""
    return move.told.format(
        follow_up=idea.follow_up.name if idea.follow_up else "",
        expert_group=idea.expert_group.name if idea.expert_group else "",
        merge_target=idea.merged_into.title if idea.merged_into else "",
    )


@transaction.atomic
def save_draft(user, fields, municipality, tags=(), show_name=False, idea=None):
    """Create or update the user's own draft (or an idea returned to them) and its tags."""
    if idea is None:
        idea = Idea(submitter=user, submitter_name=_actor_name(user))
    elif idea.submitter_id != user.pk or idea.state not in EDITABLE:
        raise NotAllowed("Bare innmelderen kan endre idéen, og bare før den er sendt inn.")
    for name in IDEA_FIELDS:
        setattr(idea, name, fields.get(name, ""))
    idea.municipality = municipality
    idea.show_name = show_name
    idea.save()
    idea.tags.set(list(tags))
    return idea


def add_comment(idea, user, text):
    """A comment by any employee who may see the idea."""
    if not Authority(user).may_view(idea):
        raise NotAllowed("Du kan ikke kommentere denne idéen.")
    text = text.strip()
    if not text:
        raise MoveInvalid("Skriv en kommentar.", {"text": "Skriv en kommentar."})
    return Comment.objects.create(idea=idea, author=user, author_name=_actor_name(user), text=text)


def set_following(idea, user, follow):
    """Start or stop following an idea (e-mail at every move)."""
    if not Authority(user).may_view(idea):
        raise NotAllowed("Du kan ikke følge denne idéen.")
    if follow:
        Follow.objects.get_or_create(idea=idea, user=user)
    else:
        Follow.objects.filter(idea=idea, user=user).delete()


# What each allowed file type starts with, so a renamed program is not taken for a PDF.
# Plain text has no signature; it must just not contain NUL bytes.
SIGNATURES = {
    ".pdf": b"%PDF-",
    ".png": b"\x89PNG\r\n\x1a\n",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
    ".docx": b"PK\x03\x04",
    ".xlsx": b"PK\x03\x04",
    ".pptx": b"PK\x03\x04",
    ".odt": b"PK\x03\x04",
    ".ods": b"PK\x03\x04",
}
ATTACHMENT_KINDS = (
    "PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), OpenDocument (.odt, .ods), "
    "tekst (.txt) og bilder (.png, .jpg)"
)
MAX_ATTACHMENT_MB = MAX_ATTACHMENT_BYTES // (1024 * 1024)


def attachment_problem(name, size, head):
    """Why a file may not be attached to an idea, as a sentence naming it; "" if it may.

    `head` is the file's first bytes: the type is judged by the name's ending and by the
    content, never by what the browser claims.
    """
    extension = Path(name).suffix.lower()
    if extension not in ALLOWED_ATTACHMENTS:
        return (
            f"«{name}» kan ikke legges ved, fordi filtypen ikke er tillatt. "
            f"Tillatte filtyper er {ATTACHMENT_KINDS}."
        )
    if size == 0:
        return f"«{name}» er tom. Velg en fil med innhold."
    if size > MAX_ATTACHMENT_BYTES:
        megabytes = f"{size / (1024 * 1024):.1f}".replace(".", ",")
        return (
            f"«{name}» er for stor ({megabytes} MB). "
            f"Et vedlegg kan være høyst {MAX_ATTACHMENT_MB} MB."
        )
    signature = SIGNATURES.get(extension)
    if (signature and not head.startswith(signature)) or (not signature and b"\0" in head):
        return (
            f"«{name}» ser ikke ut til å være en {extension}-fil: innholdet stemmer ikke "
            "med filendelsen."
        )
    return ""


def upload_problem(upload):
    """`attachment_problem` for an uploaded file (Django's UploadedFile)."""
    upload.seek(0)
    head = upload.read(512)
    upload.seek(0)
    return attachment_problem(upload.name, upload.size, head)


@transaction.atomic
def attach_files(idea, user, uploads):
    """Attach uploaded files to the submitter's idea while they may change it.

    One file that is not allowed refuses them all (MoveInvalid with every reason under
    `attachments`). The stored type follows the file's ending, not the browser's claim.
    """
    if not Authority(user).may_edit(idea):
        raise NotAllowed("Bare innmelderen kan legge ved filer, og bare før idéen er sendt inn.")
    problems = [problem for problem in map(upload_problem, uploads) if problem]
    if problems:
        message = " ".join(problems)
        raise MoveInvalid(message, {"attachments": message})
    attachments = []
    for upload in uploads:
        name = Path(upload.name).name[:255]
        attachment = Attachment(
            idea=idea,
            name=name,
            size=upload.size,
            content_type=ALLOWED_ATTACHMENTS[Path(name).suffix.lower()],
        )
        attachment.file.save(name, upload, save=False)
        attachment.save()
        attachments.append(attachment)
    return attachments


def sending_move(idea):
    """The move that sends the submitter's idea in: submit a draft, resubmit a returned one."""
    return "resubmit" if idea.state == State.RETURNED else "submit"


def save_idea(
    user,
    fields,
    municipality,
    tags=(),
    show_name=False,
    idea=None,
    *,
    uploads=(),
    send=False,
    note="",
):
    """Save the submitter's idea and new attachments, and send it in if asked: all or nothing.

    `send=True` sends it in; `note` says what was changed when a returned idea is sent in
    again. Any IdeaError leaves the idea as it was, and no attached file is left on disk.
    """
    stored = []
    try:
        with transaction.atomic():
            idea = save_draft(user, fields, municipality, tags, show_name, idea)
            stored = attach_files(idea, user, uploads)
            if send:
                given = MoveInput(text=note)
                make_move(idea.pk, sending_move(idea), user, idea.version, given)
    except IdeaError:
        for attachment in stored:
            attachment.file.storage.delete(attachment.file.name)
        raise
    return idea
