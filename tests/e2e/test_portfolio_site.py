"""A porteføljeråd member scores an idea, adjusts it, sets the board's order and the budget.

axe checks every page the test visits, the pages that explain a refusal included.
"""

import re
from decimal import Decimal

from playwright.sync_api import expect

from ideas import portfolio
from ideas.models import Idea, PortfolioBudget, Score
from ideas.workflow import State
from tests.councils.factories import PersonFactory, organisation
from tests.e2e.conftest import assert_accessible, submit_login
from tests.ideas.factories import IdeaFactory, UserFactory, portfolio_council, seat

NBSP = "\u00a0"


def council_member(username, name, council):
    first, last = name.split()
    user = UserFactory(username=username, first_name=first, last_name=last)
    PersonFactory(user=user, name=name, organisation=organisation("molde"))
    seat(user, council)
    return user


def criterion(page, legend):
    return page.get_by_role("group", name=legend, exact=True)


def test_a_member_scores_adjusts_orders_and_budgets(site, page):
    council = portfolio_council()
    kari = council_member("kari", "Kari Prøvesen", council)
    other = council_member("vidar", "Vidar Vestnes", council)
    skjema = IdeaFactory(
        title="Digitalt skjema for startlån", state=State.PORTFOLIO, estimated_cost=400_000
    )
    chatbot = IdeaFactory(
        title="Felles chatbot",
        state=State.PORTFOLIO,
        municipality=organisation("aukra"),
        estimated_cost=900_000,
    )
    # Vidar has scored the chatbot high already; it leads the board.
    Score.objects.create(
        idea=chatbot,
        member=other,
        strategic_value=5,
        qualitative_benefit=5,
        economic_benefit=4,
        operational_need=4,
        risk=4,
    )
    year = portfolio.this_year()

    page.goto(site + "/portefolje/")
    expect(page).to_have_url(re.compile(r"/logg-inn/\?next=/portefolje/"))
    submit_login(page, kari.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("Porteføljetavlen")
    board = page.get_by_role("table", name=re.compile("2 idéer hos porteføljerådet"))
    expect(board.locator("tbody th")).to_have_text(
        ["Felles chatbot", "Digitalt skjema for startlån"]
    )
    expect(board.locator("tbody tr").first).to_contain_text("4,40 (1 medlem)")
    expect(page.locator(".portfolio-verdict")).to_contain_text(
        f"Porteføljerådet har ikke satt et budsjett for {year}."
    )
    assert_accessible(page)

    # Scoring, on the idea's page.
    board.get_by_role("link", name="Digitalt skjema for startlån").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Digitalt skjema for startlån")
    panel = page.get_by_role("region", name="Porteføljerådets poengsetting")
    expect(panel).to_contain_text("Ikke poengsatt ennå")
    assert_accessible(page)
    choices = {
        "Strategisk verdi": "4 Støtter flere mål i strategien.",
        "Kvalitativ gevinst": "4 Tydelig forbedring for flere tjenester.",
        "Økonomisk gevinst": "3 Målbar innsparing i én kommune.",
        "Operasjonelt behov/lovpålagt": "5 Lovpålagt.",
    }
    for legend, level in choices.items():
        criterion(page, legend).get_by_label(level, exact=True).check()
    # Risk forgotten: the form comes back with the choices kept and the gap named.
    page.get_by_role("button", name="Lagre poengsettingen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Poengsett idéen: «Digitalt skjema for startlån»"
    )
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Velg et nivå fra 1 til 5 for «risiko».")
    expect(
        criterion(page, "Økonomisk gevinst").get_by_label(choices["Økonomisk gevinst"])
    ).to_be_checked()
    assert_accessible(page)
    summary.get_by_role("link", name="Velg et nivå fra 1 til 5 for «risiko».").click()
    criterion(page, "Risiko").get_by_label("4 Lav risiko.", exact=True).check()
    page.get_by_role("button", name="Lagre poengsettingen").click()

    expect(page).to_have_url(f"{site}/ideer/{skjema.pk}/")
    expect(page.get_by_role("status")).to_contain_text("Poengsettingen din er lagret.")
    panel = page.get_by_role("region", name="Porteføljerådets poengsetting")
    # (4 + 4 + 3 + 5 + 4) / 5 = 4,00
    expect(panel.locator(".portfolio-facts")).to_contain_text("4,00 – Må ha")
    scores = panel.get_by_role("table", name=re.compile("Medlemmenes poeng"))
    expect(scores.locator("tbody tr")).to_have_text(
        [re.compile(r"Kari Prøvesen\s*4\s*4\s*3\s*5\s*4\s*4,00")]
    )
    expect(criterion(page, "Risiko").get_by_label("4 Lav risiko.", exact=True)).to_be_checked()
    assert_accessible(page)

    # The council's adjustment, first out of range, then as meant.
    page.get_by_label("Justering av poengsummen").fill("-2")
    page.get_by_role("button", name="Lagre vurderingen").click()
    expect(page.locator(".error-summary")).to_contain_text(
        "Justeringen kan være høyst ett poeng opp eller ned."
    )
    expect(page.get_by_label("Justering av poengsummen")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    page.get_by_label("Justering av poengsummen").fill("-0,75")
    page.get_by_label("Begrunnelse for justeringen").fill("Gevinsten er usikker.")
    page.get_by_label("Anslått kostnad (kr)").fill("1 250 000")
    concerns = page.get_by_role("group", name="Gjelder kommunene")
    concerns.get_by_label("Molde").check()
    concerns.get_by_label("Rauma").check()
    page.get_by_role("button", name="Lagre vurderingen").click()
    expect(page).to_have_url(f"{site}/ideer/{skjema.pk}/")
    expect(page.get_by_role("status")).to_contain_text("Porteføljerådets vurdering er lagret.")
    facts = page.locator(".portfolio-facts")
    expect(facts).to_contain_text("3,25 – Bør ha")
    expect(facts).to_contain_text("−0,75 poeng. Begrunnelse: Gevinsten er usikker.")
    expect(facts).to_contain_text(f"1{NBSP}250{NBSP}000{NBSP}kr")
    expect(facts).to_contain_text("Molde, Rauma")
    assert_accessible(page)

    # The order: a tie first, then the order the council agreed.
    page.goto(site + "/portefolje/")
    assert_accessible(page)
    page.get_by_label("Plass for «Felles chatbot»").fill("1")
    page.get_by_label("Plass for «Digitalt skjema for startlån»").fill("1")
    page.get_by_role("button", name="Lagre rekkefølgen").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Rekkefølgen ble ikke lagret")
    expect(summary).to_contain_text("Plass 1 er gitt til flere idéer")
    expect(page.get_by_label("Plass for «Felles chatbot»")).to_have_attribute(
        "aria-invalid", "true"
    )
    assert_accessible(page)
    assert not Idea.objects.exclude(portfolio_rank=None).exists()
    page.get_by_label("Plass for «Felles chatbot»").fill("2")
    page.get_by_role("button", name="Lagre rekkefølgen").click()
    expect(page.get_by_role("status")).to_have_text("Rekkefølgen er lagret.")
    board = page.get_by_role("table", name=re.compile("2 idéer hos porteføljerådet"))
    expect(board.locator("tbody th")).to_have_text(
        ["Digitalt skjema for startlån", "Felles chatbot"]
    )
    assert_accessible(page)

    # The budget: 1 250 000 + 900 000 = 2 150 000 against 2 000 000.
    page.get_by_label(f"Budsjett for {year} (kr)").fill("2 000 000")
    page.get_by_role("button", name="Lagre budsjettet").click()
    expect(page.get_by_role("status")).to_contain_text(f"Budsjettet for {year} er lagret")
    expect(page.locator(".portfolio-verdict")).to_contain_text(
        f"De anslåtte kostnadene er 150{NBSP}000{NBSP}kr mer enn budsjettet for {year}."
    )
    expect(board.locator("tbody tr").nth(1)).to_contain_text("over budsjettet")
    assert_accessible(page)
    assert PortfolioBudget.objects.get(year=year).amount == Decimal(2_000_000)
    assert list(Idea.objects.order_by("portfolio_rank").values_list("title", flat=True)) == [
        "Digitalt skjema for startlån",
        "Felles chatbot",
    ]


def test_staff_read_the_board_without_controls(site, page):
    portfolio_council()
    reader = UserFactory(username="leser", first_name="Lise", last_name="Leser")
    IdeaFactory(title="Felles chatbot", state=State.PRIORITISED, estimated_cost=900_000)
    page.goto(site + "/portefolje/")
    submit_login(page, reader.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("Porteføljetavlen")
    expect(page.get_by_role("button", name="Lagre rekkefølgen")).to_have_count(0)
    expect(page.get_by_role("textbox", name=re.compile("Budsjett"))).to_have_count(0)
    page.get_by_role("link", name="Felles chatbot").click()
    expect(page.get_by_role("region", name="Porteføljerådets poengsetting")).to_contain_text(
        "Ikke poengsatt ennå"
    )
    expect(page.get_by_role("button", name="Lagre poengsettingen")).to_have_count(0)
    assert_accessible(page)
