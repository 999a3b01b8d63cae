"""How the SLA's figures are written, and the fact tokens its text may contain.

The figures themselves (priorities, opening hours, uptime target, notice period,
contact channels) are data on the SLA page; this module turns them into the words
the SLA uses, so the published page and every calculation read the same values.
"""

import re
from decimal import Decimal

from django.utils.html import escape

WEEKDAY_NAMES = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
MONTH_NAMES = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
]


def format_month(day):
    """`date(2026, 3, 1)` → "mars 2026"."""
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


class DurationUnit:
    MINUTES = "minutter"
    HOURS = "timer"
    WORKING_DAYS = "arbeidsdager"

    choices = [
        (MINUTES, "minutter"),
        (HOURS, "timer"),
        (WORKING_DAYS, "arbeidsdager"),
    ]


class Clock:
    """Whether a priority's target times run in Kundeservice's opening hours or always."""

    OPENING_HOURS = "apningstid"
    ROUND_THE_CLOCK = "dognet-rundt"

    choices = [
        (OPENING_HOURS, "i Kundeservice sin åpningstid"),
        (ROUND_THE_CLOCK, "hele døgnet"),
    ]


def format_duration(value, unit):
    """A target time in the SLA's words: "15 min", "1 time", "4 timer", "3 arbeidsdager"."""
    if unit == DurationUnit.MINUTES:
        return f"{value} min"
    if unit == DurationUnit.HOURS:
        return f"{value} time" if value == 1 else f"{value} timer"
    if unit == DurationUnit.WORKING_DAYS:
        return f"{value} arbeidsdag" if value == 1 else f"{value} arbeidsdager"
    raise ValueError(unit)


def format_percent(value):
    """`Decimal("99.80")` → "99,8 %" (Norwegian decimal comma, no trailing zeros)."""
    number = Decimal(value).normalize()
    text = format(number, "f").replace(".", ",")
    return f"{text} %"


def format_days(days):
    return "1 dag" if days == 1 else f"{days} dager"


def join_norwegian(words):
    """["a", "b", "c"] → "a, b og c"."""
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " og " + words[-1]


def format_opening_hours(rows):
    """Opening hours as the SLA writes them, from `(weekday, opens, closes)` rows.

    Days with the same hours are grouped: "Mandag, tirsdag, onsdag, torsdag og fredag
    kl. 08:00 – 15:30". Weekday 0 is Monday.
    """
    groups = []
    for weekday, opens, closes in sorted(rows):
        hours = (opens, closes)
        if groups and groups[-1][1] == hours:
            groups[-1][0].append(weekday)
        else:
            groups.append(([weekday], hours))
    parts = []
    for weekdays, (opens, closes) in groups:
        days = join_norwegian(WEEKDAY_NAMES[day] for day in weekdays)
        parts.append(f"{days} kl. {opens:%H:%M} – {closes:%H:%M}")
    text = join_norwegian(parts)
    return text[:1].upper() + text[1:]


def opening_hours_problems(rows):
    """Problems with `(weekday, opens, closes)` rows, as Norwegian messages."""
    problems = []
    weekdays = [weekday for weekday, _opens, _closes in rows]
    for weekday in sorted({day for day in weekdays if weekdays.count(day) > 1}):
        problems.append(f"{WEEKDAY_NAMES[weekday].capitalize()} står mer enn én gang.")
    for weekday, opens, closes in rows:
        if opens and closes and closes <= opens:
            problems.append(
                f"{WEEKDAY_NAMES[weekday].capitalize()}: stengetid må være etter åpningstid."
            )
    return problems


def figures_problems(priorities, opening_hours, preferred_channels):
    """What is wrong with the SLA's figures as a whole, as Norwegian messages.

    `priorities` are the priority names, `opening_hours` are `(weekday, opens,
    closes)` rows and `preferred_channels` the labels of channels marked preferred.
    """
    problems = []
    if not priorities:
        problems.append("SLA-en må ha minst én prioritet.")
    duplicates = sorted({name for name in priorities if priorities.count(name) > 1})
    if duplicates:
        problems.append(f"Prioriteten {', '.join(duplicates)} står mer enn én gang.")
    if not opening_hours:
        problems.append("Kundeservice må ha åpningstid minst én dag i uken.")
    problems.extend(opening_hours_problems(opening_hours))
    if len(preferred_channels) != 1:
        problems.append("Merk nøyaktig én kontaktkanal som foretrukket.")
    return problems


# The tokens an editor may write in the SLA's text, and what each one shows.
FACT_TOKENS = {
    "åpningstid": "Kundeservice sin åpningstid, fra åpningstidene",
    "oppetidsmål": "oppetidsmålet, for eksempel 99,8 %",
    "varslingsfrist": "varslingsfristen for planlagt nedetid, for eksempel 3 dager",
    "foretrukket_kanal": "navnet på den foretrukne kontaktkanalen",
}
TOKEN_PATTERN = re.compile(r"\{([^{}\s]+)\}")


def unknown_tokens(text):
    """The `{…}` tokens in a text that the SLA does not know."""
    return sorted({name for name in TOKEN_PATTERN.findall(text) if name not in FACT_TOKENS})


def fact_values(page):
    """What each fact token stands for on this SLA page (or one of its revisions)."""
    preferred = next((c for c in page.contact_channels.all() if c.preferred), None)
    return {
        "åpningstid": format_opening_hours(
            (row.weekday, row.opens, row.closes) for row in page.opening_hours.all()
        ),
        "oppetidsmål": format_percent(page.uptime_target),
        "varslingsfrist": format_days(page.planned_downtime_notice_days),
        "foretrukket_kanal": preferred.label if preferred else "",
    }


def fill_facts(html, page):
    """Replace the fact tokens in rendered HTML with the page's values (escaped)."""
    if not TOKEN_PATTERN.search(html):
        return html
    # A page renders many paragraphs; read its figures once.
    values = page.__dict__.get("_fact_values")
    if values is None:
        values = page.__dict__["_fact_values"] = fact_values(page)
    return TOKEN_PATTERN.sub(
        lambda match: escape(values.get(match.group(1), match.group(0))), html
    )
