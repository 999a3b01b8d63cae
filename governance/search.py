"""Search over the published SLA (section by section), the mandates and other documents."""

import re
from dataclasses import dataclass

from django.utils.html import strip_tags
from wagtail.search.backends import get_search_backend

from .models import DocumentPage, MandatePage, SLASection

MAX_HITS = 50
WORDS = re.compile(r"\w+")
EXCERPT_WORDS = 30


@dataclass
class Hit:
    title: str
    url: str
    excerpt: str
    kind: str  # shown to the reader: "SLA", "Mandat", "Dokument"


def search_documents(query):
    """Hits for a query: SLA sections first (each linking to /sla/#<number>), then pages.

    A section number ("4.5.1") finds that section first. Otherwise only the query's
    words are searched for: quotes, operators and other punctuation mean nothing to a
    reader here and would only upset the database's search syntax.
    """
    number = query.strip()
    words = " ".join(WORDS.findall(query))
    if not words:
        return []
    sections = list(SLASection.objects.filter(number=number).select_related("page"))
    matches = get_search_backend().search(words, SLASection.objects.select_related("page"))
    sections += [section for section in matches[:MAX_HITS] if section.number != number]
    hits = [
        Hit(f"{s.number} {s.title}", s.get_url(), excerpt(s.text, words), "SLA") for s in sections
    ]
    pages = (
        DocumentPage.objects.live().public().search(words)[:MAX_HITS],
        MandatePage.objects.live().public().search(words)[:MAX_HITS],
    )
    for results, kind in zip(pages, ("Dokument", "Mandat"), strict=True):
        for page in results:
            text = page.intro + " " + strip_tags(str(page.body))
            hits.append(Hit(page.title, page.url, excerpt(text, words), kind))
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
