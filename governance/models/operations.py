"""Operational notices (driftsmeldinger, SLA 5.3 and 6.2) and the outage log (SLA 6)."""

from django.conf import settings
from django.db import models

from .catalogue import Service


class OperationalNotice(models.Model):
    """A disruption or a planned maintenance, published at /driftsmeldinger/."""

    class Kind(models.TextChoices):
        DISRUPTION = "driftsforstyrrelse", "Driftsforstyrrelse"
        PLANNED = "planlagt", "Planlagt vedlikehold"

    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    title = models.CharField("tittel", max_length=200)
    body = models.TextField("hva skjer", help_text="Hva brukerne merker, og hva de bør gjøre.")
    services = models.ManyToManyField(
        Service, verbose_name="berørte tjenester", related_name="notices"
    )
    starts_at = models.DateTimeField("fra")
    ends_at = models.DateTimeField(
        "til", null=True, blank=True, help_text="Tomt for en forstyrrelse som ikke er over."
    )
    system_owner_agreement = models.CharField(
        "avtalt med systemeier",
        max_length=255,
        blank=True,
        help_text="Hvem som godtok nedetiden og når (SLA 6.2). Gjelder planlagt vedlikehold.",
    )
    late_reason = models.TextField(
        "begrunnelse for sen varsling",
        blank=True,
        help_text="Må fylles ut når planlagt nedetid varsles senere enn SLA-ens frist.",
    )
    published_at = models.DateTimeField("publisert", null=True, blank=True, db_index=True)
    created_at = models.DateTimeField("opprettet", auto_now_add=True)
    updated_at = models.DateTimeField("sist endret", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="opprettet av",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "driftsmelding"
        verbose_name_plural = "driftsmeldinger"
        ordering = ["-starts_at"]

    def __str__(self):
        return self.title


class Outage(models.Model):
    """A period when a service was not available at the users' workplace (SLA 6.1).

    The category says whether it counts against the uptime target or is one of the
    exclusions SLA 6.2 lists.
    """

    class Category(models.TextChoices):
        COUNTED = "nedetid", "Nedetid som teller"
        USER = "brukerfeil", "Brukerrelatert feil"
        AGREED_MAINTENANCE = (
            "avtalt-vedlikehold",
            "Gjensidig avtalt vedlikehold utenfor fast vedlikeholdstid",
        )
        SOFTWARE = "programfeil", "Programfeil i fagsystemet"
        LOCAL = "lokalt-utstyr", "Lokal feil på utstyr eller intern kabling"
        LINE_POWER = "linje-strom", "Linje- eller strømbrudd"
        EXTERNAL = "eksternt", "Andre eksterne forhold"

    service = models.ForeignKey(
        Service, verbose_name="tjeneste", on_delete=models.PROTECT, related_name="outages"
    )
    starts_at = models.DateTimeField("fra")
    ends_at = models.DateTimeField("til", null=True, blank=True, help_text="Tomt mens det varer.")
    description = models.TextField("hva skjedde")
    category = models.CharField("kategori", max_length=20, choices=Category.choices)
    notice = models.ForeignKey(
        OperationalNotice,
        verbose_name="driftsmelding",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outages",
    )

    class Meta:
        verbose_name = "avbrudd"
        verbose_name_plural = "avbrudd"
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="outage_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.service}: {self.starts_at:%d.%m.%Y %H:%M}"
