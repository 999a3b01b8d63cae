"""The councils on the site: /rad/, /rad/<slug>/, meetings and /vedtak/."""

from django.http import Http404


def structure(request):
    raise Http404


council_detail = meeting_detail = decisions = structure
