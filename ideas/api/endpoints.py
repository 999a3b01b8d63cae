"""The endpoints. Each reads its input, asks `ideas.authority` or `ideas.services`, and shapes
the answer; no rule about who may see or do what is decided here."""

import operator
from functools import reduce

from django.db import transaction
from django.db.models import F, Q
from django.http import Http404
from django.urls import reverse
from ninja import Path, Query, Router, Status

from councils.models import AgendaItem, Council, Person, municipalities
from ideas import services
from ideas.authority import Authority
from ideas.models import Idea, IdeaTag
from ideas.services import IdeaChanged, MoveInput, MoveInvalid
from ideas.workflow import MOVES, state_label

from .errors import INVALID, Problem
from .schemas import (
    MAX_ID,
    IdeaDetail,
    IdeaIn,
    IdeaPage,
    IdeaQuery,
    MoveIn,
    MoveResult,
    TimelineEntry,
)

router = Router(tags=["Idéer"])

# The refusals every endpoint may give; each endpoint adds its own.
REFUSALS = {401: Problem, 422: Problem}
IdeaId = Path(..., ge=1, le=MAX_ID, description="Idéens id.")


def _ideas():
    return Idea.objects.select_related("municipality", "expert_group").prefetch_related("tags")


def _visible_idea(idea_id, authority):
    """The idea, if the caller may see it; otherwise 404, so others' drafts stay unknown."""
    idea = _ideas().select_related("follow_up").filter(pk=idea_id).first()
    if idea is None or not authority.may_view(idea):
        raise Http404(f"Fant ingen idé med id {idea_id}.")
    return idea


def _ref(obj):
    return {"slug": obj.slug, "name": obj.name} if obj is not None else None


def summary(request, idea, authority):
    return {
        "id": idea.pk,
        "url": request.build_absolute_uri(reverse("idea_detail", args=[idea.pk])),
        "title": idea.title,
        "state": idea.state,
        "state_label": idea.state_label,
        "municipality": _ref(idea.municipality),
        "expert_group": _ref(idea.expert_group),
        "tags": sorted(tag.name for tag in idea.tags.all()),
        "submitter": authority.submitter_name(idea),
        "mine": authority.is_submitter(idea),
        "version": idea.version,
        "created_at": idea.created_at,
        "submitted_at": idea.submitted_at,
        "updated_at": idea.updated_at,
    }


def detail(request, idea, authority):
    follow_up = idea.follow_up
    return {
        **summary(request, idea, authority),
        **{name: getattr(idea, name) for name in services.IDEA_FIELDS},
        "show_name": idea.show_name,
        "follow_up": {"id": follow_up.pk, "name": follow_up.name} if follow_up else None,
        "merged_into": idea.merged_into_id,
        "realised_benefits": idea.realised_benefits,
        "moves": [
            {
                "name": move.name,
                "label": move.label,
                "target": move.target,
                "target_label": state_label(move.target),
                "body": move.body,
                "requires": list(move.requires),
            }
            for move in authority.moves(idea)
        ],
    }


def _case_url(request, case):
    # Where the site shows a case: its meeting's published minutes, else its council's page.
    council = case.council
    if case.meeting_id and case.meeting.is_published:
        path = reverse("meeting_detail", args=[council.slug, case.meeting_id])
    else:
        path = reverse("council_detail", args=[council.slug])
    return request.build_absolute_uri(f"{path}#sak-{case.label}")


def timeline_entry(request, transition, idea, authority):
    case = transition.case
    move = MOVES.get(transition.move)
    return {
        "id": transition.pk,
        "move": transition.move,
        "move_label": move.label if move else transition.move,
        "from_state": transition.from_state,
        "from_label": state_label(transition.from_state),
        "to_state": transition.to_state,
        "to_label": state_label(transition.to_state),
        "told": transition.told,
        "reason": transition.reason,
        "text": transition.text,
        "actor": authority.actor_name(transition, idea),
        "acting_for": _ref(transition.acting_for),
        "at": transition.at,
        "case": {
            "id": case.pk,
            "label": case.label,
            "title": case.title,
            "council": _ref(case.council),
            "url": _case_url(request, case),
        }
        if case
        else None,
    }


def _refuse_repeated_filters(request):
    """Each filter takes one value; `?state=a&state=b` would otherwise quietly use the last."""
    problems = {
        name: f"«{name}» kan bare gis én gang."
        for name in IdeaQuery.model_fields
        if len(request.GET.getlist(name)) > 1
    }
    if problems:
        raise MoveInvalid(INVALID, problems)


def _transitions(idea):
    return idea.transitions.select_related("acting_for", "case__council", "case__meeting")


@router.get(
    "/ideas",
    response={200: IdeaPage, **REFUSALS},
    summary="Finn idéer",
    description=(
        "Alle idéer du kan se – alle unntatt andres utkast – nyeste først, filtrert og delt "
        "i sider (limit, offset)."
    ),
)
def list_ideas(request, query: Query[IdeaQuery]):
    _refuse_repeated_filters(request)
    authority = Authority(request.user)
    ideas = _ideas().filter(authority.viewable())
    if query.state:
        ideas = ideas.filter(state=query.state)
    if query.municipality:
        ideas = ideas.filter(municipality__slug=query.municipality)
    if query.expert_group:
        ideas = ideas.filter(expert_group__slug=query.expert_group)
    if query.tag:
        tagged = IdeaTag.objects.filter(tag__name__iexact=query.tag.strip())
        ideas = ideas.filter(pk__in=tagged.values("content_object"))
    if query.q and query.q.strip():
        words = query.q.strip()
        ideas = ideas.filter(
            reduce(operator.or_, (Q(**{f"{f}__icontains": words}) for f in services.IDEA_FIELDS))
        )
    if query.tasks:
        queues = [q for _council, q in authority.queue_filters()]
        ideas = ideas.filter(reduce(operator.or_, queues)) if queues else ideas.none()
    ideas = ideas.order_by(F("submitted_at").desc(nulls_last=True), "-created_at", "-pk")
    page = ideas[query.offset : query.offset + query.limit]
    return {
        "count": ideas.count(),
        "limit": query.limit,
        "offset": query.offset,
        "items": [summary(request, idea, authority) for idea in page],
    }


@router.get(
    "/ideas/{idea_id}",
    response={200: IdeaDetail, 404: Problem, **REFUSALS},
    summary="Les én idé",
    description="Idéen, dens versjon og stegene du kan gjøre på den nå.",
)
def read_idea(request, idea_id: int = IdeaId):
    authority = Authority(request.user)
    return detail(request, _visible_idea(idea_id, authority), authority)


@router.post(
    "/ideas",
    response={201: IdeaDetail, 403: Problem, **REFUSALS},
    summary="Meld inn en idé",
    description=(
        "Lagrer idéen som utkast, eller sender den inn med en gang (`send_in`). Mangler det "
        "noe for å sende inn, lagres ingenting, og svaret er 422 med feltene som mangler."
    ),
)
def create_idea(request, payload: IdeaIn):
    municipality = municipalities().filter(slug=payload.municipality).first()
    if municipality is None:
        names = ", ".join(m.slug for m in municipalities())
        raise MoveInvalid(INVALID, {"municipality": f"Velg en av kommunene: {names}."})
    fields = {name: getattr(payload, name) for name in services.IDEA_FIELDS}
    tags = sorted({tag.strip() for tag in payload.tags if tag.strip()})
    # A draft that cannot be sent in must not be left behind: all or nothing.
    with transaction.atomic():
        idea = services.save_draft(
            request.user, fields, municipality, tags=tags, show_name=payload.show_name
        )
        if payload.send_in:
            services.make_move(idea.pk, "submit", request.user, idea.version)
    authority = Authority(request.user)
    return Status(201, detail(request, _visible_idea(idea.pk, authority), authority))


def _move_input(payload, authority):
    """The move's inputs, with the ids and slugs the caller gave looked up."""
    problems = {}

    def find(field, queryset, key, missing):
        value = getattr(payload, field)
        if value is None or value == "":  # a form's empty choice: nothing chosen
            return None
        found = queryset.filter(**{key: value}).first()
        if found is None:
            problems[field] = missing.format(value)
        return found

    merge_target = find("merge_target", Idea.objects.all(), "pk", "Fant ingen idé med id {}.")
    if merge_target is not None and not authority.may_view(merge_target):
        problems["merge_target"] = f"Fant ingen idé med id {payload.merge_target}."
    given = MoveInput(
        reason=payload.reason,
        text=payload.text,
        benefits=payload.benefits,
        follow_up=find("follow_up", Person.objects.all(), "pk", "Fant ingen person med id {}."),
        expert_group=find(
            "expert_group", Council.objects.all(), "slug", "Fant ingen faggruppe «{}»."
        ),
        merge_target=merge_target,
        case=find("case", AgendaItem.objects.all(), "pk", "Fant ingen sak med id {}."),
    )
    if problems:
        raise MoveInvalid(INVALID, problems)
    return given


@router.post(
    "/ideas/{idea_id}/moves",
    response={201: MoveResult, 403: Problem, 404: Problem, 409: Problem, **REFUSALS},
    summary="Gjør et steg",
    description=(
        "Gjør et steg i behandlingen, med versjonen du leste. 403: du kan ikke gjøre steget "
        "nå; 409: noen andre har endret idéen siden (svaret har versjonen nå); 422: steget "
        "mangler noe (se «problems»)."
    ),
)
def make_move(request, payload: MoveIn, idea_id: int = IdeaId):
    authority = Authority(request.user)
    idea = _visible_idea(idea_id, authority)
    given = _move_input(payload, authority)
    try:
        transition = services.make_move(
            idea.pk, payload.move, request.user, payload.version, given
        )
    except IdeaChanged as exc:
        exc.version = Idea.objects.values_list("version", flat=True).get(pk=idea.pk)
        raise
    idea = _visible_idea(idea.pk, authority)
    transition = _transitions(idea).get(pk=transition.pk)
    return Status(
        201,
        {
            "transition": timeline_entry(request, transition, idea, authority),
            "idea": detail(request, idea, authority),
        },
    )


@router.get(
    "/ideas/{idea_id}/timeline",
    response={200: list[TimelineEntry], 404: Problem, **REFUSALS},
    summary="Idéens tidslinje",
    description="Hvert steg idéen har tatt, eldst først.",
)
def timeline(request, idea_id: int = IdeaId):
    authority = Authority(request.user)
    idea = _visible_idea(idea_id, authority)
    return [timeline_entry(request, t, idea, authority) for t in _transitions(idea)]
