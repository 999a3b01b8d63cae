"""Loads the site's initial content from governance/content/ into Wagtail.

Idempotent: a page that exists already is left as it is, so running the loader
again changes nothing and never overwrites what editors have published since.
"""

import datetime
import tomllib
from pathlib import Path

from django.db import transaction
from wagtail.models import Page, Site

from . import markup, sla_structure
from .models import (
    DocumentPage,
    HomePage,
    MandateIndexPage,
    MandatePage,
    SLAContactChannel,
    SLAOpeningHours,
    SLAPage,
    SLAPriority,
)

CONTENT_DIR = Path(__file__).resolve().parent / "content"
SLA_DIRECTIVES = {"prioritetstabell": "priority_table", "kontaktkanaler": "contact_channels"}


class ContentError(Exception):
    """The content files are not as the loader expects; the message says where."""


@transaction.atomic
def load_site(content_dir=CONTENT_DIR):
    """Create whatever of the site's initial pages is missing; returns their titles."""
    spec = tomllib.loads((content_dir / "site.toml").read_text(encoding="utf-8"))
    created = []
    home = HomePage.objects.first() or _publish(
        Page.get_first_root_node(),
        HomePage(title=spec["home"]["title"], slug="hjem", intro=spec["home"]["intro"]),
        created,
    )
    _serve_site_from(home)
    index = MandateIndexPage.objects.first() or _publish(
        home,
        MandateIndexPage(
            title=spec["mandates"]["title"],
            slug=spec["mandates"]["slug"],
            intro=spec["mandates"]["intro"],
        ),
        created,
    )
    for item in spec["mandates"]["pages"]:
        if not MandatePage.objects.filter(slug=item["slug"]).exists():
            _publish(index, _mandate_page(item, content_dir), created)
    if not SLAPage.objects.exists():
        _publish(home, build_sla_page(spec["sla"], content_dir), created)
    for item in spec.get("documents", []):
        if not DocumentPage.objects.filter(slug=item["slug"]).exists():
            _publish(home, _document_page(item, content_dir), created)
    return created


def _serve_site_from(home):
    """Make the home page the default site's root, and remove Wagtail's placeholder page."""
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", port=80, is_default_site=True
    )
    if site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = home.title
        site.save()
    placeholders = (
        Page.get_first_root_node()
        .get_children()
        .filter(content_type__app_label="wagtailcore", content_type__model="page")
    )
    for page in placeholders:
        if page.is_leaf():
            page.delete()


def _publish(parent, page, created):
    parent.add_child(instance=page)
    page.save_revision().publish()
    created.append(page.title)
    return page


def build_sla_page(spec, content_dir=CONTENT_DIR):
    """An unsaved SLAPage with the text of every chapter file and the figures of site.toml."""
    folder = content_dir / spec["folder"]
    elements = []
    for path in sorted(folder.glob("*.md")):
        elements.extend(markup.parse(path.read_text(encoding="utf-8")))
    page = SLAPage(
        title=spec["title"],
        slug=spec["slug"],
        effective_date=spec["effective_date"],
        change_summary=spec.get("change_summary", ""),
        uptime_target=spec["uptime_target"],
        planned_downtime_notice_days=spec["planned_downtime_notice_days"],
    )
    page.body = sla_sections(elements, _link_resolver())
    page.priorities = [
        SLAPriority(
            name=row["name"],
            response_value=row["response"][0],
            response_unit=row["response"][1],
            resolution_value=row["resolution"][0],
            resolution_unit=row["resolution"][1],
            definition=row["definition"],
            handling=row.get("handling", ""),
        )
        for row in spec["priorities"]
    ]
    page.opening_hours = [
        SLAOpeningHours(weekday=day, opens=_time(row["opens"]), closes=_time(row["closes"]))
        for row in spec["opening_hours"]
        for day in row["weekdays"]
    ]
    page.contact_channels = [
        SLAContactChannel(
            kind=row["kind"],
            label=row["label"],
            address=row.get("address", ""),
            preferred=row.get("preferred", False),
        )
        for row in spec["contact_channels"]
    ]
    return page


def sla_sections(elements, resolve_link):
    """The SLA body (raw StreamField data) from parsed chapter files."""
    sections = []
    pending = []  # paragraphs and lists waiting to become one rich-text block

    def flush():
        if pending:
            content.append({"type": "paragraph", "value": markup.rich_text(pending, resolve_link)})
            pending.clear()

    content = None
    for element in elements:
        if isinstance(element, markup.Heading):
            if content is not None:
                flush()
            number, _, title = element.text.partition(" ")
            if sla_structure.depth(number) != element.level:
                raise ContentError(f"Overskriften «{element.text}» har feil nivå.")
            content = []
            sections.append(
                {
                    "type": "section",
                    "value": {"number": number, "title": title, "content": content},
                }
            )
            continue
        if content is None:
            raise ContentError("Teksten må begynne med en nummerert overskrift.")
        if isinstance(element, (markup.Paragraph, markup.ItemList)):
            pending.append(element)
            continue
        flush()
        if isinstance(element, markup.Definitions):
            value = [{"term": term, "definition": text} for term, text in element.pairs]
            content.append({"type": "definitions", "value": value})
        elif element.name in SLA_DIRECTIVES:
            content.append({"type": SLA_DIRECTIVES[element.name], "value": None})
        elif element.name == "mandat":
            content.append(
                {"type": "mandate_notice", "value": {"mandate": _mandate_id(element.argument)}}
            )
        else:
            raise ContentError(f"Ukjent direktiv «::: {element.name}».")
    flush()
    errors = sla_structure.numbering_errors([s["value"]["number"] for s in sections])
    if errors:
        raise ContentError("; ".join(errors.values()))
    return sections


def document_blocks(elements, resolve_link):
    """The body (raw StreamField data) of a mandate or document page."""
    blocks = []
    for element in elements:
        if isinstance(element, markup.Heading):
            blocks.append({"type": "heading", "value": element.text})
        elif isinstance(element, markup.ItemList) and element.ordered:
            items = [f"<p>{markup.inline_html(item, resolve_link)}</p>" for item in element.items]
            blocks.append({"type": "mandate_items", "value": items})
        elif isinstance(element, (markup.Paragraph, markup.ItemList)):
            blocks.append(
                {"type": "paragraph", "value": markup.rich_text([element], resolve_link)}
            )
        else:
            raise ContentError(f"{element!r} hører ikke hjemme i et dokument.")
    return blocks


def _mandate_page(item, content_dir):
    page = MandatePage(
        title=item["title"],
        slug=item["slug"],
        council_name=item["council_name"],
        council_kind=item.get("council_kind", ""),
        sla_section=item.get("sla_section", ""),
        intro=item.get("intro", ""),
    )
    page.body = _document_body(content_dir / item["file"])
    return page


def _document_page(item, content_dir):
    page = DocumentPage(
        title=item["title"],
        slug=item["slug"],
        intro=item.get("intro", ""),
        effective_date=item.get("effective_date"),
    )
    page.body = _document_body(content_dir / item["file"])
    return page


def _document_body(path):
    return document_blocks(markup.parse(path.read_text(encoding="utf-8")), _link_resolver())


def _link_resolver():
    def resolve(target):
        if target.startswith("#"):
            return f'href="{target}"'
        if target.startswith("mandat:"):
            return f'linktype="page" id="{_mandate_id(target.removeprefix("mandat:"))}"'
        if target.startswith(("https://", "http://")):
            return f'href="{target}"'
        raise ContentError(f"Ukjent lenkemål «{target}».")

    return resolve


def _mandate_id(slug):
    page = MandatePage.objects.filter(slug=slug).first()
    if page is None:
        raise ContentError(f"Fant ikke mandatet «{slug}».")
    return page.pk


def _time(text):
    return datetime.time.fromisoformat(text)
