"""Search over the published SLA (section by section), the mandates and other documents."""

import re
from dataclasses import dataclass

from django.utils.html import strip_tags
from wagtail.search.backends import get_search_backend

from .models import DocumentPage, MandatePage, SLASection

MAX_HITS = 50
EXCERPT_WORDS = 30


@dataclass
class Hit:
    title: str
    url: str
    excerpt: str
    kind: str  # shown to the reader: "SLA", "Mandat", "Dokument"


def search_documents(query):
    """Hits for a query: SLA sections first (each linking to /sla/#<number>), then pages."""
    sections = get_search_backend().search(query, SLASection.objects.select_related("page"))
    hits = [
        Hit(f"{s.number} {s.title}", s.get_url(), excerpt(s.text, query), "SLA")
        for s in sections[:MAX_HITS]
    ]
    pages = (
        DocumentPage.objects.live().public().search(query)[:MAX_HITS],
        MandatePage.objects.live().public().search(query)[:MAX_HITS],
    )
    for results, kind in zip(pages, ("Dokument", "Mandat"), strict=True):
        for page in results:
            text = page.intro + " " + strip_tags(str(page.body))
            hits.append(Hit(page.title, page.url, excerpt(text, query), kind))
    return hits


def excerpt(text, query, words=EXCERPT_WORDS):
    """A short passage of `text` around the first word of the query it contains."""
    tokens = text.split()
    terms = [term.lower() for term in re.findall(r"\w+", query)]
    start = 0
    for position, token in enumerate(tokens):
        if any(term in token.lower() for term in terms):
            start = max(0, position - words // 3)
            break
    passage = " ".join(tokens[start : start + words])
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + words < len(tokens) else ""
    return prefix + passage + suffix
