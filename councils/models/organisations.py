from django.conf import settings
from django.core.exceptions import ValidationError
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


PHONE = RegexValidator(
    r"^\+?[0-9 ]{8,16}$", "Skriv telefonnummeret med sifre, for eksempel 71 11 11 66."
)


class Person(models.Model):
    """Someone who sits in a council or holds a role: an employee of a municipality or ROR-IKT."""

    name = models.CharField("navn", max_length=150)
    title = models.CharField("stilling", max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name="arbeidssted", on_delete=models.PROTECT, related_name="people"
    )
    email = models.EmailField("e-post", blank=True)
    phone = models.CharField("telefon", max_length=20, blank=True, validators=[PHONE])
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="innlogging",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        help_text="Brukerkontoen personen logger inn med, om personen har en.",
    )

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "personer"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.organisation})"


class Appointment(models.Model):
    """A dated position outside the councils: ROR-IKT's daglig leder, a sikkerhetsansvarlig."""

    class Position(models.TextChoices):
        GENERAL_MANAGER = "daglig-leder", "Daglig leder i ROR-IKT"
        SECURITY_OFFICER = "sikkerhetsansvarlig", "Sikkerhetsansvarlig (SLA 4.8)"

    person = models.ForeignKey(
        Person, verbose_name="person", on_delete=models.PROTECT, related_name="appointments"
    )
    position = models.CharField("rolle", max_length=30, choices=Position.choices)
    organisation = models.ForeignKey(
        Organisation, verbose_name="for", on_delete=models.PROTECT, related_name="appointments"
    )
    starts_on = models.DateField("fra")
    ends_on = models.DateField("til og med", null=True, blank=True)

    class Meta:
        verbose_name = "utnevnelse"
        verbose_name_plural = "utnevnelser"
        ordering = ["position", "organisation__name", "-starts_on"]

    def __str__(self):
        return f"{self.get_position_display()}: {self.person.name}"

    def clean(self):
        from ..appointments import appointment_problems

        problems = appointment_problems(self)
        if problems:
            raise ValidationError(problems)
