from django.core.validators import RegexValidator
from django.db import models


class Organisation(models.Model):
    """A member municipality (tjenestemottaker) or ROR-IKT itself, the provider."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "kommune", "Kommune"
        PROVIDER = "leverandor", "IKT-leverandør"

    name = models.CharField("navn", max_length=100, unique=True)
    slug = models.SlugField("kortnavn i adresser", max_length=100, unique=True)
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    organisation_number = models.CharField(
        "organisasjonsnummer",
        max_length=9,
        blank=True,
        help_text="Ni siffer fra Enhetsregisteret.",
        validators=[RegexValidator(r"^\d{9}$", "Organisasjonsnummeret skal være ni siffer.")],
    )

    class Meta:
        verbose_name = "organisasjon"
        verbose_name_plural = "organisasjoner"
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    @property
    def is_municipality(self):
        return self.kind == self.Kind.MUNICIPALITY


def municipalities():
    """The member municipalities, in alphabetical order."""
    return Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).order_by("name")
