"""The rules of the service catalogue's role assignments (SLA 4.5–4.12 and 4.15).

Each municipality that uses a service names its systemeier and systemansvarlig
(and superbrukere); ROR-IKT names a systemforvalter, a primary and a secondary
teknisk forvalter (two different people), a supportansvarlig (its Kundeservice or a
named vendor, one of the two) and a driftsansvarlig. The overview of role
assignments (4.15) shows every role that is missing.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from councils.models import Organisation

from . import sla_terms
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
# Every role ROR-IKT holds for a service, in the SLA's order (4.9–4.12).
SERVICE_ROLES = [
    SYSTEM_MANAGER,
    TECHNICAL_PRIMARY,
    TECHNICAL_SECONDARY,
    SUPPORT,
    OPERATIONS_MANAGER,
]
# The columns of the overview of role assignments (4.15): the municipality's, then ROR-IKT's.
OVERVIEW_ROLES = MUNICIPAL_ROLES + SERVICE_ROLES


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
    # Supportansvarlig (4.11) sits between teknisk forvalter (4.10) and driftsansvarlig
    # (4.12); it is a choice, not a person, so it is tested apart.
    return [
        role
        for role in SERVICE_ROLES
        if (not service.support if role is SUPPORT else getattr(service, f"{role.key}_id") is None)
    ]


def missing_usage_roles(usage):
    """The roles a municipality has not named for a service it uses."""
    return [role for role in MUNICIPAL_ROLES if getattr(usage, f"{role.key}_id") is None]


def services_for_listing():
    """Services with what a list of them shows (category and tags), nothing more."""
    return Service.objects.select_related("category").prefetch_related("tags")


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


# Who holds each role, as the pages and the exports show it.

MISSING = "MANGLER"  # how the exports write a role nobody holds


@dataclass(frozen=True)
class Assignment:
    """A role and who holds it: people, or for supportansvarlig the desk that gives support."""

    role: Role
    people: tuple = ()
    name: str = ""  # supportansvarlig only: ROR-IKT Kundeservice or the vendor's support

    @property
    def missing(self):
        return not self.people and not self.name

    def as_text(self):
        """The holder(s) in one cell of a spreadsheet: names, or MANGLER."""
        if self.missing:
            return MISSING
        return self.name or ", ".join(person.name for person in self.people)


def support_name(service):
    """Who gives support for a service (SLA 4.11): ROR-IKT Kundeservice or a named vendor."""
    if service.support == Service.Support.SERVICE_DESK:
        return "ROR-IKT Kundeservice"
    if service.support == Service.Support.VENDOR:
        vendor = service.support_vendor
        return f"{vendor} (leverandørens brukerstøtte)" if vendor else "Leverandørens brukerstøtte"
    return ""


def assignment(role, service, usage=None):
    """Who holds `role` for `service` (and, for a municipal role, in `usage`'s municipality)."""
    if role is SUPPORT:
        return Assignment(role, name=support_name(service))
    if role is SUPER_USER:
        return Assignment(role, tuple(usage.super_users.all()))
    holder = getattr(usage if role in MUNICIPAL_ROLES else service, role.key)
    return Assignment(role, (holder,) if holder is not None else ())


@dataclass
class UsageRoles:
    """A municipality's use of a service with its systemeier, systemansvarlig, superbrukere."""

    municipality: Organisation
    assignments: list


@dataclass
class ServicePeople:
    """Everyone with a role for one service: ROR-IKT's, then each municipality's."""

    provider: list
    municipalities: list

    @property
    def municipality_names(self):
        return sla_terms.join_norwegian(usage.municipality.name for usage in self.municipalities)


def service_people(service):
    """The roles of a service in the SLA's order, municipalities alphabetically.

    Reads only what `services_with_roles()` has fetched, so a page of one service
    costs the same whatever the number of municipalities and superbrukere.
    """
    usages = sorted(service.usages.all(), key=lambda usage: usage.municipality.name)
    return ServicePeople(
        provider=[assignment(role, service) for role in SERVICE_ROLES],
        municipalities=[
            UsageRoles(
                usage.municipality,
                [assignment(role, service, usage) for role in [*MUNICIPAL_ROLES, SUPER_USER]],
            )
            for usage in usages
        ],
    )


@dataclass(frozen=True)
class UptimeTarget:
    """The uptime target that applies to a service, and whether it is the service's own."""

    value: Decimal | None
    own: bool

    @property
    def text(self):
        return sla_terms.format_percent(self.value) if self.value is not None else ""


def uptime_target(service, sla=None):
    """The service's own uptime target if it has one, else the SLA's (chapter 6) from `sla`.

    `sla` is the live SLA page; without one, and without a target of its own, the
    service has no known target (value None).
    """
    if service.uptime_target is not None:
        return UptimeTarget(service.uptime_target, own=True)
    return UptimeTarget(sla.uptime_target if sla is not None else None, own=False)
