"""Published versions of the SLA: recording them, and what changed between two.

Every publication of the SLA page is a new version, numbered 1, 2, 3 … Versions are
compared section by section, keyed on the section number, so a reader sees which
sections were added, removed or changed and the changed words in each.
"""

import difflib
import html
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page

from .models import SLASection, SLAVersion

CONTEXT_WORDS = 12
WORD = re.compile(r"\n|[^ \n]+")  # words, and line breaks as words of their own
BLOCK_END = re.compile(r"</(p|li|dt|dd|tr|th|td|h\d|caption)>|<br\s*/?>", re.IGNORECASE)


@transaction.atomic
def record_published_version(page, revision):
    """Record a publication of the SLA page as its next version; idempotent per revision."""
    last = page.versions.select_for_update().order_by("-number").first()
    if last is not None and last.revision_id == revision.pk:
        return last
    return SLAVersion.objects.create(
        page=page,
        number=(last.number + 1) if last else 1,
        revision=revision,
        effective_date=page.effective_date,
        change_summary=page.change_summary,
        published_at=page.last_published_at or timezone.now(),
    )


def section_texts(page):
    """`{number: (title, plain text)}` for each section, with the page's figures filled in."""
    texts = {}
    for section in page.body:
        parts = [child.render(context={"page": page}) for child in section.value["content"]]
        texts[section.value["number"]] = (section.value["title"], html_to_text("".join(parts)))
    return texts


def html_to_text(markup):
    """Rendered HTML as plain text: one line per paragraph, list item or table cell."""
    text = html.unescape(strip_tags(BLOCK_END.sub("\n", markup)))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


@transaction.atomic
def rebuild_section_index(page):
    """Replace the searchable copies of the page's sections with those of its live content."""
    SLASection.objects.filter(page=page).delete()
    for position, (number, (title, text)) in enumerate(section_texts(page).items()):
        SLASection.objects.create(
            page=page, position=position, number=number, title=title, text=text
        )


@dataclass
class SectionChange:
    number: str
    title: str
    status: str  # "added", "removed" or "changed"
    old_title: str = ""
    segments: list = field(default_factory=list)  # (kind, text), kind in equal/delete/insert/gap

    @property
    def title_changed(self):
        return self.status == "changed" and self.old_title != self.title


def compare_versions(old_version, new_version):
    """The sections that differ between two versions, in the newer version's order."""
    old = section_texts(old_version.as_page())
    new = section_texts(new_version.as_page())
    changes = []
    for number, (title, text) in new.items():
        if number not in old:
            changes.append(SectionChange(number, title, "added", segments=[("insert", text)]))
        elif old[number] != (title, text):
            old_title, old_text = old[number]
            changes.append(
                SectionChange(number, title, "changed", old_title, word_diff(old_text, text))
            )
    for number, (title, text) in old.items():
        if number not in new:
            changes.append(SectionChange(number, title, "removed", segments=[("delete", text)]))
    return changes


def word_diff(old, new):
    """Word-level differences as `(kind, text)` segments; long unchanged runs are shortened."""
    a, b = WORD.findall(old), WORD.findall(new)
    segments = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            words = a[i1:i2]
            if len(words) > 2 * CONTEXT_WORDS:
                head = words[:CONTEXT_WORDS] if segments else []
                tail = words[-CONTEXT_WORDS:] if i2 < len(a) or j2 < len(b) else []
                if head:
                    segments.append(("equal", _join(head)))
                segments.append(("gap", "…"))
                if tail:
                    segments.append(("equal", _join(tail)))
            else:
                segments.append(("equal", _join(words)))
        if op in ("delete", "replace"):
            segments.append(("delete", _join(a[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(("insert", _join(b[j1:j2])))
    return segments


def _join(words):
    return " ".join(words).replace(" \n ", "\n").strip(" ")


def pages_holding_versions(pages):
    """Those of `pages` whose deletion would delete published SLA versions (never allowed).

    Every published version stays readable forever, so neither the SLA page nor any
    page above it may be deleted while the SLA has versions; it may be unpublished.
    """
    from .models import SLAPage

    # Wagtail's bulk actions pass snippets through the same hook; only pages hold versions.
    return [
        page
        for page in pages
        if isinstance(page, Page)
        and SLAPage.objects.descendant_of(page, inclusive=True)
        .filter(versions__isnull=False)
        .exists()
    ]
