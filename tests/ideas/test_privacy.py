"""Privacy: a person's data exported whole and only theirs; anonymisation that keeps decisions."""

import json
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.core.management.base import CommandError

from councils.models import Attendance
from ideas import privacy, services
from ideas.models import Attachment, Comment, Follow, Idea, Notification, Score, Transition
from ideas.services import MoveInput
from ideas.workflow import State
from tests.councils.factories import (
    AppointmentFactory,
    MeetingFactory,
    PersonFactory,
    organisation,
)
from tests.governance.factories import ServiceFactory, ServiceUsageFactory
from tests.ideas.factories import IdeaFactory, UserFactory, seat

FIELDS = ["strategic_value", "qualitative_benefit", "economic_benefit", "operational_need", "risk"]


@pytest.fixture(autouse=True)
def _attachments_in_tmp(monkeypatch, tmp_path):
    """Attachments go to a temporary folder, not the project's var/private."""
    storage = FileSystemStorage(location=tmp_path / "private")
    monkeypatch.setattr(Attachment._meta.get_field("file"), "storage", storage)


def act(idea, move, user, **given):
    idea.refresh_from_db()
    return services.make_move(idea.pk, move, user, idea.version, MoveInput(**given))


class People:
    """Ine, who submits, comments, follows, sits in two councils and holds catalogue roles;
    Ola, who does the same kinds of things, and must never show up in Ine's export."""


@pytest.fixture
def people(world):
    p = People()
    molde = organisation("molde")
    p.ine = world.submitter
    p.ine.groups.add(Group.objects.get_or_create(name="Redaktører")[0])
    p.ine_person = PersonFactory(
        user=p.ine, name="Ine Innmelder", email=p.ine.email, phone="71 11 11 11"
    )
    seat(p.ine, world.helse)
    seat(p.ine, world.portfolio)
    AppointmentFactory(person=p.ine_person)
    meeting = MeetingFactory(council=world.helse)
    Attendance.objects.create(meeting=meeting, person=p.ine_person, chairs=True)
    # A role holder registered with Ine's address but never linked to her account.
    p.ine_unlinked = PersonFactory(name="Ine I.", email="INNMELDER@example.invalid")
    ServiceUsageFactory(
        service=ServiceFactory(name="Gerica"), municipality=molde, system_owner=p.ine_person
    )
    ServiceUsageFactory(
        service=ServiceFactory(name="Visma Flyt Skole"),
        municipality=molde,
        super_users=[p.ine_unlinked],
    )

    p.ola = UserFactory(username="ola", first_name="Ola", last_name="Nordmann")
    p.ola_person = PersonFactory(user=p.ola, name="Ola Nordmann", email=p.ola.email)
    ServiceUsageFactory(service=ServiceFactory(name="Acos Websak"), system_owner=p.ola_person)

    ir, pr = world.users["ir_molde"], world.users["pr"]
    # Ine's idea, all the way to the porteføljeråd, which cannot agree.
    p.idea = world.idea(
        state=State.DRAFT, title="Digitalt skjema for startlån", show_name=True, submitted_at=None
    )
    p.idea.tags.add("skjema")
    Attachment.objects.create(
        idea=p.idea,
        file="ideer/skisse.pdf",
        name="skisse.pdf",
        size=3,
        content_type="application/pdf",
    )
    p.submitted = act(p.idea, "submit", p.ine)
    act(p.idea, "start_triage", ir, follow_up=world.follow_up)
    act(p.idea, "send_to_portfolio", ir)
    Score.objects.create(idea=p.idea, member=pr, **dict.fromkeys(FIELDS, 3))
    act(p.idea, "portfolio_disagrees", pr, text="To mot to.")
    p.draft = world.idea(state=State.DRAFT, title="Halvferdig tanke", submitted_at=None)
    draft_file = Attachment(idea=p.draft, name="utkast.txt", size=5, content_type="text/plain")
    draft_file.file.save("utkast.txt", ContentFile(b"tekst"))
    p.draft_file = draft_file.file

    # Ola's idea, which Ine's faggruppe recommends and Ine scores.
    p.olas = IdeaFactory(
        state=State.TRIAGE,
        submitter=p.ola,
        submitter_name="Ola Nordmann",
        title="Felles chatbot",
        background="Olas egen bakgrunnstekst.",
        follow_up=world.follow_up,
    )
    act(p.olas, "send_to_expert_group", ir, expert_group=world.helse)
    p.recommendation = act(p.olas, "recommend", p.ine, text="Faggruppen anbefaler idéen.")
    Score.objects.create(
        idea=p.olas, member=p.ine, **dict(zip(FIELDS, [5, 4, 3, 2, 1], strict=True))
    )

    p.own_comment = services.add_comment(p.idea, p.ine, "Jeg kan vise en skisse.")
    p.other_comment = services.add_comment(p.olas, p.ine, "Dette trenger Molde også.")
    p.olas_comment = services.add_comment(p.idea, p.ola, "Olas hemmelige kommentar.")
    Follow.objects.create(idea=p.olas, user=p.ine)
    Follow.objects.create(idea=p.idea, user=p.ola)
    Notification.objects.create(recipient=p.ola.email, subject="Til Ola", body="Bare for Ola.")
    return p


def exported(*args):
    out = StringIO()
    call_command("export_personal_data", *args, stdout=out)
    return out.getvalue()


# The export


def test_the_export_holds_everything_about_the_person(people, world):
    text = exported("innmelder")
    data = json.loads(text)
    account = data["brukerkonto"]
    assert account["brukernavn"] == "innmelder"
    assert account["e_post"] == "innmelder@example.invalid"
    assert account["grupper"] == ["Redaktører"]
    assert "password" not in text and "pbkdf2" not in text and "passord" not in text

    ine, unlinked = data["personer"]
    assert (ine["navn"], ine["telefon"], ine["arbeidssted"]) == (
        "Ine Innmelder",
        "71 11 11 11",
        "Molde",
    )
    assert sorted(seat["rad"] for seat in ine["medlemskap"]) == [
        "Faggruppe helse",
        "Porteføljerådet",
    ]
    assert ine["medlemskap"][0]["fra"] == "2026-01-01"
    assert [a["rolle"] for a in ine["utnevnelser"]] == ["Sikkerhetsansvarlig (SLA 4.8)"]
    assert [(m["rad"], m["moteleder"]) for m in ine["motedeltakelse"]] == [
        ("Faggruppe helse", True)
    ]
    assert unlinked["navn"] == "Ine I."

    idea, draft = data["ideer_sendt_inn"]
    assert (draft["tittel"], draft["status"], draft["sendt_inn"]) == (
        "Halvferdig tanke",
        "Utkast",
        None,
    )
    assert [a["filnavn"] for a in draft["vedlegg"]] == ["utkast.txt"]
    assert idea["tittel"] == "Digitalt skjema for startlån"
    assert idea["bakgrunn"] == "Vi bruker mye tid på manuelle rutiner."
    assert idea["stikkord"] == ["skjema"]
    assert [a["filnavn"] for a in idea["vedlegg"]] == ["skisse.pdf"]
    assert idea["status"] == "Til avgjørelse i samarbeidsrådet"
    assert data["ideer_sendt_inn"][0]["navnet_kan_vises"] is True

    assert sorted(c["tekst"] for c in data["kommentarer"]) == [
        "Dette trenger Molde også.",
        "Jeg kan vise en skisse.",
    ]
    assert [f["ide"]["tittel"] for f in data["folger"]] == ["Felles chatbot"]
    assert [(s["steg"], s["pa_vegne_av"]) for s in data["steg_utfort"]] == [
        ("Send inn", "Innmelder"),
        ("Gi innstilling", "Faggruppe helse"),
    ]
    assert data["steg_utfort"][1]["tekst"] == "Faggruppen anbefaler idéen."
    (score,) = data["poengsettinger"]
    assert (score["ide"]["tittel"], score["strategisk_verdi"], score["risiko"]) == (
        "Felles chatbot",
        5,
        1,
    )
    mails = data["e_postvarsler"]
    assert mails and {m["til"] for m in mails} == {"innmelder@example.invalid"}
    assert len(mails) == Notification.objects.filter(recipient="innmelder@example.invalid").count()
    assert any("Det har skjedd noe med idéen du sendte inn." in m["tekst"] for m in mails)
    assert any("En idé venter på behandling" in m["tekst"] for m in mails)
    assert data["tjenestekatalogroller"] == [
        {"tjeneste": "Gerica", "rolle": "Systemeier", "kommune": "Molde", "sla_punkt": "4.5"},
        {
            "tjeneste": "Visma Flyt Skole",
            "rolle": "Superbruker",
            "kommune": "Molde",
            "sla_punkt": "4.7",
        },
    ]
    assert data["oppfolgingsansvarlig_for"] == []


def test_the_export_holds_nothing_about_anyone_else(people, world):
    text = exported("innmelder")
    for other in [
        "Ola Nordmann",
        "ola@example.invalid",
        "Olas hemmelige kommentar.",
        "Olas egen bakgrunnstekst.",
        "Bare for Ola.",
        "Acos Websak",
        "To mot to.",  # the porteføljeråd's dissent, written by another member
        world.users["ir_molde"].get_full_name(),
        world.users["pr"].get_full_name(),
    ]:
        assert other not in text, other
    ola = json.loads(exported("ola@example.invalid"))
    assert ola["brukerkonto"]["brukernavn"] == "ola"
    assert "Ine Innmelder" not in json.dumps(ola, ensure_ascii=False)


def test_found_by_e_mail_in_any_case_and_written_to_a_file(people, tmp_path):
    path = tmp_path / "ine.json"
    message = exported("  Innmelder@Example.invalid ", "--output", str(path))
    name = people.ine.get_full_name()
    assert message.strip() == (
        f"Personopplysningene om {name} (brukernavn innmelder) er skrevet til {path}."
    )
    assert json.loads(path.read_text(encoding="utf-8"))["brukerkonto"]["brukernavn"] == "innmelder"


def test_someone_without_an_account_is_found_by_their_e_mail(people):
    holder = PersonFactory(name="Rolf Rolleinnehaver", email="rolf@example.invalid")
    ServiceUsageFactory(service=ServiceFactory(name="Tidsbank"), system_administrator=holder)
    data = json.loads(exported("rolf@example.invalid"))
    assert data["brukerkonto"] is None
    assert [p["navn"] for p in data["personer"]] == ["Rolf Rolleinnehaver"]
    assert [r["rolle"] for r in data["tjenestekatalogroller"]] == ["Systemansvarlig"]
    assert data["e_postvarsler"] == []


def test_the_follow_up_person_sees_the_ideas_they_follow_up(people, world):
    world.follow_up.email = "olav@example.invalid"
    world.follow_up.save()
    data = json.loads(exported("olav@example.invalid"))
    assert [i["tittel"] for i in data["oppfolgingsansvarlig_for"]] == [
        "Digitalt skjema for startlån",
        "Felles chatbot",
    ]


@pytest.mark.parametrize("command", ["export_personal_data", "anonymise_person"])
def test_an_unknown_person_is_a_clear_error(db, command):
    with pytest.raises(CommandError) as error:
        call_command(command, "ingen-slik", stdout=StringIO())
    assert str(error.value) == (
        "Fant ingen person med brukernavnet eller e-postadressen «ingen-slik»."
    )
    assert error.value.returncode != 0


def test_a_shared_e_mail_address_asks_for_the_username(people):
    UserFactory(username="ine2", email="innmelder@example.invalid")
    with pytest.raises(privacy.UnknownPerson) as error:
        privacy.find_subject("innmelder@example.invalid")
    assert "Oppgi brukernavnet i stedet." in error.value.message
    assert privacy.find_subject("innmelder").user == people.ine


# Anonymisation


def snapshot(idea):
    idea.refresh_from_db()
    fields = ["title", "background", "problem", "proposal", "state", "version", "municipality_id"]
    moves = list(
        idea.transitions.values_list("move", "from_state", "to_state", "at", "acting_for")
    )
    return {name: getattr(idea, name) for name in fields}, moves


def test_anonymising_keeps_the_decisions_and_the_content_and_removes_the_links(people, world):
    before = snapshot(people.idea), snapshot(people.olas)
    council_moves = list(
        Transition.objects.exclude(move="submit").values_list("pk", "actor", "actor_name")
    )
    done = privacy.anonymise(people.ine)
    assert done == privacy.Anonymisation(
        ideas=1, drafts=1, comments=2, moves=1, follows=1, emails=4
    )
    assert not Follow.objects.filter(user=people.ine).exists()
    assert not Notification.objects.filter(recipient=people.ine.email).exists()
    assert (snapshot(people.idea), snapshot(people.olas)) == before

    people.idea.refresh_from_db()
    assert people.idea.submitter is None
    assert people.idea.submitter_name == "Anonymisert innmelder"
    assert people.idea.show_name is False
    assert people.idea.shown_submitter == "Navnet er ikke vist"
    assert list(people.idea.attachments.values_list("name", flat=True)) == ["skisse.pdf"]
    submitted = Transition.objects.get(pk=people.submitted.pk)
    assert (submitted.actor, submitted.actor_name) == (None, "Anonymisert innmelder")
    # Decisions made for a council, hers included, are kept as they were.
    assert (
        list(Transition.objects.exclude(move="submit").values_list("pk", "actor", "actor_name"))
        == council_moves
    )
    assert Transition.objects.get(pk=people.recommendation.pk).actor == people.ine
    assert Score.objects.filter(member=people.ine).count() == 1

    for comment in [people.own_comment, people.other_comment]:
        comment.refresh_from_db()
        assert (comment.author, comment.author_name) == (None, "Anonymisert")
    assert sorted(Comment.objects.filter(author=None).values_list("text", flat=True)) == [
        "Dette trenger Molde også.",
        "Jeg kan vise en skisse.",
    ]
    people.olas_comment.refresh_from_db()
    assert (people.olas_comment.author, people.olas_comment.author_name) == (
        people.ola,
        people.ola.get_full_name(),
    )
    assert not Idea.objects.filter(pk=people.draft.pk).exists()
    olas = Idea.objects.get(pk=people.olas.pk)
    assert (olas.submitter, olas.submitter_name) == (people.ola, "Ola Nordmann")

    data = json.loads(exported("innmelder"))
    assert data["ideer_sendt_inn"] == [] and data["kommentarer"] == []
    assert [s["steg"] for s in data["steg_utfort"]] == ["Gi innstilling"]


def test_the_drafts_file_is_deleted_once_committed(people, django_capture_on_commit_callbacks):
    storage, name = people.draft_file.storage, people.draft_file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        privacy.anonymise(people.ine)
    assert not storage.exists(name)


def test_anonymising_twice_changes_nothing_the_second_time(people):
    privacy.anonymise(people.ine)
    after = (
        list(Idea.objects.values()),
        list(Comment.objects.values()),
        list(Transition.objects.values()),
    )
    assert privacy.anonymisation_plan(people.ine).nothing
    assert privacy.anonymise(people.ine) == privacy.Anonymisation()
    assert (
        list(Idea.objects.values()),
        list(Comment.objects.values()),
        list(Transition.objects.values()),
    ) == after


def test_the_command_asks_first_and_a_no_changes_nothing(people, monkeypatch):
    questions = []
    monkeypatch.setattr("builtins.input", lambda prompt: questions.append(prompt) or "nei")
    out = StringIO()
    call_command("anonymise_person", "innmelder", stdout=out)
    assert questions == ["Vil du anonymisere? Skriv «ja» for å fortsette: "]
    assert out.getvalue().splitlines()[-1] == "Avbrutt. Ingenting er endret."
    assert Idea.objects.get(pk=people.idea.pk).submitter == people.ine
    assert privacy.anonymisation_plan(people.ine) == privacy.Anonymisation(1, 1, 2, 1, 1, 4)


def test_the_command_says_what_it_changed_and_then_that_nothing_is_left(people, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "ja")
    out = StringIO()
    call_command("anonymise_person", "innmelder@example.invalid", stdout=out)
    name = people.ine.get_full_name()
    assert out.getvalue().splitlines() == [
        f"Anonymisering av {name} (brukernavn innmelder):",
        "- 1 idé: innmelderen fjernes, navnet blir «Anonymisert innmelder» og vises ikke",
        "- 2 kommentarer: forfatteren fjernes, navnet blir «Anonymisert»",
        "- 1 steg innmelderen selv gjorde: navnet blir «Anonymisert innmelder»",
        "- 1 utkast slettes (bare innmelderen kunne se utkastene)",
        "- 1 følging av idéer slettes",
        "- 4 e-postvarsler til personen slettes",
        "Rådenes vedtak, steg gjort på vegne av et råd og poengsettinger beholdes som de er.",
        f"Ferdig. {name} (brukernavn innmelder) er anonymisert: 1 idé, 2 kommentarer og "
        "1 steg er endret, og 1 utkast, 1 følging og 4 e-postvarsler er slettet.",
    ]
    assert Idea.objects.get(pk=people.idea.pk).submitter is None
    out = StringIO()
    call_command("anonymise_person", "innmelder", "--yes", stdout=out)
    assert out.getvalue().strip() == (
        f"Ingenting å anonymisere for {name} (brukernavn innmelder): ingen idéer, kommentarer "
        "eller steg er knyttet til personen. Ingenting er endret."
    )


def test_with_yes_the_command_does_not_ask(people, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: pytest.fail("asked"))
    call_command("anonymise_person", "innmelder", "--yes", stdout=StringIO())
    assert Idea.objects.get(pk=people.idea.pk).submitter_name == "Anonymisert innmelder"
