"""StreamField blocks of the published documents."""

from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from . import sla_structure, sla_terms
from .rich_text import LabelledRichTextBlock

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class SLATextBlock(LabelledRichTextBlock):
    """A paragraph of the SLA; `{oppetidsmål}` and the other fact tokens show the page's data."""

    def __init__(self, **kwargs):
        tokens = ", ".join("{" + name + "}" for name in sla_terms.FACT_TOKENS)
        kwargs.setdefault("features", TEXT_FEATURES)
        kwargs.setdefault("label", "Avsnitt")
        kwargs.setdefault("help_text", f"Tall fra SLA-ens data skrives som {tokens}.")
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        unknown = sla_terms.unknown_tokens(value.source)
        if unknown:
            names = ", ".join("{" + name + "}" for name in unknown)
            raise ValidationError(f"Ukjent felt i teksten: {names}.")
        return value

    def render_basic(self, value, context=None):
        html = super().render_basic(value, context)
        page = (context or {}).get("page")
        return mark_safe(sla_terms.fill_facts(html, page)) if page is not None else html

    class Meta:
        icon = "pilcrow"


class DefinitionBlock(blocks.StructBlock):
    term = blocks.CharBlock(label="Begrep")
    definition = blocks.TextBlock(label="Forklaring")


class DataBlock(blocks.StaticBlock):
    """Shows figures from the SLA page's data (the page is in the template context)."""


class MandateNoticeBlock(blocks.StructBlock):
    """States plainly that the council's own mandate prevails over the SLA's summary."""

    mandate = blocks.PageChooserBlock(page_type="governance.MandatePage", label="Mandat")

    class Meta:
        icon = "warning"
        label = "Mandatet går foran"
        template = "governance/blocks/mandate_notice.html"


class SectionContentBlock(blocks.StreamBlock):
    paragraph = SLATextBlock()
    definitions = blocks.ListBlock(
        DefinitionBlock(), label="Definisjoner", template="governance/blocks/definitions.html"
    )
    priority_table = DataBlock(
        label="Prioritetstabell",
        admin_text="Tabellen over prioriteter, fra SLA-ens data.",
        template="governance/blocks/priority_table.html",
    )
    contact_channels = DataBlock(
        label="Kontaktkanaler",
        admin_text="Listen over Kundeservice sine kanaler, fra SLA-ens data.",
        template="governance/blocks/contact_channels.html",
    )
    mandate_notice = MandateNoticeBlock()


class SectionValue(blocks.StructValue):
    @property
    def depth(self):
        return sla_structure.depth(self["number"])

    @property
    def heading_level(self):
        # The page title is the h1; chapters are h2.
        return self.depth + 1


class SectionBlock(blocks.StructBlock):
    """A numbered chapter, section or subsection of the SLA with its text."""

    number = blocks.RegexBlock(
        regex=sla_structure.NUMBER_PATTERN.pattern,
        error_messages={"invalid": "Skriv nummeret som 4, 4.5 eller 4.5.1."},
        label="Nummer",
        help_text="For eksempel 4, 4.5 eller 4.5.1. Nummeret er også lenken: /sla/#4.5.1",
    )
    title = blocks.CharBlock(label="Overskrift")
    content = SectionContentBlock(required=False, label="Innhold")

    class Meta:
        icon = "doc-full"
        label = "Avsnitt med nummer"
        value_class = SectionValue
        label_format = "{number} {title}"


class SLABodyBlock(blocks.StreamBlock):
    """The SLA's numbered sections, in order."""

    section = SectionBlock()

    def clean(self, value):
        value = super().clean(value)
        errors = sla_structure.numbering_errors([child.value["number"] for child in value])
        if errors:
            raise StreamBlockValidationError(
                block_errors={
                    index: StructBlockValidationError(
                        block_errors={"number": ValidationError(msg)}
                    )
                    for index, msg in errors.items()
                }
            )
        return value


class MandateItemsBlock(blocks.ListBlock):
    """The numbered items of a mandate; each item can be linked as #punkt-N."""

    def __init__(self, **kwargs):
        super().__init__(
            LabelledRichTextBlock(features=["bold", "italic", "link"], label="Mandatpunkt"),
            **kwargs,
        )

    class Meta:
        icon = "list-ol"
        label = "Nummererte mandatpunkter"
        template = "governance/blocks/mandate_items.html"


class DocumentBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label="Mellomtittel", template="governance/blocks/heading.html")
    paragraph = LabelledRichTextBlock(features=TEXT_FEATURES, label="Avsnitt")
    mandate_items = MandateItemsBlock()
