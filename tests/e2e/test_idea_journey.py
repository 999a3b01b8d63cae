"""The whole journey with several users, as the issue tells it, checked by axe at every step.

An employee in Molde submits; Molde's innovasjonsråd appoints a follow-up person and
sends the idea to a faggruppe; the faggruppe cannot agree; the porteføljeråd scores it
and cannot agree either; the samarbeidsråd decides; the idea becomes a project; the
submitter sees each step.
"""

import re

from django.core import mail
from playwright.sync_api import expect

from ideas.models import Idea, Notification
from ideas.scoring import CRITERION_FIELDS
from ideas.workflow import State
from tests.councils.factories import PersonFactory, organisation
from tests.e2e.conftest import assert_accessible, log_in
from tests.ideas.factories import (
    UserFactory,
    cooperation_council,
    expert_group,
    innovation_council,
    member,
    portfolio_council,
)


def move(page, legend, button=None, **fields):
    """Fill in and send the form of one move on the idea's page."""
    form = page.get_by_role("group", name=legend, exact=True)
    for label, value in fields.items():
        field = form.get_by_label(label)
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    form.get_by_role("button", name=button or legend).click()
    expect(page.get_by_role("status")).to_contain_text("er registrert")
    assert_accessible(page)


def sees(submitter, url, state):
    """The submitter opens her idea and finds it where the last move put it."""
    submitter.goto(url)
    expect(submitter.locator(".idea-state")).to_have_text(f"Status: {state}")


def test_an_idea_from_molde_becomes_a_project(site, new_page):
    molde = innovation_council("molde")
    helse = expert_group("helse")
    member(molde, "ir_molde")
    member(helse, "fg_helse")
    member(portfolio_council(), "pr")
    member(cooperation_council(), "sr")
    PersonFactory(name="Olav Oppfølger", title="Rådgiver", organisation=organisation("molde"))
    eva = UserFactory(username="eva", first_name="Eva", last_name="Ansatt")
    PersonFactory(user=eva, name="Eva Ansatt", organisation=organisation("molde"))

    submitter = new_page()
    log_in(submitter, site, "eva")
    submitter.goto(site + "/ideer/ny/")
    assert_accessible(submitter)
    submitter.get_by_label("Tittel").fill("Digital vaktbooking i hjemmetjenesten")
    submitter.get_by_label("Bakgrunn").fill("Vaktene fordeles på telefon og papir.")
    submitter.get_by_label("Problemstilling").fill("Ledige vakter blir ikke fylt i tide.")
    submitter.get_by_label("Løsningsforslag").fill("En app der vikarer tar ledige vakter.")
    submitter.get_by_role("button", name="Send inn", exact=True).click()
    expect(submitter.get_by_role("status")).to_contain_text("Idéen er sendt inn")
    assert_accessible(submitter)
    idea = Idea.objects.get()
    url = f"{site}/ideer/{idea.pk}/"

    council_member = new_page()
    log_in(council_member, site, "ir_molde")
    council_member.goto(url)
    assert_accessible(council_member)
    move(council_member, "Ta til vurdering", Oppfølgingsansvarlig="Olav Oppfølger, Rådgiver")
    sees(submitter, url, "Til vurdering i innovasjonsrådet")
    move(council_member, "Send til faggruppe", Faggruppe="Faggruppe helse")
    sees(submitter, url, "Til vurdering i faggruppe")

    group_member = new_page()
    log_in(group_member, site, "fg_helse")
    group_member.goto(url)
    move(
        group_member,
        "Faggruppen er ikke enig",
        **{"Uenigheten i faggruppen (dissens)": "Halvparten vil vente på nasjonal løsning."},
    )
    sees(submitter, url, "Til behandling i porteføljerådet")

    portfolio_member = new_page()
    log_in(portfolio_member, site, "pr")
    portfolio_member.goto(site + "/portefolje/")
    expect(portfolio_member.get_by_role("link", name=idea.title)).to_be_visible()
    assert_accessible(portfolio_member)
    portfolio_member.goto(url)
    for criterion in CRITERION_FIELDS:
        portfolio_member.locator(f"#pr-{criterion}-4").check()
    portfolio_member.get_by_role("button", name="Lagre poengsettingen").click()
    expect(portfolio_member.get_by_role("status")).to_contain_text("Poengsettingen din er lagret.")
    assert_accessible(portfolio_member)
    move(
        portfolio_member,
        "Porteføljerådet er ikke enig",
        **{"Uenigheten i porteføljerådet (dissens)": "To mot to om finansieringen."},
    )
    sees(submitter, url, "Til avgjørelse i samarbeidsrådet")

    cooperation_member = new_page()
    log_in(cooperation_member, site, "sr")
    cooperation_member.goto(url)
    move(cooperation_member, "Prioriter", Begrunnelse="Vikarmangelen rammer alle fire kommuner.")
    sees(submitter, url, "Prioritert")

    portfolio_member.goto(url)
    move(portfolio_member, "Etabler prosjekt")

    sees(submitter, url, "Prosjekt etablert")
    steps = submitter.locator(".idea-timeline > li")
    expect(steps).to_have_count(7)
    for number, told in enumerate(
        [
            "Idéen ble sendt inn.",
            "Innovasjonsrådet tok idéen til vurdering og utnevnte Olav Oppfølger som "
            "oppfølgingsansvarlig.",
            "Innovasjonsrådet sendte idéen til Faggruppe helse for vurdering.",
            "Faggruppen kom ikke til enighet, og idéen går til Porteføljerådet.",
            "Porteføljerådet kom ikke til enighet, og Samarbeidsrådet avgjør saken.",
            "Samarbeidsrådet besluttet å prioritere idéen.",
            "Porteføljerådet etablerte et prosjekt for idéen.",
        ]
    ):
        expect(steps.nth(number)).to_contain_text(told)
    expect(steps.nth(5)).to_contain_text("Vikarmangelen rammer alle fire kommuner.")
    expect(submitter.get_by_role("group", name="Trekk idéen")).to_have_count(0)
    assert_accessible(submitter)
    idea.refresh_from_db()
    assert (idea.state, idea.version) == (State.PROJECT, 7)
    assert re.search(r"4,00", submitter.locator("main").inner_text())
    # She was told by e-mail of each of the six moves the councils made; nothing waits unsent.
    told = [message for message in mail.outbox if message.to == [eva.email]]
    assert len(told) == 6
    assert not Notification.objects.filter(status=Notification.Status.PENDING).exists()
