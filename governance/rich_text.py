"""Rich-text blocks whose editor has an accessible name.

Wagtail's Draftail editor renders a `role="textbox"` with no name of its own, which
axe reports as a WCAG 4.1.2 violation; Draftail accepts an `ariaLabel` option.
"""

from django.utils.functional import cached_property
from wagtail import blocks


class LabelledRichTextBlock(blocks.RichTextBlock):
    """A RichTextBlock whose editor is named after the block's label."""

    @cached_property
    def field(self):
        field = super().field
        field.widget.options["ariaLabel"] = str(self.label)
        return field
