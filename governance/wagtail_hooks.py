from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_notices, admin_outages  # noqa: F401  (they register admin views)
from .models import Service, ServiceCategory, SpecialOpeningDay
from .service_desk_recompute import recompute_for_day
from .versions import pages_holding_versions

KEEP_VERSIONS = (
    "«{title}» kan ikke slettes, fordi publiserte versjoner av SLA-en skal kunne leses for "
    "alltid. Avpubliser siden i stedet om den ikke skal vises."
)


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("insert_global_admin_js")
def admin_js():
    return format_html('<script src="{}"></script>', static("js/admin.js"))


class ServiceDeskMenuItem(MenuItem):
    """The editors' way from the admin to the service desk's export upload on the site."""

    def is_shown(self, request):
        return request.user.has_perm("governance.add_servicedeskimport")


@hooks.register("register_admin_menu_item")
def service_desk_menu_item():
    return ServiceDeskMenuItem(
        "Kundeservice-import", reverse("service_desk"), icon_name="table", order=900
    )


@hooks.register("before_delete_page")
def refuse_deleting_sla_versions(request, page):
    if pages_holding_versions([page]):
        messages.error(request, KEEP_VERSIONS.format(title=page.title))
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_sla_versions(request, action_type, objects, action):
    if action_type != "delete":
        return None
    refused = pages_holding_versions(objects)
    if refused:
        messages.error(request, KEEP_VERSIONS.format(title=refused[0].title))
        return redirect(request.GET.get("next") or "wagtailadmin_explore_root")
    return None


class ServiceViewSet(SnippetViewSet):
    """The service catalogue and its role assignments."""

    model = Service
    icon = "cogs"
    menu_label = "Tjenester"
    list_display = ["name", "category", "faggruppe", "critical"]
    list_filter = ["category", "critical", "faggruppe"]
    search_fields = ["name", "summary"]
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
                FieldRowPanel([FieldPanel("category"), FieldPanel("faggruppe")]),
                FieldPanel("summary"),
                FieldPanel("description"),
                FieldPanel("audience"),
                FieldPanel("how_to_order"),
                FieldRowPanel([FieldPanel("vendor"), FieldPanel("tags")]),
                FieldRowPanel(
                    [
                        FieldPanel("critical"),
                        FieldPanel("uptime_target"),
                        FieldPanel("outages_logged_since"),
                    ]
                ),
            ],
            heading="Tjenesten",
        ),
        MultiFieldPanel(
            [
                FieldPanel("system_manager"),
                FieldRowPanel(
                    [FieldPanel("technical_primary"), FieldPanel("technical_secondary")]
                ),
                FieldRowPanel([FieldPanel("support"), FieldPanel("support_vendor")]),
                FieldPanel("operations_manager"),
            ],
            heading="Roller i ROR-IKT (SLA 4.9–4.12)",
        ),
        InlinePanel(
            "usages",
            heading="Kommuner som bruker tjenesten (SLA 4.5–4.7)",
            label="kommune",
            panels=[
                FieldPanel("municipality"),
                FieldRowPanel([FieldPanel("system_owner"), FieldPanel("system_administrator")]),
                FieldPanel("super_users", widget=forms.CheckboxSelectMultiple),
            ],
        ),
    ]


class ServiceCategoryViewSet(SnippetViewSet):
    model = ServiceCategory
    icon = "folder-open-inverse"
    menu_label = "Kategorier"


class CatalogueGroup(SnippetViewSetGroup):
    menu_label = "Tjenestekatalog"
    menu_icon = "cogs"
    menu_order = 210
    items = (ServiceViewSet, ServiceCategoryViewSet)


register_snippet(CatalogueGroup)


def special_day_hours(day):
    return "Stengt" if day.closed else f"{day.opens:%H:%M}–{day.closes:%H:%M}"


NATIVE_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NATIVE_TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class SpecialOpeningDayViewSet(SnippetViewSet):
    """Days Kundeservice is closed or keeps other hours; the SLA's deadlines read them."""

    model = SpecialOpeningDay
    icon = "date"
    menu_label = "Avvikende åpningstider"
    menu_order = 220
    add_to_admin_menu = True
    list_display = [
        "date",
        "name",
        Column("hours", label="Åpningstid", accessor=special_day_hours),
    ]
    # The browser's own date and time inputs: Wagtail's pickers have unlabelled buttons.
    panels = [
        FieldRowPanel([FieldPanel("date", widget=NATIVE_DATE), FieldPanel("name")]),
        FieldRowPanel(
            [FieldPanel("opens", widget=NATIVE_TIME), FieldPanel("closes", widget=NATIVE_TIME)]
        ),
    ]


register_snippet(SpecialOpeningDayViewSet)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def special_day_saved(request, instance):
    if isinstance(instance, SpecialOpeningDay):
        recompute_for_day(instance.date)


@hooks.register("after_delete_snippet")
def special_days_deleted(request, instances):
    for instance in instances:
        if isinstance(instance, SpecialOpeningDay):
            recompute_for_day(instance.date)
