"""The service catalogue on the site: /tjenestekatalog/ and the role overview /roller/."""

from django.http import Http404


def service_list(request):
    raise Http404


service_detail = role_overview = role_overview_csv = role_overview_xlsx = service_list
