from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Organisation


class OrganisationViewSet(SnippetViewSet):
    """Editors keep the member municipalities and ROR-IKT up to date."""

    model = Organisation
    icon = "group"
    menu_label = "Organisasjoner"
    add_to_admin_menu = True
    list_display = ["name", "kind", "organisation_number"]
    list_filter = ["kind"]


register_snippet(OrganisationViewSet)
