"""The service-level agreement: its text, its figures, its published versions."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, Revision
from wagtail.search import index

from .. import sla_structure, sla_terms
from ..blocks import SLABodyBlock
from ..forms import SLAPageForm
from ..page_cache import CachedForAnonymousMixin


class SLAPage(CachedForAnonymousMixin, RoutablePageMixin, Page):
    """The SLA (tjenestenivåerklæring), published at /sla/ with all its versions."""

    effective_date = models.DateField("gjeldende fra")
    change_summary = models.TextField(
        "hva er endret",
        blank=True,
        help_text="Kort om endringene i denne versjonen. Vises i versjonsoversikten.",
    )
    body = StreamField(SLABodyBlock(), verbose_name="innhold")
    uptime_target = models.DecimalField(
        "oppetidsmål (%)",
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    planned_downtime_notice_days = models.PositiveSmallIntegerField(
        "varsel før planlagt nedetid (dager)",
        help_text="Planlagt nedetid skal varsles minst så mange dager før avbruddet.",
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("effective_date"), FieldPanel("change_summary")]),
        FieldPanel("body"),
    ]
    figures_panels = [
        InlinePanel("priorities", heading="Prioriteter (avsnitt 5.6)", label="prioritet"),
        InlinePanel("opening_hours", heading="Kundeservice sin åpningstid", label="dag"),
        InlinePanel("contact_channels", heading="Kontaktkanaler", label="kanal"),
        MultiFieldPanel(
            [FieldPanel("uptime_target"), FieldPanel("planned_downtime_notice_days")],
            heading="Oppetid og vedlikehold (kapittel 6)",
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Tekst"),
            ObjectList(figures_panels, heading="Tall og kontaktinformasjon"),
            ObjectList(Page.promote_panels, heading="Publisering"),
            ObjectList(Page.settings_panels, heading="Innstillinger"),
        ]
    )
    template = "governance/sla_page.html"
    base_form_class = SLAPageForm
    parent_page_types = ["governance.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "tjenestenivåerklæring (SLA)"
        verbose_name_plural = "tjenestenivåerklæringer (SLA)"

    def headings(self):
        return [(section.value["number"], section.value["title"]) for section in self.body]

    def current_version(self):
        return self.versions.order_by("-number").first()

    def get_context(self, request, *args, **kwargs):
        if not self._state.adding:
            # The text, the table and the figures all read these; fetch each once. An
            # old version, rebuilt from its revision, carries its own rows in memory
            # and counts as unsaved (`_state.adding`), so it keeps them.
            prefetch_related_objects([self], "priorities", "opening_hours", "contact_channels")
        context = super().get_context(request, *args, **kwargs)
        context["toc"] = sla_structure.table_of_contents(self.headings())
        context.setdefault("version", self.current_version())
        return context

    @path("")
    def current(self, request):
        return self.render(request)

    @path("versjoner/")
    def version_list(self, request):
        return self.render(
            request,
            template="governance/sla_versions.html",
            context_overrides={"versions": self.versions.order_by("-number")},
        )

    @path("versjoner/<int:number>/")
    def version_detail(self, request, number):
        version = get_object_or_404(self.versions, number=number)
        old_page = version.as_page()
        context = old_page.get_context(request)
        context.update(version=version, archived=True, latest=self.current_version())
        response = TemplateResponse(request, self.get_template(request), context)
        response["X-Robots-Tag"] = "noindex"
        return response

    @path("versjoner/<int:number>/endringer/")
    def version_changes(self, request, number):
        from ..versions import compare_versions

        version = get_object_or_404(self.versions, number=number)
        previous = self.versions.filter(number__lt=number).order_by("-number").first()
        if previous is None:
            raise Http404("Den første versjonen har ingen versjon før seg.")
        response = self.render(
            request,
            template="governance/sla_changes.html",
            context_overrides={
                "version": version,
                "previous": previous,
                "changes": compare_versions(previous, version),
            },
        )
        response["X-Robots-Tag"] = "noindex"
        return response


class SLAPriority(Orderable):
    """A row of the priority table in SLA 5.6: target response and resolution times."""

    page = ParentalKey(SLAPage, related_name="priorities", on_delete=models.CASCADE)
    name = models.CharField("prioritet", max_length=40)
    response_value = models.PositiveIntegerField("mål for svartid")
    response_unit = models.CharField(
        "enhet", max_length=20, choices=sla_terms.DurationUnit.choices
    )
    resolution_value = models.PositiveIntegerField("mål for løsningstid")
    resolution_unit = models.CharField(
        "enhet", max_length=20, choices=sla_terms.DurationUnit.choices
    )
    clock = models.CharField(
        "fristene løper",
        max_length=20,
        choices=sla_terms.Clock.choices,
        default=sla_terms.Clock.OPENING_HOURS,
        help_text="SLA 5.4: saker håndteres i Kundeservice sin åpningstid.",
    )
    definition = models.TextField("definisjon")
    handling = models.TextField("feilretting", blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("response_value"), FieldPanel("response_unit")]),
        FieldRowPanel([FieldPanel("resolution_value"), FieldPanel("resolution_unit")]),
        FieldPanel("clock"),
        FieldPanel("definition"),
        FieldPanel("handling"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "prioritet"
        verbose_name_plural = "prioriteter"

    def __str__(self):
        return self.name

    @property
    def response_time(self):
        return sla_terms.format_duration(self.response_value, self.response_unit)

    @property
    def resolution_time(self):
        return sla_terms.format_duration(self.resolution_value, self.resolution_unit)


class SLAOpeningHours(Orderable):
    """Kundeservice's opening hours on one weekday (SLA 5.2)."""

    WEEKDAYS = [(day, name.capitalize()) for day, name in enumerate(sla_terms.WEEKDAY_NAMES)]

    page = ParentalKey(SLAPage, related_name="opening_hours", on_delete=models.CASCADE)
    weekday = models.PositiveSmallIntegerField("ukedag", choices=WEEKDAYS)
    opens = models.TimeField("åpner")
    closes = models.TimeField("stenger")

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = "åpningstid"
        verbose_name_plural = "åpningstider"


class SLAContactChannel(Orderable):
    """A way to reach ROR-IKT Kundeservice (SLA 5.3)."""

    class Kind(models.TextChoices):
        WEB = "web", "Nettside"
        EMAIL = "epost", "E-post"
        PHONE = "telefon", "Telefon"

    page = ParentalKey(SLAPage, related_name="contact_channels", on_delete=models.CASCADE)
    kind = models.CharField("type", max_length=10, choices=Kind.choices)
    label = models.CharField("navn", max_length=60, help_text="For eksempel «Kundeservice Web».")
    address = models.CharField(
        "adresse eller nummer",
        max_length=200,
        blank=True,
        help_text="Nettadresse, e-postadresse eller telefonnummer.",
    )
    preferred = models.BooleanField("foretrukket kanal", default=False)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("label")]),
        FieldRowPanel([FieldPanel("address"), FieldPanel("preferred")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "kontaktkanal"
        verbose_name_plural = "kontaktkanaler"

    def __str__(self):
        return f"{self.label} {self.address}".strip()

    @property
    def href(self):
        if not self.address:
            return ""
        if self.kind == self.Kind.EMAIL:
            return f"mailto:{self.address}"
        if self.kind == self.Kind.PHONE:
            digits = "".join(ch for ch in self.address if ch.isdigit() or ch == "+")
            return f"tel:{digits if digits.startswith('+') else '+47' + digits}"
        return self.address


class SLAVersion(models.Model):
    """A published version of the SLA, numbered 1, 2, 3 …; readable forever."""

    page = ParentalKey(SLAPage, related_name="versions", on_delete=models.CASCADE)
    number = models.PositiveIntegerField("versjon")
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="+")
    effective_date = models.DateField("gjeldende fra")
    change_summary = models.TextField("hva er endret", blank=True)
    published_at = models.DateTimeField("publisert")

    class Meta:
        verbose_name = "SLA-versjon"
        verbose_name_plural = "SLA-versjoner"
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="unique_sla_version")
        ]
        ordering = ["page", "number"]

    def __str__(self):
        return f"Versjon {self.number}"

    def as_page(self):
        """The SLA page as it was published in this version."""
        return self.revision.as_object()

    def get_url(self):
        return self.page.url + self.page.reverse_subpage("version_detail", args=[self.number])

    def get_changes_url(self):
        return self.page.url + self.page.reverse_subpage("version_changes", args=[self.number])


class SLASection(index.Indexed, models.Model):
    """A searchable copy of one numbered section of the live SLA (rebuilt on publish)."""

    page = models.ForeignKey(SLAPage, related_name="sections", on_delete=models.CASCADE)
    position = models.PositiveIntegerField()
    number = models.CharField(max_length=10)
    title = models.CharField(max_length=255)
    text = models.TextField()

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("number"),
        index.SearchField("text"),
        index.AutocompleteField("title"),
    ]

    class Meta:
        ordering = ["page", "position"]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_url(self):
        return f"{self.page.url}#{self.number}"
