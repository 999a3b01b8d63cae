"""Days when Kundeservice keeps other hours than its usual week (SLA 5.2)."""

from django.core.exceptions import ValidationError
from django.db import models


class SpecialOpeningDay(models.Model):
    """A date Kundeservice is closed or closes early, such as Christmas Eve.

    Norwegian public holidays come from the `holidays` package and need no row here.
    With neither time set, the day is closed.
    """

    date = models.DateField("dato", unique=True)
    name = models.CharField("hva dagen er", max_length=100, help_text="For eksempel «Julaften».")
    opens = models.TimeField("åpner", null=True, blank=True)
    closes = models.TimeField("stenger", null=True, blank=True)

    class Meta:
        verbose_name = "avvikende åpningstid"
        verbose_name_plural = "avvikende åpningstider"
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.name}"

    @property
    def closed(self):
        return self.opens is None and self.closes is None

    def clean(self):
        if (self.opens is None) != (self.closes is None):
            raise ValidationError(
                "Fyll ut både når Kundeservice åpner og når den stenger, "
                "eller ingen av dem for en dag da den er stengt."
            )
        if self.opens is not None and self.opens >= self.closes:
            raise ValidationError({"closes": "Kundeservice må stenge etter at den åpner."})
