"""The rules of operational notices (driftsmeldinger, SLA 5.3 and 6.2).

A notice is published when it has a publication time; a draft has none and is shown
nowhere. Planned downtime must be agreed with the system owner, must say when it ends
and must be announced at least the SLA's notice period before it starts, "så langt
dette er praktisk mulig": announcing it later needs a recorded reason. A published
planned notice puts its downtime in the outage log by itself, one outage per affected
service, kept in step with the notice.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import OperationalNotice, Outage, SLAPage

Kind = OperationalNotice.Kind
# The category of the outages a planned notice logs; others linked to a notice are left alone.
LOGGED_CATEGORY = Outage.Category.AGREED_MAINTENANCE


def published_notices():
    """Notices readers may see, with the services they name, newest first."""
    return (
        OperationalNotice.objects.filter(published_at__isnull=False)
        .order_by("-starts_at", "-pk")
        .prefetch_related("services")
    )


def ongoing(now):
    """A filter for notices that have not ended at `now` (no end yet counts as ongoing)."""
    return Q(ends_at__isnull=True) | Q(ends_at__gt=now)


def is_ongoing(notice, now):
    """Whether `notice` has not ended at `now` (the same test as `ongoing`, for one notice)."""
    return notice.ends_at is None or notice.ends_at > now


def notice_sections(now):
    """The published notices as /driftsmeldinger/ shows them, each part newest first.

    `disruptions` are the disruptions not yet over, `planned` the planned maintenance
    that is ongoing or still to come, `past` everything that has ended.
    """
    notices = published_notices()
    return {
        "disruptions": notices.filter(ongoing(now), kind=Kind.DISRUPTION),
        "planned": notices.filter(ongoing(now), kind=Kind.PLANNED),
        "past": notices.exclude(ongoing(now)),
    }


def current_notices_for(service, now):
    """The published notices about `service` that are ongoing or still to come."""
    return service.notices.filter(ongoing(now), published_at__isnull=False).order_by("starts_at")


def notice_period():
    """How long before planned downtime it must be announced, as real elapsed time.

    Read from the live SLA page (`planned_downtime_notice_days`; 3 days = 72 hours), so
    that the published SLA and this rule never disagree. None when no SLA is published.
    """
    sla = SLAPage.objects.live().first()
    if sla is None:
        return None
    return datetime.timedelta(days=sla.planned_downtime_notice_days)


def format_hours(delta):
    """A span in whole hours and minutes, in Norwegian: "72 timer", "71 timer og 59 minutter"."""
    minutes = max(int(delta.total_seconds() // 60), 0)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append("1 time" if hours == 1 else f"{hours} timer")
    if minutes or not hours:
        parts.append("1 minutt" if minutes == 1 else f"{minutes} minutter")
    return " og ".join(parts)


def announced_at(published_at, previous_starts_at, starts_at, now):
    """When readers learn when the downtime starts.

    At publication; but when the start of a published notice moves, readers learn the
    new start only now, so the notice period counts from now.
    """
    if published_at is None or (previous_starts_at and previous_starts_at != starts_at):
        return now
    return published_at


def late_notice_message(starts_at, announced, period):
    """The Norwegian explanation when `announced` is less than `period` before `starts_at`.

    None when the notice is in time.
    """
    ahead = starts_at - announced
    if ahead >= period:
        return None
    required = format_hours(period)
    if ahead <= datetime.timedelta(0):
        when = "etter at nedetiden har startet"
    else:
        when = f"{format_hours(ahead)} før nedetiden"
    return (
        f"Varselet kommer {when}; SLA-en krever minst {required}. Skriv hvorfor det ikke "
        "var praktisk mulig å varsle tidligere, i feltet for begrunnelse for sen varsling."
    )


def notice_problems(notice, announced=None):
    """What is wrong with `notice`, as `{field: message}` in Norwegian.

    `announced` is when its start is made public (see `announced_at`); None for a draft,
    which only needs to make sense. Published planned downtime must be agreed with the
    system owner, have an end, and be announced in time or say why it was not.
    """
    problems = {}
    if notice.starts_at and notice.ends_at and notice.ends_at <= notice.starts_at:
        problems["ends_at"] = "Slutten må være etter starten."
    if announced is None or notice.kind != Kind.PLANNED:
        return problems
    if not notice.system_owner_agreement.strip():
        problems["system_owner_agreement"] = (
            "Planlagt nedetid skal være gjensidig avtalt med systemeier (SLA 6.2). "
            "Skriv hvem som godtok den, og når."
        )
    if notice.ends_at is None:
        problems.setdefault("ends_at", "Planlagt nedetid må ha en slutt.")
    period = notice_period()
    if period is None:
        problems["starts_at"] = "Fant ingen publisert SLA å lese varslingsfristen fra."
    elif notice.starts_at and not notice.late_reason.strip():
        message = late_notice_message(notice.starts_at, announced, period)
        if message:
            problems["late_reason"] = message
    return problems


@transaction.atomic
def publish_notice(notice, when=None, reason=None):
    """Publish a saved `notice` at `when` (now), giving `reason` if it comes late.

    Refuses with a ValidationError (Norwegian messages per field) and changes nothing
    when the SLA does not allow it. A notice that is already published keeps its time.
    """
    when = when or timezone.now()
    if reason is not None:
        notice.late_reason = reason.strip()
    announced = notice.published_at or when
    problems = notice_problems(notice, announced)
    if problems:
        raise ValidationError(problems)
    notice.published_at = announced
    notice.save()
    sync_planned_outages(notice)
    return notice


@transaction.atomic
def unpublish_notice(notice):
    """Take `notice` off the site; its planned downtime leaves the outage log."""
    notice.published_at = None
    notice.save(update_fields=["published_at", "updated_at"])
    sync_planned_outages(notice)
    return notice


def logs_downtime(notice):
    """Whether `notice` belongs in the outage log: published planned downtime with an end."""
    return bool(
        notice.pk and notice.published_at and notice.kind == Kind.PLANNED and notice.ends_at
    )


@transaction.atomic
def sync_planned_outages(notice):
    """Make the outage log hold the downtime of a published planned notice, and no more.

    One outage per affected service, from the notice's start to its end, as agreed
    maintenance (SLA 6.2), described by the title. Services added get one, services
    removed lose theirs, moved times move them, and an unpublished notice, or one that
    is no longer planned, has none. An outage that operations put in another category
    is theirs and stays as it is.
    """
    wanted = set(notice.services.values_list("pk", flat=True)) if logs_downtime(notice) else set()
    logged = Outage.objects.filter(notice=notice, category=LOGGED_CATEGORY)
    logged.exclude(service__in=wanted).delete()
    logged.filter(service__in=wanted).update(
        starts_at=notice.starts_at, ends_at=notice.ends_at, description=notice.title
    )
    covered = set(Outage.objects.filter(notice=notice).values_list("service_id", flat=True))
    Outage.objects.bulk_create(
        Outage(
            service_id=service_id,
            notice=notice,
            starts_at=notice.starts_at,
            ends_at=notice.ends_at,
            description=notice.title,
            category=LOGGED_CATEGORY,
        )
        for service_id in sorted(wanted - covered)
    )


def remove_planned_outages(notices):
    """Take the downtime that `notices` logged out of the outage log (before deleting them)."""
    Outage.objects.filter(
        notice__in=[notice.pk for notice in notices], category=LOGGED_CATEGORY
    ).delete()


@transaction.atomic
def delete_notice(notice):
    """Delete `notice` together with the planned downtime it logged."""
    remove_planned_outages([notice])
    notice.delete()
