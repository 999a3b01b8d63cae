"""The stored deadlines follow the calendar and the SLA when an editor changes them.

Kundeservice is open Monday–Friday 08:00–15:30. A Lav case opened Friday 18 December
2026 at 10:00 has 5 arbeidsdager: 21, 22, 23, 24 December and (25 and 26 December being
holidays, 27th a Sunday) Monday 28 December, so it is due 28 December 10:00. With
Julaften (24th) closed it is due Tuesday 29 December 10:00.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from governance.models import ServiceDeskCase, SpecialOpeningDay
from governance.service_desk_import import import_cases
from governance.service_desk_recompute import recompute_deadlines
from tests.governance.helpers import draft_of_sla, publish

OSLO = ZoneInfo("Europe/Oslo")
HEADER = "saksnummer;meldt;prioritet;første svar;løst;ventetid"


def oslo(text):
    return datetime.datetime.fromisoformat(text).replace(tzinfo=OSLO)


def import_rows(*rows):
    text = "\n".join([HEADER, *rows]) + "\n"
    upload = SimpleUploadedFile("eksport.csv", text.encode())
    return import_cases(upload, upload.name, now=oslo("2027-02-01 12:00"))


@pytest.fixture
def lav_case(sla):
    import_rows("L-1;18.12.2026 10:00;Lav;18.12.2026 11:00;29.12.2026 09:00;")
    case = ServiceDeskCase.objects.get()
    assert case.resolution_due == oslo("2026-12-28 10:00")
    assert case.resolution_met is False
    return case


def test_closing_a_day_in_the_admin_moves_the_deadlines_that_span_it(
    lav_case, client, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/snippets/governance/specialopeningday/add/",
            {"date": "2026-12-24", "name": "Julaften", "opens": "", "closes": ""},
        )
    assert response.status_code == 302
    lav_case.refresh_from_db()
    assert lav_case.resolution_due == oslo("2026-12-29 10:00")
    assert lav_case.resolution_met is True  # solved 29 December 09:00, now within target


def test_deleting_the_closed_day_moves_them_back(
    lav_case, client, editor, django_capture_on_commit_callbacks
):
    day = SpecialOpeningDay.objects.create(date=datetime.date(2026, 12, 24), name="Julaften")
    assert recompute_deadlines() == 1
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/snippets/governance/specialopeningday/delete/{day.pk}/")
    assert not SpecialOpeningDay.objects.exists()
    lav_case.refresh_from_db()
    assert lav_case.resolution_due == oslo("2026-12-28 10:00")


def test_a_new_sla_version_moves_the_cases_opened_after_it_takes_effect(
    sla, django_capture_on_commit_callbacks
):
    """Høy: 4 timer. Version 2 (from 1 January 2027) gives 8 timer. A case opened Tuesday 5
    January 09:00 is due 13:00 under version 1, and Wednesday 09:30 under version 2; one
    opened 30 December keeps version 1's 13:00."""
    import_rows(
        "H-1;30.12.2026 09:00;Høy;30.12.2026 09:10;;",
        "H-2;05.01.2027 09:00;Høy;05.01.2027 09:10;;",
    )
    assert ServiceDeskCase.objects.get(reference="H-2").resolution_due == oslo("2027-01-05 13:00")
    page = draft_of_sla()
    priorities = list(page.priorities.all())
    priorities[1].resolution_value = 8
    page.priorities = priorities
    with django_capture_on_commit_callbacks(execute=True):
        publish(page, effective_date=datetime.date(2027, 1, 1), change_summary="Høy: 8 t.")
    before, after = ServiceDeskCase.objects.order_by("reference")
    assert before.resolution_due == oslo("2026-12-30 13:00")
    assert before.sla_version.number == 1
    assert after.resolution_due == oslo("2027-01-06 09:30")
    assert after.sla_version.number == 2


def test_recomputing_what_has_not_changed_changes_nothing(lav_case):
    assert recompute_deadlines() == 0
