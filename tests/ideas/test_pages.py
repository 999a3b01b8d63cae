"""The idea pages: submitting, the idea's page and its moves, comments, following,
attachments, the list with its filters and exports, and the user's tasks."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from councils.models import Meeting
from ideas import services
from ideas.models import Attachment, Comment, Follow, Idea, Score, Transition
from ideas.workflow import State
from tests.conftest import soup
from tests.councils.factories import (
    AgendaItemFactory,
    MeetingFactory,
    PersonFactory,
    organisation,
)
from tests.ideas.factories import (
    IdeaFactory,
    UserFactory,
    expert_group,
    innovation_council,
    member,
    portfolio_council,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% en liten pdf\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 20
COMPLETE = {
    "title": "Digitalt skjema for SFO",
    "background": "Foreldre fyller ut papirskjema.",
    "problem": "Skjemaene må tastes inn på nytt.",
    "benefits": "Spart tid.",
    "stakeholders": "Foreldre og skolekontoret.",
    "proposal": "Et skjema på nett.",
}


@pytest.fixture(autouse=True)
def private_files(tmp_path, monkeypatch):
    """Attachments go to a temporary folder, not the project's var/private."""
    storage = FileSystemStorage(location=tmp_path / "private")
    monkeypatch.setattr(Attachment._meta.get_field("file"), "storage", storage)
    return tmp_path / "private"


def parse(response, status):
    """The page of a response that is not a 200, after checking its status."""
    assert response.status_code == status, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def stored_files(folder):
    return [path for path in folder.rglob("*") if path.is_file()]


def text(node):
    return " ".join(node.get_text().split())


def described(dl):
    """A description list as `{term: description}`."""
    return {text(dt): text(dt.find_next_sibling("dd")) for dt in dl.select("dt")}


def employee(username="ansatt", place="molde"):
    """A user with a Person record in a municipality (no council seat)."""
    user = UserFactory(username=username, first_name="Eva", last_name="Ansatt")
    PersonFactory(user=user, name="Eva Ansatt", organisation=organisation(place))
    return user


def form_data(municipality="molde", **fields):
    data = {"municipality": organisation(municipality).pk, "tags": "", **fields}
    return data


@pytest.fixture
def molde():
    """Molde's innovasjonsråd, one of its members, and a person who can follow ideas up."""

    class Molde:
        council = innovation_council("molde")
        member = None
        follow_up = PersonFactory(name="Olav Oppfølger", organisation=organisation("molde"))

    Molde.member = member(Molde.council, "ir_molde")
    return Molde


# Every page needs a login.


@pytest.mark.parametrize(
    "path",
    ["/ideer/", "/ideer/ny/", "/ideer/mine-oppgaver/", "/ideer/ideer.csv", "/ideer/ideer.xlsx"],
)
def test_the_idea_pages_send_anonymous_readers_to_the_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/logg-inn/?next=")


def test_an_idea_and_its_actions_send_anonymous_readers_to_the_login(client):
    idea = IdeaFactory()
    for path in [
        f"/ideer/{idea.pk}/",
        f"/ideer/{idea.pk}/rediger/",
        f"/ideer/{idea.pk}/vedlegg/1/",
    ]:
        assert client.get(path).status_code == 302
    for path in ["steg", "kommentar", "folg"]:
        assert client.post(f"/ideer/{idea.pk}/{path}/").status_code == 302
    assert not Transition.objects.exists() and not Comment.objects.exists()


# Submitting an idea


def test_the_form_starts_with_the_employees_municipality_and_explains_the_personal_data(client):
    client.force_login(employee(place="rauma"))
    page = soup(client.get("/ideer/ny/"))
    assert page.select_one("h1").get_text() == "Send inn en idé"
    selected = page.select_one("#id_municipality option[selected]")
    assert selected.get_text() == "Rauma"
    privacy = text(page.select_one(".idea-privacy"))
    for words in [
        "Kommunedirektøren",
        "behandlingsansvarlig",
        "databehandler",
        "SLA 4.1",
        "Formålet",
        "Navnet ditt vises bare hvis du krysser av",
        "tas vare på",
        "innsyn",
        "slettet",
        "Personvernombudet",
        "71 11 11 66",
    ]:
        assert words in privacy, words
    warning = text(page.select_one(".idea-warning"))
    assert "pasienter" in warning and "elever" in warning and "helseopplysninger" in warning
    buttons = [button.get_text() for button in page.select(".idea-form-actions button")]
    assert buttons == ["Lagre utkast", "Send inn"]
    assert page.select_one("#id_attachments")["multiple"] is not None
    assert page.select_one("label[for=id_show_name]").get_text() == (
        "Navnet mitt kan vises for alle ansatte"
    )


def test_without_a_person_record_the_employee_chooses_the_municipality(client):
    client.force_login(UserFactory())
    page = soup(client.get("/ideer/ny/"))
    assert page.select_one("#id_municipality option[selected]").get_text() == "Velg kommune"


def test_a_draft_needs_only_a_title_and_only_its_submitter_sees_it(client):
    user = employee()
    client.force_login(user)
    response = client.post(
        "/ideer/ny/", form_data(title="Bare en tittel", tags="skole, Skjema", save="1")
    )
    idea = Idea.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/ideer/{idea.pk}/"
    assert (idea.state, idea.submitter, idea.title) == (State.DRAFT, user, "Bare en tittel")
    assert sorted(idea.tags.names()) == ["Skjema", "skole"]
    assert not idea.transitions.exists()
    page = soup(client.get(response["Location"]))
    assert "Utkastet er lagret" in text(page.select_one("[role=status]"))
    assert text(page.select_one(".idea-state")) == "Status: Utkast"

    client.force_login(UserFactory(username="en-annen"))
    assert client.get(f"/ideer/{idea.pk}/").status_code == 404
    assert client.get(f"/ideer/{idea.pk}/rediger/").status_code == 404


def test_a_draft_without_a_title_is_refused_and_nothing_is_saved(client):
    client.force_login(employee())
    response = client.post("/ideer/ny/", form_data(background="Noe", save="1"))
    page = parse(response, 400)
    summary = page.select_one(".error-summary")
    assert text(summary.select_one("h2")) == "Idéen ble ikke lagret"
    assert summary.select_one("a[href='#id_title']").get_text() == "Gi idéen en tittel."
    title = page.select_one("#id_title")
    assert title["aria-invalid"] == "true"
    assert "id_title_error" in title["aria-describedby"]
    assert page.select_one("#id_background").get_text().strip() == "Noe"
    assert not Idea.objects.exists()


def test_sending_in_an_incomplete_idea_names_each_missing_field_and_saves_nothing(
    client, private_files
):
    client.force_login(employee())
    upload = SimpleUploadedFile("notat.pdf", PDF, "application/pdf")
    response = client.post(
        "/ideer/ny/", form_data(title="Halvferdig", attachments=[upload], send="1")
    )
    page = parse(response, 400)
    assert text(page.select_one(".error-summary h2")) == "Idéen ble ikke sendt inn"
    errors = {a["href"]: a.get_text() for a in page.select(".error-summary a")}
    assert errors == {
        "#id_background": services.REQUIRED_TO_SUBMIT["background"],
        "#id_problem": services.REQUIRED_TO_SUBMIT["problem"],
        "#id_proposal": services.REQUIRED_TO_SUBMIT["proposal"],
    }
    assert "Velg vedleggene på nytt" in text(page.select_one(".error-summary"))
    assert page.select_one("#id_problem")["aria-invalid"] == "true"
    assert not Idea.objects.exists() and not Attachment.objects.exists()
    assert stored_files(private_files) == []


def test_an_employee_sends_in_a_complete_idea_with_attachments(client, private_files, molde):
    user = employee()
    client.force_login(user)
    uploads = [
        SimpleUploadedFile("notat.pdf", PDF, "application/octet-stream"),
        SimpleUploadedFile("skisse.png", PNG, "image/png"),
    ]
    response = client.post(
        "/ideer/ny/",
        form_data(**COMPLETE, tags="sfo", show_name="on", attachments=uploads, send="1"),
    )
    idea = Idea.objects.get()
    assert response.status_code == 302
    assert idea.state == State.SUBMITTED and idea.show_name and idea.submitted_at
    assert [t.move for t in idea.transitions.all()] == ["submit"]
    files = {a.name: a.content_type for a in idea.attachments.all()}
    assert files == {"notat.pdf": "application/pdf", "skisse.png": "image/png"}
    assert len(stored_files(private_files)) == 2
    page = soup(client.get(f"/ideer/{idea.pk}/"))
    assert "Innovasjonsrådet i Molde får beskjed" in text(page.select_one("[role=status]"))
    assert "Du sendte inn denne idéen" in text(page.select_one(".idea-facts"))
    links = [a.get_text() for a in page.select(".idea-files a")]
    assert links == ["notat.pdf", "skisse.png"]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("program.exe", b"MZ\x90\x00", "«program.exe» kan ikke legges ved, fordi filtypen"),
        ("falsk.pdf", b"MZ\x90\x00", "«falsk.pdf» ser ikke ut til å være en .pdf-fil"),
        ("tom.txt", b"", "«tom.txt» er tom."),
    ],
)
def test_a_refused_attachment_refuses_the_whole_save_with_a_message_naming_it(
    client, private_files, name, content, message
):
    client.force_login(employee())
    uploads = [
        SimpleUploadedFile("grei.pdf", PDF, "application/pdf"),
        SimpleUploadedFile(name, content, "application/pdf"),
    ]
    response = client.post("/ideer/ny/", form_data(**COMPLETE, attachments=uploads, send="1"))
    page = parse(response, 400)
    assert message in text(page.select_one("#id_attachments_error"))
    assert page.select_one(".error-summary a[href='#id_attachments']")
    assert page.select_one("#id_attachments")["aria-invalid"] == "true"
    assert not Idea.objects.exists() and stored_files(private_files) == []


def test_a_too_large_attachment_is_refused_with_its_size(client, settings, monkeypatch):
    monkeypatch.setattr(services, "MAX_ATTACHMENT_BYTES", 10)
    client.force_login(employee())
    upload = SimpleUploadedFile("stor.pdf", PDF, "application/pdf")
    response = client.post("/ideer/ny/", form_data(title="Stor", attachments=[upload], save="1"))
    assert "«stor.pdf» er for stor" in text(
        parse(response, 400).select_one("#id_attachments_error")
    )
    assert not Idea.objects.exists()


def test_the_submitter_finishes_a_draft_later_and_sends_it_in(client, private_files):
    user = employee()
    draft = IdeaFactory(submitter=user, state=State.DRAFT, submitted_at=None, background="")
    draft.tags.add("arkiv")
    Attachment.objects.create(
        idea=draft, file=SimpleUploadedFile("a.txt", b"hei"), name="a.txt", size=3,
        content_type="text/plain",
    )  # fmt: skip
    client.force_login(user)
    page = soup(client.get(f"/ideer/{draft.pk}/rediger/"))
    assert page.select_one("#id_title")["value"] == draft.title
    assert page.select_one("#id_tags")["value"] == "arkiv"
    assert [a.get_text() for a in page.select(".idea-files a")] == ["a.txt"]

    bad = SimpleUploadedFile("virus.exe", b"MZ", "application/octet-stream")
    data = form_data(**{**COMPLETE, "title": "Ny tittel"}, attachments=[bad], send="1")
    original = draft.title
    assert client.post(f"/ideer/{draft.pk}/rediger/", data).status_code == 400
    draft.refresh_from_db()
    assert (draft.title, draft.state, draft.background) == (original, State.DRAFT, "")
    assert draft.attachments.count() == 1

    data = form_data(**{**COMPLETE, "title": "Ny tittel"}, send="1")
    response = client.post(f"/ideer/{draft.pk}/rediger/", data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.state) == ("Ny tittel", State.SUBMITTED)
    assert draft.attachments.count() == 1


def test_only_the_submitter_edits_and_only_before_it_is_sent_in(client):
    user = employee()
    sent = IdeaFactory(submitter=user, state=State.SUBMITTED)
    client.force_login(user)
    response = client.get(f"/ideer/{sent.pk}/rediger/")
    assert response.status_code == 403
    assert "Bare innmelderen kan endre en idé" in response.content.decode()
    client.force_login(UserFactory(username="nabo"))
    assert client.get(f"/ideer/{sent.pk}/rediger/").status_code == 403
    response = client.post(f"/ideer/{sent.pk}/rediger/", form_data(**COMPLETE, save="1"))
    assert response.status_code == 403
    sent.refresh_from_db()
    assert sent.title != COMPLETE["title"]


def test_a_returned_idea_shows_why_and_is_sent_in_again_with_what_changed(client, molde):
    user = employee()
    idea = IdeaFactory(submitter=user, state=State.TRIAGE, version=1, follow_up=molde.follow_up)
    services.make_move(idea.pk, "return", molde.member, 1, services.MoveInput(reason="Mer tall."))
    client.force_login(user)
    page = soup(client.get(f"/ideer/{idea.pk}/rediger/"))
    assert "Mer tall." in text(page.select_one(".notice"))
    assert page.select(".idea-form-actions button")[1].get_text() == "Send inn på nytt"

    response = client.post(f"/ideer/{idea.pk}/rediger/", form_data(**COMPLETE, send="1"))
    error = parse(response, 400).select_one("#id_change_note_error")
    assert text(error) == services.TEXT_MESSAGES["resubmit"]
    idea.refresh_from_db()
    assert idea.state == State.RETURNED and idea.title != COMPLETE["title"]

    data = form_data(**COMPLETE, change_note="La til tall.", send="1")
    assert client.post(f"/ideer/{idea.pk}/rediger/", data).status_code == 302
    idea.refresh_from_db()
    assert idea.state == State.SUBMITTED
    assert idea.transitions.last().text == "La til tall."


# The idea's page


def test_the_page_shows_the_idea_its_facts_and_the_name_only_if_allowed(client, molde):
    helse = expert_group("helse")
    target = IdeaFactory(title="Hovedidéen")
    idea = IdeaFactory(
        state=State.MERGED,
        follow_up=molde.follow_up,
        expert_group=helse,
        merged_into=target,
        submitter_name="Sara Skjult",
        show_name=False,
    )
    idea.tags.add("helse", "skjema")
    client.force_login(UserFactory(username="leser"))
    page = soup(client.get(f"/ideer/{idea.pk}/"))
    assert page.select_one("h1").get_text() == idea.title
    assert described(page.select_one(".idea-facts")) == {
        "Kommune": "Molde",
        "Innmelder": "Navnet er ikke vist",
        "Sendt inn": "1. oktober 2026",
        "Oppfølgingsansvarlig": "Olav Oppfølger",
        "Faggruppe": "Faggruppe helse",
        "Slått sammen med": "Hovedidéen",
        "Stikkord": "helse, skjema",
    }
    assert "Sara Skjult" not in page.get_text()
    assert page.select_one(f".idea-facts a[href='/rad/{helse.slug}/']")
    assert page.select_one(f".idea-facts a[href='/ideer/{target.pk}/']")
    about = text(page.select_one("section[aria-labelledby=om-tittel]"))
    assert "Bakgrunn Vi bruker mye tid på manuelle rutiner." in about
    assert text(page.select_one(".idea-state")) == "Status: Slått sammen med en annen idé"

    idea.show_name = True
    idea.save()
    page = soup(client.get(f"/ideer/{idea.pk}/"))
    assert described(page.select_one(".idea-facts"))["Innmelder"] == "Sara Skjult"


def test_the_timeline_lists_every_move_oldest_first_with_council_reason_and_decision(
    client, molde
):
    user = employee()
    published = MeetingFactory(
        council=molde.council, minutes_status=Meeting.MinutesStatus.PUBLISHED
    )
    case = AgendaItemFactory(meeting=published, title="Idéer fra ansatte")
    draft_meeting = MeetingFactory(council=molde.council)
    open_case = AgendaItemFactory(meeting=draft_meeting, title="Åpen sak")
    idea = IdeaFactory(submitter=user, state=State.DRAFT, submitted_at=None)
    services.make_move(idea.pk, "submit", user, 0)
    given = services.MoveInput(follow_up=molde.follow_up, case=case)
    services.make_move(idea.pk, "start_triage", molde.member, 1, given)
    given = services.MoveInput(reason="Trenger tall.", case=open_case)
    services.make_move(idea.pk, "return", molde.member, 2, given)

    client.force_login(user)
    page = soup(client.get(f"/ideer/{idea.pk}/"))
    steps = page.select("ol.idea-timeline > li")
    assert [text(step.select_one(".idea-timeline-told")) for step in steps] == [
        "Idéen ble sendt inn.",
        "Innovasjonsrådet tok idéen til vurdering og utnevnte Olav Oppfølger som "
        "oppfølgingsansvarlig.",
        "Innovasjonsrådet sendte idéen tilbake til innmelderen for mer arbeid.",
    ]
    assert text(steps[0].select_one(".idea-timeline-who")) == "Innmelder: Eva Ansatt."
    assert steps[1].select_one(f"a[href='/rad/{molde.council.slug}/']")
    when = steps[0].select_one("time")
    assert when["datetime"].endswith(("+01:00", "+02:00"))  # Europe/Oslo
    assert " kl. " in when.get_text()
    decision = steps[1].select_one(f"a[href='/rad/{molde.council.slug}/moter/{published.pk}/"
                                   f"#sak-{case.label}']")  # fmt: skip
    assert decision is not None
    assert "Referatet er ikke publisert ennå" in text(steps[2])
    assert described(steps[2].select_one(".idea-timeline-texts")) == {
        "Begrunnelse": "Trenger tall."
    }


def test_the_submitters_own_moves_do_not_reveal_a_hidden_name_to_others(client):
    user = employee()
    idea = IdeaFactory(submitter=user, state=State.DRAFT, submitted_at=None, show_name=False)
    services.make_move(idea.pk, "submit", user, 0)
    services.add_comment(idea, user, "Jeg kan fortelle mer.")
    client.force_login(UserFactory(username="leser"))
    page = soup(client.get(f"/ideer/{idea.pk}/"))
    assert "Eva Ansatt" not in page.get_text()
    assert "Navnet er ikke vist" in text(page.select_one(".idea-comments"))


def test_a_council_member_gets_one_form_per_move_with_exactly_its_fields(client, molde):
    helse = expert_group("helse")
    AgendaItemFactory(meeting=MeetingFactory(council=molde.council), title="Møtesak")
    PersonFactory(name="Rita Rauma", organisation=organisation("rauma"))
    other = IdeaFactory(title="En annen idé", state=State.TRIAGE)
    IdeaFactory(title="Avslått idé", state=State.REJECTED)
    idea = IdeaFactory(state=State.TRIAGE, version=3, follow_up=molde.follow_up)
    client.force_login(molde.member)
    page = soup(client.get(f"/ideer/{idea.pk}/"))
    forms = page.select("form.idea-move")
    legends = [text(form.select_one("legend")) for form in forms]
    assert legends == [
        "Send tilbake til innmelder",
        "Avslå",
        "Slå sammen med en annen idé",
        "Gjennomfør i kommunen",
        "Send til faggruppe",
        "Send til porteføljerådet",
    ]
    for form in forms:
        assert form.select_one("input[name=move]")["value"]
        version = form.select_one("input[type=hidden][name$=version]")
        assert version["value"] == "3"
        assert form.select_one("select[name$=case]"), "every council move may name its case"
    fields = {
        form.select_one("input[name=move]")["value"]: sorted(
            field["name"].split("-", 1)[1]
            for field in form.select("textarea, select")
            if not field["name"].endswith("case")
        )
        for form in forms
    }
    assert fields == {
        "return": ["reason"],
        "reject_locally": ["reason"],
        "merge": ["merge_target"],
        "carry_out_locally": [],
        "send_to_expert_group": ["expert_group"],
        "send_to_portfolio": [],
    }
    merge = [o.get_text() for o in page.select("#id_merge-merge_target option")]
    assert merge == ["Velg idé", f"En annen idé (nr. {other.pk})"]
    groups = [o.get_text() for o in page.select("#id_send_to_expert_group-expert_group option")]
    assert groups == ["Velg faggruppe", helse.name]
    cases = [o.get_text() for o in page.select("#id_return-case option")]
    assert cases[1].startswith("Sak ") and cases[1].endswith("Møtesak")

    idea.state, idea.version = State.SUBMITTED, 4
    idea.save()
    page = soup(client.get(f"/ideer/{idea.pk}/"))
    people = [o.get_text() for o in page.select("#id_start_triage-follow_up option")]
    assert "Olav Oppfølger, Rådgiver" in people and "Rita Rauma, Rådgiver" not in people


def test_other_employees_get_no_move_forms_and_the_submitter_may_withdraw(client):
    user = employee()
    idea = IdeaFactory(submitter=user, state=State.SUBMITTED)
    client.force_login(UserFactory(username="leser"))
    assert not soup(client.get(f"/ideer/{idea.pk}/")).select("form.idea-move")
    client.force_login(user)
    forms = soup(client.get(f"/ideer/{idea.pk}/")).select("form.idea-move")
    assert [text(form.select_one("legend")) for form in forms] == ["Trekk idéen"]
    response = client.post(
        f"/ideer/{idea.pk}/steg/", {"move": "withdraw", "withdraw-version": idea.version}
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.state == State.WITHDRAWN


def test_a_member_appoints_a_follow_up_person_and_the_page_says_so(client, molde):
    idea = IdeaFactory(state=State.SUBMITTED, version=1)
    client.force_login(molde.member)
    response = client.post(
        f"/ideer/{idea.pk}/steg/",
        {
            "move": "start_triage",
            "start_triage-version": "1",
            "start_triage-follow_up": molde.follow_up.pk,
        },
    )
    assert response.status_code == 302 and response["Location"] == f"/ideer/{idea.pk}/"
    idea.refresh_from_db()
    assert (idea.state, idea.follow_up, idea.version) == (State.TRIAGE, molde.follow_up, 2)
    transition = idea.transitions.get()
    assert transition.acting_for == molde.council
    status = text(soup(client.get(f"/ideer/{idea.pk}/")).select_one("[role=status]"))
    assert (
        status
        == "«Ta til vurdering» er registrert. Idéen er nå: til vurdering i innovasjonsrådet."
    )


def test_a_move_missing_what_it_requires_is_shown_at_the_field_and_changes_nothing(client, molde):
    idea = IdeaFactory(state=State.TRIAGE, version=2)
    client.force_login(molde.member)
    response = client.post(
        f"/ideer/{idea.pk}/steg/",
        {"move": "reject_locally", "reject_locally-version": "2", "reject_locally-reason": " "},
    )
    page = parse(response, 400)
    summary = page.select_one(".error-summary")
    assert text(summary.select_one("h2")) == "«Avslå» ble ikke gjort"
    link = summary.select_one("a[href='#id_reject_locally-reason']")
    assert link.get_text() == services.REQUIREMENT_MESSAGES["reason"]
    field = page.select_one("#id_reject_locally-reason")
    assert field["aria-invalid"] == "true"
    assert "id_reject_locally-reason_error" in field["aria-describedby"]
    assert page.select_one("#steg-reject_locally legend").get_text() == "Avslå"
    idea.refresh_from_db()
    assert (idea.state, idea.version) == (State.TRIAGE, 2)
    assert not Transition.objects.exists()


def test_a_choice_outside_the_list_is_refused_at_the_field(client, molde):
    idea = IdeaFactory(state=State.SUBMITTED, version=1)
    stranger = PersonFactory(organisation=organisation("rauma"))
    client.force_login(molde.member)
    response = client.post(
        f"/ideer/{idea.pk}/steg/",
        {
            "move": "start_triage",
            "start_triage-version": "1",
            "start_triage-follow_up": stranger.pk,
        },
    )
    error = parse(response, 400).select_one("#id_start_triage-follow_up_error")
    assert text(error) == "Velg en person fra kommunen i listen."
    assert not Transition.objects.exists()


def test_someone_without_authority_is_refused_with_a_403_and_nothing_changes(client):
    idea = IdeaFactory(state=State.SUBMITTED, version=1)
    rauma = member(innovation_council("rauma"), "ir_rauma")
    client.force_login(rauma)
    follow_up = PersonFactory(organisation=organisation("molde"))
    response = client.post(
        f"/ideer/{idea.pk}/steg/",
        {
            "move": "start_triage",
            "start_triage-version": "1",
            "start_triage-follow_up": follow_up.pk,
        },
    )
    assert response.status_code == 403
    assert "Du sitter ikke i innovasjonsrådet" in text(parse(response, 403).select_one(".lead"))
    idea.refresh_from_db()
    assert idea.state == State.SUBMITTED


def test_when_someone_else_moved_first_the_page_says_so_with_the_fresh_timeline(client, molde):
    idea = IdeaFactory(state=State.TRIAGE, version=2)
    colleague = member(molde.council, "ir_molde_2")
    services.make_move(
        idea.pk, "return", colleague, 2, services.MoveInput(reason="Kollegaen var raskere.")
    )
    client.force_login(molde.member)
    response = client.post(
        f"/ideer/{idea.pk}/steg/",
        {"move": "reject_locally", "reject_locally-version": "2", "reject_locally-reason": "Nei."},
    )
    assert response.status_code == 409
    page = parse(response, 409)
    notice = page.select_one(".idea-changed[role=alert]")
    assert services.CHANGED in text(notice)
    assert "Kollegaen var raskere." in text(page.select_one(".idea-timeline"))
    assert text(page.select_one(".idea-state")) == "Status: Tilbake hos innmelder"
    assert not page.select("form.idea-move")
    assert idea.transitions.count() == 1


def test_after_a_lost_race_the_move_still_open_keeps_what_was_typed(client, molde):
    idea = IdeaFactory(state=State.TRIAGE, version=2)
    other = PersonFactory(name="Nina Ny", organisation=organisation("molde"))
    Idea.objects.filter(pk=idea.pk).update(version=3, follow_up=other)  # a change elsewhere
    client.force_login(molde.member)
    response = client.post(
        f"/ideer/{idea.pk}/steg/",
        {"move": "reject_locally", "reject_locally-version": "2", "reject_locally-reason": "Nei."},
    )
    page = parse(response, 409)
    assert page.select_one("#id_reject_locally-reason").get_text().strip() == "Nei."
    assert page.select_one("input[name=reject_locally-version]")["value"] == "3"


def test_moves_are_posted_only_and_an_unknown_move_is_a_400(client, molde):
    idea = IdeaFactory(state=State.SUBMITTED)
    client.force_login(molde.member)
    assert client.get(f"/ideer/{idea.pk}/steg/").status_code == 405
    response = client.post(f"/ideer/{idea.pk}/steg/", {"move": "fly-til-manen"})
    assert response.status_code == 400
    assert "Steget finnes ikke" in text(parse(response, 400).select_one(".error-summary"))


def test_a_missing_version_is_a_400_that_says_to_reload(client, molde):
    idea = IdeaFactory(state=State.TRIAGE)
    client.force_login(molde.member)
    response = client.post(f"/ideer/{idea.pk}/steg/", {"move": "carry_out_locally"})
    assert response.status_code == 400
    assert "Last inn siden på nytt" in text(parse(response, 400).select_one(".error-summary"))
    assert not Transition.objects.exists()


def test_a_published_case_can_be_named_with_the_move(client, molde):
    idea = IdeaFactory(state=State.TRIAGE, version=1)
    case = AgendaItemFactory(meeting=MeetingFactory(council=molde.council))
    foreign = AgendaItemFactory(meeting=MeetingFactory(council=innovation_council("rauma")))
    client.force_login(molde.member)
    data = {"move": "send_to_portfolio", "send_to_portfolio-version": "1"}
    response = client.post(
        f"/ideer/{idea.pk}/steg/", {**data, "send_to_portfolio-case": foreign.pk}
    )
    assert response.status_code == 400
    response = client.post(f"/ideer/{idea.pk}/steg/", {**data, "send_to_portfolio-case": case.pk})
    assert response.status_code == 302
    assert idea.transitions.get().case == case


# Comments, following, attachments


def test_an_employee_comments_and_an_empty_comment_is_refused(client):
    idea = IdeaFactory()
    user = employee()
    client.force_login(user)
    response = client.post(f"/ideer/{idea.pk}/kommentar/", {"text": "  "})
    assert response.status_code == 400
    page = parse(response, 400)
    assert page.select_one(".error-summary a[href='#id_text']").get_text() == "Skriv en kommentar."
    assert page.select_one("#id_text")["aria-invalid"] == "true"
    response = client.post(f"/ideer/{idea.pk}/kommentar/", {"text": "God idé!"})
    assert response.status_code == 302 and response["Location"].endswith("#kommentarer")
    page = soup(client.get(f"/ideer/{idea.pk}/"))
    assert "Eva Ansatt" in text(page.select_one(".idea-comments"))
    assert "God idé!" in text(page.select_one(".idea-comments"))


def test_an_employee_follows_and_unfollows_an_idea(client):
    idea = IdeaFactory()
    user = employee()
    client.force_login(user)
    button = soup(client.get(f"/ideer/{idea.pk}/")).select_one(".idea-follow button")
    assert button.get_text() == "Følg idéen"
    assert client.post(f"/ideer/{idea.pk}/folg/", {"follow": "1"}).status_code == 302
    assert Follow.objects.filter(idea=idea, user=user).exists()
    page = soup(client.get(f"/ideer/{idea.pk}/"))
    assert page.select_one(".idea-follow button").get_text() == "Slutt å følge idéen"
    client.post(f"/ideer/{idea.pk}/folg/", {"follow": "0"})
    assert not Follow.objects.exists()


def test_others_drafts_cannot_be_commented_followed_or_moved(client):
    draft = IdeaFactory(state=State.DRAFT, submitted_at=None)
    client.force_login(employee())
    for path, data in [
        ("kommentar", {"text": "Hei"}),
        ("folg", {"follow": "1"}),
        ("steg", {"move": "submit", "submit-version": "0"}),
    ]:
        assert client.post(f"/ideer/{draft.pk}/{path}/", data).status_code == 404
    assert not Comment.objects.exists() and not Follow.objects.exists()


def test_an_attachment_is_served_to_those_who_may_see_the_idea(client):
    user = employee()
    idea = IdeaFactory(submitter=user, state=State.DRAFT, submitted_at=None)
    attachment = services.attach_files(
        idea, user, [SimpleUploadedFile("plan.pdf", PDF, "application/pdf")]
    )[0]
    url = f"/ideer/{idea.pk}/vedlegg/{attachment.pk}/"
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="plan.pdf"'
    assert "private" in response["Cache-Control"]

    client.force_login(UserFactory(username="nabo"))
    assert client.get(url).status_code == 404  # a draft: not theirs to see
    Idea.objects.filter(pk=idea.pk).update(state=State.SUBMITTED)
    assert client.get(url).status_code == 200
    other = IdeaFactory()
    assert client.get(f"/ideer/{other.pk}/vedlegg/{attachment.pk}/").status_code == 404


# The list, its filters and its exports


def listed(response):
    return [a.get_text() for a in soup(response).select(".idea-table th[scope=row] a")]


def test_the_list_shows_every_idea_except_others_drafts(client):
    user = employee()
    IdeaFactory(title="Sendt inn")
    IdeaFactory(title="Andres utkast", state=State.DRAFT, submitted_at=None)
    IdeaFactory(title="Mitt utkast", state=State.DRAFT, submitted_at=None, submitter=user)
    client.force_login(user)
    response = client.get("/ideer/")
    assert sorted(listed(response)) == ["Mitt utkast", "Sendt inn"]
    page = soup(response)
    assert page.select_one("#resultat").get_text() == "2 idéer"
    links = {a.get_text(): a["href"] for a in page.select(".idea-links a")}
    assert links["Send inn en idé"] == "/ideer/ny/"
    assert links["Mine oppgaver"] == "/ideer/mine-oppgaver/"


def test_the_list_shows_state_municipality_faggruppe_date_and_score_band(client):
    helse = expert_group("helse")
    idea = IdeaFactory(
        title="Poengsatt", state=State.PORTFOLIO, municipality=organisation("rauma"),
        expert_group=helse,
    )  # fmt: skip
    pr = member(portfolio_council(), "pr")
    values = dict.fromkeys(
        ["strategic_value", "qualitative_benefit", "economic_benefit", "operational_need"], 4
    )
    Score.objects.create(idea=idea, member=pr, risk=4, **values)
    client.force_login(employee())
    row = soup(client.get("/ideer/")).select_one(".idea-table tbody tr")
    cells = [text(cell) for cell in row.select("th, td")]
    assert cells == [
        "Poengsatt",
        "Til behandling i porteføljerådet",
        "Rauma",
        "Faggruppe helse",
        "01.10.2026",
        "Må ha",
    ]


def test_the_list_filters_by_state_municipality_faggruppe_tag_and_text(client):
    helse = expert_group("helse")
    a = IdeaFactory(title="Velferdsteknologi", state=State.EXPERT_GROUP, expert_group=helse)
    a.tags.add("helse")
    b = IdeaFactory(title="Skoleskyss", municipality=organisation("vestnes"))
    b.tags.add("skole")
    IdeaFactory(title="Arkiv", background="Papir som skal skannes.")
    client.force_login(employee())
    assert listed(client.get("/ideer/?status=i-faggruppe")) == ["Velferdsteknologi"]
    assert listed(client.get("/ideer/?kommune=vestnes")) == ["Skoleskyss"]
    assert listed(client.get(f"/ideer/?faggruppe={helse.slug}")) == ["Velferdsteknologi"]
    assert listed(client.get("/ideer/?stikkord=skole")) == ["Skoleskyss"]
    assert listed(client.get("/ideer/?q=skannes")) == ["Arkiv"]
    assert listed(client.get("/ideer/?q=HELSE")) == ["Velferdsteknologi"]  # by tag
    response = client.get("/ideer/?q=ingenting+slikt")
    assert "Ingen idéer passer til filteret" in text(soup(response).select_one("main"))


def test_bad_filter_values_get_norwegian_messages_and_are_left_out(client):
    IdeaFactory(title="Med", municipality=organisation("molde"))
    IdeaFactory(title="Annen", municipality=organisation("aukra"))
    client.force_login(employee())
    response = client.get(
        "/ideer/?status=tull&kommune=oslo&faggruppe=nei&stikkord=x&side=abc&q=" + "a" * 300
    )
    page = soup(response)
    errors = [a.get_text() for a in page.select(".error-summary a")]
    assert errors == [
        "Søket kan ha høyst 200 tegn (det har 300).",
        "«tull» er ikke en status. Velg en status i listen.",
        "Kommunen «oslo» er ikke med i samarbeidet. Velg en kommune i listen.",
        "Faggruppen «nei» finnes ikke. Velg en faggruppe i listen.",
        "Stikkordet «x» finnes ikke på noen idé. Velg et stikkord i listen.",
    ]
    assert sorted(listed(response)) == ["Annen", "Med"]
    assert page.select_one("#id_kommune")["aria-invalid"] == "true"
    response = client.get("/ideer/?status=tull&kommune=aukra")
    assert listed(response) == ["Annen"]  # the good filter still applies


def test_the_tag_filter_offers_no_tag_that_only_others_drafts_carry(client):
    draft = IdeaFactory(state=State.DRAFT, submitted_at=None)
    draft.tags.add("hemmelig")
    IdeaFactory().tags.add("åpen")
    client.force_login(employee())
    options = [o.get_text() for o in soup(client.get("/ideer/")).select("#id_stikkord option")]
    assert options == ["Alle stikkord", "åpen"]
    assert client.get("/ideer/?stikkord=hemmelig").context["form"].errors


def test_the_list_has_25_ideas_a_page_and_keeps_the_filters_in_page_links(client):
    for _ in range(27):
        IdeaFactory(municipality=organisation("rauma"))
    client.force_login(employee())
    response = client.get("/ideer/?kommune=rauma")
    assert len(listed(response)) == 25
    page = soup(response)
    assert page.select_one("a[rel=next]")["href"] == "?kommune=rauma&side=2"
    assert len(listed(client.get("/ideer/?kommune=rauma&side=2"))) == 2
    assert len(listed(client.get("/ideer/?kommune=rauma&side=99"))) == 2


def query_count(client, url):
    client.get(url)  # first, so caches that fill once (content types, the site) are full
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def make_ideas(count):
    helse = expert_group("helse")
    pr = member(portfolio_council(), f"pr{count}")
    for n in range(count):
        idea = IdeaFactory(state=State.PORTFOLIO, expert_group=helse)
        idea.tags.add(f"tag{n % 3}")
        Score.objects.create(
            idea=idea, member=pr, strategic_value=3, qualitative_benefit=3,
            economic_benefit=3, operational_need=3, risk=3,
        )  # fmt: skip


def test_queries_per_page_do_not_grow_with_the_number_of_ideas(client):
    user = employee()
    client.force_login(user)
    make_ideas(3)
    few = query_count(client, "/ideer/?stikkord=tag1&q=Idé")
    few_csv = query_count(client, "/ideer/ideer.csv")
    make_ideas(27)
    assert query_count(client, "/ideer/?stikkord=tag1&q=Idé") == few
    assert query_count(client, "/ideer/ideer.csv") == few_csv


def test_the_idea_page_queries_do_not_grow_with_its_timeline_and_comments(client, molde):
    idea = IdeaFactory(state=State.TRIAGE)
    case = AgendaItemFactory(meeting=MeetingFactory(council=molde.council))

    def grow(count):
        for n in range(count):
            services.add_comment(idea, UserFactory(), f"Kommentar {n}")
            Transition.objects.create(
                idea=idea, move="start_triage", from_state=State.SUBMITTED,
                to_state=State.TRIAGE, actor=molde.member, actor_name="Medlem",
                acting_for=molde.council, told="Tatt til vurdering.", case=case,
            )  # fmt: skip

    client.force_login(molde.member)
    grow(1)
    few = query_count(client, f"/ideer/{idea.pk}/")
    grow(10)
    assert query_count(client, f"/ideer/{idea.pk}/") == few


def csv_rows(response):
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:]), delimiter=";"))


def test_the_csv_export_has_the_filtered_list_with_names_only_where_allowed(client):
    helse = expert_group("helse")
    shown = IdeaFactory(
        title="Vist", submitter_name="Vera Vis", show_name=True, expert_group=helse
    )
    shown.tags.add("b", "a")
    IdeaFactory(title="=Skjult", submitter_name="Hans Hemmelig", show_name=False)
    IdeaFactory(title="Annen kommune", municipality=organisation("aukra"))
    client.force_login(employee())
    response = client.get("/ideer/ideer.csv?kommune=molde")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="ideer-')
    rows = csv_rows(response)
    assert rows[0] == [
        "Nr.",
        "Tittel",
        "Status",
        "Kommune",
        "Faggruppe",
        "Innmelder",
        "Sendt inn",
        "Oppfølgingsansvarlig",
        "Stikkord",
        "Poengsum",
        "Prioritet",
        "Adresse",
    ]
    by_title = {row[1]: row for row in rows[1:]}
    assert set(by_title) == {"Vist", "'=Skjult"}
    assert by_title["Vist"][2:9] == [
        "Sendt inn", "Molde", "Faggruppe helse", "Vera Vis", "01.10.2026", "", "a, b",
    ]  # fmt: skip
    assert by_title["Vist"][11] == f"http://testserver/ideer/{shown.pk}/"
    assert by_title["'=Skjult"][5] == "Navnet er ikke vist"
    assert "Hans Hemmelig" not in response.content.decode()


def test_the_excel_export_has_the_same_rows(client):
    idea = IdeaFactory(title="I Excel", state=State.PORTFOLIO)
    pr = member(portfolio_council(), "pr")
    Score.objects.create(
        idea=idea, member=pr, strategic_value=2, qualitative_benefit=2, economic_benefit=2,
        operational_need=2, risk=3,
    )  # fmt: skip
    client.force_login(employee())
    response = client.get("/ideer/ideer.xlsx?status=i-portefoljeradet")
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Nr.", "Tittel", "Status")
    assert rows[1][1:4] == ("I Excel", "Til behandling i porteføljerådet", "Molde")
    assert float(rows[1][9]) == pytest.approx(2.2) and rows[1][10] == "Kan ha"
    assert len(rows) == 2


def test_an_export_with_a_bad_filter_is_a_400_page_that_says_why(client):
    client.force_login(employee())
    for path in ["/ideer/ideer.csv?kommune=oslo", "/ideer/ideer.xlsx?status=tull"]:
        response = client.get(path)
        assert response.status_code == 400
        assert parse(response, 400).select_one(".error-summary")


def test_the_export_links_keep_the_filters(client):
    IdeaFactory()
    client.force_login(employee())
    page = soup(client.get("/ideer/?kommune=molde&side=1"))
    hrefs = [a["href"] for a in page.select("main a") if "ideer." in a["href"]]
    assert hrefs == ["/ideer/ideer.csv?kommune=molde", "/ideer/ideer.xlsx?kommune=molde"]


# The user's tasks


def test_my_tasks_lists_what_awaits_my_councils_and_my_own_ideas(client, molde):
    helse = expert_group("helse")
    seat_user = molde.member
    from tests.ideas.factories import seat

    seat(seat_user, helse)
    IdeaFactory(title="Ny i Molde", state=State.SUBMITTED)
    IdeaFactory(title="Til vurdering i Molde", state=State.TRIAGE)
    IdeaFactory(title="I Rauma", state=State.SUBMITTED, municipality=organisation("rauma"))
    IdeaFactory(title="Hos helse", state=State.EXPERT_GROUP, expert_group=helse)
    IdeaFactory(title="Hos andre", state=State.EXPERT_GROUP, expert_group=expert_group("skole"))
    IdeaFactory(title="Tilbake", state=State.RETURNED, submitter=seat_user)
    IdeaFactory(title="Utkast", state=State.DRAFT, submitted_at=None, submitter=seat_user)
    client.force_login(seat_user)
    page = soup(client.get("/ideer/mine-oppgaver/"))
    queues = {
        text(section.select_one("h3")): [a.get_text() for a in section.select("li a")]
        for section in page.select(".idea-queue")
    }
    assert queues == {
        "Faggruppe helse: 1 idé": ["Hos helse"],
        "Innovasjonsrådet i Molde: 2 idéer": ["Ny i Molde", "Til vurdering i Molde"],
    }
    assert page.select_one(f".idea-queue h3 a[href='/rad/{helse.slug}/']")
    returned = page.select_one("ul[aria-labelledby=tilbake-tittel] a")
    assert (returned.get_text(), returned["href"]) == (
        "Tilbake",
        f"/ideer/{Idea.objects.get(title='Tilbake').pk}/rediger/",
    )
    assert page.select_one("ul[aria-labelledby=utkast-tittel] a").get_text() == "Utkast"


def test_my_tasks_for_someone_in_no_council(client):
    client.force_login(employee())
    page = soup(client.get("/ideer/mine-oppgaver/"))
    assert "Du sitter ikke i noe råd" in text(page.select_one("main"))
    assert "Du har ingen utkast" in text(page.select_one("main"))


def test_no_value_in_the_query_string_makes_the_list_fail(client):
    IdeaFactory(title="Finnes")
    client.force_login(employee())
    nul = "%00"
    query = f"?q=a{nul}&status={nul}&kommune={nul}&faggruppe={nul}&stikkord={nul}&side={nul}"
    response = client.get("/ideer/" + query)
    assert listed(response) == ["Finnes"]
    assert len(parse(response, 200).select(".error-summary li")) == 5
    assert client.get("/ideer/ideer.csv" + query).status_code == 400
