"""The service desk's cases, imported from its export, with their SLA deadlines."""

from django.conf import settings
from django.db import models


class ServiceDeskImport(models.Model):
    """One accepted upload of the service desk's case export."""

    uploaded_at = models.DateTimeField("lastet opp", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="lastet opp av",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    filename = models.CharField("filnavn", max_length=255)
    row_count = models.PositiveIntegerField("rader", default=0)
    created_count = models.PositiveIntegerField("nye saker", default=0)
    updated_count = models.PositiveIntegerField("endrede saker", default=0)
    unchanged_count = models.PositiveIntegerField("uendrede saker", default=0)
    ignored_columns = models.TextField("kolonner som ikke ble lest", blank=True)

    class Meta:
        verbose_name = "import fra Kundeservice"
        verbose_name_plural = "importer fra Kundeservice"
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.filename} ({self.uploaded_at:%d.%m.%Y %H:%M})"


class ServiceDeskCase(models.Model):
    """A support case (SLA 5.6) and how it fared against its target times.

    The deadlines and counted times are worked out by the SLA calendar when the case is
    imported, from the SLA version in force when the case was opened, so a report reads
    them without recomputing.
    """

    reference = models.CharField("saksnummer", max_length=50, unique=True)
    opened_at = models.DateTimeField("meldt", db_index=True)
    priority = models.CharField("prioritet", max_length=40)
    first_response_at = models.DateTimeField("første svar", null=True, blank=True)
    resolved_at = models.DateTimeField("løst", null=True, blank=True)
    sla_version = models.ForeignKey(
        "governance.SLAVersion",
        verbose_name="SLA-versjon",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    response_due = models.DateTimeField("frist for svar", null=True)
    resolution_due = models.DateTimeField("frist for løsning", null=True)
    response_seconds = models.PositiveIntegerField("tid til svar (sekunder)", null=True)
    resolution_seconds = models.PositiveIntegerField("tid til løsning (sekunder)", null=True)
    response_met = models.BooleanField("svar innen frist", null=True)
    resolution_met = models.BooleanField("løst innen frist", null=True)
    last_import = models.ForeignKey(
        ServiceDeskImport,
        verbose_name="sist importert",
        on_delete=models.PROTECT,
        related_name="cases",
    )

    class Meta:
        verbose_name = "supportsak"
        verbose_name_plural = "supportsaker"
        ordering = ["-opened_at"]

    def __str__(self):
        return self.reference


class ServiceDeskWait(models.Model):
    """A period when a case waited for the user; the SLA clock does not run meanwhile."""

    case = models.ForeignKey(ServiceDeskCase, on_delete=models.CASCADE, related_name="waits")
    starts_at = models.DateTimeField("venter fra")
    ends_at = models.DateTimeField("venter til")

    class Meta:
        verbose_name = "ventetid"
        verbose_name_plural = "ventetider"
        ordering = ["case", "starts_at"]

    def __str__(self):
        return f"{self.case}: {self.starts_at:%d.%m.%Y %H:%M} – {self.ends_at:%d.%m.%Y %H:%M}"
