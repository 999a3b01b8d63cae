"""Demo outages: a year of the outage log for the demo catalogue, so /oppetid/ has figures.

The outages are placed relative to `today`, in months already over, and use the services
of governance/content/demo/services.toml. Among them: a month that misses the target, one
outage across a month's end, two counted outages that overlap, and each exclusion of
SLA 6.2. One service's log begins mid-month, and one has no log at all, so the pages show
a partly measured month and "ingen data".

Idempotent: an outage is known by its service and description; a service's log start is
set only when it has none.
"""

import datetime
import tomllib
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import transaction

from .demo import DEMO_DIR, DemoDataError
from .models import Outage, Service
from .uptime import add_months, first_of_month

OSLO = ZoneInfo("Europe/Oslo")
LOGGED_MONTHS_BACK = 13
LATE_START = ("kulturskoleadministrasjon", 4, 15)  # logged from the 15th, four months back
NOT_LOGGED = "bibliotekssystem"
Category = Outage.Category


@dataclass(frozen=True)
class DemoOutage:
    service: str  # slug in services.toml
    months_back: int
    day: int  # day of that month; -1 is its last day
    time: str
    minutes: int
    category: str
    description: str


OUTAGES = [
    DemoOutage(
        "epj-pleie-og-omsorg",
        2,
        10,
        "07:40",
        95,
        Category.COUNTED,
        "Databasetjeneren for pasientjournalen stoppet etter en feil i lagringssystemet. "
        "Journalen var utilgjengelig til tjeneren var startet på nytt.",
    ),
    DemoOutage(
        "epj-pleie-og-omsorg",
        2,
        10,
        "08:30",
        60,
        Category.LINE_POWER,
        "Strømbrudd i Molde sentrum; to sykehjem mistet forbindelsen til journalen.",
    ),
    DemoOutage(
        "sak-og-arkiv",
        5,
        3,
        "13:05",
        50,
        Category.COUNTED,
        "Innloggingen til sak- og arkivsystemet feilet for alle etter en sertifikatfornyelse.",
    ),
    DemoOutage(
        "sak-og-arkiv",
        5,
        3,
        "13:30",
        70,
        Category.COUNTED,
        "Dokumentproduksjonen hang seg opp mens innloggingsfeilen ble rettet; brev kunne "
        "ikke lages.",
    ),
    DemoOutage(
        "okonomisystem",
        3,
        -1,
        "22:30",
        180,
        Category.COUNTED,
        "Den nattlige overføringen til banken låste databasen, og økonomisystemet var "
        "utilgjengelig over månedsskiftet.",
    ),
    DemoOutage(
        "skoleadministrativt-system",
        1,
        14,
        "09:00",
        240,
        Category.SOFTWARE,
        "En feil i leverandørens nye versjon gjorde at fravær ikke kunne føres. Leverandøren "
        "rettet feilen samme dag.",
    ),
    DemoOutage(
        "microsoft-365",
        4,
        8,
        "10:15",
        130,
        Category.EXTERNAL,
        "Driftsforstyrrelse hos Microsoft i Europa; Teams og Outlook svarte ikke.",
    ),
    DemoOutage(
        "trygghetsalarm",
        6,
        21,
        "02:10",
        35,
        Category.LINE_POWER,
        "Linjebrudd hos teleleverandøren mellom Rauma og alarmmottaket. Alarmene gikk over "
        "mobilnettet så lenge bruddet varte.",
    ),
    DemoOutage(
        "lonn-og-personal",
        7,
        19,
        "15:00",
        25,
        Category.USER,
        "En lønnsmal ble slettet ved en feil, og lønnskjøringen stoppet til malen var hentet "
        "tilbake.",
    ),
    DemoOutage(
        "kart-og-geodata",
        9,
        5,
        "11:00",
        45,
        Category.LOCAL,
        "En nettverkssvitsj på teknisk kontor i Vestnes feilet; kartet kunne ikke åpnes der.",
    ),
    DemoOutage(
        "digital-post",
        8,
        12,
        "18:00",
        120,
        Category.AGREED_MAINTENANCE,
        "Oppgradering utenfor fast vedlikeholdstid, avtalt med systemeierne på forhånd.",
    ),
    DemoOutage(
        "innbyggerportal",
        1,
        2,
        "06:50",
        20,
        Category.COUNTED,
        "Innbyggerportalen svarte med en feilmelding etter en oppdatering, til den ble rullet "
        "tilbake.",
    ),
    DemoOutage(
        "kulturskoleadministrasjon",
        2,
        20,
        "12:00",
        15,
        Category.COUNTED,
        "Påmeldingen til kulturskolen stoppet da tjeneren gikk tom for diskplass.",
    ),
]


def _start(spec, today):
    month = add_months(first_of_month(today), -spec.months_back)
    if spec.day == -1:
        day = add_months(month, 1) - datetime.timedelta(days=1)
    else:
        day = month.replace(day=spec.day)
    hour, minute = map(int, spec.time.split(":"))
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=OSLO)


def _log_starts(today):
    """The day each demo service's outage log began (None: it has not)."""
    first_month = add_months(first_of_month(today), -LOGGED_MONTHS_BACK)
    slug, months_back, day = LATE_START
    late = add_months(first_of_month(today), -months_back).replace(day=day)
    return lambda service: {slug: late, NOT_LOGGED: None}.get(service.slug, first_month)


@transaction.atomic
def load_demo_outages(today):
    """Give the demo services a log start and their outages; returns how many were created."""
    with open(DEMO_DIR / "services.toml", "rb") as file:
        slugs = [entry["slug"] for entry in tomllib.load(file)["services"]]
    services = {service.slug: service for service in Service.objects.filter(slug__in=slugs)}
    missing = sorted({spec.service for spec in OUTAGES} - services.keys())
    if missing:
        raise DemoDataError(f"Demoavbruddene nevner tjenester som ikke finnes: {missing}.")
    log_start = _log_starts(today)
    for service in services.values():
        if service.outages_logged_since is None and log_start(service):
            service.outages_logged_since = log_start(service)
            service.save(update_fields=["outages_logged_since"])
    created = 0
    for spec in OUTAGES:
        starts_at = _start(spec, today)
        _outage, new = Outage.objects.get_or_create(
            service=services[spec.service],
            description=spec.description,
            defaults={
                "starts_at": starts_at,
                "ends_at": starts_at + datetime.timedelta(minutes=spec.minutes),
                "category": spec.category,
            },
        )
        created += new
    return created
