"""Uptime in templates: percentages, durations and categories in words."""

from django import template
from django.utils import timezone

from .. import sla_terms, uptime
from ..models import Outage

register = template.Library()


@register.filter
def percent(value):
    """An uptime target as the SLA writes it: "99,8 %"."""
    return sla_terms.format_percent(value)


@register.filter
def duration(seconds):
    """Seconds as the site writes a length of time: "1 time 5 min"."""
    return uptime.format_duration(seconds or 0)


@register.filter
def outage_length(outage):
    """How long an outage lasted, or has lasted so far."""
    return uptime.format_duration(
        uptime.outage_seconds(outage.starts_at, outage.ends_at, timezone.now())
    )


@register.filter
def outage_category(value):
    """A category's name as SLA 6.2 words it."""
    return Outage.Category(value).label
