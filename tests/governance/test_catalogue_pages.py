"""/tjenestekatalog/, a service's page, /roller/ and its CSV and Excel exports."""

import csv
import datetime
import io
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from governance.models import Service
from tests.conftest import soup
from tests.councils.factories import (
    AppointmentFactory,
    CouncilFactory,
    PersonFactory,
    organisation,
)
from tests.governance.factories import (
    ProviderPersonFactory,
    ServiceCategoryFactory,
    ServiceFactory,
    ServiceUsageFactory,
)
from tests.governance.helpers import draft_of_sla, publish

pytestmark = pytest.mark.django_db

MUNICIPALITIES = ("aukra", "molde", "rauma", "vestnes")


def text(node):
    return " ".join(node.get_text().split())


def listed(response):
    """The names of the services the list shows, in order."""
    return [a.get_text(strip=True) for a in soup(response).select(".service-list h3 a")]


def full_service(name, **fields):
    """A service used by all four municipalities, with superbrukere and tags."""
    service = ServiceFactory(name=name, slug=name.lower().replace(" ", "-"), **fields)
    for slug in MUNICIPALITIES:
        place = organisation(slug)
        ServiceUsageFactory(
            service=service,
            municipality=place,
            super_users=PersonFactory.create_batch(2, organisation=place),
        )
    service.tags.add("journal", "helse")
    service.save()
    return service


def query_count(client, url):
    client.get(url)  # the first request in a process also looks up and caches Wagtail's Site
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def catalogue(db):
    """A small catalogue: two categories, a faggruppe, one critical service, tags, usages."""
    health = ServiceCategoryFactory(name="Helse og omsorg", slug="helse-og-omsorg")
    school = ServiceCategoryFactory(name="Skole", slug="skole")
    faggruppe = CouncilFactory(name="Faggruppe helse", slug="faggruppe-helse")
    gerica = ServiceFactory(
        name="Gerica",
        slug="gerica",
        category=health,
        faggruppe=faggruppe,
        critical=True,
        summary="Pasientjournal for pleie og omsorg.",
        description="Elektronisk pasientjournal.",
        vendor="Tieto",
    )
    gerica.tags.add("journal")
    gerica.save()
    visma = ServiceFactory(
        name="Visma Flyt Skole", slug="visma-flyt-skole", category=school, summary="Skoleadmin."
    )
    visma.tags.add("elevdata")
    visma.save()
    ServiceFactory(name="Acos Websak", slug="acos", category=school, summary="Sakarkiv.")
    ServiceUsageFactory(service=gerica, municipality=organisation("rauma"))
    ServiceUsageFactory(service=gerica, municipality=organisation("molde"))
    ServiceUsageFactory(service=visma, municipality=organisation("molde"))
    return {"gerica": gerica, "visma": visma}


# /tjenestekatalog/


def test_the_list_shows_every_service_with_its_summary_category_and_critical_marker(
    client, catalogue
):
    page = soup(client.get("/tjenestekatalog/"))
    assert page.find(id="resultat").get_text() == "3 tjenester"
    items = page.select(".service-item")
    assert [item.h3.a.get_text() for item in items] == [
        "Acos Websak",
        "Gerica",
        "Visma Flyt Skole",
    ]
    gerica = items[1]
    assert gerica.h3.a["href"] == "/tjenestekatalog/gerica/"
    assert "Pasientjournal for pleie og omsorg." in text(gerica)
    assert "Kategori: Helse og omsorg" in text(gerica)
    assert text(gerica.select_one(".critical-badge")) == "Kritisk for liv og helse"
    assert not items[0].select(".critical-badge")
    assert not page.find("a", string="Nullstill filteret")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kommune": "rauma"}, ["Gerica"]),
        ({"kommune": "molde"}, ["Gerica", "Visma Flyt Skole"]),
        ({"kommune": "aukra"}, []),
        ({"kategori": "skole"}, ["Acos Websak", "Visma Flyt Skole"]),
        ({"faggruppe": "faggruppe-helse"}, ["Gerica"]),
        ({"kritisk": "ja"}, ["Gerica"]),
        ({"kritisk": "nei"}, ["Acos Websak", "Visma Flyt Skole"]),
        ({"stikkord": "elevdata"}, ["Visma Flyt Skole"]),
        ({"q": "pasientjournal"}, ["Gerica"]),  # the description
        ({"q": "tieto"}, ["Gerica"]),  # the vendor
        ({"q": "ELEVDATA"}, ["Visma Flyt Skole"]),  # a tag
        ({"q": "visma skole"}, ["Visma Flyt Skole"]),  # every word must match
        ({"kategori": "skole", "kommune": "molde"}, ["Visma Flyt Skole"]),
        ({"kommune": "", "kategori": "", "q": ""}, ["Acos Websak", "Gerica", "Visma Flyt Skole"]),
    ],
)
def test_filters_narrow_the_list(client, catalogue, query, expected):
    response = client.get("/tjenestekatalog/", query)
    assert listed(response) == expected


def test_the_count_and_the_way_back_follow_the_filter(client, catalogue):
    page = soup(client.get("/tjenestekatalog/", {"kommune": "rauma"}))
    assert page.find(id="resultat").get_text() == "1 tjeneste"
    assert page.find("select", id="id_kommune").find("option", selected=True).text == "Rauma"
    assert page.find("a", string="Nullstill filteret")["href"] == "/tjenestekatalog/"

    page = soup(client.get("/tjenestekatalog/", {"kommune": "aukra"}))
    assert page.find(id="resultat").get_text() == "Ingen tjenester"
    assert "Ingen tjenester passer til filteret." in text(page.main)


def test_every_filter_has_a_label(client, catalogue):
    page = soup(client.get("/tjenestekatalog/"))
    form = page.select_one("form.catalogue-filter")
    assert form["method"] == "get"
    labels = {label["for"]: label.get_text() for label in form.find_all("label")}
    assert labels == {
        "id_q": "Søk i navn og beskrivelse",
        "id_kategori": "Kategori",
        "id_kommune": "Kommune som bruker tjenesten",
        "id_faggruppe": "Faggruppe",
        "id_kritisk": "Kritisk for liv og helse",
        "id_stikkord": "Stikkord",
    }
    municipalities = [o.text for o in form.find("select", id="id_kommune").find_all("option")]
    assert municipalities == ["Alle kommuner", "Aukra", "Molde", "Rauma", "Vestnes"]
    tags = [o.text for o in form.find("select", id="id_stikkord").find_all("option")]
    assert tags == ["Alle stikkord", "elevdata", "journal"]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        (
            {"kommune": "oslo"},
            "kommune",
            "Kommunen «oslo» er ikke med i samarbeidet. Velg en kommune i listen.",
        ),
        (
            {"kategori": "hagestell"},
            "kategori",
            "Kategorien «hagestell» finnes ikke. Velg en kategori i listen.",
        ),
        (
            {"faggruppe": "ukjent"},
            "faggruppe",
            "Faggruppen «ukjent» finnes ikke. Velg en faggruppe i listen.",
        ),
        (
            {"kritisk": "kanskje"},
            "kritisk",
            "«kanskje» er ikke et valg for kritisk for liv og helse. Velg i listen.",
        ),
        (
            {"stikkord": "x"},
            "stikkord",
            "Stikkordet «x» finnes ikke. Velg et stikkord i listen.",
        ),
        ({"q": "a" * 201}, "q", "Søket kan ha høyst 200 tegn (det har 201)."),
    ],
)
def test_a_bad_filter_value_gets_a_clear_message_and_is_left_out(
    client, catalogue, query, field, message
):
    response = client.get("/tjenestekatalog/", {"kategori": "skole", **query})
    page = soup(response)
    assert page.find(id=f"id_{field}_error").get_text() == message
    assert page.find(id=f"id_{field}")["aria-invalid"] == "true"
    assert f"id_{field}_error" in page.find(id=f"id_{field}")["aria-describedby"]
    summary = page.select_one(".error-summary")
    assert summary.find("a", href=f"#id_{field}").get_text() == message
    # The other filters still apply; the bad one is left out.
    expected = 3 if field == "kategori" else 2
    assert len(page.select(".service-item")) == expected


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/tjenestekatalog/?kommune=%00", "kommune"),
        ("/tjenestekatalog/?q=a%00b", "q"),
        ("/roller/?kommune=%00", "kommune"),
    ],
)
def test_odd_bytes_in_a_filter_get_a_message_not_a_server_error(client, catalogue, url, field):
    assert soup(client.get(url)).find(id=f"id_{field}_error").get_text()


def test_the_list_costs_the_same_queries_for_3_and_30_services(client, db):
    for number in range(3):
        full_service(f"Tjeneste {number:02d}")
    few = query_count(client, "/tjenestekatalog/?kommune=rauma")
    for number in range(3, 30):
        full_service(f"Tjeneste {number:02d}")
    assert len(listed(client.get("/tjenestekatalog/?kommune=rauma"))) == 30
    assert query_count(client, "/tjenestekatalog/?kommune=rauma") == few


# /tjenestekatalog/<slug>/


def test_the_service_page_says_what_it_is_and_how_to_get_it(client, catalogue):
    gerica = catalogue["gerica"]
    gerica.audience = "Ansatte i hjemmetjenesten."
    gerica.how_to_order = "Bestill tilgang i Kundeservice-portalen."
    gerica.save()
    page = soup(client.get("/tjenestekatalog/gerica/"))
    assert page.h1.get_text() == "Gerica"
    facts = {
        text(div.dt): text(div.dd) for div in page.select_one("dl.service-facts").find_all("div")
    }
    assert facts["Hva det er"] == "Elektronisk pasientjournal."
    assert facts["Hvem det er for"] == "Ansatte i hjemmetjenesten."
    assert facts["Slik bestiller du"] == "Bestill tilgang i Kundeservice-portalen."
    assert facts["Leverandør"] == "Tieto"
    assert facts["Kategori"] == "Helse og omsorg"
    assert facts["Stikkord"] == "journal"
    assert facts["Brukes av"] == "Molde og Rauma"
    faggruppe = page.find("a", string="Faggruppe helse")
    assert faggruppe["href"] == "/rad/faggruppe-helse/"


def test_a_critical_service_says_its_faults_get_priority_kritisk(client, catalogue):
    page = soup(client.get("/tjenestekatalog/gerica/"))
    notice = page.select_one(".critical-notice")
    assert "Feil i denne tjenesten får alltid prioritet Kritisk (SLA 5.6)." in text(notice)
    assert notice.find("a")["href"] == "/sla/#5.6"

    page = soup(client.get("/tjenestekatalog/visma-flyt-skole/"))
    assert not page.select(".critical-notice")
    assert "prioritet Kritisk" not in text(page.main)


def uptime(client, slug):
    page = soup(client.get(f"/tjenestekatalog/{slug}/"))
    div = next(d for d in page.select("dl.service-facts > div") if text(d.dt) == "Oppetidsmål")
    return text(div.dd)


def test_the_uptime_target_is_the_services_own_or_the_live_slas(client, catalogue, sla):
    assert uptime(client, "visma-flyt-skole") == (
        "99,8 % – SLA-ens oppetidsmål gjelder (SLA 6.2 Oppetid)"
    )
    Service.objects.filter(slug="gerica").update(uptime_target=Decimal("99.95"))
    assert uptime(client, "gerica") == (
        "99,95 % – tjenestens eget mål, som gjelder i stedet for SLA-ens"
    )
    publish(draft_of_sla(), uptime_target=Decimal("99.50"))
    assert uptime(client, "visma-flyt-skole").startswith("99,5 % – SLA-ens")


def roles(section):
    """`{role name: (link, holder text)}` of one role list on a service's page."""
    return {
        div.dt.a.get_text(): (div.dt.a["href"], " | ".join(text(dd) for dd in div.find_all("dd")))
        for div in section.select("dl.role-list > div")
    }


def test_the_service_page_names_every_role_and_links_it_to_the_sla(client, db):
    service = ServiceFactory(
        name="Profil",
        slug="profil",
        system_manager=ProviderPersonFactory(name="Frida Forvalter", title="Systemforvalter"),
        technical_secondary=None,
        support=Service.Support.VENDOR,
        support_vendor="Norsk Helsenett",
    )
    rauma = organisation("rauma")
    ServiceUsageFactory(
        service=service,
        municipality=rauma,
        system_owner=PersonFactory(name="Eva Eier", title="Kommunalsjef", organisation=rauma),
        system_administrator=None,
        super_users=[PersonFactory(name="Siri Super", title="Sykepleier", organisation=rauma)],
    )
    page = soup(client.get("/tjenestekatalog/profil/"))

    provider = roles(page.find("section", attrs={"aria-labelledby": "roller-ror-ikt"}))
    assert list(provider) == [
        "Systemforvalter",
        "Teknisk forvalter (primær)",
        "Teknisk forvalter (sekundær)",
        "Supportansvarlig",
        "Driftsansvarlig",
    ]
    assert provider["Systemforvalter"] == ("/sla/#4.9", "Frida Forvalter, Systemforvalter")
    assert provider["Teknisk forvalter (sekundær)"] == ("/sla/#4.10", "Ikke utnevnt")
    assert provider["Supportansvarlig"] == (
        "/sla/#4.11",
        "Norsk Helsenett (leverandørens brukerstøtte)",
    )
    assert provider["Driftsansvarlig"][0] == "/sla/#4.12"

    section = page.find("section", attrs={"aria-labelledby": "roller-rauma"})
    assert section.h3.get_text() == "Rauma"
    assert roles(section) == {
        "Systemeier": ("/sla/#4.5", "Eva Eier, Kommunalsjef"),
        "Systemansvarlig": ("/sla/#4.6", "Ikke utnevnt"),
        "Superbrukere": ("/sla/#4.7", "Siri Super, Sykepleier"),
    }
    # A missing role stands out by more than colour: its own words in a marked element.
    assert [text(m) for m in page.select(".role-missing")] == ["Ikke utnevnt", "Ikke utnevnt"]


def test_the_service_desk_is_the_supportansvarlig_by_default(client, catalogue):
    page = soup(client.get("/tjenestekatalog/gerica/"))
    provider = roles(page.find("section", attrs={"aria-labelledby": "roller-ror-ikt"}))
    assert provider["Supportansvarlig"] == ("/sla/#4.11", "ROR-IKT Kundeservice")


def test_contact_details_are_only_for_logged_in_staff(client, db, make_user):
    owner = PersonFactory(
        name="Eva Eier",
        organisation=organisation("rauma"),
        email="eva.eier@rauma.kommune.invalid",
        phone="71 16 00 00",
    )
    manager = ProviderPersonFactory(email="frida@ror-ikt.invalid", phone="+47 900 00 000")
    ServiceUsageFactory(
        service=ServiceFactory(slug="profil", system_manager=manager),
        municipality=organisation("rauma"),
        system_owner=owner,
    )

    anonymous = client.get("/tjenestekatalog/profil/")
    html = anonymous.content.decode()
    assert "Eva Eier" in html
    assert "eva.eier@rauma.kommune.invalid" not in html
    assert "frida@ror-ikt.invalid" not in html
    assert "71 16 00 00" not in html
    page = soup(anonymous)
    assert not page.main.select("a[href^='mailto:'], a[href^='tel:']")
    assert "Kontaktinformasjon (e-post og telefon) vises bare for innloggede ansatte." in text(
        page.main
    )
    login = page.find("a", string="Logg inn for å se kontaktinformasjonen")
    assert login["href"] == "/logg-inn/?next=/tjenestekatalog/profil/"

    client.force_login(make_user("ansatt"))
    page = soup(client.get("/tjenestekatalog/profil/"))
    assert page.find("a", href="mailto:eva.eier@rauma.kommune.invalid")
    assert page.find("a", href="tel:71160000").get_text() == "71 16 00 00"
    assert page.find("a", href="tel:+4790000000")
    assert "vises bare for innloggede" not in text(page.main)


def test_a_service_used_by_no_municipality_says_so(client, db):
    ServiceFactory(slug="ubrukt")
    page = soup(client.get("/tjenestekatalog/ubrukt/"))
    assert "Ingen kommuner er registrert som brukere av tjenesten" in text(page.main)


def test_an_unknown_service_is_not_found(client, db):
    response = client.get("/tjenestekatalog/finnes-ikke/")
    assert response.status_code == 404
    assert "Fant ikke siden" in response.content.decode()


def test_the_service_page_costs_the_same_queries_however_many_people_it_names(client, db):
    ServiceUsageFactory(service=ServiceFactory(slug="liten"), municipality=organisation("molde"))
    few = query_count(client, "/tjenestekatalog/liten/")
    full_service("Stor")
    assert query_count(client, "/tjenestekatalog/stor/") == few


# /roller/


@pytest.fixture
def roles_catalogue(db):
    """Gerica in Molde and Rauma without systemforvalter; Visma in Molde without systemeier."""
    gerica = ServiceFactory(name="Gerica", slug="gerica", system_manager=None)
    rauma, molde = organisation("rauma"), organisation("molde")
    ServiceUsageFactory(
        service=gerica,
        municipality=rauma,
        system_owner=PersonFactory(name="Eva Eier", organisation=rauma),
    )
    ServiceUsageFactory(service=gerica, municipality=molde)
    visma = ServiceFactory(name="Visma", slug="visma", system_manager=ProviderPersonFactory())
    ServiceUsageFactory(service=visma, municipality=molde, system_owner=None)
    AppointmentFactory(
        person=PersonFactory(name="Sara Sikker", organisation=rauma),
        starts_on=datetime.date(2020, 1, 1),
    )


def overview_rows(page, slug):
    """`[[service, cell, …]]` of a municipality's table on /roller/."""
    table = page.find("section", attrs={"aria-labelledby": f"kommune-{slug}"}).table
    return [[text(cell) for cell in tr.find_all(["th", "td"])] for tr in table.tbody("tr")]


def test_the_overview_shows_services_by_municipality_and_marks_what_is_missing(
    client, roles_catalogue
):
    page = soup(client.get("/roller/"))
    header = page.find("section", attrs={"aria-labelledby": "kommune-molde"}).table.thead
    assert [text(th) for th in header("th")] == [
        "Tjeneste",
        "Systemeier",
        "Systemansvarlig",
        "Systemforvalter",
        "Teknisk forvalter (primær)",
        "Teknisk forvalter (sekundær)",
        "Supportansvarlig",
        "Driftsansvarlig",
    ]
    assert header.find("a", string="Systemforvalter")["href"] == "/sla/#4.9"
    molde = overview_rows(page, "molde")
    assert [row[0] for row in molde] == ["Gerica", "Visma"]
    assert molde[0][3] == "Mangler"  # Gerica's systemforvalter
    assert molde[1][1] == "Mangler"  # Visma's systemeier in Molde
    assert molde[0][6] == "ROR-IKT Kundeservice"
    rauma = overview_rows(page, "rauma")
    assert rauma[0][:2] == ["Gerica", "Eva Eier"]
    assert text(page.select_one("section[aria-labelledby=kommune-aukra]")).endswith(
        "Ingen tjenester er registrert for Aukra."
    )
    scroller = page.select_one("section[aria-labelledby=kommune-molde] .table-wrap")
    assert scroller["tabindex"] == "0"
    assert scroller["aria-labelledby"] == scroller.table.caption["id"]


def test_the_summary_counts_the_missing_roles(client, roles_catalogue):
    page = soup(client.get("/roller/"))
    summary = page.select_one(".overview-summary")
    # Gerica's systemforvalter counts once, though Molde and Rauma both use Gerica.
    assert "2 roller mangler. 2 av 2 tjenester har minst én rolle som mangler." in text(summary)
    per_role = {
        text(tr.th): text(tr.td) for tr in summary.select("table.missing-summary tbody tr")
    }
    assert per_role == {
        "Systemeier": "1",
        "Systemansvarlig": "0",
        "Systemforvalter": "1",
        "Teknisk forvalter (primær)": "0",
        "Teknisk forvalter (sekundær)": "0",
        "Supportansvarlig": "0",
        "Driftsansvarlig": "0",
    }


def test_each_municipality_shows_its_sikkerhetsansvarlig_or_mangler(client, roles_catalogue):
    page = soup(client.get("/roller/"))
    rauma = page.select_one("section[aria-labelledby=kommune-rauma] > p")
    assert text(rauma) == "Sikkerhetsansvarlig: Sara Sikker, Rådgiver"
    molde = page.select_one("section[aria-labelledby=kommune-molde] > p")
    assert text(molde) == "Sikkerhetsansvarlig: Mangler"
    assert molde.select_one(".role-missing")
    assert "3 kommuner mangler sikkerhetsansvarlig: Aukra, Molde og Vestnes." in text(
        page.select_one(".overview-summary")
    )


def test_the_overview_of_one_municipality(client, roles_catalogue):
    page = soup(client.get("/roller/", {"kommune": "molde"}))
    assert [s["aria-labelledby"] for s in page.select("section.overview-municipality")] == [
        "kommune-molde"
    ]
    assert text(page.find(id="oppsummering")) == "Oppsummering for Molde"
    assert "2 roller mangler. 2 av 2 tjenester har minst én rolle som mangler." in text(
        page.select_one(".overview-summary")
    )
    assert page.find("a", string="Last ned oversikten som CSV-fil")["href"] == (
        "/roller/roller.csv?kommune=molde"
    )
    assert page.find("a", string="Last ned oversikten som Excel-fil")["href"] == (
        "/roller/roller.xlsx?kommune=molde"
    )
    page = soup(client.get("/roller/", {"kommune": "rauma"}))
    assert "1 rolle mangler. 1 av 1 tjeneste har minst én rolle som mangler." in text(
        page.select_one(".overview-summary")
    )


def test_an_unknown_municipality_gets_a_clear_message(client, roles_catalogue):
    page = soup(client.get("/roller/", {"kommune": "oslo"}))
    message = "Kommunen «oslo» er ikke med i samarbeidet. Velg en kommune i listen."
    assert page.find(id="id_kommune_error").get_text() == message
    assert "Oversikten under viser alle kommunene." in text(page.select_one(".error-summary"))
    assert len(page.select("section.overview-municipality")) == 4
    assert page.find("a", string="Last ned oversikten som CSV-fil")["href"] == "/roller/roller.csv"


def test_the_overview_costs_the_same_queries_for_3_and_30_services(client, db):
    for number in range(3):
        full_service(f"Tjeneste {number:02d}", operations_manager=None)
    urls = ["/roller/", "/roller/?kommune=rauma", "/roller/roller.csv", "/roller/roller.xlsx"]
    few = [query_count(client, url) for url in urls]
    for number in range(3, 30):
        full_service(f"Tjeneste {number:02d}", operations_manager=None)
    assert [query_count(client, url) for url in urls] == few
    assert len(overview_rows(soup(client.get("/roller/")), "rauma")) == 30


# The exports


def read_csv(response):
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM that tells Excel it is UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_export_has_a_row_per_service_per_municipality(client, roles_catalogue):
    response = client.get("/roller/roller.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="rolletildelinger-alle-kommuner-{today}.csv"'
    )
    header, *rows = read_csv(response)
    assert header == [
        "Kommune",
        "Tjeneste",
        "Kritisk for liv og helse",
        "Systemeier",
        "Systemansvarlig",
        "Superbrukere",
        "Sikkerhetsansvarlig",
        "Systemforvalter",
        "Teknisk forvalter (primær)",
        "Teknisk forvalter (sekundær)",
        "Supportansvarlig",
        "Driftsansvarlig",
    ]
    table = [dict(zip(header, row, strict=True)) for row in rows]
    assert [(row["Kommune"], row["Tjeneste"]) for row in table] == [
        ("Molde", "Gerica"),
        ("Molde", "Visma"),
        ("Rauma", "Gerica"),
    ]
    assert [row["Systemforvalter"] for row in table][::2] == ["MANGLER", "MANGLER"]
    assert table[1]["Systemeier"] == "MANGLER"
    assert table[2]["Systemeier"] == "Eva Eier"
    assert table[2]["Sikkerhetsansvarlig"] == "Sara Sikker"
    assert table[0]["Sikkerhetsansvarlig"] == "MANGLER"


def test_the_csv_export_honours_the_municipality_filter(client, roles_catalogue):
    response = client.get("/roller/roller.csv", {"kommune": "rauma"})
    assert "rolletildelinger-rauma-" in response["Content-Disposition"]
    _header, *rows = read_csv(response)
    assert [row[:2] for row in rows] == [["Rauma", "Gerica"]]


def test_the_file_name_has_the_date_in_norway(client, roles_catalogue):
    # 23:30 UTC on New Year's Eve is already New Year's Day in Oslo.
    late = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=late):
        response = client.get("/roller/roller.xlsx")
    assert response["Content-Disposition"] == (
        'attachment; filename="rolletildelinger-alle-kommuner-2027-01-01.xlsx"'
    )


def test_a_name_in_the_export_is_never_a_formula(client, db):
    ServiceUsageFactory(
        service=ServiceFactory(name="=HYPERLINK(1)"), municipality=organisation("molde")
    )
    _header, row = read_csv(client.get("/roller/roller.csv"))
    assert row[1] == "'=HYPERLINK(1)"
    sheet = load_workbook(io.BytesIO(client.get("/roller/roller.xlsx").content)).active
    assert sheet["B2"].value == "=HYPERLINK(1)"
    assert sheet["B2"].data_type == "s"


def test_the_excel_export_has_the_same_rows_and_honours_the_filter(client, roles_catalogue):
    response = client.get("/roller/roller.xlsx", {"kommune": "molde"})
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].startswith(
        'attachment; filename="rolletildelinger-molde-'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Rolletildelinger"
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header[:5] == [
        "Kommune",
        "Tjeneste",
        "Kritisk for liv og helse",
        "Systemeier",
        "Systemansvarlig",
    ]
    table = [dict(zip(header, row, strict=True)) for row in rows]
    assert [(row["Kommune"], row["Tjeneste"]) for row in table] == [
        ("Molde", "Gerica"),
        ("Molde", "Visma"),
    ]
    assert table[0]["Systemforvalter"] == "MANGLER"
    assert table[1]["Systemeier"] == "MANGLER"
    assert sheet.freeze_panes == "A2"


@pytest.mark.parametrize("url", ["/roller/roller.csv", "/roller/roller.xlsx"])
def test_an_export_for_an_unknown_municipality_explains_instead_of_downloading(
    client, roles_catalogue, url
):
    response = client.get(url, {"kommune": "oslo"})
    assert response.status_code == 400
    assert "Content-Disposition" not in response
    assert "Kommunen «oslo» er ikke med i samarbeidet." in response.content.decode()


def test_a_long_catalogue_is_shown_fifty_services_a_page_keeping_the_filter(client, db):
    from bs4 import BeautifulSoup

    from tests.governance.factories import ServiceUsageFactory

    for number in range(55):
        ServiceUsageFactory(
            service__name=f"System {number:02d}", service__slug=f"system-{number:02d}"
        )
    first = BeautifulSoup(
        client.get("/tjenestekatalog/", {"kommune": "rauma"}).content, "html.parser"
    )
    assert len(first.select(".service-list > li")) == 50
    assert first.find(id="resultat").text == "55 tjenester"
    next_link = first.find("a", rel="next")["href"]
    assert "kommune=rauma" in next_link and "side=2" in next_link
    second = BeautifulSoup(client.get("/tjenestekatalog/" + next_link).content, "html.parser")
    assert [h.text.strip() for h in second.select(".service-list h3")][-1] == "System 54"
    assert second.select_one("nav.pagination a[aria-current=page]").text == "Side 2"
    assert second.find("a", string="Nullstill filteret")
