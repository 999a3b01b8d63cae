"""The overview of role assignments that SLA 4.15 asks for: services by municipality,
with every missing role shown and counted, for the page and for the exports.
"""

from collections import Counter
from dataclasses import dataclass, field

from councils.models import Organisation

from .catalogue import (
    MISSING,
    MUNICIPAL_ROLES,
    OVERVIEW_ROLES,
    PROVIDER_ROLES,
    SECURITY_OFFICER,
    SERVICE_ROLES,
    SUPER_USER,
    SYSTEM_ADMINISTRATOR,
    SYSTEM_OWNER,
    assignment,
    missing_service_roles,
    missing_usage_roles,
)
from .models import Service, ServiceUsage


@dataclass
class OverviewRow:
    municipality: Organisation
    service: Service
    usage: ServiceUsage
    missing: list = field(default_factory=list)


@dataclass
class Overview:
    rows: list
    missing_by_role: Counter
    services_with_gaps: int

    @property
    def missing_total(self):
        return sum(self.missing_by_role.values())

    @property
    def service_count(self):
        """How many services the overview shows (a service used by several counts once)."""
        return len({row.service.pk for row in self.rows})


def usages_with_roles(municipality=None):
    """Every municipality's use of a service, with the people of both sides, by municipality.

    One row per usage, in a fixed number of queries; each service (with ROR-IKT's
    people) is read once, however many municipalities use it.
    """
    usages = ServiceUsage.objects.select_related(
        "municipality", "system_owner", "system_administrator"
    ).prefetch_related("super_users")
    if municipality is not None:
        usages = usages.filter(municipality=municipality)
    services = Service.objects.select_related(
        "category", *(role.key for role in PROVIDER_ROLES)
    ).filter(pk__in=usages.values("service_id"))
    services = {service.pk: service for service in services}
    usages = list(usages.order_by("municipality__name", "service__name"))
    for usage in usages:
        usage.service = services[usage.service_id]
    return usages


def role_overview(municipality=None):
    """SLA 4.15's overview: services by municipality, every missing role counted."""
    rows = []
    missing_by_role = Counter()
    provider_missing = {}  # ROR-IKT's roles are one per service, counted once
    services_with_gaps = set()
    for usage in usages_with_roles(municipality):
        service = usage.service
        if service.pk not in provider_missing:
            provider_missing[service.pk] = missing_service_roles(service)
            missing_by_role.update(role.label for role in provider_missing[service.pk])
        municipal_missing = missing_usage_roles(usage)
        missing_by_role.update(role.label for role in municipal_missing)
        missing = municipal_missing + provider_missing[service.pk]
        rows.append(OverviewRow(usage.municipality, service, usage, missing))
        if missing:
            services_with_gaps.add(service.pk)
    return Overview(rows, missing_by_role, len(services_with_gaps))


@dataclass
class OverviewLine:
    """A service in a municipality, with who holds each role of OVERVIEW_ROLES."""

    service: Service
    assignments: list


@dataclass
class MunicipalityOverview:
    """One municipality in the overview: its sikkerhetsansvarlig and its services' roles."""

    municipality: Organisation
    security_officer: object  # a Person, or None when the municipality has not named one
    lines: list


def overview_sections(overview, officers, municipality=None):
    """The overview by municipality, each with its sikkerhetsansvarlig (SLA 4.8).

    `officers` is `councils.appointments.security_officers()`. Every municipality
    appears (only `municipality` when given), also one that uses no service, so that a
    missing sikkerhetsansvarlig shows everywhere.
    """
    sections = []
    for place, officer in officers.items():
        if municipality is not None and place.pk != municipality.pk:
            continue
        lines = [
            OverviewLine(
                row.service,
                [assignment(role, row.service, row.usage) for role in OVERVIEW_ROLES],
            )
            for row in overview.rows
            if row.municipality.pk == place.pk
        ]
        sections.append(MunicipalityOverview(place, officer, lines))
    return sections


def missing_counts(overview):
    """`[(role, how many are missing)]` for every role of the overview, in the SLA's order."""
    return [(role, overview.missing_by_role[role.label]) for role in OVERVIEW_ROLES]


def municipalities_without_security_officer(sections):
    """The municipalities in `sections` that have no sikkerhetsansvarlig today."""
    return [section.municipality for section in sections if section.security_officer is None]


def overview_table(overview, officers):
    """The overview as a spreadsheet: a header, then one row per service per municipality.

    A column per role (superbrukere and the municipality's sikkerhetsansvarlig included);
    a role nobody holds reads MANGLER.
    """
    header = [
        "Kommune",
        "Tjeneste",
        "Kritisk for liv og helse",
        SYSTEM_OWNER.label,
        SYSTEM_ADMINISTRATOR.label,
        "Superbrukere",
        SECURITY_OFFICER.label,
        *(role.label for role in SERVICE_ROLES),
    ]
    officer_by_pk = {place.pk: officer for place, officer in officers.items()}
    rows = []
    for row in overview.rows:
        officer = officer_by_pk.get(row.municipality.pk)
        rows.append(
            [
                row.municipality.name,
                row.service.name,
                "Ja" if row.service.critical else "Nei",
                *(assignment(role, row.service, row.usage).as_text() for role in MUNICIPAL_ROLES),
                assignment(SUPER_USER, row.service, row.usage).as_text(),
                officer.name if officer is not None else MISSING,
                *(assignment(role, row.service).as_text() for role in SERVICE_ROLES),
            ]
        )
    return header, rows
