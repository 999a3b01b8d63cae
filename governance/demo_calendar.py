"""Demo special opening days: Julaften closed and Nyttårsaften 08:00–12:00.

For the year of `today` and the next. Idempotent: a date that already has a row (an
editor's, or from an earlier load) is left as it is.
"""

import datetime

from .models import SpecialOpeningDay

DEMO_DAYS = [
    # (month, day, name, opens, closes); no times: closed
    (12, 24, "Julaften", None, None),
    (12, 31, "Nyttårsaften", datetime.time(8), datetime.time(12)),
]


def load_demo_special_days(today):
    """Create the demo special days for `today`'s year and the next; returns those created."""
    created = []
    for year in (today.year, today.year + 1):
        for month, day, name, opens, closes in DEMO_DAYS:
            row, is_new = SpecialOpeningDay.objects.get_or_create(
                date=datetime.date(year, month, day),
                defaults={"name": name, "opens": opens, "closes": closes},
            )
            if is_new:
                created.append(row)
    return created
