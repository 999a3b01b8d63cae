"""Council meetings, their attendance, cases (saker), decisions, votes and minutes."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from .councils import Council
from .organisations import Organisation, Person

# Offentleglova: the grounds on which a case or document may be exempt from public access.
EXEMPT_GROUNDS = [
    ("", "Offentlig"),
    ("offl-13", "Unntatt etter offentleglova § 13 (taushetsplikt)"),
    ("offl-14", "Unntatt etter offentleglova § 14 (organinterne dokumenter)"),
    (
        "offl-15",
        "Unntatt etter offentleglova § 15 (dokumenter innhentet til intern saksforberedelse)",
    ),
    ("offl-23", "Unntatt etter offentleglova § 23 (forhandlingsposisjon)"),
    ("offl-24", "Unntatt etter offentleglova § 24 (sikkerhet og kontrolltiltak)"),
    ("offl-25", "Unntatt etter offentleglova § 25 (tilsettingssaker)"),
]


class Meeting(ClusterableModel):
    """A council meeting; its minutes go from draft to approved to published."""

    class MinutesStatus(models.TextChoices):
        DRAFT = "utkast", "Utkast"
        APPROVED = "godkjent", "Godkjent"
        PUBLISHED = "publisert", "Publisert"

    council = models.ForeignKey(
        Council, verbose_name="råd", on_delete=models.PROTECT, related_name="meetings"
    )
    starts_at = models.DateTimeField("tidspunkt")
    place = models.CharField("sted", max_length=200)
    minutes_status = models.CharField(
        "referatets status",
        max_length=20,
        choices=MinutesStatus.choices,
        default=MinutesStatus.DRAFT,
        help_text="Utkast → godkjent → publisert. Bare publiserte referater vises på nettstedet.",
    )
    minutes_notes = models.TextField("merknader i referatet", blank=True)
    published_at = models.DateTimeField("referatet publisert", null=True, blank=True)

    class Meta:
        verbose_name = "møte"
        verbose_name_plural = "møter"
        ordering = ["-starts_at"]

    def __str__(self):
        return f"{self.council}, {timezone.localtime(self.starts_at):%d.%m.%Y}"

    @property
    def is_published(self):
        return self.minutes_status == self.MinutesStatus.PUBLISHED

    def clean(self):
        from ..minutes import status_change_problem

        previous = None
        if self.pk:
            previous = Meeting.objects.filter(pk=self.pk).values_list("minutes_status", flat=True)
            previous = previous.first()
        problem = status_change_problem(previous, self.minutes_status)
        if problem:
            raise ValidationError({"minutes_status": problem})


class Attendance(Orderable):
    """Who was at a meeting, who sent apologies, who chaired and who took the minutes."""

    class Status(models.TextChoices):
        PRESENT = "til-stede", "Til stede"
        ABSENT = "forfall", "Forfall"

    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, verbose_name="person", on_delete=models.PROTECT)
    status = models.CharField(
        "oppmøte", max_length=20, choices=Status.choices, default=Status.PRESENT
    )
    chairs = models.BooleanField("møteleder", default=False)
    takes_minutes = models.BooleanField("referent", default=False)

    class Meta(Orderable.Meta):
        verbose_name = "deltaker"
        verbose_name_plural = "deltakere"


class AgendaItem(ClusterableModel):
    """A case (sak), numbered per council and year (`12-26`), with its decision."""

    class Outcome(models.TextChoices):
        PENDING = "", "Ikke behandlet"
        DECIDED = "vedtatt", "Vedtatt"
        NOT_AGREED = "ikke-enighet", "Ikke enighet – løftes til rådet over"
        DEFERRED = "utsatt", "Utsatt"
        NOTED = "orientering", "Tatt til orientering"

    council = models.ForeignKey(
        Council, verbose_name="råd", on_delete=models.PROTECT, related_name="cases"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name="møte",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
        help_text="Tomt for en sak som venter på et møte (rådets saksliste).",
    )
    year = models.PositiveSmallIntegerField("år", editable=False)
    number = models.PositiveIntegerField("saksnummer", editable=False)
    title = models.CharField("tittel", max_length=255, help_text="Tittelen er alltid offentlig.")
    background = models.TextField("bakgrunn", blank=True)
    recommendation = models.TextField("innstilling", blank=True)
    decision = models.TextField(
        "vedtak", blank=True, help_text="Vedtaket er alltid offentlig, også når saken er unntatt."
    )
    dissent = models.TextField(
        "dissens", blank=True, help_text="Når rådet ikke ble enig: hvem mente hva."
    )
    outcome = models.CharField(
        "utfall", max_length=20, choices=Outcome.choices, default=Outcome.PENDING, blank=True
    )
    exempt_ground = models.CharField(
        "offentlighet", max_length=20, choices=EXEMPT_GROUNDS, default="", blank=True
    )
    raised_from = models.OneToOneField(
        "self",
        verbose_name="løftet fra",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="raised_to",
        editable=False,
    )

    class Meta:
        verbose_name = "sak"
        verbose_name_plural = "saker"
        ordering = ["council", "-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year", "number"], name="unique_case_number"
            )
        ]

    def __str__(self):
        return f"Sak {self.label} {self.title}"

    @property
    def label(self):
        """The case number as councils write it: `12-26` is case 12 of 2026."""
        return f"{self.number}-{self.year % 100:02d}"

    @property
    def is_exempt(self):
        return bool(self.exempt_ground)


class Vote(models.Model):
    """How a municipality voted on a case, where a vote was held."""

    class Choice(models.TextChoices):
        FOR = "for", "For"
        AGAINST = "mot", "Mot"
        ABSTAIN = "avstar", "Avstår"

    item = ParentalKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    municipality = models.ForeignKey(
        Organisation,
        verbose_name="kommune",
        on_delete=models.PROTECT,
        limit_choices_to={"kind": Organisation.Kind.MUNICIPALITY},
    )
    choice = models.CharField("stemme", max_length=10, choices=Choice.choices)

    class Meta:
        verbose_name = "stemme"
        verbose_name_plural = "stemmer"
        ordering = ["municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "municipality"], name="one_vote_per_municipality"
            )
        ]

    def __str__(self):
        return f"{self.municipality}: {self.get_choice_display()}"


class CaseDocument(Orderable):
    """A document belonging to a case; public unless it names its legal ground for exemption."""

    item = ParentalKey(AgendaItem, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField("tittel", max_length=255)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="fil", on_delete=models.PROTECT, related_name="+"
    )
    exempt_ground = models.CharField(
        "offentlighet", max_length=20, choices=EXEMPT_GROUNDS, default="", blank=True
    )

    class Meta(Orderable.Meta):
        verbose_name = "saksdokument"
        verbose_name_plural = "saksdokumenter"

    @property
    def is_exempt(self):
        return bool(self.exempt_ground)
