"""The board at /portefolje/ and the porteføljeråd's panel on an idea's page."""

import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from councils.models import Membership
from ideas import portfolio
from ideas.models import Idea, PortfolioBudget, Score
from ideas.workflow import State
from tests.conftest import soup
from tests.councils.factories import organisation
from tests.ideas.factories import member

FIELDS = ["strategic_value", "qualitative_benefit", "economic_benefit", "operational_need", "risk"]
NBSP = "\u00a0"


def text_of(node):
    """The text as read, spaces collapsed; no-break spaces kept, as the amounts use them."""
    return re.sub(r"[ \t\r\n]+", " ", node.get_text(" ", strip=True)).strip()


def give(idea, user, *values):
    return Score.objects.create(idea=idea, member=user, **dict(zip(FIELDS, values, strict=True)))


@pytest.fixture
def council(world):
    world.pr = world.users["pr"]
    world.pr.person.name = "Per Porteføljesen"
    world.pr.person.save()
    world.pr2 = member(world.portfolio, "pr2")
    world.pr2.person.name = "Anne Andersen"
    world.pr2.person.save()
    world.secretary = member(world.portfolio, "sekretar", role=Membership.Role.SECRETARY)
    world.reader = world.users["utenfor"]
    return world


@pytest.fixture
def scored(council):
    """An idea from Molde concerning Molde and Rauma: 20 and 15 points, +0,25, 1,25 mill."""
    idea = council.idea(
        state=State.PORTFOLIO,
        title="Digitalt skjema for startlån",
        estimated_cost=Decimal(1_250_000),
    )
    idea.concerns.set([organisation("molde"), organisation("rauma")])
    give(idea, council.pr, 5, 4, 4, 3, 4)
    give(idea, council.pr2, 3, 3, 2, 4, 3)
    portfolio.adjust_score(idea, council.pr, "0,25", "Lovkrav fra neste år.")
    return Idea.objects.get(pk=idea.pk)


def board_page(client, user, query=""):
    client.force_login(user)
    return soup(client.get("/portefolje/" + query))


# The board


def test_the_board_is_for_logged_in_staff(client):
    response = client.get("/portefolje/")
    assert response.status_code == 302
    assert response["Location"].startswith("/logg-inn/")


def test_staff_read_the_ranked_board_without_controls(client, council, scored):
    PortfolioBudget.objects.create(year=2026, amount=2_000_000)
    other = council.idea(
        state=State.COOPERATION, title="Felles chatbot", municipality=organisation("aukra")
    )
    page = board_page(client, council.reader, "?ar=2026")
    assert text_of(page.h1) == "Porteføljetavlen"
    table = page.select_one("table.portfolio-board")
    assert text_of(table.caption) == "2 idéer hos porteføljerådet, rangert"
    assert [text_of(th) for th in table.select("thead th")] == [
        "Plass",
        "Idé",
        "Status",
        "Kommune",
        "Poengsum",
        "Kategori",
        "Anslått kostnad",
        "Sum til og med denne",
    ]
    assert all(th["scope"] == "col" for th in table.select("thead th"))
    first, second = table.select("tbody tr")
    cells = [text_of(cell) for cell in first.find_all(["td", "th"])]
    # (20 + 15) / 10 = 3,5, + 0,25 = 3,75
    assert cells == [
        "1",
        "Digitalt skjema for startlån",
        "Til behandling i porteføljerådet",
        "Molde Gjelder: Molde, Rauma",
        "3,75 (2 medlemmer)",
        "Bør ha",
        f"1{NBSP}250{NBSP}000{NBSP}kr",
        f"1{NBSP}250{NBSP}000{NBSP}kr",
    ]
    assert first.th["scope"] == "row"
    assert first.th.a["href"] == f"/ideer/{scored.pk}/"
    assert [text_of(cell) for cell in second.find_all(["td", "th"])][:6] == [
        "2",
        "Felles chatbot",
        "Til avgjørelse i samarbeidsrådet",
        "Aukra Gjelder: ikke angitt",
        "Ikke poengsatt",
        "Ingen",
    ]
    assert second.th.a["href"] == f"/ideer/{other.pk}/"
    sums = text_of(page.select_one(".portfolio-sums"))
    assert f"Sum anslåtte kostnader 1{NBSP}250{NBSP}000{NBSP}kr" in sums
    assert f"Budsjett 2026 2{NBSP}000{NBSP}000{NBSP}kr" in sums
    assert f"Igjen av budsjettet 750{NBSP}000{NBSP}kr" in sums
    verdict = text_of(page.select_one(".portfolio-verdict"))
    assert verdict == (
        f"De anslåtte kostnadene er innenfor budsjettet for 2026, med 750{NBSP}000{NBSP}kr til "
        "gode. 1 idé mangler kostnadsanslag og er ikke med i summen."
    )
    assert not page.select("main form[method=post]")
    assert not page.select("input.portfolio-place")
    assert "Medlemmene av porteføljerådet setter rekkefølgen og budsjettet." in text_of(page)


def test_an_overspend_is_said_plainly(client, council, scored):
    PortfolioBudget.objects.create(year=2026, amount=1_000_000)
    page = board_page(client, council.reader, "?ar=2026")
    assert f"Overskredet med 250{NBSP}000{NBSP}kr" in text_of(page.select_one(".portfolio-sums"))
    assert text_of(page.select_one(".portfolio-verdict")) == (
        f"De anslåtte kostnadene er 250{NBSP}000{NBSP}kr mer enn budsjettet for 2026."
    )
    row = page.select_one("table.portfolio-board tbody tr")
    assert "portfolio-over" in row["class"]
    assert "over budsjettet" in text_of(row)


def test_the_year_comes_from_the_address_and_defaults_to_this_year(client, council, scored):
    PortfolioBudget.objects.create(year=2031, amount=5_000_000)
    page = board_page(client, council.reader)
    year = portfolio.this_year()
    assert page.select_one("#ar")["value"] == str(year)
    assert f"Porteføljerådet har ikke satt et budsjett for {year}." in text_of(page)
    page = board_page(client, council.reader, "?ar=2031")
    assert f"Budsjett 2031 5{NBSP}000{NBSP}000{NBSP}kr" in text_of(page)


def test_a_year_that_is_not_one_is_explained(client, council):
    client.force_login(council.reader)
    response = client.get("/portefolje/?ar=neste")
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    summary = page.select_one(".error-summary")
    assert "Skriv et årstall mellom 2000 og 2100, for eksempel 2026." in text_of(summary)
    assert summary.a["href"] == "#ar"
    assert page.select_one("#ar")["aria-invalid"] == "true"
    assert page.select_one("#ar")["aria-describedby"] == "ar-feil"


def test_members_get_a_place_per_row_and_the_budget_form(client, council, scored):
    other = council.idea(state=State.PORTFOLIO, title="Felles chatbot")
    page = board_page(client, council.pr)
    order = page.select_one("form[action='/portefolje/rekkefolge/']")
    assert order.select_one("input[name=csrfmiddlewaretoken]")
    places = order.select("input.portfolio-place")
    assert [(i["name"], i["value"]) for i in places] == [
        (f"plass-{scored.pk}", "1"),
        (f"plass-{other.pk}", "2"),
    ]
    for place in places:
        label = page.select_one(f"label[for={place['id']}]")
        assert text_of(label).startswith("Plass for «")
    assert text_of(order.select_one("button")) == "Lagre rekkefølgen"
    first_cells = [tr.find("td") for tr in order.select("tbody tr")]
    assert [cell.select_one("input.portfolio-place") is not None for cell in first_cells] == [
        True,
        True,
    ]
    budget = page.select_one("form[action='/portefolje/budsjett/']")
    assert text_of(budget.select_one("label[for=budsjett]")).startswith("Budsjett for ")
    # The secretary records the council's order and budget too.
    page = board_page(client, council.secretary)
    assert page.select("input.portfolio-place") and page.select_one("#budsjett")


def test_a_member_saves_the_order(client, council, scored):
    other = council.idea(state=State.PORTFOLIO, title="Felles chatbot")
    client.force_login(council.pr)
    response = client.post(
        "/portefolje/rekkefolge/",
        {"ar": "2026", f"plass-{scored.pk}": "2", f"plass-{other.pk}": "1"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/portefolje/?ar=2026"
    page = soup(client.get(response["Location"]))
    assert text_of(page.select_one(".messages")) == "Rekkefølgen er lagret."
    rows = page.select("table.portfolio-board tbody th a")
    assert [text_of(a) for a in rows] == ["Felles chatbot", "Digitalt skjema for startlån"]


def test_a_tie_is_explained_at_the_row_and_nothing_changes(client, council, scored):
    other = council.idea(state=State.PORTFOLIO, title="Felles chatbot")
    client.force_login(council.pr)
    response = client.post(
        "/portefolje/rekkefolge/", {f"plass-{scored.pk}": "1", f"plass-{other.pk}": "1"}
    )
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    summary = page.select_one(".error-summary")
    assert text_of(summary.h2) == "Rekkefølgen ble ikke lagret"
    message = (
        "Plass 1 er gitt til flere idéer: «Digitalt skjema for startlån» og «Felles chatbot»."
    )
    assert [text_of(a) for a in summary.select("li a")] == [message, message]
    assert [a["href"] for a in summary.select("li a")] == [
        f"#plass-{scored.pk}",
        f"#plass-{other.pk}",
    ]
    field = page.select_one(f"#plass-{other.pk}")
    assert (field["value"], field["aria-invalid"]) == ("1", "true")
    assert field["aria-describedby"] == f"plass-hjelp plass-{other.pk}-feil"
    assert text_of(page.select_one(f"#plass-{other.pk}-feil")) == message
    assert not Idea.objects.exclude(portfolio_rank=None).exists()


def test_a_blank_place_is_asked_for(client, council, scored):
    client.force_login(council.pr)
    response = client.post("/portefolje/rekkefolge/", {f"plass-{scored.pk}": " "})
    assert response.status_code == 400
    assert "Skriv en plass for «Digitalt skjema for startlån»." in response.content.decode()


def test_others_are_refused_the_order_and_the_budget(client, council, scored):
    client.force_login(council.reader)
    response = client.post("/portefolje/rekkefolge/", {f"plass-{scored.pk}": "1"})
    assert response.status_code == 403
    assert "Bare medlemmer av porteføljerådet kan gjøre dette." in response.content.decode()
    response = client.post("/portefolje/budsjett/", {"ar": "2026", "budsjett": "100"})
    assert response.status_code == 403
    assert not PortfolioBudget.objects.exists()
    assert not Idea.objects.exclude(portfolio_rank=None).exists()
    assert client.get("/portefolje/rekkefolge/").status_code == 405


def test_a_member_sets_the_budget(client, council, scored):
    client.force_login(council.pr)
    response = client.post("/portefolje/budsjett/", {"ar": "2027", "budsjett": "1 500 000"})
    assert response["Location"] == "/portefolje/?ar=2027"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"Budsjettet for 2027 er lagret: 1{NBSP}500{NBSP}000{NBSP}kr."
    ]
    assert PortfolioBudget.objects.get().amount == Decimal(1_500_000)
    page = soup(client.get("/portefolje/?ar=2027"))
    assert page.select_one("#budsjett")["value"] == "1500000"


def test_a_bad_budget_is_explained_and_nothing_changes(client, council, scored):
    PortfolioBudget.objects.create(year=2026, amount=900)
    client.force_login(council.pr)
    response = client.post("/portefolje/budsjett/", {"ar": "2026", "budsjett": "mye"})
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    summary = page.select_one(".error-summary")
    assert text_of(summary.h2) == "Budsjettet ble ikke lagret."
    assert text_of(summary.a) == "Skriv beløpet i hele kroner, for eksempel 250 000."
    field = page.select_one("#budsjett")
    assert (field["value"], field["aria-invalid"]) == ("mye", "true")
    assert PortfolioBudget.objects.get().amount == 900


def make_board(world, count):
    for n in range(count):
        idea = world.idea(state=State.PORTFOLIO, title=f"Idé {n}", estimated_cost=n * 1000)
        idea.concerns.set([organisation("molde"), organisation("aukra")])
        give(idea, world.pr, 3, 3, 3, 3, (n % 5) + 1)
    PortfolioBudget.objects.create(year=2026, amount=10_000)


def board_queries(client, count):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/portefolje/?ar=2026")
    assert response.status_code == 200
    assert response.content.decode().count('class="portfolio-place"') == count
    return len(queries)


def test_the_board_takes_as_many_queries_for_30_ideas_as_for_3(client, council):
    client.force_login(council.pr)
    make_board(council, 3)
    client.get("/portefolje/?ar=2026")  # the first request fills caches (content types)
    few = board_queries(client, 3)
    for _ in range(27):
        idea = council.idea(state=State.PORTFOLIO, estimated_cost=5000)
        idea.concerns.set([organisation("rauma")])
        give(idea, council.pr2, 4, 4, 4, 4, 4)
    assert board_queries(client, 30) == few


# The panel on an idea's page


def panel(idea, user):
    request = RequestFactory().get(f"/ideer/{idea.pk}/")
    request.user = user
    html = Template("{% load portfolio_tags %}{% portfolio_panel idea %}").render(
        Context({"idea": idea, "request": request})
    )
    return BeautifulSoup(html, "html.parser")


def test_the_panel_shows_score_band_members_and_adjustment(council, scored):
    page = panel(scored, council.reader)
    section = page.select_one("section.portfolio-panel")
    assert text_of(section.h2) == "Porteføljerådets poengsetting"
    facts = {text_of(div.dt): text_of(div.dd) for div in section.select(".portfolio-facts > div")}
    assert facts == {
        "Poengsum": "3,75 – Bør ha",
        "Snitt av medlemmenes poeng": "3,50 (2 medlemmer har poengsatt)",
        "Justering": "+0,25 poeng. Begrunnelse: Lovkrav fra neste år.",
        "Anslått kostnad": f"1{NBSP}250{NBSP}000{NBSP}kr",
        "Gjelder kommunene": "Molde, Rauma",
    }
    table = section.select_one("table.portfolio-scores")
    assert text_of(table.caption) == "Medlemmenes poeng, fra 1 til 5 per kriterium"
    assert [text_of(th) for th in table.select("thead th")] == [
        "Medlem",
        "Strategisk verdi",
        "Kvalitativ gevinst",
        "Økonomisk gevinst",
        "Operasjonelt behov/lovpålagt",
        "Risiko",
        "Snitt",
    ]
    rows = [[text_of(c) for c in tr.find_all(["th", "td"])] for tr in table.select("tbody tr")]
    assert rows == [
        ["Anne Andersen", "3", "3", "2", "4", "3", "3,00"],
        ["Per Porteføljesen", "5", "4", "4", "3", "4", "4,00"],
    ]
    assert "Må ha 4,00 eller mer; Bør ha fra 3,00 til under 4,00" in text_of(section)
    assert not section.select("form")


def test_a_member_gets_the_scoring_form_with_their_score_chosen(council, scored):
    page = panel(scored, council.pr)
    form = page.select_one("form[action$='/poeng/']")
    assert form["action"] == f"/ideer/{scored.pk}/poeng/"
    fieldsets = form.select("fieldset.portfolio-criterion")
    assert [text_of(f.legend) for f in fieldsets] == [
        "Strategisk verdi",
        "Kvalitativ gevinst",
        "Økonomisk gevinst",
        "Operasjonelt behov/lovpålagt",
        "Risiko",
    ]
    risk = fieldsets[4]
    radios = risk.select("input[type=radio]")
    assert [(r["name"], r["value"]) for r in radios] == [("risk", str(n)) for n in range(1, 6)]
    assert [text_of(risk.select_one(f"label[for={r['id']}]")) for r in radios] == [
        "1 Svært høy risiko.",
        "2 Høy risiko.",
        "3 Middels risiko.",
        "4 Lav risiko.",
        "5 Svært lav risiko.",
    ]
    checked = {r["name"]: r["value"] for r in form.select("input[type=radio][checked]")}
    assert checked == dict(zip(FIELDS, ["5", "4", "4", "3", "4"], strict=True))
    lawful = fieldsets[3].select_one("label[for=pr-operational_need-5]")
    assert text_of(lawful) == "5 Lovpålagt."
    assess = page.select_one("form[action$='/justering/']")
    assert assess.select_one("#pr-justering")["value"] == "0,25"
    assert text_of(assess.select_one("#pr-begrunnelse")) == "Lovkrav fra neste år."
    assert assess.select_one("#pr-kostnad")["value"] == "1250000"
    concerns = assess.select_one("fieldset.portfolio-concerns")
    assert text_of(concerns.legend) == "Gjelder kommunene"
    assert sorted(
        text_of(concerns.select_one(f"label[for={c['id']}]")) for c in concerns.select("[checked]")
    ) == [
        "Molde",
        "Rauma",
    ]
    assert len(concerns.select("input[type=checkbox]")) == 4


def test_controls_only_for_members(council, scored):
    for user in [council.reader, council.users["ir_molde"], council.users["sr"]]:
        assert not panel(scored, user).select("form"), user
    secretary = panel(scored, council.secretary)
    assert not secretary.select("form[action$='/poeng/']")
    assert secretary.select("form[action$='/justering/']")


def test_once_decided_the_scores_are_locked_but_the_cost_may_change(council, scored):
    Idea.objects.filter(pk=scored.pk).update(state=State.PRIORITISED)
    page = panel(Idea.objects.get(pk=scored.pk), council.pr)
    assert not page.select("form[action$='/poeng/']")
    assert "Poengsettingen er låst" in text_of(page)
    assess = page.select_one("form[action$='/justering/']")
    assert not assess.select("#pr-justering") and assess.select("#pr-kostnad")


def test_no_panel_for_ideas_the_council_has_never_had(council):
    idea = council.idea(state=State.TRIAGE)
    assert text_of(panel(idea, council.pr)) == ""
    rejected = council.idea(state=State.REJECTED)
    give(rejected, council.pr, 1, 1, 1, 1, 1)
    assert "1,00 – Skal ikke ha" in text_of(panel(rejected, council.reader))


def test_the_panel_takes_as_many_queries_for_many_scores_as_for_one(council, scored):
    Score.objects.filter(member=council.pr2).delete()
    with CaptureQueriesContext(connection) as one:
        panel(scored, council.pr)
    for n in range(6):
        give(scored, member(council.portfolio, f"flere{n}"), 2, 2, 2, 2, 2)
    with CaptureQueriesContext(connection) as many:
        page = panel(scored, council.pr)
    assert len(page.select("table.portfolio-scores tbody tr")) == 7
    assert len(many) == len(one)


# Posting from the idea's page


def test_a_member_scores_from_the_idea_page(client, council, scored):
    client.force_login(council.pr)
    response = client.post(
        f"/ideer/{scored.pk}/poeng/", dict(zip(FIELDS, ["1", "2", "3", "4", "5"], strict=True))
    )
    assert response.status_code == 302
    assert response["Location"] == f"/ideer/{scored.pk}/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Poengsettingen din er lagret."
    ]
    score = Score.objects.get(idea=scored, member=council.pr)
    assert [getattr(score, f) for f in FIELDS] == [1, 2, 3, 4, 5]


def test_a_score_with_a_criterion_missing_is_shown_again_and_nothing_changes(
    client, council, scored
):
    client.force_login(council.pr)
    response = client.post(f"/ideer/{scored.pk}/poeng/", {"strategic_value": "2", "risk": "9"})
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert text_of(page.h1) == "Poengsett idéen: «Digitalt skjema for startlån»"
    assert page.select_one(f"a[href='/ideer/{scored.pk}/']")
    summary = page.select_one(".error-summary")
    assert [text_of(a) for a in summary.select("li a")] == [
        "Velg et nivå fra 1 til 5 for «kvalitativ gevinst».",
        "Velg et nivå fra 1 til 5 for «økonomisk gevinst».",
        "Velg et nivå fra 1 til 5 for «operasjonelt behov/lovpålagt».",
        "Velg et nivå fra 1 til 5 for «risiko».",
    ]
    assert summary.select_one("li a")["href"] == "#pr-qualitative_benefit-1"
    assert page.select_one("#pr-strategic_value-2").has_attr("checked")
    assert page.select_one("#pr-risk-1")["aria-invalid"] == "true"
    assert not page.select_one("#pr-strategic_value-1").has_attr("aria-invalid")
    score = Score.objects.get(idea=scored, member=council.pr)
    assert [getattr(score, f) for f in FIELDS] == [5, 4, 4, 3, 4]


def test_others_are_refused_scoring(client, council, scored):
    for user in [council.reader, council.secretary]:
        client.force_login(user)
        response = client.post(f"/ideer/{scored.pk}/poeng/", dict.fromkeys(FIELDS, "3"))
        assert response.status_code == 403
        page = BeautifulSoup(response.content, "html.parser")
        assert page.select_one(f"a[href='/ideer/{scored.pk}/']")
    assert Score.objects.filter(idea=scored).count() == 2


def test_someone_elses_draft_is_not_found(client, council):
    draft = council.idea(state=State.DRAFT)
    client.force_login(council.pr)
    assert client.post(f"/ideer/{draft.pk}/poeng/", dict.fromkeys(FIELDS, "3")).status_code == 404
    assert client.post(f"/ideer/{draft.pk}/justering/", {"kostnad": "1"}).status_code == 404
    assert client.post("/ideer/999999/poeng/", {}).status_code == 404


def test_the_council_adjusts_and_sets_cost_and_municipalities(client, council, scored):
    client.force_login(council.pr2)
    aukra = organisation("aukra")
    response = client.post(
        f"/ideer/{scored.pk}/justering/",
        {
            "justering": "-0,5",
            "begrunnelse": "Usikker gevinst.",
            "kostnad": "2 000 000",
            "kommuner": [aukra.pk],
        },
    )
    assert response["Location"] == f"/ideer/{scored.pk}/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Porteføljerådets vurdering er lagret."
    ]
    scored.refresh_from_db()
    assert scored.score_adjustment == Decimal("-0.5")
    assert scored.score_adjustment_reason == "Usikker gevinst."
    assert scored.estimated_cost == Decimal(2_000_000)
    assert list(scored.concerns.all()) == [aukra]


def test_a_bad_adjustment_is_shown_again_and_nothing_changes(client, council, scored):
    client.force_login(council.pr)
    response = client.post(
        f"/ideer/{scored.pk}/justering/",
        {"justering": "2", "begrunnelse": "", "kostnad": "1 000", "kommuner": []},
    )
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    summary = page.select_one(".error-summary")
    assert [(a["href"], text_of(a)) for a in summary.select("li a")] == [
        ("#pr-justering", "Justeringen kan være høyst ett poeng opp eller ned."),
        ("#pr-begrunnelse", "Skriv hvorfor poengsummen justeres."),
    ]
    field = page.select_one("#pr-justering")
    assert (field["value"], field["aria-invalid"]) == ("2", "true")
    assert page.select_one("#pr-kostnad")["value"] == "1 000"
    assert not page.select("input[name=kommuner][checked]")
    scored.refresh_from_db()
    assert (scored.score_adjustment, scored.estimated_cost) == (Decimal("0.25"), 1_250_000)
    assert scored.concerns.count() == 2
    client.force_login(council.reader)
    assert client.post(f"/ideer/{scored.pk}/justering/", {"kostnad": "1"}).status_code == 403
