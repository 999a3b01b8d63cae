"""The idea pages: submit and edit an idea, read it with its timeline, move it, comment on
it and follow it; the list with its exports, and what awaits the user's councils.

The views gather what `ideas.authority` and `ideas.services` decide and hand it to the
templates. Every page needs a login; an idea the user may not see is a 404, as if it
did not exist.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from councils.models import Council

from . import exports, scoring, services, workflow
from .authority import Authority
from .filters import IdeaFilterForm, newest_first
from .forms import CommentForm, IdeaForm, MoveForm
from .models import Attachment, Follow, Idea
from .portfolio import score_of, with_scores
from .workflow import MOVES, State

IDEAS_PER_PAGE = 25
TASKS_SHOWN = 25  # per council on /ideer/mine-oppgaver/; the rest are a link away
IDEA_RELATIONS = ("municipality", "follow_up", "expert_group", "merged_into", "submitter")
# How the timeline names a move's text, by move; the table's TEXT can be several things.
TIMELINE_TEXT = {
    "resubmit": "Endringer",
    "recommend": "Vurdering og innstilling",
    "expert_group_disagrees": "Dissens",
    "portfolio_disagrees": "Dissens",
}


def _idea_for(authority, pk):
    """The idea if the user may see it; a 404 otherwise (others' drafts do not exist)."""
    idea = get_object_or_404(Idea.objects.select_related(*IDEA_RELATIONS), pk=pk)
    if not authority.may_view(idea):
        raise Http404("Fant ikke idéen.")
    return idea


def _refused(request, message, idea=None):
    return render(request, "ideas/refused.html", {"message": message, "idea": idea}, status=403)


# Submitting and editing


@login_required
def idea_new(request):
    """/ideer/ny/: any employee writes an idea, saves it as a draft or sends it in."""
    return _idea_form(request, None)


@login_required
def idea_edit(request, pk):
    """/ideer/<id>/rediger/: the submitter's own draft, or their idea returned to them."""
    authority = Authority(request.user)
    idea = _idea_for(authority, pk)
    if not authority.may_edit(idea):
        return _refused(
            request,
            "Bare innmelderen kan endre en idé, og bare mens den er et utkast eller er sendt "
            "tilbake til innmelderen.",
            idea,
        )
    return _idea_form(request, idea)


def _idea_form(request, idea):
    returned = idea is not None and idea.state == State.RETURNED
    send = "send" in request.POST
    if request.method != "POST":
        form = IdeaForm(initial=IdeaForm.initial_for(idea, request.user), returned=returned)
        return _render_idea_form(request, form, idea)
    form = IdeaForm(request.POST, request.FILES, returned=returned)
    if form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.save_idea(
                request.user,
                form.fields_of_idea(),
                data["municipality"],
                data["tags"],
                data["show_name"],
                idea,
                uploads=data["attachments"],
                send=send,
                note=data.get("change_note", ""),
            )
        except services.NotAllowed as error:
            return _refused(request, error.message, idea)
        except (services.MoveInvalid, services.IdeaChanged) as error:
            form.add_problems(error.problems or {"__all__": error.message})
            if idea is not None:
                idea.refresh_from_db()  # the failed save changed the object, not the row
        else:
            messages.success(request, _saved_message(saved, send, returned))
            return redirect("idea_detail", saved.pk)
    return _render_idea_form(request, form, idea, send=send, status=400)


def _saved_message(idea, sent, returned):
    if sent:
        return (
            f"Idéen er sendt inn. Innovasjonsrådet i {idea.municipality.name} får beskjed, "
            "og du får e-post når noe skjer med den."
        )
    if returned:
        return "Endringene er lagret. Idéen er hos deg til du sender den inn på nytt."
    return "Utkastet er lagret. Bare du kan se det til du sender det inn."


def _render_idea_form(request, form, idea, send=False, status=200):
    returned = idea is not None and idea.state == State.RETURNED
    return_transition = (
        idea.transitions.filter(to_state=State.RETURNED).order_by("-at", "-pk").first()
        if returned
        else None
    )
    return render(
        request,
        "ideas/idea_form.html",
        {
            "form": form,
            "idea": idea,
            "attachments": list(idea.attachments.all()) if idea else [],
            "return_transition": return_transition,
            "send_label": MOVES[services.sending_move(idea)].label if idea else "Send inn",
            "tried_to_send": send,
            "files_chosen": bool(request.FILES),
        },
        status=status,
    )


# An idea's page, and what can be done on it


@dataclass
class TimelineEntry:
    transition: object
    actor: str
    text_label: str

    @property
    def decision_published(self):
        case = self.transition.case
        return case is not None and case.meeting is not None and case.meeting.is_published


@login_required
def idea_detail(request, pk):
    """/ideer/<id>/: the idea, its timeline, and the moves, comments and following it offers."""
    authority = Authority(request.user)
    return _detail(request, authority, _idea_for(authority, pk))


def _detail(request, authority, idea, status=200, **state):
    """The idea's page; `state` carries a failed form, a general error or the 409 notice.

    `failed_form`: a MoveForm with errors; `kept`: (move name, initial values) of a move
    that lost to someone else's; `comment_form`: a CommentForm with errors; `error`: a
    message for the top of the page; `changed`: the 409 notice.
    """
    failed_form = state.get("failed_form")
    kept_move, kept_initial = state.get("kept", (None, {}))
    move_forms = []
    for move in authority.moves(idea):
        if failed_form is not None and failed_form.move == move:
            move_forms.append(failed_form)
            continue
        initial = dict(kept_initial) if move.name == kept_move else {}
        move_forms.append(
            MoveForm(move, idea, authority.council_for(idea, move.body), initial=initial)
        )
    transitions = idea.transitions.select_related(
        "acting_for", "case__council", "case__meeting"
    ).order_by("at", "pk")
    timeline = [
        TimelineEntry(t, authority.actor_name(t, idea), _timeline_text_label(t.move))
        for t in transitions
    ]
    comments = [
        (comment, authority.comment_author(comment, idea)) for comment in idea.comments.all()
    ]
    is_submitter = authority.is_submitter(idea)
    hides_name = is_submitter and not idea.show_name
    return render(
        request,
        "ideas/idea_detail.html",
        {
            "idea": idea,
            "is_submitter": is_submitter,
            "may_edit": authority.may_edit(idea),
            "tags": sorted(tag.name for tag in idea.tags.all()),
            "attachments": list(idea.attachments.all()),
            "merged_ideas": list(idea.merged_ideas.only("pk", "title").order_by("title")),
            "timeline": timeline,
            "move_forms": move_forms,
            "failed_form": failed_form,
            "comments": comments,
            "comment_form": state.get("comment_form") or CommentForm(hides_name=hides_name),
            "following": Follow.objects.filter(idea=idea, user=request.user).exists(),
            "error": state.get("error", ""),
            "changed": state.get("changed", ""),
        },
        status=status,
    )


def _timeline_text_label(move_name):
    move = MOVES.get(move_name)
    if move is not None and workflow.BENEFITS in move.requires:
        return "Realiserte gevinster"
    return TIMELINE_TEXT.get(move_name, "Merknad")


@login_required
@require_POST
def idea_move(request, pk):
    """/ideer/<id>/steg/: make one move of the transition table, against the version seen."""
    authority = Authority(request.user)
    idea = _idea_for(authority, pk)
    move = MOVES.get(request.POST.get("move", ""))
    if move is None:
        return _detail(
            request, authority, idea, status=400, error="Steget finnes ikke. Velg et steg under."
        )
    form = MoveForm(move, idea, authority.council_for(idea, move.body), request.POST)
    if not form.is_valid():
        if not authority.may_make(idea, move):
            return _refused(request, f"Du kan ikke gjøre «{move.label}» på denne idéen nå.", idea)
        return _detail(request, authority, idea, status=400, failed_form=form)
    try:
        services.make_move(
            idea.pk, move.name, request.user, form.cleaned_data["version"], form.move_input()
        )
    except services.NotAllowed as error:
        return _refused(request, error.message, idea)
    except services.MoveInvalid as error:
        form.add_problems(error.problems or {"__all__": error.message})
        return _detail(request, authority, idea, status=400, failed_form=form)
    except services.IdeaChanged as error:
        # Show what is new; keep what the user typed, in case the move is still open to them.
        typed = {k: v for k, v in form.cleaned_data.items() if k != "version" and v}
        fresh = _idea_for(authority, pk)
        return _detail(
            request, authority, fresh, status=409, changed=error.message, kept=(move.name, typed)
        )
    idea.refresh_from_db(fields=["state"])
    messages.success(
        request, f"«{move.label}» er registrert. Idéen er nå: {idea.state_label.lower()}."
    )
    return redirect("idea_detail", idea.pk)


@login_required
@require_POST
def idea_comment(request, pk):
    """/ideer/<id>/kommentar/: a comment by anyone who may see the idea."""
    authority = Authority(request.user)
    idea = _idea_for(authority, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.add_comment(idea, request.user, form.cleaned_data["text"])
        except services.MoveInvalid as error:
            form.add_error("text", error.problems.get("text", error.message))
        else:
            messages.success(request, "Kommentaren er lagt til.")
            return redirect(reverse("idea_detail", args=[idea.pk]) + "#kommentarer")
    return _detail(request, authority, idea, status=400, comment_form=form)


@login_required
@require_POST
def idea_follow(request, pk):
    """/ideer/<id>/folg/: start (`follow=1`) or stop following the idea."""
    authority = Authority(request.user)
    idea = _idea_for(authority, pk)
    follow = request.POST.get("follow") == "1"
    services.set_following(idea, request.user, follow)
    messages.success(
        request,
        "Du følger idéen og får e-post hver gang den flyttes."
        if follow
        else "Du følger ikke lenger idéen.",
    )
    return redirect("idea_detail", idea.pk)


@login_required
def idea_attachment(request, pk, attachment_pk):
    """/ideer/<id>/vedlegg/<n>/: the private file, to those who may see the idea; else 404."""
    idea = _idea_for(Authority(request.user), pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, idea=idea)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("Filen finnes ikke lenger.") from missing
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.name, content_type=attachment.content_type
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


# The list, its exports, and the user's tasks


def _filtered(request):
    """The filter form and the ideas the user sees, narrowed by it, with their scores."""
    authority = Authority(request.user)
    visible = Idea.objects.filter(authority.viewable())
    form = IdeaFilterForm(request.GET, visible)
    ideas = newest_first(with_scores(form.filter(visible)))
    return authority, form, ideas


@login_required
def idea_list(request, status=200):
    """/ideer/: every idea the user may see, filtered from the query string, 25 a page."""
    _, form, ideas = _filtered(request)
    page = Paginator(ideas.select_related("municipality", "expert_group"), IDEAS_PER_PAGE)
    page = page.get_page(request.GET.get("side"))
    rows = [(idea, scoring.band(score_of(idea))) for idea in page.object_list]
    query = f"?{urlencode(form.query())}" if form.query() else ""
    return render(
        request,
        "ideas/idea_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "page_numbers": page.paginator.get_elided_page_range(page.number, on_each_side=2),
            "csv_url": reverse("idea_export_csv") + query,
            "xlsx_url": reverse("idea_export_xlsx") + query,
        },
        status=status,
    )


def _export_rows(request):
    """The rows of the filtered list, or None when a filter is bad (the page says why)."""
    authority, form, ideas = _filtered(request)
    if form.errors:
        return None
    ideas = ideas.select_related("municipality", "expert_group", "follow_up").prefetch_related(
        "tags"
    )
    return exports.idea_rows(
        ideas,
        authority,
        lambda idea: request.build_absolute_uri(reverse("idea_detail", args=[idea.pk])),
    )


def _export_name(extension):
    # The date the reader sees on the calendar in Norway (TIME_ZONE is Europe/Oslo).
    return f"ideer-{timezone.localdate():%Y-%m-%d}.{extension}"


@login_required
def idea_export_csv(request):
    """/ideer/ideer.csv: the filtered list for a spreadsheet (semicolons, UTF-8 with BOM)."""
    rows = _export_rows(request)
    if rows is None:
        return idea_list(request, status=400)
    return exports.csv_response(rows, _export_name("csv"))


@login_required
def idea_export_xlsx(request):
    """/ideer/ideer.xlsx: the filtered list as an Excel workbook."""
    rows = _export_rows(request)
    if rows is None:
        return idea_list(request, status=400)
    return exports.xlsx_response(rows, _export_name("xlsx"))


@dataclass
class Queue:
    council: Council
    count: int
    ideas: list
    more_url: str


def _more_url(council):
    """Where all of a council's queue can be read, when the task list shows only the oldest."""
    if council.kind == Council.Kind.INNOVATION:
        return reverse("idea_list") + "?" + urlencode({"kommune": council.municipality.slug})
    if council.kind == Council.Kind.EXPERT_GROUP:
        query = {"faggruppe": council.slug, "status": State.EXPERT_GROUP}
        return reverse("idea_list") + "?" + urlencode(query)
    if council.kind == Council.Kind.COOPERATION:
        return reverse("idea_list") + "?" + urlencode({"status": State.COOPERATION})
    return "/portefolje/"


@login_required
def my_tasks(request):
    """/ideer/mine-oppgaver/: what awaits the user's councils today, and their own ideas."""
    authority = Authority(request.user)
    queues = []
    councils = sorted(authority.queue_filters(), key=lambda pair: (pair[0].kind, pair[0].name))
    for council, waiting in councils:
        ideas = (
            Idea.objects.filter(waiting)
            .select_related("municipality")
            .order_by(F("submitted_at").asc(nulls_last=True), "pk")
        )
        count = ideas.count()
        queues.append(Queue(council, count, list(ideas[:TASKS_SHOWN]), _more_url(council)))
    own = Idea.objects.filter(submitter=request.user, state__in=[State.RETURNED, State.DRAFT])
    own = list(own.select_related("municipality").order_by("-updated_at", "-pk"))
    return render(
        request,
        "ideas/my_tasks.html",
        {
            "queues": queues,
            "returned": [idea for idea in own if idea.state == State.RETURNED],
            "drafts": [idea for idea in own if idea.state == State.DRAFT],
            "shown": TASKS_SHOWN,
        },
    )
