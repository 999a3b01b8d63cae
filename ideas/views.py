"""The idea pages of the site (placeholders until the views are written)."""

from django.http import Http404


def idea_list(request, *args, **kwargs):
    raise Http404


idea_new = my_tasks = idea_detail = idea_edit = idea_move = idea_comment = idea_list
idea_follow = idea_attachment = idea_export_csv = idea_export_xlsx = idea_list
