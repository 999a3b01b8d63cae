from django import template
from django.utils.safestring import mark_safe

from governance import sla_terms
from governance.models import SLAPage

register = template.Library()


@register.inclusion_tag("governance/includes/service_desk.html")
def service_desk_contact():
    """Kundeservice's channels and hours, from the live SLA (shown in every page's footer)."""
    sla = SLAPage.objects.live().first()
    if sla is None:
        return {"sla": None}
    return {
        "sla": sla,
        "channels": [channel for channel in sla.contact_channels.all() if channel.address],
        "hours": sla_terms.format_opening_hours(
            (row.weekday, row.opens, row.closes) for row in sla.opening_hours.all()
        ),
    }


@register.simple_tag(takes_context=True)
def nav_current(context, prefix):
    """`aria-current="page"` for the navigation link of the section the reader is in."""
    path = context["request"].path
    current = path == "/" if prefix == "/" else path.startswith(prefix)
    return mark_safe('aria-current="page"') if current else ""
