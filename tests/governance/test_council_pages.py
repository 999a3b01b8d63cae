"""The councils on the site: the chart on /rad/, a council's page, its minutes and /vedtak/."""

import datetime
import re

import factory
import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents import get_document_model

from councils import cases
from councils.models import (
    AgendaItem,
    Appointment,
    Attendance,
    CaseDocument,
    Council,
    Meeting,
    Membership,
    Vote,
)
from tests.conftest import soup
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

Kind = Council.Kind
Status = Meeting.MinutesStatus
MUNICIPALITIES = ["aukra", "molde", "rauma", "vestnes"]


def at(year, month, day, hour=10, minute=0):
    """A moment in Norwegian time (the settings' time zone is Europe/Oslo)."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def text(node):
    """The text a reader sees, with the spaces between elements but not before punctuation."""
    return re.sub(r" ([,.:])", r"\1", " ".join(node.get_text(" ").split()))


class PublishedMeetingFactory(MeetingFactory):
    minutes_status = Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_document_model()

    title = factory.Sequence(lambda n: f"Dokument {n}")
    file = factory.LazyAttribute(lambda d: ContentFile(b"%PDF-1.4 test", name="vedlegg.pdf"))


class CaseDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseDocument

    title = factory.Sequence(lambda n: f"Vedlegg {n}")
    document = factory.SubFactory(DocumentFactory)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def ladder(db):
    """Every kind of council, as the cooperation has them."""
    found = {
        "samarbeid": council(Kind.COOPERATION),
        "portefolje": council(Kind.PORTFOLIO),
        "helse": CouncilFactory(
            name="Faggruppe helse",
            slug="helse",
            field_of_work="Helse og omsorg",
            description="Vurderer idéer om helse- og omsorgstjenester.",
        ),
        "skole": CouncilFactory(name="Faggruppe skole", slug="skole", field_of_work="Oppvekst"),
    }
    for slug in reversed(MUNICIPALITIES):  # created out of order; shown in name order
        found[slug] = CouncilFactory(
            name=f"Innovasjonsrådet i {organisation(slug).name}",
            slug=f"innovasjon-{slug}",
            kind=Kind.INNOVATION,
            field_of_work="",
            municipality=organisation(slug),
        )
    return found


@pytest.fixture
def member_user(django_user_model, ladder):
    """Someone with a login who sits in the faggruppe for health."""
    user = django_user_model.objects.create_user("medlem")
    MembershipFactory(council=ladder["helse"], person=PersonFactory(user=user, name="Mia Medlem"))
    return user


# /rad/


def test_the_chart_draws_each_council_under_the_one_above_it(client, ladder):
    AppointmentFactory(
        person=PersonFactory(name="Dag Leder", organisation=organisation("ror-ikt")),
        position=Appointment.Position.GENERAL_MANAGER,
        starts_on=datetime.date(2020, 1, 1),
    )
    page = soup(client.get("/rad/"))
    chart = page.select_one("figure.org-chart")
    assert "samarbeidsrådet øverst" in text(chart.figcaption)

    def node_of(name):
        return chart.find("a", string=name).find_parent("li")

    top = chart.select_one("ul.org-top")
    assert [text(a) for a in top.find_all("a", recursive=True)][:2] == [
        "Samarbeidsrådet",
        "Porteføljerådet",
    ]
    portfolio = node_of("Porteføljerådet")
    assert portfolio.find_parent("li") == node_of("Samarbeidsrådet")
    for name in ["Faggruppe helse", "Faggruppe skole", "Innovasjonsrådet i Molde"]:
        assert portfolio in node_of(name).find_parents("li")
    groups = portfolio.select(".org-group")
    assert [text(g.select_one(".org-group-label")) for g in groups] == [
        "Faggrupper",
        "Innovasjonsråd, ett per kommune",
    ]
    assert [text(a) for a in groups[1].find_all("a")] == [
        "Innovasjonsrådet i Aukra",
        "Innovasjonsrådet i Molde",
        "Innovasjonsrådet i Rauma",
        "Innovasjonsrådet i Vestnes",
    ]
    assert chart.find("a", string="Faggruppe helse")["href"] == "/rad/helse/"
    advises = portfolio.select_one(".org-advises")
    assert text(advises) == "gir råd til Daglig leder i ROR-IKT: Dag Leder"
    assert len(chart.select(".org-advises")) == 1


def test_the_chart_lists_councils_in_norwegian_alphabetical_order(client, db):
    for name in ["Faggruppe økonomi", "Faggruppe NAV", "Faggruppe arkiv", "Faggruppe helse"]:
        CouncilFactory(name=name)
    chart = soup(client.get("/rad/")).select_one("figure.org-chart")
    assert [text(a) for a in chart.find_all("a")] == [
        "Faggruppe arkiv",
        "Faggruppe helse",
        "Faggruppe NAV",
        "Faggruppe økonomi",
    ]


def test_without_a_samarbeidsrad_the_portefoljerad_is_at_the_top(client, db):
    council(Kind.PORTFOLIO)
    CouncilFactory(name="Faggruppe helse", slug="helse")
    chart = soup(client.get("/rad/")).select_one("ul.org-top")
    assert text(chart.find("a")) == "Porteføljerådet"
    assert "Daglig leder i ROR-IKT" in text(chart)  # named even before one is appointed
    assert chart.find("a", string="Faggruppe helse").find_parent("ul", class_="org-members")


def test_the_chart_says_so_when_there_are_no_councils(client, db):
    page = soup(client.get("/rad/"))
    assert page.select_one("figure.org-chart") is None
    assert "Ingen råd er registrert ennå." in text(page.main)


# /rad/<slug>/


def test_a_council_page_tells_what_the_council_is_and_links_mandate_and_council_above(
    client, ladder
):
    page = soup(client.get("/rad/helse/"))
    assert page.h1.string == "Faggruppe helse"
    facts = text(page.select_one(".council-facts"))
    assert facts == "Type Faggruppe Fagområde Helse og omsorg"
    assert "Vurderer idéer om helse- og omsorgstjenester." in text(page.main)
    mandate = page.find("a", href="/mandater/faggrupper/")
    assert mandate.string == "Mandat for de interkommunale faggruppene"
    above = page.find("a", string="Porteføljerådet")
    assert above["href"] == "/rad/portefoljeradet/"
    assert "ikke blir enig om, løftes til Porteføljerådet" in text(above.parent)


def test_an_innovasjonsrad_names_its_municipality_and_has_no_council_above(client, ladder):
    page = soup(client.get("/rad/innovasjon-rauma/"))
    assert text(page.select_one(".council-facts")) == "Type Innovasjonsråd Kommune Rauma"
    assert page.find("a", href="/mandater/innovasjonsradet/")
    assert "løftes til" not in text(page.main)


def test_a_council_without_a_mandate_says_so(client, ladder):
    page = soup(client.get("/rad/samarbeidsradet/"))
    assert "Det er ikke publisert noe mandat for samarbeidsråd ennå." in text(page.main)


def test_an_unknown_council_is_not_found(client, db):
    assert client.get("/rad/finnes-ikke/").status_code == 404


def seat(council, name, role, org="molde", **person):
    return MembershipFactory(
        council=council,
        role=role,
        person=PersonFactory(
            name=name,
            organisation=organisation(org),
            email=f"{name.split()[0].lower()}@example.invalid",
            phone="71 11 11 66",
            **person,
        ),
        starts_on=datetime.date(2020, 1, 1),
    )


def test_members_are_listed_with_role_and_organisation_leader_first(client, ladder):
    helse = ladder["helse"]
    seat(helse, "Åse Medlem", Membership.Role.MEMBER, "aukra")
    seat(helse, "Bjørn Nestleder", Membership.Role.DEPUTY_LEADER, "rauma")
    seat(helse, "Cato Leder", Membership.Role.LEADER, "molde", title="Kommunalsjef")
    seat(helse, "Dina Ror", Membership.Role.PROVIDER_REPRESENTATIVE, "ror-ikt")
    MembershipFactory(
        council=helse,
        person=PersonFactory(name="Gammel Leder"),
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2021, 12, 31),
    )
    table = soup(client.get("/rad/helse/")).select_one("table.members-table")
    assert text(table.caption).startswith("Medlemmer av Faggruppe helse per ")
    assert [text(th) for th in table.thead.find_all("th")] == ["Navn", "Rolle", "Representerer"]
    rows = [[text(cell) for cell in row.find_all(["th", "td"])] for row in table.tbody("tr")]
    assert rows == [
        ["Cato Leder, kommunalsjef", "Leder", "Molde"],
        ["Bjørn Nestleder, rådgiver", "Nestleder", "Rauma"],
        ["Åse Medlem, rådgiver", "Medlem", "Aukra"],
        ["Dina Ror, rådgiver", "ROR-IKT-representant", "ROR-IKT"],
    ]


def test_contact_details_only_for_readers_who_are_logged_in(client, ladder, django_user_model):
    seat(ladder["helse"], "Cato Leder", Membership.Role.LEADER)
    anonymous = client.get("/rad/helse/")
    assert b"cato@example.invalid" not in anonymous.content
    assert b"71 11 11 66" not in text(soup(anonymous).main).encode()
    login = soup(anonymous).find("a", string="Logg inn")
    assert login["href"] == "/logg-inn/?next=/rad/helse/"

    client.force_login(django_user_model.objects.create_user("ansatt"))
    table = soup(client.get("/rad/helse/")).select_one("table.members-table")
    assert [text(th) for th in table.thead.find_all("th")][-2:] == ["E-post", "Telefon"]
    assert table.find("a", href="mailto:cato@example.invalid")
    assert table.find("a", href="tel:+4771111166").string == "71 11 11 66"


def test_upcoming_and_past_meetings_and_only_published_minutes_are_linked(client, ladder):
    helse = ladder["helse"]
    now = timezone.now()
    later = MeetingFactory(council=helse, starts_at=now + datetime.timedelta(days=30))
    AgendaItemFactory(meeting=later, title="Ny plattform for velferdsteknologi")
    MeetingFactory(council=helse, starts_at=now + datetime.timedelta(days=2), place="Teams")
    published = PublishedMeetingFactory(council=helse, starts_at=at(2026, 3, 10))
    draft = MeetingFactory(council=helse, starts_at=at(2026, 6, 2), place="Rauma rådhus")
    AgendaItemFactory(meeting=draft, title="Felles journalsystem")
    page = soup(client.get("/rad/helse/"))

    upcoming = page.find("h2", id="kommende-moter").find_next_sibling("ul")
    first, second = upcoming.find_all("li", recursive=False)
    assert text(first).endswith(", Teams")  # soonest first
    assert "Ny plattform for velferdsteknologi" in text(second)

    past = page.find("h2", id="tidligere-moter").find_next_sibling("ul")
    newest, oldest = past.find_all("li", recursive=False)
    assert text(newest).startswith("tirsdag 2. juni 2026 kl. 10.00, Rauma rådhus.")
    assert "Referatet er ikke publisert ennå." in text(newest)
    assert "Felles journalsystem" in text(newest) and not newest.find("a")
    link = oldest.find("a")
    assert link.string == "Referat fra møtet 10. mars 2026"
    assert link["href"] == f"/rad/helse/moter/{published.pk}/"
    assert not page.find("a", href=f"/rad/helse/moter/{draft.pk}/")


def test_the_council_page_lists_its_published_decisions_newest_first(client, ladder):
    helse = ladder["helse"]
    older = PublishedMeetingFactory(council=helse, starts_at=at(2026, 2, 3))
    newer = PublishedMeetingFactory(council=helse, starts_at=at(2026, 4, 7))
    AgendaItemFactory(meeting=older, title="Eldre sak", decision="Vedtatt i februar.")
    AgendaItemFactory(meeting=newer, title="Nyere sak", decision="Vedtatt i april.")
    AgendaItemFactory(meeting=newer, title="Orienteringssak", decision="")
    AgendaItemFactory(meeting=MeetingFactory(council=helse), title="Utkast", decision="Hemmelig")
    AgendaItemFactory(
        meeting=PublishedMeetingFactory(council=ladder["skole"]), decision="Annet råd."
    )
    page = soup(client.get("/rad/helse/"))
    listed = page.find("h2", id="vedtak").find_next_sibling("ol")
    assert [text(h3) for h3 in listed.find_all("h3")] == [
        "Sak 2-26 Nyere sak",
        "Sak 1-26 Eldre sak",
    ]
    assert listed.find("a")["href"] == f"/rad/helse/moter/{newer.pk}/#sak-2-26"
    assert "Vedtatt i april." in text(listed)
    everything = page.find("a", string="Alle vedtak fra Faggruppe helse (2)")
    assert everything["href"] == "/vedtak/?rad=helse"


def test_the_queue_shows_waiting_cases_and_where_a_raised_case_came_from(client, ladder):
    meeting = PublishedMeetingFactory(council=ladder["helse"], starts_at=at(2026, 3, 10))
    disputed = AgendaItemFactory(
        meeting=meeting,
        title="Valg av trygghetsalarm",
        outcome=AgendaItem.Outcome.NOT_AGREED,
        exempt_ground="offl-23",
    )
    raised = cases.raise_if_not_agreed(disputed)
    waiting = AgendaItem(council=ladder["portefolje"], title="Budsjett for 2027")
    cases.number_case(waiting)
    waiting.save()

    queue = soup(client.get("/rad/portefoljeradet/")).find("h2", id="saksliste")
    items = queue.find_next_sibling("ul").find_all("li", recursive=False)
    assert [text(li.select_one(".case-label")) for li in items] == [
        f"Sak {raised.label}",
        f"Sak {waiting.label}",
    ]
    assert "Valg av trygghetsalarm" in text(items[0])  # titles are public, even when exempt
    assert items[0]["id"] == f"sak-{raised.label}"
    origin = items[0].find("a")
    assert text(origin) == f"sak {disputed.label} i Faggruppe helse"
    assert origin["href"] == f"/rad/helse/moter/{meeting.pk}/#sak-{disputed.label}"


def test_a_raised_case_from_unpublished_minutes_links_to_the_council_page(client, ladder):
    disputed = AgendaItemFactory(
        meeting=MeetingFactory(council=ladder["helse"]), outcome=AgendaItem.Outcome.NOT_AGREED
    )
    cases.raise_if_not_agreed(disputed)
    page = soup(client.get("/rad/portefoljeradet/"))
    origin = page.find("a", string=f"sak {disputed.label} i Faggruppe helse")
    assert origin["href"] == f"/rad/helse/#sak-{disputed.label}"
    # … where the case is listed under the meeting, so the link has somewhere to land.
    assert soup(client.get("/rad/helse/")).find(id=f"sak-{disputed.label}")


# /rad/<slug>/moter/<pk>/


def test_only_published_minutes_of_that_council_are_shown(client, ladder):
    draft = MeetingFactory(council=ladder["helse"])
    approved = MeetingFactory(council=ladder["helse"], minutes_status=Status.APPROVED)
    published = PublishedMeetingFactory(council=ladder["helse"])
    assert client.get(f"/rad/helse/moter/{draft.pk}/").status_code == 404
    assert client.get(f"/rad/helse/moter/{approved.pk}/").status_code == 404
    assert client.get(f"/rad/skole/moter/{published.pk}/").status_code == 404
    assert client.get(f"/rad/helse/moter/{published.pk}/").status_code == 200


def test_the_minutes_show_time_place_attendance_and_notes(client, ladder):
    meeting = PublishedMeetingFactory(
        council=ladder["helse"],
        starts_at=at(2026, 3, 10, 9, 30),
        place="Molde rådhus, møterom 2",
        minutes_notes="Møtet ble hevet kl. 11.",
    )
    for name, status, chairs, takes_minutes in [
        ("Cato Leder", Attendance.Status.PRESENT, True, False),
        ("Siri Sekretær", Attendance.Status.PRESENT, False, True),
        ("Åse Borte", Attendance.Status.ABSENT, False, False),
    ]:
        Attendance.objects.create(
            meeting=meeting,
            person=PersonFactory(name=name, organisation=organisation("rauma")),
            status=status,
            chairs=chairs,
            takes_minutes=takes_minutes,
        )
    page = soup(client.get(f"/rad/helse/moter/{meeting.pk}/"))
    assert text(page.h1) == "Referat fra møte i Faggruppe helse 10. mars 2026"
    time = page.select_one(".council-facts time")
    assert text(time) == "tirsdag 10. mars 2026 kl. 09.30"
    assert time["datetime"] == "2026-03-10T09:30:00+01:00"
    assert "Molde rådhus, møterom 2" in text(page.select_one(".council-facts"))
    attendance = {
        text(div.dt): text(div.dd) for div in page.select_one("dl.attendance").find_all("div")
    }
    assert attendance == {
        "Møteleder": "Cato Leder",
        "Referent": "Siri Sekretær",
        "Til stede": "Cato Leder (Rauma) Siri Sekretær (Rauma)",
        "Forfall": "Åse Borte (Rauma)",
    }
    assert "Møtet ble hevet kl. 11." in text(page.main)


def test_a_meeting_just_after_midnight_belongs_to_the_new_norwegian_year(client, ladder):
    meeting = PublishedMeetingFactory(council=ladder["helse"], starts_at=at(2027, 1, 1, 0, 30))
    item = AgendaItemFactory(meeting=meeting, decision="Godt nytt år.")
    assert item.label == "1-27"
    assert str(meeting) == "Faggruppe helse, 01.01.2027"
    page = soup(client.get(f"/rad/helse/moter/{meeting.pk}/"))
    assert text(page.select_one(".council-facts time")) == "fredag 1. januar 2027 kl. 00.30"
    assert page.find(id="sak-1-27")


@pytest.fixture
def exempt_case(ladder):
    meeting = PublishedMeetingFactory(council=ladder["helse"], starts_at=at(2026, 3, 10))
    item = AgendaItemFactory(
        meeting=meeting,
        title="Kjøp av trygghetsalarmer",
        exempt_ground="offl-23",
        background="Tilbudene fra leverandørene.",
        recommendation="Velg leverandør B.",
        dissent="Aukra ville ha leverandør A.",
        decision="Faggruppen anbefaler leverandør B.",
        outcome=AgendaItem.Outcome.DECIDED,
    )
    CaseDocumentFactory(item=item, title="Saksframlegg")
    CaseDocumentFactory(item=item, title="Tilbud fra leverandør B", exempt_ground="offl-23")
    CaseDocumentFactory(item=item, title="Prisskjema", exempt_ground="offl-23")
    for slug, choice in [("molde", "for"), ("aukra", "mot"), ("rauma", "avstar")]:
        Vote.objects.create(item=item, municipality=organisation(slug), choice=choice)
    return item


def case_section(client, item):
    page = soup(client.get(f"/rad/{item.council.slug}/moter/{item.meeting_id}/"))
    return page.find("section", id=f"sak-{item.label}")


def test_the_public_reads_the_decision_of_an_exempt_case_and_why_the_rest_is_withheld(
    client, exempt_case
):
    case = case_section(client, exempt_case)
    assert text(case.h3) == "Sak 1-26 Kjøp av trygghetsalarmer"
    notice = text(case.select_one(".exempt-notice"))
    assert notice.startswith(
        "Unntatt offentlighet: Unntatt etter offentleglova § 23 (forhandlingsposisjon)."
    )
    body = text(case)
    for secret in ["Tilbudene fra", "Velg leverandør B.", "Aukra ville ha", "Prisskjema"]:
        assert secret not in body
    assert "Faggruppen anbefaler leverandør B." in text(case.select_one(".decision-text"))
    assert [text(a) for a in case.select(".case-documents a")] == ["Saksframlegg"]
    assert "2 dokumenter er unntatt offentlighet og vises ikke." in body


def test_members_of_the_council_read_the_whole_exempt_case(client, exempt_case, member_user):
    client.force_login(member_user)
    case = case_section(client, exempt_case)
    body = text(case)
    for part in ["Tilbudene fra leverandørene.", "Velg leverandør B.", "Aukra ville ha"]:
        assert part in body
    assert [text(a) for a in case.select(".case-documents a")] == [
        "Saksframlegg",
        "Tilbud fra leverandør B",
        "Prisskjema",
    ]
    assert "unntatt offentlighet og vises ikke" not in body
    assert "Du ser hele saken" in text(case.select_one(".exempt-notice"))


def test_an_exempt_document_of_a_public_case_is_withheld_from_the_public(
    client, ladder, member_user
):
    item = AgendaItemFactory(
        meeting=PublishedMeetingFactory(council=ladder["helse"]), background="Åpen bakgrunn."
    )
    CaseDocumentFactory(item=item, title="Personopplysninger", exempt_ground="offl-13")
    case = case_section(client, item)
    assert "Åpen bakgrunn." in text(case)
    assert not case.find("a", string="Personopplysninger")
    assert "1 dokument er unntatt offentlighet og vises ikke." in text(case)
    client.force_login(member_user)
    assert case_section(client, item).find("a", string="Personopplysninger")


def test_votes_are_a_table_per_municipality(client, exempt_case):
    table = case_section(client, exempt_case).select_one("table.votes-table")
    assert text(table.caption) == "Stemmer per kommune i sak 1-26"
    assert [(th.string, th["scope"]) for th in table.thead.find_all("th")] == [
        ("Kommune", "col"),
        ("Stemme", "col"),
    ]
    rows = [(r.th.string, r.th["scope"], r.td.string) for r in table.tbody.find_all("tr")]
    assert rows == [("Aukra", "row", "Mot"), ("Molde", "row", "For"), ("Rauma", "row", "Avstår")]


def test_a_case_and_the_case_it_was_raised_to_link_to_each_other(client, ladder):
    meeting = PublishedMeetingFactory(council=ladder["helse"], starts_at=at(2026, 3, 10))
    disputed = AgendaItemFactory(meeting=meeting, outcome=AgendaItem.Outcome.NOT_AGREED)
    raised = cases.raise_if_not_agreed(disputed)

    link = case_section(client, disputed).find("a", string=f"sak {raised.label} i Porteføljerådet")
    assert link["href"] == f"/rad/portefoljeradet/#sak-{raised.label}"  # still in the queue

    later = PublishedMeetingFactory(council=ladder["portefolje"], starts_at=at(2026, 4, 14))
    raised.meeting = later
    raised.decision = "Porteføljerådet velger løsning A."
    raised.save()
    link = case_section(client, disputed).find("a", string=f"sak {raised.label} i Porteføljerådet")
    assert link["href"] == f"/rad/portefoljeradet/moter/{later.pk}/#sak-{raised.label}"
    back = case_section(client, raised).find("a", string=f"sak {disputed.label} i Faggruppe helse")
    assert back["href"] == f"/rad/helse/moter/{meeting.pk}/#sak-{disputed.label}"


# /vedtak/


def decision(council, starts_at, title, text_="Vedtaket.", **fields):
    meeting = Meeting.objects.filter(council=council, starts_at=starts_at).first()
    meeting = meeting or PublishedMeetingFactory(council=council, starts_at=starts_at)
    return AgendaItemFactory(meeting=meeting, title=title, decision=text_, **fields)


def listed(response):
    page = soup(response)
    return [text(h3) for h3 in page.select(".decision-list h3")]


def test_all_published_decisions_newest_first_exempt_ones_included(client, ladder):
    decision(ladder["helse"], at(2025, 11, 4), "Velferdsteknologi", "Innføres i alle kommuner.")
    decision(ladder["portefolje"], at(2026, 5, 5), "Prioritering 2027", exempt_ground="offl-23")
    AgendaItemFactory(meeting=MeetingFactory(council=ladder["helse"]), decision="Ikke publisert")
    AgendaItemFactory(meeting=PublishedMeetingFactory(council=ladder["skole"]), decision="")
    response = client.get("/vedtak/")
    assert listed(response) == ["Sak 1-26 Prioritering 2027", "Sak 1-25 Velferdsteknologi"]
    page = soup(response)
    assert text(page.find("h2", id="treff")) == "2 vedtak"
    first = page.select_one(".decision-list li")
    assert "Porteføljerådet, møtet 5. mai 2026" in text(first)
    assert "Vedtaket." in text(first)
    assert "Bakgrunnen for saken." not in text(page.main)


def test_searching_finds_every_word_in_title_or_decision(client, ladder):
    decision(ladder["helse"], at(2026, 2, 3), "Ny trygghetsalarm", "Kommunene kjøper alarmer.")
    decision(ladder["helse"], at(2026, 2, 3), "Felles journal", "Trygghetsalarm utsettes.")
    decision(ladder["skole"], at(2026, 2, 4), "Skoleplattform", "Kommunene velger plattform.")
    assert listed(client.get("/vedtak/?q=TRYGGHETSALARM")) == [
        "Sak 2-26 Felles journal",
        "Sak 1-26 Ny trygghetsalarm",
    ]
    assert listed(client.get("/vedtak/?q=kommunene+alarmer")) == ["Sak 1-26 Ny trygghetsalarm"]
    response = client.get("/vedtak/?q=ingenting+slikt")
    assert text(soup(response).find("h2", id="treff")) == "Ingen vedtak for «ingenting slikt»"


def test_filtering_by_council_and_by_norwegian_year(client, ladder):
    decision(ladder["helse"], at(2025, 12, 31, 23, 30), "Nyttårsaften")
    decision(ladder["helse"], at(2026, 1, 1, 0, 30), "Første dag")
    decision(ladder["skole"], at(2026, 3, 3), "Skolesak")
    assert listed(client.get("/vedtak/?rad=skole")) == ["Sak 1-26 Skolesak"]
    assert listed(client.get("/vedtak/?ar=2025")) == ["Sak 1-25 Nyttårsaften"]
    response = client.get("/vedtak/?rad=helse&ar=2026")
    assert listed(response) == ["Sak 1-26 Første dag"]
    page = soup(response)
    assert text(page.find("h2", id="treff")) == "1 vedtak fra Faggruppe helse i 2026"
    assert page.select_one("#id_rad option[selected]")["value"] == "helse"
    assert [o.string for o in page.select("#id_ar option")] == ["Alle år", "2026", "2025"]
    assert page.select_one("#id_ar option[selected]").string == "2026"


def test_decisions_come_25_to_a_page_with_links_that_keep_the_filters(client, ladder):
    meeting = PublishedMeetingFactory(council=ladder["helse"], starts_at=at(2026, 3, 10))
    for n in range(1, 28):
        AgendaItemFactory(meeting=meeting, title=f"Sak nummer {n}", decision="Vedtatt.")
    first = soup(client.get("/vedtak/?rad=helse"))
    assert len(first.select(".decision-list > li")) == 25
    nav = first.find("nav", attrs={"aria-label": "Sider i vedtakslisten"})
    assert nav.find("a", attrs={"aria-current": "page"})["href"] == "?rad=helse&side=1"
    following = nav.find("a", string="Neste side")
    assert following["href"] == "?rad=helse&side=2"
    second = client.get("/vedtak/?rad=helse&side=2")
    assert listed(second) == ["Sak 2-26 Sak nummer 2", "Sak 1-26 Sak nummer 1"]
    assert soup(second).select_one(".decision-list")["start"] == "26"


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("rad=finnes-ikke", 200, "Råd: Fant ikke rådet «finnes-ikke». Velg et råd fra listen."),
        ("ar=tjuetjueseks", 200, "År: Året må være et tall, for eksempel 2026."),
        ("ar=1999", 200, "År: Det finnes ingen publiserte vedtak fra 1999."),
        ("q=" + "a" * 201, 200, "Søket kan ha høyst 200 tegn (det har 201)."),
        ("side=to", 200, "Sidetallet må være et helt tall, for eksempel 2."),
        ("side=0", 200, "Sidetallet må være 1 eller høyere."),
        ("side=9", 404, "Side 9 finnes ikke. Treffene fyller 1 side."),
        ("q=a%00b", 200, "Søk i tittel og vedtak: Null-tegn er ikke tillatt."),
        ("rad=a%00b", 200, "Råd: Null-tegn er ikke tillatt."),
    ],
)
def test_bad_input_gets_a_clear_message(client, ladder, query, status, message):
    decision(ladder["helse"], at(2026, 3, 10), "En sak")
    response = client.get(f"/vedtak/?{query}")
    assert response.status_code == status
    page = soup(response) if status == 200 else soup_any(response)
    assert message in text(page.main)
    assert not page.select(".decision-list")


def soup_any(response):
    return BeautifulSoup(response.content, "html.parser")


# The mandate page


def test_the_mandate_lists_the_councils_that_work_under_it(client, ladder):
    page = soup(client.get("/mandater/innovasjonsradet/"))
    section = page.find("section", class_="mandate-councils")
    assert text(section.h2) == "Råd med dette mandatet"
    assert [(a.string, a["href"]) for a in section.find_all("a")] == [
        (f"Innovasjonsrådet i {organisation(slug).name}", f"/rad/innovasjon-{slug}/")
        for slug in MUNICIPALITIES
    ]


# Queries do not grow with the amount of data


def count_queries(client, url):
    client.get(url)  # once first, so one-off lookups (the site, content types) are cached
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def fill_council(ladder, n):
    helse = ladder["helse"]
    now = timezone.now()
    for i in range(n):
        seat(helse, f"Person {n}-{i}", Membership.Role.MEMBER)
        past = PublishedMeetingFactory(
            council=helse, starts_at=now - datetime.timedelta(days=i + 1)
        )
        AgendaItemFactory(meeting=past, decision=f"Vedtak {i}.")
        future = MeetingFactory(council=helse, starts_at=now + datetime.timedelta(days=i + 1))
        AgendaItemFactory(meeting=future)
        draft = MeetingFactory(council=helse, starts_at=now - datetime.timedelta(days=400 + i))
        AgendaItemFactory(meeting=draft)
        disputed = AgendaItemFactory(
            meeting=PublishedMeetingFactory(council=ladder["skole"]),
            outcome=AgendaItem.Outcome.NOT_AGREED,
        )
        cases.raise_if_not_agreed(disputed)


def fill_meeting(meeting, n):
    for i in range(n):
        item = AgendaItemFactory(
            meeting=meeting,
            exempt_ground="offl-23" if i % 2 else "",
            outcome=AgendaItem.Outcome.NOT_AGREED,
            decision=f"Vedtak {i}.",
        )
        cases.raise_if_not_agreed(item)
        for slug in MUNICIPALITIES:
            Vote.objects.create(item=item, municipality=organisation(slug), choice="for")
        CaseDocumentFactory(item=item)
        CaseDocumentFactory(item=item, exempt_ground="offl-23")
        Attendance.objects.create(meeting=meeting, person=PersonFactory())


@pytest.mark.parametrize("logged_in", [False, True])
def test_the_pages_cost_the_same_queries_for_3_and_30_of_everything(
    client, ladder, member_user, logged_in
):
    if logged_in:
        client.force_login(member_user)
    small = PublishedMeetingFactory(council=ladder["helse"], starts_at=at(2026, 1, 6))
    big = PublishedMeetingFactory(council=ladder["helse"], starts_at=at(2026, 1, 7))
    fill_meeting(small, 3)
    fill_meeting(big, 30)
    assert count_queries(client, f"/rad/helse/moter/{small.pk}/") == count_queries(
        client, f"/rad/helse/moter/{big.pk}/"
    )

    fill_council(ladder, 3)
    pages = ["/rad/", "/rad/helse/", "/rad/portefoljeradet/", "/vedtak/", "/vedtak/?side=2"]
    few = {url: count_queries(client, url) for url in pages}
    fill_council(ladder, 27)
    many = {url: count_queries(client, url) for url in pages}
    assert many == few
    assert max(many.values()) <= 20


def test_a_faggruppe_page_lists_the_systems_that_belong_to_it(client, db):
    from tests.councils.factories import CouncilFactory
    from tests.governance.factories import ServiceFactory

    group = CouncilFactory(name="Faggruppe helse", slug="helse-systemer")
    ServiceFactory(name="Journalsystemet", slug="journal", faggruppe=group)
    ServiceFactory(name="Skolesystemet", slug="skole")
    page = client.get("/rad/helse-systemer/").content.decode()
    assert '<a href="/tjenestekatalog/journal/">Journalsystemet</a>' in page
    assert "Skolesystemet" not in page
