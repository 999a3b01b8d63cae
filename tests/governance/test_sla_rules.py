"""The SLA's numbering rules and how its figures are written."""

import datetime
from decimal import Decimal

import pytest

from governance import sla_structure, sla_terms


def t(text):
    return datetime.time.fromisoformat(text)


@pytest.mark.parametrize(
    ("numbers", "errors"),
    [
        (["1", "1.1", "1.2", "2", "2.1", "2.1.1"], {}),
        (["1", "1.1", "1.1"], {2: "Nummer 1.1 er brukt før."}),
        (["1", "2", "1.1"], {2: "Nummer 1.1 står etter 2."}),
        (["1", "1.2.1"], {1: "Nummer 1.2.1 mangler overordnet avsnitt 1.2 foran seg."}),
        (["1", "1.1.1.1"], {1: "Skriv nummeret som 4, 4.5 eller 4.5.1."}),
        (["1", "1. 5"], {1: "Skriv nummeret som 4, 4.5 eller 4.5.1."}),
        (["0"], {0: "Skriv nummeret som 4, 4.5 eller 4.5.1."}),
    ],
)
def test_numbering_errors(numbers, errors):
    assert sla_structure.numbering_errors(numbers) == errors


def test_table_of_contents_nests_by_number():
    toc = sla_structure.table_of_contents(
        [
            ("4", "Roller"),
            ("4.5", "Systemeier"),
            ("4.5.1", "Er/har"),
            ("4.6", "Ansvarlig"),
            ("5", "Support"),
        ]
    )
    assert [entry.number for entry in toc] == ["4", "5"]
    assert [entry.number for entry in toc[0].children] == ["4.5", "4.6"]
    assert [entry.number for entry in toc[0].children[0].children] == ["4.5.1"]


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (15, "minutter", "15 min"),
        (1, "timer", "1 time"),
        (4, "timer", "4 timer"),
        (1, "arbeidsdager", "1 arbeidsdag"),
        (3, "arbeidsdager", "3 arbeidsdager"),
    ],
)
def test_durations_are_written_as_the_sla_writes_them(value, unit, text):
    assert sla_terms.format_duration(value, unit) == text


def test_percent_uses_a_decimal_comma():
    assert sla_terms.format_percent(Decimal("99.80")) == "99,8 %"
    assert sla_terms.format_percent(Decimal("99.95")) == "99,95 %"
    assert sla_terms.format_percent(Decimal("100.00")) == "100 %"


def test_opening_hours_group_days_with_the_same_hours():
    weekdays = [(day, t("08:00"), t("15:30")) for day in range(5)]
    assert sla_terms.format_opening_hours(weekdays) == (
        "Mandag, tirsdag, onsdag, torsdag og fredag kl. 08:00 – 15:30"
    )
    short_friday = weekdays[:4] + [(4, t("08:00"), t("14:00"))]
    assert sla_terms.format_opening_hours(short_friday) == (
        "Mandag, tirsdag, onsdag og torsdag kl. 08:00 – 15:30 og fredag kl. 08:00 – 14:00"
    )


def test_figures_problems_name_what_is_wrong():
    ok = sla_terms.figures_problems(
        ["Kritisk", "Høy"], [(0, t("08:00"), t("15:30"))], ["Kundeservice Web"]
    )
    assert ok == []
    problems = sla_terms.figures_problems(
        ["Høy", "Høy"],
        [(0, t("08:00"), t("15:30")), (0, t("09:00"), t("08:00"))],
        [],
    )
    assert problems == [
        "Prioriteten Høy står mer enn én gang.",
        "Mandag står mer enn én gang.",
        "Mandag: stengetid må være etter åpningstid.",
        "Merk nøyaktig én kontaktkanal som foretrukket.",
    ]
    assert "SLA-en må ha minst én prioritet." in sla_terms.figures_problems([], [], ["x"])


def test_unknown_tokens_are_found():
    assert sla_terms.unknown_tokens("oppetid på {oppetidsmål} og {ukjent}") == ["ukjent"]
    assert sla_terms.unknown_tokens("{åpningstid}") == []


def test_fill_facts_uses_the_pages_figures(sla):
    html = "<p>Mål: {oppetidsmål}, varsel {varslingsfrist}, kanal {foretrukket_kanal}.</p>"
    assert sla_terms.fill_facts(html, sla) == (
        "<p>Mål: 99,8 %, varsel 3 dager, kanal Kundeservice Web.</p>"
    )
