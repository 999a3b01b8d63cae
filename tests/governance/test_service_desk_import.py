"""Importing the service desk's case export: what is stored, and what is refused.

The expected deadlines are worked out by hand from the SLA's table (Kundeservice open
Monday–Friday 08:00–15:30): Middels 3 timer / 3 arbeidsdager, Høy 1 time / 4 timer.
Monday 2 March 2026 is an ordinary working day.
"""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from governance import service_desk_rows
from governance.models import ServiceDeskCase, ServiceDeskImport, ServiceDeskWait
from governance.service_desk_import import import_cases
from governance.service_desk_rows import ExportRefused, parse_moment, parse_waits
from tests.conftest import soup

OSLO = ZoneInfo("Europe/Oslo")
HEADER = "saksnummer;meldt;prioritet;første svar;løst;ventetid"


def at(day, hour, minute=0):
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=OSLO)


def upload(text, name="eksport.csv", bom=False):
    data = text.encode("utf-8")
    return SimpleUploadedFile(name, (b"\xef\xbb\xbf" if bom else b"") + data)


def csv_file(*rows, header=HEADER, **kwargs):
    return upload("\n".join([header, *rows]) + "\n", **kwargs)


def run(file, **kwargs):
    return import_cases(file, file.name, **kwargs)


def refused(file):
    with pytest.raises(ExportRefused) as caught:
        run(file)
    assert not ServiceDeskCase.objects.exists()
    assert not ServiceDeskImport.objects.exists()
    return caught.value.problems


@pytest.mark.django_db
def test_a_semicolon_file_with_bom_is_stored_with_its_deadlines(sla):
    record = run(
        csv_file(
            "S-1;02.03.2026 09:00;Middels;02.03.2026 11:00;04.03.2026 10:00;",
            "S-2;2026-03-02 14:00;høy;2026-03-02 15:15;;",
            bom=True,
        )
    )
    assert (record.row_count, record.created_count, record.unchanged_count) == (2, 2, 0)
    middels = ServiceDeskCase.objects.get(reference="S-1")
    assert middels.response_due == at(2, 12)  # 09:00 + 3 opening hours
    assert middels.resolution_due == at(5, 9)  # 3 working days: Thursday 09:00
    assert middels.response_seconds == 2 * 3600
    # Monday 09:00–15:30, Tuesday 08:00–15:30, Wednesday 08:00–10:00.
    assert middels.resolution_seconds == (6.5 + 7.5 + 2) * 3600
    assert (middels.response_met, middels.resolution_met) == (True, True)
    assert middels.sla_version == sla.current_version()
    high = ServiceDeskCase.objects.get(reference="S-2")
    assert high.priority == "Høy"  # the SLA's spelling
    assert high.response_due == at(2, 15)
    assert high.resolution_due == at(3, 10, 30)  # 1.5 h on Monday, 2.5 h on Tuesday
    assert high.response_met is False
    assert (high.resolution_met, high.resolution_seconds) == (None, None)


@pytest.mark.django_db
def test_a_comma_file_with_english_headers_and_iso_times(sla):
    run(
        csv_file(
            '1001,2026-03-02T09:00:00+01:00,Middels,2026-03-02T08:30Z,"",',
            header="Case ID,Opened,Priority,First response,Resolved,Waiting",
        )
    )
    case = ServiceDeskCase.objects.get()
    assert case.opened_at == at(2, 9)
    assert case.first_response_at == at(2, 9, 30)
    assert case.response_seconds == 1800


@pytest.mark.django_db
def test_columns_the_export_has_besides_ours_are_read_past_and_named(client, editor, sla):
    client.force_login(editor)
    export = csv_file(
        "Skriver ut;S-1;02.03.2026 09:00;Middels;;02.03.2026 10:00;Kari",
        header="Tittel;saksnummer;meldt;prioritet;første svar;løst;Innmelder",
    )
    receipt = soup(client.post("/kundeservice/", {"export": export}, follow=True))
    case = ServiceDeskCase.objects.get()
    assert (case.reference, case.priority) == ("S-1", "Middels")
    note = receipt.select_one(".ignored-columns").text
    assert "Tittel, Innmelder" in note


@pytest.mark.django_db
def test_an_excel_file_with_real_dates(sla):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Prioritet", "Saksnummer", "Meldt", "Første svar", "Løst"])
    sheet.append(["Middels", 1234, datetime.datetime(2026, 3, 2, 9), None, None])
    sheet.append([None, None, None, None, None])
    sheet.append(["Lav", "X-9", datetime.datetime(2026, 3, 2, 8), None, "02.03.2026 11:00"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    record = run(SimpleUploadedFile("eksport.xlsx", buffer.getvalue()))
    assert record.row_count == 2
    assert ServiceDeskCase.objects.get(reference="1234").opened_at == at(2, 9)
    low = ServiceDeskCase.objects.get(reference="X-9")
    # Solved without a recorded answer: the solution is the answer.
    assert (low.response_met, low.response_seconds) == (True, 3 * 3600)


@pytest.mark.django_db
def test_the_same_file_twice_counts_nothing_twice(sla):
    rows = ("S-1;02.03.2026 09:00;Middels;02.03.2026 11:00;;02.03.2026 10:00–02.03.2026 10:30",)
    run(csv_file(*rows))
    again = run(csv_file(*rows))
    assert (again.row_count, again.created_count, again.updated_count) == (1, 0, 0)
    assert again.unchanged_count == 1
    assert ServiceDeskCase.objects.count() == 1
    assert ServiceDeskWait.objects.count() == 1


@pytest.mark.django_db
def test_a_later_export_that_knows_more_updates_the_case(sla):
    first = run(csv_file("S-1;02.03.2026 09:00;Middels;02.03.2026 11:00;;"))
    later = run(csv_file("S-1;02.03.2026 09:00;Middels;02.03.2026 11:00;06.03.2026 09:00;"))
    assert (later.created_count, later.updated_count, later.unchanged_count) == (0, 1, 0)
    case = ServiceDeskCase.objects.get()
    assert case.resolved_at == at(6, 9)
    assert case.resolution_met is False  # due Thursday 09:00
    assert case.last_import == later != first


@pytest.mark.django_db
def test_waiting_time_moves_the_deadline_and_is_not_counted(sla):
    run(csv_file("S-1;02.03.2026 09:00;Middels;02.03.2026 13:30;;02.03.2026 10:00-12:00"))
    case = ServiceDeskCase.objects.get()
    assert case.response_due == at(2, 14)  # two hours of waiting move 12:00 to 14:00
    assert case.response_seconds == int(2.5 * 3600)  # 4.5 hours less 2 waiting
    assert case.response_met is True
    assert list(case.waits.values_list("starts_at", "ends_at")) == [(at(2, 10), at(2, 12))]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "message"),
    [
        (";02.03.2026 09:00;Middels;;;", "Rad 3: «saksnummer» mangler."),
        ("S-9;;Middels;;;", "Rad 3: «meldt» mangler."),
        (
            "S-9;2. mars;Middels;;;",
            "Rad 3: «meldt» er ikke en dato med klokkeslett: «2. mars». "
            "Skriv for eksempel «02.03.2026 14:05».",
        ),
        ("S-9;02.03.2026 09:00;;;;", "Rad 3: «prioritet» mangler."),
        (
            "S-9;02.03.2026 09:00;Akutt;;;",
            "Rad 3: prioriteten «Akutt» finnes ikke i SLA-en som gjaldt da saken ble meldt "
            "(Kritisk, Høy, Middels og Lav).",
        ),
        ("S-9;02.03.2026 09:00;Middels;;02.03.2026 08:00;", "Rad 3: «løst» er før «meldt»."),
        (
            "S-9;02.03.2026 09:00;Middels;02.03.2026 08:59;;",
            "Rad 3: «første svar» er før «meldt».",
        ),
        (
            "S-9;02.03.2026 09:00;Middels;03.03.2026 09:00;02.03.2026 10:00;",
            "Rad 3: «første svar» er etter «løst».",
        ),
        ("S-9;02.03.2036 09:00;Middels;;;", "Rad 3: «meldt» (02.03.2036 09:00) er fram i tid."),
        (
            "S-9;02.03.1850 09:00;Middels;;;",
            "Rad 3: «meldt» (02.03.1850 09:00) er ikke mellom år 2000 og 2100.",
        ),
        (
            "S-9;01.01.0001 00:30;Middels;;;",
            "Rad 3: «meldt» er ikke en dato med klokkeslett: «01.01.0001 00:30». "
            "Skriv for eksempel «02.03.2026 14:05».",
        ),
        ("S-1;03.03.2026 09:00;Middels;;;", "Rad 3: saksnummeret «S-1» står også i rad 2."),
        (
            "S-9;02.03.2026 09:00;Middels;;;i morgen",
            "Rad 3: «ventetid» kan ikke leses: «i morgen». Skriv hver periode som "
            "«02.03.2026 10:00–02.03.2026 12:00», og skill periodene med semikolon.",
        ),
        (
            "S-9;02.03.2026 09:00;Middels;;;02.03.2026 12:00–02.03.2026 10:00",
            "Rad 3: ventetiden 02.03.2026 12:00–02.03.2026 10:00 slutter før den begynner.",
        ),
        (
            "S-9;02.03.2026 09:00;Middels;;02.03.2026 11:00;02.03.2026 10:00–02.03.2026 12:00",
            "Rad 3: ventetiden 02.03.2026 10:00–02.03.2026 12:00 er ikke mellom «meldt» og "
            "«løst».",
        ),
    ],
)
def test_a_bad_row_refuses_the_whole_file(sla, row, message):
    good = "S-1;02.03.2026 09:00;Middels;;;"
    assert refused(csv_file(good, row)) == [message]


@pytest.mark.django_db
def test_every_problem_is_reported_with_its_row(sla):
    problems = refused(
        csv_file(
            "S-1;02.03.2026 09:00;Middels;;02.03.2026 08:00;",
            "S-2;02.03.2026 09:00;Middels;;;",
            "S-3;;Akutt;;;",
        )
    )
    assert problems == [
        "Rad 2: «løst» er før «meldt».",
        "Rad 4: «meldt» mangler.",
    ]


@pytest.mark.django_db
def test_a_flood_of_problems_is_cut_short(sla):
    problems = refused(csv_file(*(f"S-{n};;Middels;;;" for n in range(150))))
    assert len(problems) == 101
    assert problems[0] == "Rad 2: «meldt» mangler."
    assert problems[-1] == "… og 50 feil til, som ikke er vist."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("file", "message"),
    [
        (upload(""), "Filen er tom."),
        (upload("\n;;\n"), "Filen er tom."),
        (csv_file(), "Filen har ingen saker under overskriftsraden."),
        (upload("%PDF-1.4", name="eksport.pdf"), "Last opp en CSV-fil (.csv) eller en Excel-fil"),
        (upload("x", name="eksport.xls"), "Eldre Excel-filer (.xls) kan ikke leses"),
        (upload("ikke en zip", name="eksport.xlsx"), "Filen er ikke en Excel-fil (.xlsx)"),
        (
            SimpleUploadedFile("eksport.csv", f"{HEADER}\nS-1;ø".encode("latin-1")),
            "Filen er ikke lagret som UTF-8",
        ),
        (
            csv_file(
                "S-1;02.03.2026 09:00;Middels;;;",
                header="saksnummer;meldt;prioritet;første svar;løst;ventetd",
            ),
            "Kolonnen «ventetd» er ukjent. Mente du «ventetid»?",
        ),
        (
            csv_file(header="saksnummer;meldt;prioritet;løst"),
            "Filen mangler kolonnen «første svar».",
        ),
        (
            csv_file(header="saksnummer;meldt;prioritet;første svar;løst;Løst"),
            "Kolonnen «løst» står mer enn én gang.",
        ),
    ],
)
def test_a_file_that_cannot_be_read_is_refused(sla, file, message):
    assert refused(file)[0].startswith(message)


@pytest.mark.django_db
def test_a_file_over_the_limit_is_refused(sla, monkeypatch):
    monkeypatch.setattr(service_desk_rows, "MAX_UPLOAD_BYTES", 1024 * 1024)
    big = csv_file(*(f"S-{n};02.03.2026 09:00;Middels;;;" for n in range(40_000)))
    assert refused(big) == ["Filen er større enn 1 MB. Del den opp og last opp delene."]


def test_times_are_read_in_the_forms_an_export_writes_them():
    expected = datetime.datetime(2026, 3, 2, 14, 5, tzinfo=OSLO)
    for text in (
        "2026-03-02 14:05",
        "02.03.2026 14:05",
        "2.3.2026 kl. 14.05",
        "2026-03-02T14:05:00",
        "2026-03-02T13:05:00Z",
        "2026-03-02T14:05:00+01:00",
    ):
        assert parse_moment(text) == expected, text
    assert parse_moment(datetime.datetime(2026, 3, 2, 14, 4, 59, 999_700)) == expected
    for bad in ("2026-03-02", "02.03.2026", "i går", "31.02.2026 10:00"):
        with pytest.raises(ValueError):
            parse_moment(bad)


def test_waiting_periods_are_read_with_either_dash():
    expected = [
        (
            datetime.datetime(2026, 3, 2, 10, tzinfo=OSLO),
            datetime.datetime(2026, 3, 2, 12, tzinfo=OSLO),
        ),
        (
            datetime.datetime(2026, 3, 3, 9, tzinfo=OSLO),
            datetime.datetime(2026, 3, 4, 9, tzinfo=OSLO),
        ),
    ]
    for text in (
        "02.03.2026 10:00–02.03.2026 12:00; 03.03.2026 09:00–04.03.2026 09:00",
        "2026-03-02 10:00-2026-03-02 12:00;2026-03-03 09:00 - 2026-03-04 09:00",
        "02.03.2026 10:00 - 12:00\n03.03.2026 09:00—04.03.2026 09:00",
    ):
        assert parse_waits(text) == expected, text
    assert parse_waits(None) == []


@pytest.mark.django_db
def test_only_editors_may_upload(client, make_user):
    assert client.get("/kundeservice/").url.startswith("/logg-inn/")
    client.force_login(make_user("ansatt"))
    assert client.get("/kundeservice/").status_code == 403
    assert client.get("/kundeservice/tall/").status_code == 403


@pytest.mark.django_db
def test_the_page_refuses_a_bad_file_and_gives_a_receipt_for_a_good_one(client, editor, sla):
    client.force_login(editor)
    bad = csv_file("S-1;02.03.2026 09:00;Middels;;02.03.2026 08:00;")
    page = soup(client.post("/kundeservice/", {"export": bad}))
    summary = page.select_one(".error-summary")
    assert "Filen «eksport.csv» ble ikke importert" in summary.h2.text
    assert [li.text for li in summary.select("li")] == ["Rad 2: «løst» er før «meldt»."]
    assert not ServiceDeskImport.objects.exists()

    good = "S-1;02.03.2026 09:00;Middels;;02.03.2026 10:00;"
    response = client.post("/kundeservice/", {"export": csv_file(good)}, follow=True)
    receipt = soup(response)
    facts = {dt.text: dt.find_next("dd").text for dt in receipt.select(".service-facts dt")}
    assert facts == {
        "Rader med saker": "1",
        "Nye saker": "1",
        "Endrede saker": "0",
        "Uendret": "0",
    }
    link = receipt.find("a", string="Se tallene for sakene")["href"]
    assert link == "/kundeservice/tall/?fra=2026-03-02&til=2026-03-02"

    again = soup(client.post("/kundeservice/", {"export": csv_file(good)}, follow=True))
    assert again.select_one(".service-facts div:last-child dd").text == "1"  # uendret
    listing = soup(client.get("/kundeservice/"))
    assert len(listing.select("#importer-tittel ~ div tbody tr")) == 2


@pytest.mark.django_db
def test_uploading_nothing_says_so(client, editor):
    client.force_login(editor)
    page = soup(client.post("/kundeservice/", {}))
    assert page.select_one(".error-summary li").text == "Velg filen du vil laste opp."


@pytest.mark.django_db
def test_times_in_the_daylight_saving_changes_import_once(sla):
    # 02:30 happens twice on 25 October 2026 and not at all on 29 March 2026.
    rows = (
        "S-1;23.10.2026 15:00;Lav;25.10.2026 02:30;26.10.2026 09:00;",
        "S-2;27.03.2026 15:00;Lav;29.03.2026 02:30;30.03.2026 09:00;",
    )
    run(csv_file(*rows))
    again = run(csv_file(*rows))
    assert (again.unchanged_count, again.updated_count) == (2, 0)
