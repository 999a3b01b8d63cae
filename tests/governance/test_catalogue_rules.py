"""The catalogue's role rules (SLA 4.5–4.12) and the overview of role assignments (4.15)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from councils.appointments import security_officers
from governance import catalogue, role_overview
from governance.models import Service
from tests.councils.factories import AppointmentFactory, PersonFactory, organisation
from tests.governance.factories import (
    ProviderPersonFactory,
    ServiceFactory,
    ServiceUsageFactory,
)

pytestmark = pytest.mark.django_db


def labels(roles):
    return [role.label for role in roles]


# service_problems and usage_problems: what the admin refuses to save.


def test_primary_and_secondary_technical_manager_must_be_two_people():
    person = ProviderPersonFactory()
    service = ServiceFactory(technical_primary=person, technical_secondary=person)
    assert catalogue.service_problems(service) == {
        "technical_secondary": "Primær og sekundær teknisk forvalter må være to forskjellige "
        "personer."
    }
    with pytest.raises(ValidationError):
        service.full_clean()


def test_vendor_support_needs_the_vendors_name_and_the_service_desk_needs_none():
    service = ServiceFactory(support=Service.Support.VENDOR, support_vendor="")
    assert catalogue.service_problems(service) == {
        "support_vendor": "Skriv navnet på leverandøren som gir brukerstøtte."
    }
    service = ServiceFactory(support=Service.Support.SERVICE_DESK, support_vendor="Visma")
    assert catalogue.service_problems(service) == {
        "support_vendor": "Supportansvarlig er enten Kundeservice eller en leverandør, ikke begge."
    }
    assert catalogue.service_problems(ServiceFactory()) == {}


def test_a_ror_ikt_role_cannot_be_held_by_a_municipal_employee():
    service = ServiceFactory(system_manager=PersonFactory(organisation=organisation("molde")))
    assert catalogue.service_problems(service) == {
        "system_manager": "Systemforvalter er en rolle i ROR-IKT (SLA 4.9)."
    }


def test_systemeier_must_work_in_the_municipality_that_uses_the_service():
    usage = ServiceUsageFactory(
        municipality=organisation("rauma"),
        system_owner=PersonFactory(organisation=organisation("molde")),
    )
    assert catalogue.usage_problems(usage) == {
        "system_owner": "Systemeier må være ansatt i Rauma."
    }
    usage.system_owner = PersonFactory(organisation=organisation("rauma"))
    assert catalogue.usage_problems(usage) == {}


# Missing roles.


def test_a_service_with_every_ror_ikt_role_lacks_none():
    assert catalogue.missing_service_roles(ServiceFactory()) == []


def test_missing_ror_ikt_roles_come_in_the_slas_order():
    service = ServiceFactory(operations_manager=None, support="", technical_primary=None)
    assert labels(catalogue.missing_service_roles(service)) == [
        "Teknisk forvalter (primær)",
        "Supportansvarlig",  # 4.11 before driftsansvarlig, 4.12
        "Driftsansvarlig",
    ]


def test_missing_municipal_roles():
    usage = ServiceUsageFactory(system_owner=None)
    assert labels(catalogue.missing_usage_roles(usage)) == ["Systemeier"]
    usage = ServiceUsageFactory(system_owner=None, system_administrator=None)
    assert labels(catalogue.missing_usage_roles(usage)) == ["Systemeier", "Systemansvarlig"]


# Who holds a role, as the pages show it.


def test_support_is_the_service_desk_or_the_named_vendor():
    assert catalogue.support_name(ServiceFactory()) == "ROR-IKT Kundeservice"
    vendor = ServiceFactory(support=Service.Support.VENDOR, support_vendor="Visma")
    assert catalogue.support_name(vendor) == "Visma (leverandørens brukerstøtte)"
    assert catalogue.assignment(catalogue.SUPPORT, ServiceFactory(support="")).missing


def test_service_people_lists_ror_ikt_then_each_municipality_alphabetically():
    service = ServiceFactory(technical_secondary=None)
    ServiceUsageFactory(service=service, municipality=organisation("vestnes"))
    ServiceUsageFactory(
        service=service,
        municipality=organisation("aukra"),
        super_users=[PersonFactory(name="Sunniva Super", organisation=organisation("aukra"))],
    )
    people = catalogue.service_people(catalogue.services_with_roles().get(pk=service.pk))

    assert [(item.role.label, item.missing) for item in people.provider] == [
        ("Systemforvalter", False),
        ("Teknisk forvalter (primær)", False),
        ("Teknisk forvalter (sekundær)", True),
        ("Supportansvarlig", False),
        ("Driftsansvarlig", False),
    ]
    assert [usage.municipality.name for usage in people.municipalities] == ["Aukra", "Vestnes"]
    assert people.municipality_names == "Aukra og Vestnes"
    aukra = people.municipalities[0].assignments
    assert [item.role.label for item in aukra] == ["Systemeier", "Systemansvarlig", "Superbruker"]
    assert [person.name for person in aukra[2].people] == ["Sunniva Super"]
    assert people.municipalities[1].assignments[2].missing


def test_the_services_own_uptime_target_applies_before_the_slas(sla):
    own = catalogue.uptime_target(ServiceFactory(uptime_target=Decimal("99.95")), sla)
    assert (own.text, own.own) == ("99,95 %", True)
    general = catalogue.uptime_target(ServiceFactory(), sla)
    assert (general.text, general.own) == ("99,8 %", False)
    assert catalogue.uptime_target(ServiceFactory(), None).value is None


# The overview of role assignments (SLA 4.15).


def test_a_ror_ikt_role_missing_on_a_service_used_by_several_municipalities_counts_once():
    service = ServiceFactory(name="Gerica", system_manager=None)
    for slug in ("aukra", "molde", "rauma"):
        ServiceUsageFactory(service=service, municipality=organisation(slug))

    overview = role_overview.role_overview()

    assert overview.missing_by_role == {"Systemforvalter": 1}
    assert overview.missing_total == 1
    assert overview.services_with_gaps == 1
    assert overview.service_count == 1
    # Each municipality's row still shows the gap.
    assert [labels(row.missing) for row in overview.rows] == [["Systemforvalter"]] * 3


def test_the_overview_counts_every_missing_role_per_role_and_the_services_with_gaps():
    complete = ServiceFactory(name="Visma Flyt")
    ServiceUsageFactory(service=complete, municipality=organisation("molde"))
    gaps = ServiceFactory(name="Acos", technical_secondary=None, support="")
    ServiceUsageFactory(service=gaps, municipality=organisation("molde"), system_owner=None)
    ServiceUsageFactory(
        service=gaps,
        municipality=organisation("rauma"),
        system_owner=None,
        system_administrator=None,
    )
    ServiceFactory(name="Ubrukt", system_manager=None)  # used by no municipality: not shown

    overview = role_overview.role_overview()

    assert dict(overview.missing_by_role) == {
        "Systemeier": 2,
        "Systemansvarlig": 1,
        "Teknisk forvalter (sekundær)": 1,
        "Supportansvarlig": 1,
    }
    assert overview.missing_total == 5
    assert (overview.services_with_gaps, overview.service_count) == (1, 2)
    assert [(row.municipality.name, row.service.name) for row in overview.rows] == [
        ("Molde", "Acos"),
        ("Molde", "Visma Flyt"),
        ("Rauma", "Acos"),
    ]
    assert [count for _role, count in role_overview.missing_counts(overview)] == [
        2,
        1,
        0,
        0,
        1,
        1,
        0,
    ]


def test_the_overview_of_one_municipality_counts_only_its_own_gaps():
    service = ServiceFactory(operations_manager=None)
    ServiceUsageFactory(service=service, municipality=organisation("molde"), system_owner=None)
    ServiceUsageFactory(service=service, municipality=organisation("rauma"))
    ServiceUsageFactory(municipality=organisation("aukra"))

    rauma = role_overview.role_overview(organisation("rauma"))

    assert [row.municipality.name for row in rauma.rows] == ["Rauma"]
    assert dict(rauma.missing_by_role) == {"Driftsansvarlig": 1}
    assert role_overview.role_overview(organisation("vestnes")).rows == []


def test_every_municipality_has_a_section_with_its_security_officer():
    AppointmentFactory(
        person=PersonFactory(name="Sara Sikker", organisation=organisation("molde")),
        starts_on=datetime.date(2020, 1, 1),
    )
    ServiceUsageFactory(municipality=organisation("rauma"))
    overview = role_overview.role_overview()

    sections = role_overview.overview_sections(overview, security_officers())

    assert [(s.municipality.name, len(s.lines)) for s in sections] == [
        ("Aukra", 0),
        ("Molde", 0),
        ("Rauma", 1),
        ("Vestnes", 0),
    ]
    assert sections[1].security_officer.name == "Sara Sikker"
    assert [m.name for m in role_overview.municipalities_without_security_officer(sections)] == [
        "Aukra",
        "Rauma",
        "Vestnes",
    ]
    only_rauma = role_overview.overview_sections(
        overview, security_officers(), organisation("rauma")
    )
    assert [s.municipality.name for s in only_rauma] == ["Rauma"]


def test_the_export_table_has_a_row_per_service_per_municipality_and_writes_mangler():
    service = ServiceFactory(
        name="Profil",
        critical=True,
        system_manager=ProviderPersonFactory(name="Frida Forvalter"),
        technical_secondary=None,
        support=Service.Support.VENDOR,
        support_vendor="Norsk Helsenett",
    )
    ServiceUsageFactory(
        service=service,
        municipality=organisation("molde"),
        system_owner=PersonFactory(name="Eirik Eier", organisation=organisation("molde")),
        system_administrator=None,
        super_users=[
            PersonFactory(name="Berit Bruker", organisation=organisation("molde")),
            PersonFactory(name="Arne Annen", organisation=organisation("molde")),
        ],
    )
    ServiceUsageFactory(service=service, municipality=organisation("vestnes"), system_owner=None)
    AppointmentFactory(
        person=PersonFactory(name="Sara Sikker", organisation=organisation("molde")),
        starts_on=datetime.date(2020, 1, 1),
    )

    header, rows = role_overview.overview_table(role_overview.role_overview(), security_officers())
    table = [dict(zip(header, row, strict=True)) for row in rows]

    assert header[:3] == ["Kommune", "Tjeneste", "Kritisk for liv og helse"]
    assert [(row["Kommune"], row["Tjeneste"]) for row in table] == [
        ("Molde", "Profil"),
        ("Vestnes", "Profil"),
    ]
    molde_row = table[0]
    assert molde_row["Kritisk for liv og helse"] == "Ja"
    assert molde_row["Systemeier"] == "Eirik Eier"
    assert molde_row["Systemansvarlig"] == catalogue.MISSING == "MANGLER"
    assert molde_row["Superbrukere"] == "Arne Annen, Berit Bruker"
    assert molde_row["Sikkerhetsansvarlig"] == "Sara Sikker"
    assert molde_row["Systemforvalter"] == "Frida Forvalter"
    assert molde_row["Teknisk forvalter (sekundær)"] == "MANGLER"
    assert molde_row["Supportansvarlig"] == "Norsk Helsenett (leverandørens brukerstøtte)"
    assert table[1]["Systemeier"] == "MANGLER"
    assert table[1]["Sikkerhetsansvarlig"] == "MANGLER"
    assert table[1]["Superbrukere"] == "MANGLER"
