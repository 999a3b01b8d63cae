"""/sla/frister/ and /api/v1/sla/frister: a reader's or an integration's deadlines."""

import datetime
from unittest import mock

import pytest
from django.test import Client

from governance.demo_calendar import load_demo_special_days
from governance.models import SLAPriority, SpecialOpeningDay
from tests.conftest import soup
from tests.governance.helpers import draft_of_sla, publish

pytestmark = pytest.mark.django_db

PAGE = "/sla/frister/"
API = "/api/v1/sla/frister"
MIDDELS_FRIDAY = {"prioritet": "Middels", "dato": "2026-03-27", "klokkeslett": "14:00"}


def text(node):
    return " ".join(node.get_text(" ").split())


def errors(page):
    summary = page.find(class_="error-summary")
    return [text(item) for item in summary.find_all("li")] if summary else []


def test_the_form_offers_the_slas_priorities_and_starts_at_now(client, sla):
    now = datetime.datetime(2026, 11, 29, 13, 7, 42, tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=now):
        page = soup(client.get(PAGE))
    options = [option.text for option in page.select("#id_prioritet option")]
    assert options == ["Kritisk", "Høy", "Middels", "Lav"]
    assert page.find(id="id_dato")["value"] == "2026-11-29"
    assert page.find(id="id_klokkeslett")["value"] == "14:07"  # Oslo time
    assert page.find(id="resultat-tittel") is None
    assert page.find(id="regler-tittel").text == "Slik regnes fristene"


def test_a_reader_sees_both_deadlines_with_the_reasoning(client, sla):
    """Middels opened Friday 27 March 14:00: 3 timer → Monday 09:30; 3 arbeidsdager →
    Wednesday 14:00."""
    page = soup(client.get(PAGE, MIDDELS_FRIDAY))
    assert text(page.find(id="svar-frist")) == "mandag 30. mars 2026 kl. 09:30"
    assert text(page.find(id="losning-frist")) == "onsdag 1. april 2026 kl. 14:00"
    answer = [text(li) for li in page.find(id="svar-tittel").find_parent("section").select("li")]
    assert answer == [
        "Meldt fredag 27. mars 2026 kl. 14:00, i åpningstiden. Klokken starter med én gang.",
        "Fredag 27. mars 2026: kl. 14:00–15:30 teller (1 t 30 min)",
        "Lørdag 28. mars 2026: helg, teller ikke",
        "Søndag 29. mars 2026: helg, teller ikke",
        "Mandag 30. mars 2026: kl. 08:00–09:30 teller (1 t 30 min)",
        "Frist: mandag 30. mars 2026 kl. 09:30.",
    ]
    solution = text(page.find(id="losning-tittel").find_parent("section"))
    assert "Onsdag 1. april 2026: arbeidsdag 3 av 3" in solution
    result = page.find(id="resultat-tittel").find_parent("section")
    assert result.find("a", href="/sla/versjoner/1/").text == "SLA-en, versjon 1"
    assert "i Kundeservice sin åpningstid" in text(result)
    # The form keeps what the reader chose.
    assert page.find(id="id_prioritet").find("option", selected=True).text == "Middels"


def test_the_date_may_be_written_the_norwegian_way(client, sla):
    page = soup(client.get(PAGE, {**MIDDELS_FRIDAY, "dato": "27.03.2026"}))
    assert text(page.find(id="losning-frist")) == "onsdag 1. april 2026 kl. 14:00"


def test_a_closed_day_is_named_in_the_reasoning(client, sla):
    SpecialOpeningDay.objects.create(date=datetime.date(2026, 12, 24), name="Julaften")
    query = {"prioritet": "Høy", "dato": "2026-12-23", "klokkeslett": "13:00"}
    page = soup(client.get(PAGE, query))
    assert text(page.find(id="losning-frist")) == "mandag 28. desember 2026 kl. 09:30"
    assert "Torsdag 24. desember 2026: Julaften (stengt), teller ikke" in text(page)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"prioritet": "Haster"}, "Prioritet: Velg en av prioritetene i SLA-en."),
        ({"dato": "2026-13-01"}, "Dato saken ble meldt: Skriv datoen som dd.mm.åååå"),
        ({"dato": "1999-12-31"}, "Dato saken ble meldt: Velg en dato mellom år 2000 og 2100."),
        ({"dato": "2101-01-01"}, "Dato saken ble meldt: Velg en dato mellom år 2000 og 2100."),
        ({"klokkeslett": "25:00"}, "Klokkeslett: Skriv klokkeslettet som tt:mm"),
        ({"klokkeslett": ""}, "Klokkeslett: Skriv klokkeslettet saken ble meldt."),
    ],
)
def test_bad_input_is_explained_and_computes_nothing(client, sla, query, message):
    page = soup(client.get(PAGE, {**MIDDELS_FRIDAY, **query}))
    assert any(error.startswith(message) for error in errors(page)), errors(page)
    assert page.find(id="resultat-tittel") is None
    field = page.find(id=f"id_{next(iter(query))}")
    assert field["aria-invalid"] == "true"


@pytest.fixture
def second_version(sla):
    """Version 2, in force from 1 January 2027: Høy gets 8 timer, and a new priority."""
    page = draft_of_sla()
    priorities = list(page.priorities.all())
    priorities[1].resolution_value = 8
    priorities.append(
        SLAPriority(
            name="Planlagt",
            response_value=1,
            response_unit="arbeidsdager",
            resolution_value=10,
            resolution_unit="arbeidsdager",
            definition="Planlagte endringer.",
        )
    )
    page.priorities = priorities
    return publish(page, effective_date=datetime.date(2027, 1, 1), change_summary="Ny prioritet.")


def test_the_targets_of_the_version_in_force_then_are_used_and_named(client, second_version):
    query = {"prioritet": "Høy", "dato": "2027-01-05", "klokkeslett": "09:00"}
    page = soup(client.get(PAGE, query))
    assert text(page.find(id="losning-frist")) == "onsdag 6. januar 2027 kl. 09:30"
    assert page.find("a", href="/sla/versjoner/2/")
    old = soup(client.get(PAGE, {**query, "dato": "2026-12-29"}))
    assert text(old.find(id="losning-frist")) == "tirsdag 29. desember 2026 kl. 13:00"
    assert old.find("a", href="/sla/versjoner/1/")


def test_a_priority_the_version_then_did_not_have_is_explained(client, second_version):
    query = {"prioritet": "Planlagt", "dato": "2026-06-02", "klokkeslett": "09:00"}
    page = soup(client.get(PAGE, query))
    assert errors(page) == [
        "Prioritet: SLA-en (versjon 1) har ingen prioritet som heter «Planlagt»."
    ]


def test_the_sla_links_to_the_calculator_near_its_priority_table(client, sla):
    section = soup(client.get("/sla/")).find(id="5.6").find_parent("section")
    assert section.find("a", href=PAGE).text == "Regn ut frister"


# The API ---------------------------------------------------------------------------------


def test_the_api_gives_the_same_deadlines_to_anyone(sla):
    response = Client().get(API, {"prioritet": "høy", "meldt": "2026-03-27T14:00"})
    assert response.status_code == 200
    body = response.json()
    assert {key: body[key] for key in ("prioritet", "meldt", "klokke", "sla_versjon")} == {
        "prioritet": "Høy",
        "meldt": "2026-03-27T14:00:00+01:00",
        "klokke": "apningstid",
        "sla_versjon": 1,
    }
    assert (body["svar"]["mal"], body["svar"]["frist"]) == ("1 time", "2026-03-27T15:00:00+01:00")
    assert body["losning"]["frist"] == "2026-03-30T10:30:00+02:00"
    assert "Lørdag 28. mars 2026: helg, teller ikke" in body["losning"]["begrunnelse"]
    assert body["losning"]["begrunnelse"][-1] == "Frist: mandag 30. mars 2026 kl. 10:30."


def test_the_api_reads_a_time_with_a_zone_as_that_moment(sla):
    body = Client().get(API, {"prioritet": "Høy", "meldt": "2026-03-27T13:00:00Z"}).json()
    assert body["meldt"] == "2026-03-27T14:00:00+01:00"
    assert body["svar"]["frist"] == "2026-03-27T15:00:00+01:00"


def test_the_api_says_when_the_clock_started(sla):
    body = Client().get(API, {"prioritet": "Høy", "meldt": "2026-03-28T10:00"}).json()
    assert body["svar"]["startet"] == "2026-03-30T08:00:00+02:00"


@pytest.mark.parametrize(
    ("query", "problems"),
    [
        (
            {"prioritet": "Haster", "meldt": "2026-03-27T14:00"},
            {"prioritet": "SLA-en (versjon 1) har ingen prioritet som heter «Haster»."},
        ),
        ({"prioritet": "Høy", "meldt": "i går"}, {"meldt": "Ugyldig verdi."}),
        ({"prioritet": "Høy"}, {"meldt": "Feltet må fylles ut."}),
        (
            {"prioritet": "Høy", "meldt": "1999-12-31T23:00"},
            {"meldt": "Velg en dato mellom år 2000 og 2100."},
        ),
    ],
)
def test_the_api_refuses_bad_input_in_norwegian(sla, query, problems):
    response = Client().get(API, query)
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Forespørselen har feil. Se feltene under.",
        "problems": problems,
        "version": None,
    }


def test_the_api_is_described_as_open_to_anyone(sla):
    schema = Client().get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/sla/frister"]["get"]
    assert (
        "security" not in operation
        or operation["security"] == [{}]
        or not any(operation["security"])
    )
    assert {parameter["name"] for parameter in operation["parameters"]} == {"prioritet", "meldt"}


# Editors and the demo --------------------------------------------------------------------


def test_editors_keep_the_special_opening_days(client, editor):
    client.force_login(editor)
    response = client.get("/admin/snippets/governance/specialopeningday/add/")
    assert response.status_code == 200
    response = client.post(
        "/admin/snippets/governance/specialopeningday/add/",
        {"date": "2026-12-24", "name": "Julaften", "opens": "", "closes": ""},
    )
    assert response.status_code == 302
    assert SpecialOpeningDay.objects.get().closed


def test_a_special_day_with_only_one_time_is_refused(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/snippets/governance/specialopeningday/add/",
        {"date": "2026-12-24", "name": "Julaften", "opens": "08:00", "closes": ""},
    )
    assert response.status_code == 200
    assert "Fyll ut både når Kundeservice åpner og når den stenger" in response.content.decode()
    assert not SpecialOpeningDay.objects.exists()


def test_the_demo_special_days_are_loaded_once_and_leave_an_editors_day_alone(db):
    SpecialOpeningDay.objects.create(
        date=datetime.date(2027, 12, 24),
        name="Julaften",
        opens=datetime.time(8),
        closes=datetime.time(11),
    )
    created = load_demo_special_days(datetime.date(2026, 11, 29))
    assert [str(day) for day in created] == [
        "24.12.2026 Julaften",
        "31.12.2026 Nyttårsaften",
        "31.12.2027 Nyttårsaften",
    ]
    assert load_demo_special_days(datetime.date(2026, 11, 29)) == []
    assert SpecialOpeningDay.objects.get(date=datetime.date(2027, 12, 24)).closes == (
        datetime.time(11)
    )
    new_years_eve = SpecialOpeningDay.objects.get(date=datetime.date(2026, 12, 31))
    assert (new_years_eve.opens, new_years_eve.closes) == (datetime.time(8), datetime.time(12))
