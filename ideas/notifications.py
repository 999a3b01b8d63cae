"""E-mail about ideas: who is told what at each move, written to an outbox and sent later.

The e-mails of a move are written in the move's own transaction, so they are never
lost; sending happens after the commit, in a background task that retries. A failing
mail server can never undo or hold up the move.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend, task

from councils.membership import members_on

from .authority import council_members_for
from .models import Notification
from .workflow import QUEUES, state_label

MAX_ATTEMPTS = 5
RETRY_AFTER = timedelta(minutes=5)  # doubled after each failed attempt


def idea_url(idea):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("idea_detail", args=[idea.pk])


def arriving_body(transition):
    """The council body whose queue the idea has just arrived in, or None."""
    for body, states in QUEUES.items():
        if transition.to_state in states and transition.from_state not in states:
            return body
    return None


def recipients(transition):
    """`{address: role}` for a move: the submitter, followers, and the council it reaches.

    The person who made the move is not told about it.
    """
    idea = transition.idea
    found = {}
    body = arriving_body(transition)
    if body is not None:
        for council in council_members_for(idea, body):
            for seat in members_on(council):
                address = seat.person.email or getattr(seat.person.user, "email", "")
                if address:
                    found.setdefault(address, "council")
    for follow in idea.follows.select_related("user"):
        if follow.user.email:
            found[follow.user.email] = "follower"
    if idea.submitter and idea.submitter.email:
        found[idea.submitter.email] = "submitter"
    actor_email = transition.actor.email if transition.actor else ""
    found.pop(actor_email, None)
    return found


def compose(transition, role):
    """Subject and body, in Norwegian, for one recipient of a move."""
    idea = transition.idea
    subject = f"Idé: {idea.title} – {state_label(transition.to_state).lower()}"
    lines = []
    if role == "submitter":
        lines.append("Det har skjedd noe med idéen du sendte inn.")
    elif role == "council":
        lines.append("En idé venter på behandling i et råd du sitter i.")
    else:
        lines.append("Det har skjedd noe med en idé du følger.")
    lines += ["", f"«{idea.title}»", transition.told]
    if transition.reason:
        lines += ["", f"Begrunnelse: {transition.reason}"]
    lines += ["", f"Status nå: {state_label(transition.to_state)}.", f"Se idéen: {idea_url(idea)}"]
    lines += ["", "Hilsen Styringsportalen, ROR-IKT"]
    return subject[:200], "\n".join(lines)


def queue_for(transition):
    """Write the move's e-mails to the outbox; send them once the move is committed."""
    notes = [
        Notification(transition=transition, recipient=address, subject=subject, body=body)
        for address, role in recipients(transition).items()
        for subject, body in [compose(transition, role)]
    ]
    created = Notification.objects.bulk_create(notes)
    ids = [note.pk for note in created]
    if ids:
        transaction.on_commit(lambda: [send_notification.enqueue(pk) for pk in ids])
    return created


def deliver(notification):
    """Try to send one e-mail; record the outcome. Returns True when it was sent."""
    notification.attempts += 1
    try:
        send_mail(
            notification.subject,
            notification.body,
            settings.DEFAULT_FROM_EMAIL,
            [notification.recipient],
        )
    except Exception as error:  # noqa: BLE001 - any failure of the mail server is retried
        notification.last_error = f"{type(error).__name__}: {error}"[:1000]
        if notification.attempts >= MAX_ATTEMPTS:
            notification.status = Notification.Status.FAILED
        notification.save(update_fields=["attempts", "last_error", "status"])
        return False
    notification.status = Notification.Status.SENT
    notification.sent_at = timezone.now()
    notification.save(update_fields=["attempts", "status", "sent_at"])
    return True


@task()
def send_notification(notification_id):
    """Send one e-mail from the outbox; on failure, try again later (if the backend can)."""
    notification = Notification.objects.filter(
        pk=notification_id, status=Notification.Status.PENDING
    ).first()
    if notification is None or deliver(notification):
        return
    if notification.status == Notification.Status.PENDING and default_task_backend.supports_defer:
        delay = RETRY_AFTER * 2 ** (notification.attempts - 1)
        send_notification.using(run_after=timezone.now() + delay).enqueue(notification_id)


def send_pending():
    """Try every e-mail still waiting (run by `manage.py send_pending_notifications`)."""
    pending = Notification.objects.filter(status=Notification.Status.PENDING)
    return sum(1 for notification in pending if deliver(notification))
