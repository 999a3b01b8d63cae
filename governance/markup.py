"""The small Markdown dialect of the content files in governance/content/.

Headings (`## 4.5 Systemeier`), paragraphs, `- ` and `1. ` lists, definition lists
(`Term` / `: definition`), links (`[tekst](#5.2)`, `[tekst](mandat:slug)`,
`[tekst](https://…)`) and directives on a line of their own (`::: prioritetstabell`).
See governance/content/README.md.
"""

import re
from dataclasses import dataclass, field

from django.utils.html import escape

LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
HEADING = re.compile(r"^(#{1,4}) (.+)$")
BULLET = re.compile(r"^- (.*)$")
NUMBERED = re.compile(r"^(\d+)\. (.*)$")
DIRECTIVE = re.compile(r"^::: ?(\S+)(?: (.+))?$")


@dataclass
class Heading:
    level: int
    text: str


@dataclass
class Paragraph:
    text: str


@dataclass
class ItemList:
    ordered: bool
    items: list = field(default_factory=list)


@dataclass
class Definitions:
    pairs: list = field(default_factory=list)


@dataclass
class Directive:
    name: str
    argument: str = ""


def parse(source):
    """The elements of a content file, in order."""
    elements = []
    for chunk in re.split(r"\n\s*\n", source.strip()):
        lines = chunk.splitlines()
        first = lines[0]
        if match := HEADING.match(first):
            elements.append(Heading(len(match.group(1)), match.group(2).strip()))
            if lines[1:]:
                elements.extend(parse("\n".join(lines[1:])))
        elif match := DIRECTIVE.match(first):
            elements.append(Directive(match.group(1), (match.group(2) or "").strip()))
        elif BULLET.match(first) or NUMBERED.match(first):
            elements.append(_parse_list(lines))
        elif len(lines) > 1 and lines[1].startswith(": "):
            _add_definition(elements, lines)
        else:
            elements.append(Paragraph(_join(lines)))
    return elements


def _join(lines):
    return " ".join(line.strip() for line in lines)


def _parse_list(lines):
    ordered = bool(NUMBERED.match(lines[0]))
    item_list = ItemList(ordered)
    for line in lines:
        match = NUMBERED.match(line) if ordered else BULLET.match(line)
        if match:
            item_list.items.append(match.group(match.lastindex))
        elif item_list.items and line.startswith(" "):
            item_list.items[-1] += " " + line.strip()
        else:
            raise ValueError(f"Linjen hører ikke til listen: {line!r}")
    return item_list


def _add_definition(elements, lines):
    term, definition = lines[0].strip(), _join([lines[1][2:], *lines[2:]])
    if elements and isinstance(elements[-1], Definitions):
        elements[-1].pairs.append((term, definition))
    else:
        elements.append(Definitions([(term, definition)]))


def inline_html(text, resolve_link):
    """Text with links as Wagtail rich-text HTML; `resolve_link(target)` gives the attributes."""
    parts = []
    position = 0
    for match in LINK.finditer(text):
        parts.append(escape(text[position : match.start()]))
        parts.append(f"<a {resolve_link(match.group(2))}>{escape(match.group(1))}</a>")
        position = match.end()
    parts.append(escape(text[position:]))
    return "".join(parts)


def rich_text(elements, resolve_link):
    """Paragraphs and lists as one piece of Wagtail rich-text HTML."""
    html = []
    for element in elements:
        if isinstance(element, Paragraph):
            html.append(f"<p>{inline_html(element.text, resolve_link)}</p>")
        else:
            tag = "ol" if element.ordered else "ul"
            items = "".join(f"<li>{inline_html(i, resolve_link)}</li>" for i in element.items)
            html.append(f"<{tag}>{items}</{tag}>")
    return "".join(html)
