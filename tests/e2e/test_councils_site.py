"""Readers find the councils in the chart, read a council's page, its minutes and decisions."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from councils import cases
from councils.models import AgendaItem, Appointment, Council, Meeting, Membership, Vote
from tests.conftest import PASSWORD
from tests.councils.factories import (
    AgendaItemFactory,
    AppointmentFactory,
    CouncilFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    council,
    organisation,
)
from tests.e2e.conftest import assert_accessible, submit_login

Kind = Council.Kind
PUBLISHED = Meeting.MinutesStatus.PUBLISHED


def at(year, month, day, hour=10, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


@pytest.fixture
def councils(site, django_user_model):
    """The cooperation's councils, a daglig leder, members, and minutes with an exempt case."""
    found = {
        "samarbeid": council(Kind.COOPERATION),
        "portefolje": council(Kind.PORTFOLIO),
        "helse": CouncilFactory(
            name="Faggruppe helse", slug="helse", field_of_work="Helse og omsorg"
        ),
        "skole": CouncilFactory(name="Faggruppe skole", slug="skole", field_of_work="Oppvekst"),
    }
    for slug in ["aukra", "molde", "rauma", "vestnes"]:
        CouncilFactory(
            name=f"Innovasjonsrådet i {organisation(slug).name}",
            slug=f"innovasjon-{slug}",
            kind=Kind.INNOVATION,
            field_of_work="",
            municipality=organisation(slug),
        )
    AppointmentFactory(
        person=PersonFactory(name="Dag Leder", organisation=organisation("ror-ikt")),
        position=Appointment.Position.GENERAL_MANAGER,
        starts_on=datetime.date(2020, 1, 1),
    )
    user = django_user_model.objects.create_user("medlem", password=PASSWORD)
    MembershipFactory(
        council=found["helse"],
        role=Membership.Role.LEADER,
        person=PersonFactory(
            name="Mia Medlem", user=user, email="mia@example.invalid", phone="71 11 11 66"
        ),
        starts_on=datetime.date(2020, 1, 1),
    )
    meeting = MeetingFactory(
        council=found["helse"],
        starts_at=at(2026, 3, 10),
        place="Molde rådhus",
        minutes_status=PUBLISHED,
    )
    exempt = AgendaItemFactory(
        meeting=meeting,
        title="Kjøp av trygghetsalarmer",
        exempt_ground="offl-23",
        background="Tilbudene fra leverandørene.",
        decision="Faggruppen anbefaler leverandør B.",
        outcome=AgendaItem.Outcome.DECIDED,
    )
    for slug, choice in [("aukra", "mot"), ("molde", "for")]:
        Vote.objects.create(item=exempt, municipality=organisation(slug), choice=choice)
    disputed = AgendaItemFactory(
        meeting=meeting,
        title="Felles journalsystem",
        dissent="Rauma ville vente et år.",
        outcome=AgendaItem.Outcome.NOT_AGREED,
    )
    found["raised"] = cases.raise_if_not_agreed(disputed)
    found["meeting"] = meeting
    return found


def box(page, name):
    return page.locator(".org-chart").get_by_role("link", name=name, exact=True).bounding_box()


def test_a_reader_follows_the_chart_to_a_council_its_minutes_and_the_case_raised_above(
    site, page, councils
):
    page.goto(site + "/")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Råd").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rådene i samarbeidet")
    assert_accessible(page)

    # Drawn as a chart: each level under the one above, the daglig leder beside it.
    top, portfolio = box(page, "Samarbeidsrådet"), box(page, "Porteføljerådet")
    helse, molde = box(page, "Faggruppe helse"), box(page, "Innovasjonsrådet i Molde")
    assert top["y"] + top["height"] < portfolio["y"]
    assert portfolio["y"] + portfolio["height"] < min(helse["y"], molde["y"])
    assert helse["x"] + helse["width"] < molde["x"]  # faggrupper and innovasjonsråd side by side
    manager = page.locator(".org-advises").bounding_box()
    assert manager["x"] > portfolio["x"] + portfolio["width"]
    middle = portfolio["y"] + portfolio["height"] / 2
    assert manager["y"] < middle < manager["y"] + manager["height"]
    expect(page.locator(".org-advises")).to_have_text(
        re.compile(r"gir råd til\s+Daglig leder i ROR-IKT: Dag Leder")
    )

    page.get_by_role("link", name="Faggruppe helse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Faggruppe helse")
    members = page.get_by_role("table", name=re.compile("Medlemmer av Faggruppe helse"))
    expect(members.get_by_role("row", name=re.compile("Mia Medlem"))).to_contain_text("Leder")
    expect(page.get_by_text("mia@example.invalid")).to_have_count(0)
    expect(
        page.get_by_role("link", name="Mandat for de interkommunale faggruppene")
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Referat fra møtet 10. mars 2026").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Referat fra møte i Faggruppe helse 10. mars 2026"
    )
    expect(page.get_by_text("tirsdag 10. mars 2026 kl. 10.00")).to_be_visible()
    exempt = page.locator("section", has=page.get_by_role("heading", name=re.compile("Kjøp av")))
    expect(exempt).to_contain_text(
        "Unntatt offentlighet: Unntatt etter offentleglova § 23 (forhandlingsposisjon)."
    )
    expect(exempt).to_contain_text("Faggruppen anbefaler leverandør B.")
    expect(exempt).not_to_contain_text("Tilbudene fra leverandørene.")
    votes = exempt.get_by_role("table", name="Stemmer per kommune i sak 1-26")
    expect(votes.get_by_role("row", name="Aukra Mot")).to_be_visible()
    assert_accessible(page)

    raised = councils["raised"]
    page.get_by_role("link", name=f"sak {raised.label} i Porteføljerådet").click()
    expect(page).to_have_url(re.compile(rf"/rad/portefoljeradet/#sak-{raised.label}$"))
    expect(page.locator(f"#sak-{raised.label}")).to_be_in_viewport()
    expect(page.locator(f"#sak-{raised.label}")).to_contain_text("Felles journalsystem")
    assert_accessible(page)
    page.get_by_role("link", name="sak 2-26 i Faggruppe helse").click()
    expect(page.locator("#sak-2-26")).to_be_in_viewport()


def test_a_member_logs_in_to_see_contact_details_and_the_whole_exempt_case(site, page, councils):
    page.goto(site + "/rad/helse/")
    page.get_by_role("main").get_by_role("link", name="Logg inn").click()
    assert_accessible(page)
    submit_login(page, "medlem")

    expect(page).to_have_url(re.compile(r"/rad/helse/$"))
    expect(page.get_by_role("link", name="mia@example.invalid")).to_be_visible()
    phone = page.get_by_role("main").get_by_role("link", name="71 11 11 66")
    expect(phone).to_have_attribute("href", "tel:+4771111166")
    expect(page.get_by_role("link", name="Logg inn")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Referat fra møtet 10. mars 2026").click()
    expect(page.get_by_text("Tilbudene fra leverandørene.")).to_be_visible()
    expect(page.get_by_text("Du ser hele saken")).to_be_visible()
    assert_accessible(page)


def test_a_reader_searches_filters_and_pages_through_decisions(site, page, councils):
    meeting = MeetingFactory(
        council=councils["portefolje"], starts_at=at(2025, 11, 4), minutes_status=PUBLISHED
    )
    for n in range(1, 31):
        AgendaItemFactory(
            meeting=meeting, title=f"Prosjekt {n}", decision=f"Prosjekt {n} prioriteres."
        )

    page.goto(site + "/vedtak/")
    expect(page.get_by_role("heading", level=2, name="31 vedtak")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Råd", exact=True).select_option(label="Porteføljerådet")
    page.get_by_label("År", exact=True).select_option("2025")
    page.get_by_role("button", name="Vis vedtak").click()
    expect(page.locator("#treff")).to_have_text("30 vedtak fra Porteføljerådet i 2025")
    expect(page.locator(".decision-list > li")).to_have_count(25)
    pages = page.get_by_role("navigation", name="Sider i vedtakslisten")
    pages.get_by_role("link", name="Neste side").click()
    expect(page).to_have_url(re.compile(r"rad=portefoljeradet&ar=2025&side=2$"))
    expect(page.locator(".decision-list > li")).to_have_count(5)
    expect(pages.get_by_role("link", name="Side 2")).to_have_attribute("aria-current", "page")
    assert_accessible(page)

    page.get_by_label("Søk i tittel og vedtak").fill("trygghetsalarmer")
    page.get_by_label("Råd", exact=True).select_option(label="Alle råd")
    page.get_by_label("År", exact=True).select_option(label="Alle år")
    page.get_by_role("button", name="Vis vedtak").click()
    expect(page.locator("#treff")).to_have_text("1 vedtak for «trygghetsalarmer»")
    page.get_by_role("link", name="Sak 1-26 Kjøp av trygghetsalarmer").click()
    expect(page.locator("#sak-1-26")).to_be_in_viewport()


def test_bad_input_and_missing_minutes_are_explained_accessibly(site, page, councils):
    page.goto(site + "/vedtak/?rad=nedlagt-rad&ar=tjuetjueseks")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Fant ikke rådet «nedlagt-rad». Velg et råd fra listen.")
    expect(alert).to_contain_text("Året må være et tall, for eksempel 2026.")
    expect(page.get_by_label("År", exact=True)).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    response = page.goto(site + "/vedtak/?side=7")
    assert response.status == 404
    expect(page.get_by_role("alert")).to_contain_text("Side 7 finnes ikke.")
    assert_accessible(page)
    page.get_by_role("link", name="Gå til første side").click()
    expect(page.locator("#treff")).to_have_text("1 vedtak")

    draft = MeetingFactory(council=councils["helse"], starts_at=at(2026, 6, 2))
    response = page.goto(f"{site}/rad/helse/moter/{draft.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Fant ikke siden")
    assert_accessible(page)


def test_the_mandate_links_to_its_councils(site, page, councils):
    page.goto(site + "/mandater/innovasjonsradet/")
    councils_list = page.locator("section.mandate-councils")
    expect(councils_list.get_by_role("link")).to_have_text(
        [f"Innovasjonsrådet i {name}" for name in ["Aukra", "Molde", "Rauma", "Vestnes"]]
    )
    assert_accessible(page)
    councils_list.get_by_role("link", name="Innovasjonsrådet i Rauma").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Innovasjonsrådet i Rauma")
    expect(page.get_by_role("link", name="Mandat for Innovasjonsrådet")).to_be_visible()


def test_on_a_phone_the_chart_is_an_indented_list_that_fits_the_screen(site, new_page, councils):
    page = new_page()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site + "/rad/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    top, portfolio = box(page, "Samarbeidsrådet"), box(page, "Porteføljerådet")
    helse = box(page, "Faggruppe helse")
    assert top["x"] < portfolio["x"] < helse["x"]  # each level indented under the one above
    assert_accessible(page)
