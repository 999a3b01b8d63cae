"""The site's other pages: home, the council mandates and other governance documents."""

from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from councils.models import Council

from ..blocks import DocumentBodyBlock
from ..page_cache import CachedForAnonymousMixin


class HomePage(CachedForAnonymousMixin, Page):
    """The front page: leads a reader to the SLA, the mandates and search."""

    intro = models.TextField("ingress", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "forside"

    def get_context(self, request, *args, **kwargs):
        from councils.models import municipalities

        from .sla import SLAPage

        context = super().get_context(request, *args, **kwargs)
        sla = SLAPage.objects.live().first()
        context.update(
            sla=sla,
            sla_version=sla.current_version() if sla else None,
            mandates=MandatePage.objects.live().order_by("path"),
            documents=DocumentPage.objects.live().child_of(self).order_by("title"),
            municipalities=list(municipalities()),
        )
        return context


class MandateIndexPage(CachedForAnonymousMixin, Page):
    """/mandater/: the councils' mandates."""

    intro = models.TextField("ingress", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["governance.HomePage"]
    subpage_types = ["governance.MandatePage"]
    max_count = 1

    class Meta:
        verbose_name = "mandatoversikt"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["mandates"] = MandatePage.objects.live().child_of(self).order_by("path")
        return context


class MandatePage(CachedForAnonymousMixin, Page):
    """A council's mandate (terms of reference). It prevails over the SLA's summary of it."""

    council_name = models.CharField(
        "rådets navn", max_length=100, help_text="For eksempel «Porteføljerådet»."
    )
    council_kind = models.CharField(
        "gjelder råd av typen",
        max_length=20,
        choices=Council.Kind.choices,
        blank=True,
        help_text="Rådene av denne typen lenker til mandatet, og mandatet til dem.",
    )
    sla_section = models.CharField(
        "avsnitt i SLA-en",
        max_length=10,
        blank=True,
        help_text="Avsnittet som oppsummerer mandatet, for eksempel 4.2.",
    )
    is_complete = models.BooleanField(
        "fullstendig mandattekst er lagt inn",
        default=False,
        help_text="Uten kryss sier siden at teksten er SLA-ens sammendrag.",
    )
    intro = models.TextField("ingress", blank=True)
    body = StreamField(DocumentBodyBlock(), verbose_name="mandattekst")

    search_fields = Page.search_fields + [
        index.SearchField("council_name", boost=2),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("council_name"), FieldPanel("council_kind")]),
        FieldPanel("sla_section"),
        FieldPanel("is_complete"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    parent_page_types = ["governance.MandateIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "mandat"
        verbose_name_plural = "mandater"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The councils working under this mandate, each linking to its page on /rad/.
        councils = Council.objects.none()
        if self.council_kind:
            councils = Council.objects.filter(kind=self.council_kind).select_related(
                "municipality"
            )
        context["councils"] = councils.order_by("municipality__name", "name")
        return context


class DocumentPage(CachedForAnonymousMixin, Page):
    """Another governance document: the cooperation agreement, the accessibility statement …"""

    intro = models.TextField("ingress", blank=True)
    effective_date = models.DateField("gjeldende fra", null=True, blank=True)
    original = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="originaldokument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Valgfritt: det signerte eller originale dokumentet, til nedlasting.",
    )
    body = StreamField(DocumentBodyBlock(), verbose_name="innhold")

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("effective_date"), FieldPanel("original")]),
        FieldPanel("body"),
    ]
    parent_page_types = ["governance.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "dokument"
        verbose_name_plural = "dokumenter"
