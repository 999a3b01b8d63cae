from django.contrib import messages
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from .versions import pages_holding_versions

KEEP_VERSIONS = (
    "«{title}» kan ikke slettes, fordi publiserte versjoner av SLA-en skal kunne leses for "
    "alltid. Avpubliser siden i stedet om den ikke skal vises."
)


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


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
