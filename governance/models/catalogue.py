"""The service catalogue (SLA 3.1) and who holds which role for each service (SLA 4.5–4.12)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.models import Orderable
from wagtail.search import index

from councils.models import Council, Organisation, Person


class ServiceCategory(models.Model):
    """A heading of the catalogue, e.g. «Helse og omsorg»."""

    name = models.CharField("navn", max_length=100, unique=True)
    slug = models.SlugField("kortnavn i adresser", unique=True)

    class Meta:
        verbose_name = "tjenestekategori"
        verbose_name_plural = "tjenestekategorier"
        ordering = ["name"]

    def __str__(self):
        return self.name


class ServiceTag(TaggedItemBase):
    content_object = ParentalKey("Service", on_delete=models.CASCADE, related_name="tagged_items")


class Service(index.Indexed, ClusterableModel):
    """A service or business system (fagsystem) that ROR-IKT delivers."""

    class Support(models.TextChoices):
        SERVICE_DESK = "kundeservice", "ROR-IKT Kundeservice"
        VENDOR = "leverandor", "Leverandørens brukerstøtte"

    name = models.CharField("navn", max_length=150, unique=True)
    slug = models.SlugField("kortnavn i adresser", max_length=150, unique=True)
    category = models.ForeignKey(
        ServiceCategory, verbose_name="kategori", on_delete=models.PROTECT, related_name="services"
    )
    summary = models.CharField("kort om tjenesten", max_length=255)
    description = models.TextField("hva det er", blank=True)
    audience = models.TextField("hvem det er for", blank=True)
    how_to_order = models.TextField("slik bestiller du", blank=True)
    vendor = models.CharField("leverandør", max_length=150, blank=True)
    critical = models.BooleanField(
        "kritisk for liv og helse",
        default=False,
        help_text="Feil i tjenesten får prioritet Kritisk (SLA 5.6).",
    )
    uptime_target = models.DecimalField(
        "oppetidsmål (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Tomt: SLA-ens mål gjelder.",
    )
    outages_logged_since = models.DateField(
        "avbrudd registrert fra",
        null=True,
        blank=True,
        help_text="Dagen ROR-IKT begynte å føre avbrudd for tjenesten. Oppetid før denne "
        "dagen vises som «ingen data».",
    )
    faggruppe = models.ForeignKey(
        Council,
        verbose_name="faggruppe",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
        limit_choices_to={"kind": Council.Kind.EXPERT_GROUP},
    )
    system_manager = models.ForeignKey(
        Person,
        verbose_name="systemforvalter",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_services",
    )
    technical_primary = models.ForeignKey(
        Person,
        verbose_name="teknisk forvalter (primær)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="primary_technical_services",
    )
    technical_secondary = models.ForeignKey(
        Person,
        verbose_name="teknisk forvalter (sekundær)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="secondary_technical_services",
    )
    support = models.CharField(
        "supportansvarlig", max_length=20, choices=Support.choices, blank=True
    )
    support_vendor = models.CharField(
        "leverandørens brukerstøtte",
        max_length=150,
        blank=True,
        help_text="Navn på leverandøren når leverandøren er supportansvarlig.",
    )
    operations_manager = models.ForeignKey(
        Person,
        verbose_name="driftsansvarlig",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="operated_services",
    )
    tags = ClusterTaggableManager("stikkord", through=ServiceTag, blank=True)

    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("summary"),
        index.SearchField("description"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        verbose_name = "tjeneste"
        verbose_name_plural = "tjenester"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_url(self):
        from django.urls import reverse

        return reverse("service_detail", args=[self.slug])

    def clean(self):
        from ..catalogue import service_problems

        problems = service_problems(self)
        if problems:
            raise ValidationError(problems)


class ServiceUsage(Orderable):
    """A municipality's use of a service, with its systemeier, systemansvarlig, superbrukere."""

    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="usages")
    municipality = models.ForeignKey(
        Organisation,
        verbose_name="kommune",
        on_delete=models.PROTECT,
        related_name="service_usages",
        limit_choices_to={"kind": Organisation.Kind.MUNICIPALITY},
    )
    system_owner = models.ForeignKey(
        Person,
        verbose_name="systemeier",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_usages",
    )
    system_administrator = models.ForeignKey(
        Person,
        verbose_name="systemansvarlig",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="administered_usages",
    )
    super_users = ParentalManyToManyField(
        Person, verbose_name="superbrukere", blank=True, related_name="super_user_of"
    )

    class Meta(Orderable.Meta):
        verbose_name = "bruk i kommune"
        verbose_name_plural = "bruk i kommunene"
        constraints = [
            models.UniqueConstraint(
                fields=["service", "municipality"], name="one_usage_per_municipality"
            )
        ]

    def clean(self):
        from ..catalogue import usage_problems

        problems = usage_problems(self)
        if problems:
            raise ValidationError(problems)
