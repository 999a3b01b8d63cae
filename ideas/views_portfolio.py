"""The porteføljeråd's board, scoring and the idea exports (placeholders for now)."""

from django.http import Http404


def board(request, *args, **kwargs):
    raise Http404


order = budget = idea_score = idea_adjust = idea_export_csv = idea_export_xlsx = board
