"""An employee sends in an idea; Molde's innovasjonsråd takes it on; everyone reads the list.

axe checks every page the tests visit, error pages and the "changed" page included.
"""

import csv
import io
import re

import pytest
from django.core.files.storage import FileSystemStorage
from playwright.sync_api import expect

from ideas import services
from ideas.models import Attachment, Idea
from ideas.workflow import State
from tests.councils.factories import PersonFactory, organisation
from tests.e2e.conftest import assert_accessible, log_in, submit_login
from tests.ideas.factories import (
    IdeaFactory,
    UserFactory,
    expert_group,
    innovation_council,
    member,
)

PDF = b"%PDF-1.4\n% et notat\n"


@pytest.fixture(autouse=True)
def private_files(tmp_path, monkeypatch):
    """Attachments go to a temporary folder (the live server runs in this process)."""
    storage = FileSystemStorage(location=tmp_path / "private")
    monkeypatch.setattr(Attachment._meta.get_field("file"), "storage", storage)


def employee(username, name, place="molde"):
    first, last = name.split()
    user = UserFactory(username=username, first_name=first, last_name=last)
    PersonFactory(user=user, name=name, organisation=organisation(place))
    return user


def fieldset(page, legend):
    return page.get_by_role("group", name=legend, exact=True)


def test_an_employee_saves_a_draft_then_sends_it_in_with_an_attachment(site, page, tmp_path):
    innovation_council("molde")
    employee("eva", "Eva Ansatt")

    page.goto(site + "/ideer/")
    expect(page).to_have_url(re.compile(r"/logg-inn/\?next="))
    assert_accessible(page)
    submit_login(page, "eva")
    expect(page.get_by_role("heading", level=1)).to_have_text("Idéer")
    assert_accessible(page)

    page.get_by_role("navigation", name="Idéer").get_by_role(
        "link", name="Send inn en idé"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Send inn en idé")
    expect(page.locator("#id_municipality")).to_have_value(str(organisation("molde").pk))
    expect(
        page.get_by_role("region", name="Slik behandler vi personopplysningene dine")
    ).to_contain_text("behandlingsansvarlig")
    assert_accessible(page)

    page.get_by_label("Tittel").fill("Digitalt skjema for SFO")
    page.get_by_role("button", name="Lagre utkast").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Digitalt skjema for SFO")
    expect(page.get_by_role("status")).to_contain_text("Utkastet er lagret")
    expect(page.locator(".idea-state")).to_have_text("Status: Utkast")
    assert_accessible(page)
    idea = Idea.objects.get()

    page.get_by_role("link", name="Endre idéen").click()
    expect(page).to_have_url(f"{site}/ideer/{idea.pk}/rediger/")
    expect(page.locator("#id_title")).to_have_value("Digitalt skjema for SFO")
    assert_accessible(page)
    page.get_by_label("Bakgrunn").fill("Foreldre fyller ut papirskjema.")
    page.get_by_label("Problemstilling").fill("Skjemaene tastes inn på nytt.")
    page.get_by_label("Løsningsforslag").fill("Et skjema på nett.")
    page.get_by_label("Stikkord").fill("skole, skjema")
    bad = tmp_path / "program.exe"
    bad.write_bytes(b"MZ\x90\x00")
    page.locator("#id_attachments").set_input_files(str(bad))
    page.get_by_role("button", name="Send inn", exact=True).click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Idéen ble ikke sendt inn")
    expect(summary.get_by_role("link")).to_contain_text("«program.exe» kan ikke legges ved")
    expect(page.locator("#id_attachments")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    idea.refresh_from_db()
    assert idea.state == State.DRAFT and idea.background == ""

    good = tmp_path / "notat.pdf"
    good.write_bytes(PDF)
    page.locator("#id_attachments").set_input_files(str(good))
    page.get_by_role("button", name="Send inn", exact=True).click()
    expect(page).to_have_url(f"{site}/ideer/{idea.pk}/")
    expect(page.get_by_role("status")).to_contain_text("Idéen er sendt inn")
    expect(page.locator(".idea-state")).to_have_text("Status: Sendt inn")
    expect(page.locator(".idea-facts")).to_contain_text("Du sendte inn denne idéen")
    expect(page.locator(".idea-timeline li")).to_have_text(re.compile("Idéen ble sendt inn."))
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="notat.pdf").click()
    assert download.value.suggested_filename == "notat.pdf"
    with open(download.value.path(), "rb") as file:
        assert file.read() == PDF


def test_molde_takes_an_idea_on_and_sends_it_to_a_faggruppe(site, new_page):
    molde = innovation_council("molde")
    helse = expert_group("helse")
    PersonFactory(name="Olav Oppfølger", title="Rådgiver", organisation=organisation("molde"))
    member(molde, "ir_molde")
    submitter = employee("eva", "Eva Ansatt")
    idea = IdeaFactory(
        submitter=submitter, title="Velferdsteknologi", state=State.DRAFT, submitted_at=None
    )
    services.make_move(idea.pk, "submit", submitter, 0)

    page = new_page()
    log_in(page, site, "ir_molde")
    page.goto(site + "/ideer/mine-oppgaver/")
    queue = page.get_by_role("region", name="Innovasjonsrådet i Molde: 1 idé")
    assert_accessible(page)
    queue.get_by_role("link", name="Velferdsteknologi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Velferdsteknologi")
    assert_accessible(page)

    triage = fieldset(page, "Ta til vurdering")
    triage.get_by_role("button", name="Ta til vurdering").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("«Ta til vurdering» ble ikke gjort")
    expect(summary.get_by_role("link")).to_have_text("Velg en oppfølgingsansvarlig.")
    assert_accessible(page)

    fieldset(page, "Ta til vurdering").get_by_label("Oppfølgingsansvarlig").select_option(
        label="Olav Oppfølger, Rådgiver"
    )
    fieldset(page, "Ta til vurdering").get_by_role("button", name="Ta til vurdering").click()
    expect(page.get_by_role("status")).to_contain_text("«Ta til vurdering» er registrert")
    expect(page.locator(".idea-facts")).to_contain_text("Olav Oppfølger")
    assert_accessible(page)

    send = fieldset(page, "Send til faggruppe")
    send.get_by_label("Faggruppe").select_option(label=helse.name)
    send.get_by_role("button", name="Send til faggruppe").click()
    expect(page.locator(".idea-state")).to_have_text("Status: Til vurdering i faggruppe")
    assert_accessible(page)

    own = new_page()
    log_in(own, site, "eva")
    own.goto(f"{site}/ideer/{idea.pk}/")
    steps = own.get_by_role("list", name="Tidslinje").get_by_role("listitem")
    expect(steps).to_have_count(3)
    expect(steps.nth(0)).to_contain_text("Idéen ble sendt inn.")
    expect(steps.nth(1)).to_contain_text(
        "Innovasjonsrådet tok idéen til vurdering og utnevnte Olav Oppfølger"
    )
    expect(steps.nth(1).get_by_role("link", name="Innovasjonsrådet i Molde")).to_be_visible()
    expect(steps.nth(2)).to_contain_text(f"Innovasjonsrådet sendte idéen til {helse.name}")
    expect(own.locator("form.idea-move")).to_have_count(0)  # decided: no longer withdrawable
    assert_accessible(own)


def test_two_members_at_once_the_second_is_told_the_idea_changed(site, new_page):
    molde = innovation_council("molde")
    member(molde, "ir_en")
    member(molde, "ir_to")
    idea = IdeaFactory(title="Felles innbyggerportal", state=State.TRIAGE)

    first, second = new_page(), new_page()
    for page, username in [(first, "ir_en"), (second, "ir_to")]:
        log_in(page, site, username)
        page.goto(f"{site}/ideer/{idea.pk}/")
        assert_accessible(page)

    fieldset(first, "Send til porteføljerådet").get_by_role(
        "button", name="Send til porteføljerådet"
    ).click()
    expect(first.get_by_role("status")).to_contain_text("er registrert")
    assert_accessible(first)

    reject = fieldset(second, "Avslå")
    reject.get_by_label("Begrunnelse").fill("Dekkes av en annen idé.")
    reject.get_by_role("button", name="Avslå").click()
    notice = second.get_by_role("alert")
    expect(notice).to_contain_text("Idéen er endret av noen andre")
    expect(second.locator(".idea-state")).to_have_text("Status: Til behandling i porteføljerådet")
    expect(second.get_by_role("list", name="Tidslinje")).to_contain_text(
        "sendte idéen til Porteføljerådet"
    )
    expect(second.get_by_role("group", name="Avslå")).to_have_count(0)
    assert_accessible(second)
    idea.refresh_from_db()
    assert idea.state == State.PORTFOLIO and idea.transitions.count() == 1


def test_employees_find_ideas_in_the_list_with_filters_and_download_it(site, page):
    helse = expert_group("helse")
    employee("eva", "Eva Ansatt")
    a = IdeaFactory(title="Trygghetsalarm", state=State.EXPERT_GROUP, expert_group=helse)
    a.tags.add("helse")
    IdeaFactory(title="Skoleskyss", municipality=organisation("rauma"))
    IdeaFactory(title="Skannet arkiv", municipality=organisation("vestnes"))
    IdeaFactory(title="Noens utkast", state=State.DRAFT, submitted_at=None)

    log_in(page, site, "eva")
    page.goto(site + "/ideer/")
    results = page.get_by_role("table", name="3 idéer")
    expect(results.get_by_role("row")).to_have_count(4)  # the header and three ideas
    expect(page.get_by_text("Noens utkast")).to_have_count(0)
    assert_accessible(page)

    page.get_by_label("Kommune").select_option(label="Rauma")
    page.get_by_role("button", name="Vis idéer").click()
    expect(page).to_have_url(re.compile(r"kommune=rauma"))
    expect(page.get_by_role("table", name="1 idé")).to_contain_text("Skoleskyss")
    assert_accessible(page)

    page.get_by_role("link", name="Nullstill filteret").click()
    expect(page.get_by_role("table", name="3 idéer")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Faggruppe").select_option(label=helse.name)
    page.get_by_label("Søk i idéene").fill("trygghet")
    page.get_by_role("button", name="Vis idéer").click()
    table = page.get_by_role("table", name="1 idé")
    expect(table).to_contain_text("Trygghetsalarm")
    expect(table).to_contain_text("Til vurdering i faggruppe")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    with open(download.value.path(), encoding="utf-8-sig") as file:
        rows = list(csv.reader(io.StringIO(file.read()), delimiter=";"))
    assert [row[1] for row in rows] == ["Tittel", "Trygghetsalarm"]

    page.goto(site + "/ideer/?status=tull&kommune=oslo")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Filteret kunne ikke brukes")
    expect(summary.get_by_role("link")).to_have_count(2)
    expect(page.get_by_role("table", name="3 idéer")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Mine oppgaver").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine oppgaver")
    expect(page.get_by_text("Du sitter ikke i noe råd")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{site}/ideer/{a.pk}/rediger/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Du kan ikke gjøre dette")
    assert_accessible(page)
