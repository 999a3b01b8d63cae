"""The outage log in the Wagtail admin ("Avbrudd"), where ROR-IKT operations records outages."""

from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Outage
from .uptime import outage_problems


class OutageForm(WagtailAdminModelForm):
    """Checks an outage by the same rule the uptime figures depend on (`outage_problems`)."""

    def clean(self):
        cleaned = super().clean()
        problems = outage_problems(
            cleaned.get("service"),
            cleaned.get("starts_at"),
            cleaned.get("ends_at"),
            timezone.now(),
            from_notice=self.instance.notice_id is not None,
        )
        for field, message in problems.items():
            self.add_error(field, message)
        return cleaned


class OutageViewSet(SnippetViewSet):
    """Outages per service; the category says whether one counts or is excepted (SLA 6.2)."""

    model = Outage
    icon = "warning"
    menu_label = "Avbrudd"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["service", "starts_at", "ends_at", "category", "notice"]
    list_filter = ["category", "service"]
    search_fields = ["description"]
    ordering = ["service__name", "-starts_at"]
    edit_handler = ObjectList(
        [
            FieldPanel("service"),
            FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
            FieldPanel(
                "category",
                help_text="«Nedetid som teller» trekker ned oppetiden. De andre er unntakene "
                "SLA 6.2 lister opp, og vises for seg.",
            ),
            FieldPanel("description"),
        ],
        base_form_class=OutageForm,
    )


register_snippet(OutageViewSet)
