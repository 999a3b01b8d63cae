"""Published SLA versions are kept forever: the pages that hold them cannot be deleted."""

from governance.models import HomePage, MandatePage, SLAPage
from tests.conftest import soup


def test_the_sla_cannot_be_deleted_and_the_editor_is_told_why(client, sla, admin_user):
    client.force_login(admin_user)
    response = client.post(f"/admin/pages/{sla.pk}/delete/", follow=True)
    assert SLAPage.objects.filter(pk=sla.pk).exists()
    assert sla.versions.count() == 1
    messages = soup(response).select(".messages li")
    assert "kan ikke slettes, fordi publiserte versjoner av SLA-en" in messages[0].text


def test_nor_can_the_home_page_above_it(client, sla, admin_user):
    client.force_login(admin_user)
    home = HomePage.objects.get()
    client.post(f"/admin/pages/{home.pk}/delete/")
    assert SLAPage.objects.filter(pk=sla.pk).exists()


def test_a_mandate_can_still_be_deleted(client, sla, admin_user):
    client.force_login(admin_user)
    mandate = MandatePage.objects.get(slug="faggrupper")
    client.post(f"/admin/pages/{mandate.pk}/delete/")
    assert not MandatePage.objects.filter(pk=mandate.pk).exists()


def test_bulk_deletion_is_refused_too(client, sla, admin_user):
    client.force_login(admin_user)
    response = client.post(f"/admin/bulk/wagtailcore/page/delete/?id={sla.pk}", follow=True)
    assert SLAPage.objects.filter(pk=sla.pk).exists()
    assert "kan ikke slettes" in soup(response).select(".messages li")[0].text
