"""Reports to the samarbeidsråd (SLA 7), frozen when published."""

from django.conf import settings
from django.db import models

from councils.models import Council


class PublishedReport(models.Model):
    """A report's figures as they were when published; they never change afterwards."""

    class Period(models.TextChoices):
        MONTH = "maned", "Måned"
        QUARTER = "kvartal", "Kvartal"
        HALF_YEAR = "halvar", "Halvår"
        YEAR = "ar", "År"

    council = models.ForeignKey(
        Council, verbose_name="råd", on_delete=models.PROTECT, related_name="reports"
    )
    period = models.CharField("periode", max_length=10, choices=Period.choices)
    starts_on = models.DateField("fra og med")
    ends_on = models.DateField("til og med")
    title = models.CharField("tittel", max_length=200)
    figures = models.JSONField("tall")
    published_at = models.DateTimeField("publisert", auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="publisert av",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "publisert rapport"
        verbose_name_plural = "publiserte rapporter"
        ordering = ["-starts_on", "-published_at"]

    def __str__(self):
        return self.title
