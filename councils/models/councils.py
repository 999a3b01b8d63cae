"""The councils of the cooperation and their dated memberships."""

from django.core.exceptions import ValidationError
from django.db import models

from .organisations import Organisation, Person


class Council(models.Model):
    """A samarbeidsråd, porteføljeråd, faggruppe or a municipality's innovasjonsråd."""

    class Kind(models.TextChoices):
        COOPERATION = "samarbeidsrad", "Samarbeidsråd"
        PORTFOLIO = "portefoljerad", "Porteføljeråd"
        EXPERT_GROUP = "faggruppe", "Faggruppe"
        INNOVATION = "innovasjonsrad", "Innovasjonsråd"

    name = models.CharField("navn", max_length=150, unique=True)
    slug = models.SlugField("kortnavn i adresser", max_length=100, unique=True)
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    field_of_work = models.CharField(
        "fagområde", max_length=150, blank=True, help_text="Bare for faggrupper, f.eks. «Helse»."
    )
    municipality = models.ForeignKey(
        Organisation,
        verbose_name="kommune",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="innovation_councils",
        limit_choices_to={"kind": Organisation.Kind.MUNICIPALITY},
        help_text="Bare for innovasjonsråd: kommunen rådet hører til.",
    )
    description = models.TextField("kort beskrivelse", blank=True)

    class Meta:
        verbose_name = "råd"
        verbose_name_plural = "råd"
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality"],
                condition=models.Q(kind="innovasjonsrad"),
                name="one_innovation_council_per_municipality",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        from ..structure import council_problems

        problems = council_problems(self)
        if problems:
            raise ValidationError(problems)


class Membership(models.Model):
    """A person's seat in a council, from one date to another (open-ended while it lasts)."""

    class Role(models.TextChoices):
        LEADER = "leder", "Leder"
        DEPUTY_LEADER = "nestleder", "Nestleder"
        MEMBER = "medlem", "Medlem"
        SECRETARY = "sekretar", "Sekretær"
        PROVIDER_REPRESENTATIVE = "ror-ikt-representant", "ROR-IKT-representant"
        UNION_REPRESENTATIVE = "tillitsvalgt", "Tillitsvalgt"
        SUBSTITUTE = "vararepresentant", "Vararepresentant"

    person = models.ForeignKey(
        Person, verbose_name="person", on_delete=models.PROTECT, related_name="memberships"
    )
    council = models.ForeignKey(
        Council, verbose_name="råd", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("rolle", max_length=30, choices=Role.choices, default=Role.MEMBER)
    represents = models.ForeignKey(
        Organisation,
        verbose_name="representerer",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Kommunen, eller ROR-IKT, som personen representerer i rådet.",
    )
    starts_on = models.DateField("fra")
    ends_on = models.DateField("til og med", null=True, blank=True)

    class Meta:
        verbose_name = "medlemskap"
        verbose_name_plural = "medlemskap"
        ordering = ["council", "role", "person__name"]

    def __str__(self):
        return f"{self.person.name}, {self.get_role_display().lower()} i {self.council}"

    def clean(self):
        from ..membership import membership_problems

        problems = membership_problems(self)
        if problems:
            raise ValidationError(problems)
