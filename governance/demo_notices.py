"""Demo operational notices: a disruption going on now, maintenance next week, one notice
published late with its reason, and a few from the past.

Times are relative to `today`, and every notice is published through the same rule an
operator's "Publiser nå" goes through, so planned downtime also enters the outage log.
Idempotent: a notice whose title exists already is left as it is. Services are named as
in governance/content/demo/services.toml; the catalogue must be loaded first.
"""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from . import notices
from .models import OperationalNotice, Service

OSLO = ZoneInfo("Europe/Oslo")
DISRUPTION = OperationalNotice.Kind.DISRUPTION
PLANNED = OperationalNotice.Kind.PLANNED


def _at(day, hour, minute=0):
    """`day` at the clock time in Oslo, as an aware datetime."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=OSLO)


def _next_tuesday(today, at_least_days):
    day = today + datetime.timedelta(days=at_least_days)
    return day + datetime.timedelta(days=(1 - day.weekday()) % 7)


def demo_notices(today):
    """The demo's notices as field values, with `services` (names) and `published` (when)."""
    yesterday = today - datetime.timedelta(days=1)
    maintenance_day = _next_tuesday(today, 4)
    tomorrow = today + datetime.timedelta(days=1)
    three_weeks_ago = today - datetime.timedelta(days=21)
    two_weeks_ago = today - datetime.timedelta(days=14)
    agreed = (today - datetime.timedelta(days=2)).strftime("%d.%m.%Y")
    return [
        {
            "kind": DISRUPTION,
            "title": "Foresatte-appen viser ikke fravær",
            "body": "Fravær som registreres i skolesystemet kommer ikke fram i appen for "
            "foresatte. Registreringen i skolesystemet virker som normalt. Leverandøren "
            "feilsøker. Dere trenger ikke melde feilen til Kundeservice.",
            "services": ["Skoleadministrativt system"],
            "starts_at": _at(yesterday, 14, 10),
            "ends_at": None,
            "published": _at(yesterday, 14, 25),
        },
        {
            "kind": PLANNED,
            "title": "Oppgradering av sak- og arkivsystemet",
            "body": "Sak- og arkivsystemet oppgraderes til ny versjon og er utilgjengelig "
            "mens det pågår. Lagre arbeidet ditt og logg ut før kl. 16:00. Digital post "
            "som kommer inn i perioden, journalføres etterpå.",
            "services": ["Sak- og arkivsystem", "Digital post inn og ut"],
            "starts_at": _at(maintenance_day, 16),
            "ends_at": _at(maintenance_day, 20),
            "system_owner_agreement": f"Systemeierne i alle fire kommuner, e-post {agreed}",
            "published": _at(today, 8, 30),
        },
        {
            "kind": PLANNED,
            "title": "Sikkerhetsoppdatering av pålogging",
            "body": "En kritisk sikkerhetsoppdatering installeres. Du kan bli logget ut og "
            "må logge inn på nytt med flerfaktorautentisering.",
            "services": ["Pålogging og tilgangsstyring", "Microsoft 365"],
            "starts_at": _at(tomorrow, 21),
            "ends_at": _at(tomorrow, 22, 30),
            "system_owner_agreement": f"Organisasjonssjefene i alle fire kommuner, {agreed}",
            "late_reason": "Leverandøren varslet et kritisk sikkerhetshull som utnyttes "
            "aktivt, og anbefalte å tette det innen to døgn.",
            "published": _at(today, 8, 45),
        },
        {
            "kind": PLANNED,
            "title": "Ny versjon av lønns- og personalsystemet",
            "body": "Lønns- og personalsystemet var utilgjengelig mens ny versjon ble installert.",
            "services": ["Lønns- og personalsystem"],
            "starts_at": _at(three_weeks_ago, 17),
            "ends_at": _at(three_weeks_ago, 21),
            "system_owner_agreement": "Systemeierne i alle fire kommuner",
            "published": _at(three_weeks_ago - datetime.timedelta(days=10), 10),
        },
        {
            "kind": DISRUPTION,
            "title": "Pasientjournalen var utilgjengelig",
            "body": "Pasientjournalen for pleie og omsorg svarte ikke på grunn av en feil "
            "i databaseserveren. Feilen er rettet.",
            "services": ["Elektronisk pasientjournal (EPJ) for pleie og omsorg"],
            "starts_at": _at(two_weeks_ago, 9, 12),
            "ends_at": _at(two_weeks_ago, 10, 5),
            "published": _at(two_weeks_ago, 9, 20),
        },
    ]


@transaction.atomic
def load_demo_notices(today):
    """Create and publish the demo notices that are missing; returns those created."""
    created = []
    existing = set(OperationalNotice.objects.values_list("title", flat=True))
    for spec in demo_notices(today):
        if spec["title"] in existing:
            continue
        names = spec.pop("services")
        published = spec.pop("published")
        services = list(Service.objects.filter(name__in=names))
        if len(services) != len(names):
            missing = sorted(set(names) - {service.name for service in services})
            raise ValueError(f"Demotjenestene mangler: {', '.join(missing)}.")
        notice = OperationalNotice.objects.create(**spec)
        notice.services.set(services)
        # Loaded early in the morning, a notice is published now rather than later today.
        notices.publish_notice(notice, when=min(published, timezone.now()))
        created.append(notice)
    return created
