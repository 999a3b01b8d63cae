from django.db import models


class PortfolioBudget(models.Model):
    """The budget the porteføljeråd sets the ranked ideas' estimated costs against."""

    year = models.PositiveSmallIntegerField("år", unique=True)
    amount = models.DecimalField("budsjett (kr)", max_digits=12, decimal_places=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "porteføljebudsjett"
        verbose_name_plural = "porteføljebudsjetter"
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}: {self.amount} kr"
