"""`manage.py load_content`: the initial content, loaded once, never overwriting editors."""

from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from governance.models import HomePage, MandatePage, SLAPage
from tests.governance.helpers import draft_of_sla, publish, set_section_text


def counts():
    return Page.objects.count(), Revision.objects.count(), SLAPage.objects.get().versions.count()


def test_loading_again_changes_nothing(db, capsys):
    before = counts()
    call_command("load_content")
    assert counts() == before
    assert "ingenting er endret" in capsys.readouterr().out


def test_loading_again_keeps_what_editors_published(db):
    page = draft_of_sla()
    set_section_text(page, "7", "<p>Redaksjonens tekst.</p>")
    publish(page)
    call_command("load_content")
    assert "Redaksjonens tekst." in str(SLAPage.objects.get().body)


def test_the_site_is_served_from_the_home_page(db):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class is HomePage
    assert not Page.objects.filter(title__startswith="Welcome").exists()
    assert [m.url for m in MandatePage.objects.order_by("path")] == [
        "/mandater/portefoljeradet/",
        "/mandater/faggrupper/",
        "/mandater/innovasjonsradet/",
    ]


def test_the_slas_figures_are_loaded_as_data(sla):
    assert [(p.name, p.response_time, p.resolution_time) for p in sla.priorities.all()] == [
        ("Kritisk", "15 min", "2 timer"),
        ("Høy", "1 time", "4 timer"),
        ("Middels", "3 timer", "3 arbeidsdager"),
        ("Lav", "4 timer", "5 arbeidsdager"),
    ]
    assert [
        (h.weekday, f"{h.opens:%H:%M}", f"{h.closes:%H:%M}") for h in sla.opening_hours.all()
    ] == [(day, "08:00", "15:30") for day in range(5)]
    assert str(sla.uptime_target) == "99.80"
    assert sla.planned_downtime_notice_days == 3
    assert [(c.label, c.preferred) for c in sla.contact_channels.all()] == [
        ("Kundeservice Web", True),
        ("E-post", False),
        ("Telefon", False),
    ]
