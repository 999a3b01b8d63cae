"""Every publication of the SLA is a version that stays readable, with what changed."""

import datetime

import pytest

from governance.models import SLAVersion
from tests.conftest import soup
from tests.governance.helpers import draft_of_sla, publish, set_section_text

NEW_5_1 = "<p>Formålet med support er å gjenopprette tilgangen raskt og trygt.</p>"


@pytest.fixture
def second_version(sla):
    page = draft_of_sla()
    set_section_text(page, "5.1", NEW_5_1)
    priorities = list(page.priorities.all())
    priorities[0].resolution_value = 3
    page.priorities = priorities
    return publish(
        page,
        effective_date=datetime.date(2027, 1, 1),
        change_summary="Nytt formål for support og ny løsningstid for Kritisk.",
    )


def test_the_first_load_is_version_1(sla):
    version = SLAVersion.objects.get()
    assert (version.number, version.effective_date) == (1, datetime.date(2026, 1, 1))
    assert version.revision_id == sla.live_revision_id


def test_publishing_makes_the_next_version_and_the_page_shows_it(client, second_version):
    assert list(second_version.versions.values_list("number", flat=True)) == [1, 2]
    page = soup(client.get("/sla/"))
    assert "Versjon 2 · gjeldende fra 1. januar 2027" in " ".join(
        page.find(class_="document-meta").get_text(" ").split()
    )
    assert (
        "gjenopprette tilgangen raskt og trygt" in page.find(id="5.1").find_parent("section").text
    )


def test_republishing_the_same_revision_is_not_a_new_version(sla):
    revision = sla.live_revision
    revision.publish()
    assert sla.versions.count() == 1


def test_version_list_shows_every_version_newest_first(client, second_version):
    page = soup(client.get("/sla/versjoner/"))
    rows = [" ".join(row.get_text(" ").split()) for row in page.select("tbody tr")]
    assert rows[0].startswith("Versjon 2 (gjeldende) 1. januar 2027")
    assert "Nytt formål for support" in rows[0]
    assert rows[1].startswith("Versjon 1 1. januar 2026")
    assert page.find("meta", attrs={"name": "robots", "content": "noindex"})


def test_an_old_version_stays_readable_and_is_not_indexed(client, second_version):
    response = client.get("/sla/versjoner/1/")
    assert response["X-Robots-Tag"] == "noindex"
    page = soup(response)
    assert page.find("meta", attrs={"name": "robots", "content": "noindex"})
    assert "Dette er versjon 1" in page.find(class_="notice").text
    old_text = page.find(id="5.1").find_parent("section").text
    assert "så raskt som mulig" in old_text
    kritisk = page.find(id="5.6").find_parent("section").select("tbody tr")[0]
    assert "2 timer" in kritisk.text
    assert len(page.select(".sla-section")) == 44


def test_changes_are_shown_section_by_section(client, second_version):
    page = soup(client.get("/sla/versjoner/2/endringer/"))
    changed = {
        section.h2.get_text(" ", strip=True).split(" ")[0]: section
        for section in page.select("section.change")
    }
    assert set(changed) == {"5.1", "5.6"}

    def words(section, tag, label):
        return [e.text.replace(label, "") for e in section.find(class_="diff").find_all(tag)]

    assert words(changed["5.1"], "del", "Fjernet: ") == [
        "til IKT tjenesten(e) for brukerne så",
        "som mulig.",
    ]
    assert words(changed["5.1"], "ins", "Lagt til: ") == ["og trygt."]
    assert words(changed["5.6"], "del", "Fjernet: ") == ["2"]
    assert words(changed["5.6"], "ins", "Lagt til: ") == ["3"]


def test_a_version_that_does_not_exist_is_not_found(client, sla):
    assert client.get("/sla/versjoner/9/").status_code == 404
    assert client.get("/sla/versjoner/1/endringer/").status_code == 404
