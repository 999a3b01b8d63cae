"""E-mail at every move: who gets it, what it says, and that mail trouble never undoes a move."""

import pytest
from django.core import mail

from ideas import notifications, services
from ideas.models import Follow, Notification
from ideas.services import MoveInput
from ideas.workflow import State
from tests.ideas.factories import UserFactory


@pytest.fixture
def idea(world):
    return world.idea(state=State.SUBMITTED, title="Digitalt skjema for skoleskyss")


@pytest.fixture
def act(django_capture_on_commit_callbacks):
    """make_move, then what waits for its commit (sending the e-mails), as in a request."""

    def make(*args):
        with django_capture_on_commit_callbacks(execute=True):
            return services.make_move(*args)

    return make


def test_the_submitter_and_followers_are_told_and_the_arriving_council_too(
    world, idea, mailoutbox, act
):
    follower = UserFactory(username="folger", email="folger@example.invalid")
    Follow.objects.create(idea=idea, user=follower)
    act(idea.pk, "start_triage", world.users["ir_molde"], 0, MoveInput(follow_up=world.follow_up))
    act(
        idea.pk,
        "send_to_expert_group",
        world.users["ir_molde"],
        1,
        MoveInput(expert_group=world.helse),
    )
    last = [m for m in mailoutbox if "til vurdering i faggruppe" in m.subject]
    assert sorted(m.to[0] for m in last) == [
        "fg_helse@example.invalid",
        "folger@example.invalid",
        "innmelder@example.invalid",
    ]
    to_submitter = next(m for m in last if m.to == ["innmelder@example.invalid"])
    assert to_submitter.subject == (
        "Idé: Digitalt skjema for skoleskyss – til vurdering i faggruppe"
    )
    assert "Det har skjedd noe med idéen du sendte inn." in to_submitter.body
    assert "Innovasjonsrådet sendte idéen til Faggruppe helse for vurdering." in to_submitter.body
    assert f"/ideer/{idea.pk}/" in to_submitter.body
    to_group = next(m for m in last if m.to == ["fg_helse@example.invalid"])
    assert "En idé venter på behandling i et råd du sitter i." in to_group.body


def test_the_one_who_acts_is_not_told_and_the_reason_is_given(world, idea, mailoutbox, act):
    act(idea.pk, "start_triage", world.users["ir_molde"], 0, MoveInput(follow_up=world.follow_up))
    mailoutbox.clear()
    act(idea.pk, "return", world.users["ir_molde"], 1, MoveInput(reason="Beskriv kostnadene."))
    assert [m.to for m in mailoutbox] == [["innmelder@example.invalid"]]
    assert "Begrunnelse: Beskriv kostnadene." in mailoutbox[0].body


def test_a_refused_move_writes_no_mail(world, idea, mailoutbox, act):
    with pytest.raises(services.NotAllowed):
        act(
            idea.pk,
            "start_triage",
            world.users["utenfor"],
            0,
            MoveInput(follow_up=world.follow_up),
        )
    assert mailoutbox == []
    assert not Notification.objects.exists()


class BrokenMailServer:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("e-posttjeneren svarer ikke")


def test_a_failing_mail_server_never_undoes_the_move_and_the_mail_is_retried(
    world, idea, settings, act
):
    settings.EMAIL_BACKEND = "tests.ideas.test_notifications.BrokenMailServer"
    act(idea.pk, "start_triage", world.users["ir_molde"], 0, MoveInput(follow_up=world.follow_up))
    idea.refresh_from_db()
    assert idea.state == State.TRIAGE
    note = Notification.objects.get(recipient="innmelder@example.invalid")
    assert (note.status, note.attempts) == (Notification.Status.PENDING, 1)
    assert "e-posttjeneren svarer ikke" in note.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notifications.send_pending() == 1
    note.refresh_from_db()
    assert (note.status, note.attempts) == (Notification.Status.SENT, 2)
    assert mail.outbox[0].to == ["innmelder@example.invalid"]


def test_after_five_failed_attempts_the_mail_is_marked_failed(world, idea, settings, act):
    settings.EMAIL_BACKEND = "tests.ideas.test_notifications.BrokenMailServer"
    act(idea.pk, "start_triage", world.users["ir_molde"], 0, MoveInput(follow_up=world.follow_up))
    for _ in range(notifications.MAX_ATTEMPTS):
        notifications.send_pending()
    note = Notification.objects.get(recipient="innmelder@example.invalid")
    assert note.status == Notification.Status.FAILED
    assert note.attempts == notifications.MAX_ATTEMPTS
