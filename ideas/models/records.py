"""What happens to an idea, kept forever: moves, scores, comments, followers, e-mails."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from councils.models import AgendaItem, Council

from ..workflow import MOVES, State
from .ideas import Idea


class Transition(models.Model):
    """One move of an idea: who, for which body, when, from, to, why, and any text."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="transitions")
    move = models.CharField("steg", max_length=40, choices=[(m, m) for m in MOVES])
    from_state = models.CharField("fra", max_length=30, choices=State.choices)
    to_state = models.CharField("til", max_length=30, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="utført av",
        null=True,
        on_delete=models.SET_NULL,
        related_name="idea_transitions",
    )
    actor_name = models.CharField("navn", max_length=150)
    acting_for = models.ForeignKey(
        Council,
        verbose_name="på vegne av",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="idea_transitions",
    )
    at = models.DateTimeField("tidspunkt", auto_now_add=True)
    told = models.TextField("hva som skjedde")
    reason = models.TextField("begrunnelse", blank=True)
    text = models.TextField("vurdering eller merknad", blank=True)
    case = models.ForeignKey(
        AgendaItem,
        verbose_name="sak",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="idea_transitions",
        help_text="Saken i møtet der vedtaket ble fattet.",
    )

    class Meta:
        verbose_name = "steg"
        verbose_name_plural = "steg"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.idea}: {self.move}"


def criterion_field(label):
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class Score(models.Model):
    """A porteføljeråd member's scoring of an idea on the five criteria (1–5)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="idea_scores"
    )
    strategic_value = criterion_field("strategisk verdi")
    qualitative_benefit = criterion_field("kvalitativ gevinst")
    economic_benefit = criterion_field("økonomisk gevinst")
    operational_need = criterion_field("operasjonelt behov/lovpålagt")
    risk = criterion_field("risiko")
    scored_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "poengsetting"
        verbose_name_plural = "poengsettinger"
        constraints = [
            models.UniqueConstraint(fields=["idea", "member"], name="one_score_per_member")
        ]

    def __str__(self):
        return f"{self.idea}: {self.member}"


class Comment(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField("navn", max_length=150)
    text = models.TextField("kommentar")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "kommentar"
        verbose_name_plural = "kommentarer"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.author_name}: {self.text[:40]}"


class Follow(models.Model):
    """Someone who wants an e-mail at every move of the idea."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_ideas"
    )
    since = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "følger"
        verbose_name_plural = "følgere"
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="follow_once")]

    def __str__(self):
        return f"{self.user} følger {self.idea}"


class Notification(models.Model):
    """An e-mail to send, written in the same transaction as the move (the outbox).

    A background task sends it and retries on failure; the move never depends on it.
    """

    class Status(models.TextChoices):
        PENDING = "venter", "Venter"
        SENT = "sendt", "Sendt"
        FAILED = "feilet", "Feilet for godt"

    transition = models.ForeignKey(
        Transition, null=True, on_delete=models.CASCADE, related_name="notifications"
    )
    recipient = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "e-postvarsel"
        verbose_name_plural = "e-postvarsler"
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.recipient}: {self.subject}"
