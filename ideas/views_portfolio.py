"""The porteføljeråd's pages: the ranked board at /portefolje/, and scoring on the idea pages.

Thin views: the rules are in `ideas.portfolio`. A refused change shows what was wrong,
in Norwegian, and changes nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from . import portfolio, scoring
from .authority import Authority
from .models import Idea
from .services import MoveInvalid, NotAllowed
from .templatetags.portfolio_tags import assessment_form, kroner, score_form

PLACE_PREFIX = "plass-"


def _board_url(year):
    return f"{reverse('portfolio_board')}?ar={year}"


def _render_board(request, year, year_problem="", status=200, **refusal):
    """The board for `year`; `refusal` carries what was typed and what was wrong with it."""
    context = {
        "board": portfolio.board(year),
        "rights": portfolio.rights(request.user),
        "year": year,
        "year_problem": year_problem,
        "entered": {},
        "order_problems": {},
        "budget_problems": {},
        **refusal,
    }
    return render(request, "ideas/portfolio/board.html", context, status=status)


@login_required
def board(request):
    """/portefolje/: the ranked board; `?ar=2027` sets it against another year's budget."""
    year, problem = portfolio.this_year(), ""
    if request.GET.get("ar"):
        chosen, problem = portfolio.parse_year(request.GET["ar"])
        year = chosen or year
    return _render_board(request, year, problem, status=400 if problem else 200)


def _refused(request, message, back, back_text, status=403):
    return render(
        request,
        "ideas/portfolio/refused.html",
        {"message": message, "back": back, "back_text": back_text},
        status=status,
    )


@require_POST
@login_required
def order(request):
    """The council's order of the board, one place per idea (`plass-<id>`)."""
    year, _ = portfolio.parse_year(request.POST.get("ar"))
    year = year or portfolio.this_year()
    places = {
        key.removeprefix(PLACE_PREFIX): value
        for key, value in request.POST.items()
        if key.startswith(PLACE_PREFIX)
        and portfolio.is_whole_number(key.removeprefix(PLACE_PREFIX))
    }
    try:
        portfolio.set_order(request.user, places)
    except NotAllowed as refusal:
        return _refused(request, refusal.message, _board_url(year), "Tilbake til tavlen")
    except MoveInvalid as refusal:
        return _render_board(
            request,
            year,
            status=400,
            order_message=refusal.message,
            order_problems={str(pk): text for pk, text in refusal.problems.items()},
            entered=places,
        )
    messages.success(request, "Rekkefølgen er lagret.")
    return redirect(_board_url(year))


@require_POST
@login_required
def budget(request):
    """The budget for a year, which the board's estimated costs are set against."""
    year, _ = portfolio.parse_year(request.POST.get("ar"))
    try:
        saved = portfolio.set_budget(
            request.user, request.POST.get("ar"), request.POST.get("budsjett")
        )
    except NotAllowed as refusal:
        back = _board_url(year or portfolio.this_year())
        return _refused(request, refusal.message, back, "Tilbake til tavlen")
    except MoveInvalid as refusal:
        return _render_board(
            request,
            year or portfolio.this_year(),
            status=400,
            budget_message=refusal.message,
            budget_problems=refusal.problems,
            budget_entered=request.POST.get("budsjett", ""),
        )
    messages.success(request, f"Budsjettet for {saved.year} er lagret: {kroner(saved.amount)}.")
    return redirect(_board_url(saved.year))


def _visible_idea(request, pk):
    idea = get_object_or_404(Idea.objects.select_related("municipality"), pk=pk)
    if not Authority(request.user).may_view(idea):
        # Someone else's draft: as if it did not exist, as on the idea's own page.
        raise Http404
    return idea


@require_POST
@login_required
def idea_score(request, pk):
    """A member's scores of an idea, five levels; back to the idea with a message."""
    idea = _visible_idea(request, pk)
    back = reverse("idea_detail", args=[idea.pk])
    values = {f: request.POST.get(f, "") for f in scoring.CRITERION_FIELDS}
    try:
        portfolio.record_score(idea, request.user, values)
    except NotAllowed as refusal:
        return _refused(request, refusal.message, back, "Tilbake til idéen")
    except MoveInvalid as refusal:
        selected = {f: portfolio.parse_level(v) for f, v in values.items()}
        form = score_form(idea, selected, refusal.problems, refusal.message)
        return render(
            request,
            "ideas/portfolio/form_page.html",
            {"idea": idea, "back": back, "score_form": form, "heading": "Poengsett idéen"},
            status=400,
        )
    messages.success(request, "Poengsettingen din er lagret.")
    return redirect(back)


@require_POST
@login_required
def idea_adjust(request, pk):
    """The council's adjustment (±1, with a reason), estimated cost and municipalities."""
    idea = _visible_idea(request, pk)
    back = reverse("idea_detail", args=[idea.pk])
    # The adjustment's fields are in the form only while the adjustment may change.
    has_adjustment = "justering" in request.POST
    values = {
        "adjustment": request.POST.get("justering", ""),
        "reason": request.POST.get("begrunnelse", ""),
        "cost": request.POST.get("kostnad", ""),
        "concerns": set(request.POST.getlist("kommuner")),
    }
    try:
        portfolio.assess(
            idea,
            request.user,
            adjustment=values["adjustment"] if has_adjustment else portfolio.UNCHANGED,
            reason=values["reason"],
            cost=values["cost"],
            concerns=values["concerns"],
        )
    except NotAllowed as refusal:
        return _refused(request, refusal.message, back, "Tilbake til idéen")
    except MoveInvalid as refusal:
        form = assessment_form(idea, has_adjustment, values, refusal.problems, refusal.message)
        return render(
            request,
            "ideas/portfolio/form_page.html",
            {
                "idea": idea,
                "back": back,
                "assessment_form": form,
                "heading": "Porteføljerådets vurdering av idéen",
            },
            status=400,
        )
    messages.success(request, "Porteføljerådets vurdering er lagret.")
    return redirect(back)
