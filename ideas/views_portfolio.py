"""The porteføljeråd's board and scoring (placeholders for now)."""

from django.http import Http404


def board(request, *args, **kwargs):
    raise Http404


order = budget = idea_score = idea_adjust = board
