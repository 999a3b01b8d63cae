"""The rules of the service catalogue's role assignments (SLA 4.5–4.12 and 4.15).

Each municipality that uses a service names its systemeier and systemansvarlig
(and superbrukere); ROR-IKT names a systemforvalter, a primary and a secondary
teknisk forvalter (two different people), a supportansvarlig (its Kundeservice or a
named vendor, one of the two) and a driftsansvarlig. The overview of role
assignments (4.15) shows every role that is missing.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch

from councils.models import Organisation

from .models import Service, ServiceUsage


@dataclass(frozen=True)
class Role:
    key: str
    label: str
    section: str  # where the SLA describes the role

    @property
    def sla_url(self):
        return f"/sla/#{self.section}"


SYSTEM_OWNER = Role("system_owner", "Systemeier", "4.5")
SYSTEM_ADMINISTRATOR = Role("system_administrator", "Systemansvarlig", "4.6")
SUPER_USER = Role("super_users", "Superbruker", "4.7")
SECURITY_OFFICER = Role("security_officer", "Sikkerhetsansvarlig", "4.8")
SYSTEM_MANAGER = Role("system_manager", "Systemforvalter", "4.9")
TECHNICAL_PRIMARY = Role("technical_primary", "Teknisk forvalter (primær)", "4.10")
TECHNICAL_SECONDARY = Role("technical_secondary", "Teknisk forvalter (sekundær)", "4.10")
SUPPORT = Role("support", "Supportansvarlig", "4.11")
OPERATIONS_MANAGER = Role("operations_manager", "Driftsansvarlig", "4.12")

PROVIDER_ROLES = [SYSTEM_MANAGER, TECHNICAL_PRIMARY, TECHNICAL_SECONDARY, OPERATIONS_MANAGER]
MUNICIPAL_ROLES = [SYSTEM_OWNER, SYSTEM_ADMINISTRATOR]


def service_problems(service):
    """What is wrong with a service's ROR-IKT roles, as `{field: message}` in Norwegian."""
    problems = {}
    if (
        service.technical_primary_id
        and service.technical_primary_id == service.technical_secondary_id
    ):
        problems["technical_secondary"] = (
            "Primær og sekundær teknisk forvalter må være to forskjellige personer."
        )
    if service.support == Service.Support.VENDOR and not service.support_vendor:
        problems["support_vendor"] = "Skriv navnet på leverandøren som gir brukerstøtte."
    if service.support == Service.Support.SERVICE_DESK and service.support_vendor:
        problems["support_vendor"] = (
            "Supportansvarlig er enten Kundeservice eller en leverandør, ikke begge."
        )
    for role in PROVIDER_ROLES:
        person = getattr(service, role.key)
        if person is not None and person.organisation.kind != Organisation.Kind.PROVIDER:
            problems[role.key] = f"{role.label} er en rolle i ROR-IKT (SLA {role.section})."
    return problems


def usage_problems(usage):
    """Municipal roles are held by people employed in that municipality."""
    problems = {}
    for role in MUNICIPAL_ROLES:
        person = getattr(usage, role.key)
        if (
            person is not None
            and usage.municipality_id
            and (person.organisation_id != usage.municipality_id)
        ):
            problems[role.key] = f"{role.label} må være ansatt i {usage.municipality}."
    return problems


def missing_service_roles(service):
    """The ROR-IKT roles a service lacks, in the SLA's order."""
    missing = [role for role in PROVIDER_ROLES if getattr(service, f"{role.key}_id") is None]
    if not service.support:
        missing.insert(3, SUPPORT)
    return missing


def missing_usage_roles(usage):
    """The roles a municipality has not named for a service it uses."""
    return [role for role in MUNICIPAL_ROLES if getattr(usage, f"{role.key}_id") is None]


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


def services_with_roles():
    """Services with every person they name, in a fixed number of queries."""
    people = ("organisation",)
    usages = ServiceUsage.objects.select_related(
        "municipality", "system_owner", "system_administrator"
    ).prefetch_related("super_users")
    return Service.objects.select_related(
        "category",
        "faggruppe",
        *(f"{role.key}__{rel}" for role in PROVIDER_ROLES for rel in people),
    ).prefetch_related(Prefetch("usages", queryset=usages), "tags")


def role_overview(municipality=None):
    """SLA 4.15's overview: services by municipality, every missing role counted."""
    rows = []
    missing_by_role = Counter()
    services_with_gaps = set()
    for service in services_with_roles().order_by("name"):
        provider_missing = missing_service_roles(service)
        usages = [
            usage
            for usage in service.usages.all()
            if municipality is None or usage.municipality_id == municipality.pk
        ]
        if usages:
            # ROR-IKT's roles are one per service, however many municipalities use it.
            missing_by_role.update(role.label for role in provider_missing)
        for usage in usages:
            municipal_missing = missing_usage_roles(usage)
            missing_by_role.update(role.label for role in municipal_missing)
            rows.append(
                OverviewRow(
                    usage.municipality, service, usage, municipal_missing + provider_missing
                )
            )
            if municipal_missing or provider_missing:
                services_with_gaps.add(service.pk)
    rows.sort(key=lambda row: (row.municipality.name, row.service.name))
    return Overview(rows, missing_by_role, len(services_with_gaps))
