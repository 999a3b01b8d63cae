"""The organisation in the admin: editors keep it; secretaries keep their council's meetings."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseForbidden
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from .forms import AgendaItemForm, MeetingForm
from .models import (
    AgendaItem,
    Appointment,
    Council,
    Meeting,
    Membership,
    Organisation,
    Person,
)
from .permissions import CouncilRecordsPolicy
from .publicity import may_download


@hooks.register("before_serve_document")
def withhold_exempt_documents(document, request):
    if not may_download(document, request.user):
        return HttpResponseForbidden(
            "Dokumentet er unntatt offentlighet og kan bare leses av rådets medlemmer."
        )
    return None


register_permission_policy(Meeting, CouncilRecordsPolicy(Meeting))
register_permission_policy(AgendaItem, CouncilRecordsPolicy(AgendaItem))


class CouncilRecordsIndexView(IndexView):
    """Lists only the meetings or cases the user may keep."""

    def get_base_queryset(self):
        allowed = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change", "view"]
        )
        return super().get_base_queryset().filter(pk__in=allowed.values("pk"))


class CouncilRecordsEditView(EditView):
    """Opens a meeting or case only for someone who may keep that council's records."""

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", instance
        ):
            raise PermissionDenied
        return instance


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "home"
    menu_label = "Organisasjoner"
    list_display = ["name", "kind", "organisation_number"]
    list_filter = ["kind"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "Personer"
    list_display = ["name", "title", "organisation", "email"]
    list_filter = ["organisation"]
    search_fields = ["name", "title", "email"]


class CouncilViewSet(SnippetViewSet):
    model = Council
    icon = "group"
    menu_label = "Råd"
    list_display = ["name", "kind", "field_of_work", "municipality"]
    list_filter = ["kind"]


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "user"
    menu_label = "Medlemskap"
    list_display = ["person", "council", "role", "represents", "starts_on", "ends_on"]
    list_filter = ["council", "role"]
    search_fields = ["person__name"]


class AppointmentViewSet(SnippetViewSet):
    model = Appointment
    icon = "tag"
    menu_label = "Utnevnelser"
    list_display = ["person", "position", "organisation", "starts_on", "ends_on"]
    list_filter = ["position"]


class MeetingViewSet(SnippetViewSet):
    model = Meeting
    icon = "date"
    menu_label = "Møter"
    index_view_class = CouncilRecordsIndexView
    edit_view_class = CouncilRecordsEditView
    list_display = ["__str__", "place", "minutes_status"]
    list_filter = ["council", "minutes_status"]
    edit_handler = ObjectList(
        [
            FieldPanel("council"),
            FieldRowPanel([FieldPanel("starts_at"), FieldPanel("place")]),
            InlinePanel("attendance", heading="Deltakere", label="deltaker"),
            MultiFieldPanel(
                [FieldPanel("minutes_status"), FieldPanel("minutes_notes")], heading="Referat"
            ),
        ],
        base_form_class=MeetingForm,
    )


class AgendaItemViewSet(SnippetViewSet):
    model = AgendaItem
    icon = "doc-full"
    menu_label = "Saker"
    index_view_class = CouncilRecordsIndexView
    edit_view_class = CouncilRecordsEditView
    list_display = ["__str__", "council", "meeting", "outcome", "exempt_ground"]
    list_filter = ["council", "outcome", "year"]
    search_fields = ["title", "decision"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("council"), FieldPanel("meeting")]),
            FieldPanel("title"),
            FieldPanel("exempt_ground"),
            FieldPanel("background"),
            FieldPanel("recommendation"),
            FieldPanel("outcome"),
            FieldPanel("decision"),
            FieldPanel("dissent"),
            InlinePanel("votes", heading="Stemmer per kommune", label="stemme"),
            InlinePanel("documents", heading="Saksdokumenter", label="dokument"),
        ],
        base_form_class=AgendaItemForm,
    )


class OrganisationGroup(SnippetViewSetGroup):
    menu_label = "Organisasjon og råd"
    menu_icon = "group"
    menu_order = 200
    items = (
        CouncilViewSet,
        MeetingViewSet,
        AgendaItemViewSet,
        MembershipViewSet,
        PersonViewSet,
        AppointmentViewSet,
        OrganisationViewSet,
    )


register_snippet(OrganisationGroup)
