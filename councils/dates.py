"""Dated roles: who holds a membership or an appointment on a given day."""

from django.db.models import Q
from django.utils import timezone


def today():
    return timezone.localdate()


def in_force_on(day):
    """A filter for rows with `starts_on`/`ends_on` that are in force on `day` (ends inclusive)."""
    return Q(starts_on__lte=day) & (Q(ends_on__isnull=True) | Q(ends_on__gte=day))


def overlaps(starts_on, ends_on):
    """A filter for rows whose period overlaps `starts_on`–`ends_on` (None: open-ended)."""
    condition = Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on)
    if ends_on is not None:
        condition &= Q(starts_on__lte=ends_on)
    return condition


def period_problems(starts_on, ends_on):
    """Norwegian messages for a period that ends before it starts."""
    if starts_on and ends_on and ends_on < starts_on:
        return {"ends_on": "Sluttdatoen kan ikke være før startdatoen."}
    return {}
