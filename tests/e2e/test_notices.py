"""Operations publish planned downtime too late, are asked why, and readers see the reason."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from governance.editorial import OPERATIONS
from governance.models import OperationalNotice, Outage
from tests.conftest import PASSWORD
from tests.e2e.conftest import assert_accessible, log_in
from tests.governance.factories import ServiceFactory


def local(moment):
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def test_operations_publish_planned_downtime_too_late_and_give_a_reason(
    site, new_page, django_user_model
):
    user = django_user_model.objects.create_user("drift", password=PASSWORD, first_name="Dag")
    user.groups.add(Group.objects.get(name=OPERATIONS))
    service = ServiceFactory(name="Skoleadministrativt system", slug="skoleadministrativt-system")
    starts_at = timezone.now() + datetime.timedelta(hours=20)

    page = new_page()
    log_in(page, site, "drift")
    page.goto(site + "/admin/snippets/governance/operationalnotice/add/")
    page.get_by_role("combobox", name="Type").select_option(label="Planlagt vedlikehold")
    page.get_by_role("textbox", name="Tittel").fill("Oppgradering av skolesystemet")
    page.get_by_role("textbox", name="Hva skjer").fill(
        "Skolesystemet er utilgjengelig mens det oppgraderes."
    )
    page.get_by_role("checkbox", name="Skoleadministrativt system").check()
    page.get_by_role("textbox", name="Fra").fill(local(starts_at))
    page.get_by_role("textbox", name="Til").fill(local(starts_at + datetime.timedelta(hours=2)))
    page.get_by_role("textbox", name="Avtalt med systemeier").fill(
        "Oppvekstsjefene, telefonmøte i dag"
    )
    page.get_by_role("checkbox", name="Publiser nå").check()
    page.get_by_role("button", name="Lagre").click()

    expect(page.get_by_text("SLA-en krever minst 72 timer")).to_be_visible()
    assert not OperationalNotice.objects.exists()

    page.get_by_role("textbox", name="Begrunnelse for sen varsling").fill(
        "Leverandøren rettet en kritisk feil som må på plass før karakterfristen."
    )
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("status")).to_contain_text("opprettet")

    notice = OperationalNotice.objects.get()
    assert notice.published_at is not None
    assert Outage.objects.get(notice=notice).service == service

    reader = new_page()
    reader.goto(f"{site}/driftsmeldinger/")
    planned = reader.get_by_role("region", name="Planlagt vedlikehold")
    expect(planned.get_by_role("link", name="Oppgradering av skolesystemet")).to_be_visible()
    expect(planned).to_contain_text(
        "Varslet mindre enn 3 dager (72 timer) før start: Leverandøren rettet en kritisk feil"
    )
    assert_accessible(reader)

    planned.get_by_role("link", name="Oppgradering av skolesystemet").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Oppgradering av skolesystemet")
    expect(reader.get_by_role("link", name="Skoleadministrativt system")).to_be_visible()
    assert_accessible(reader)

    reader.get_by_role("link", name="Skoleadministrativt system").click()
    expect(reader.get_by_role("region", name="Driftsmeldinger")).to_contain_text(
        "Oppgradering av skolesystemet"
    )
    assert_accessible(reader)
