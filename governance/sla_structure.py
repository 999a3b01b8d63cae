"""The numbering rules of the SLA: chapters, sections and subsections.

A heading's number is its identity: it is the anchor (`/sla/#4.5.1`), the key
that versions are compared by, and it decides the heading level.
"""

import re
from dataclasses import dataclass, field

NUMBER_PATTERN = re.compile(r"^[1-9]\d?(\.[1-9]\d?){0,2}$")
MAX_DEPTH = 3


def parse_number(number):
    """`"4.5.1"` → `(4, 5, 1)`; raises ValueError for anything that is not a section number."""
    if not NUMBER_PATTERN.match(number or ""):
        raise ValueError(number)
    return tuple(int(part) for part in number.split("."))


def depth(number):
    """1 for a chapter (`4`), 2 for a section (`4.5`), 3 for a subsection (`4.5.1`)."""
    return len(parse_number(number))


def numbering_errors(numbers):
    """Problems with a sequence of section numbers, as `{index: message}` in Norwegian.

    The numbers must be valid, unique, in ascending order, and every section must
    follow its parent: 4.5.1 needs 4.5 before it, 4.5 needs chapter 4.
    """
    errors = {}
    seen = set()
    previous = None
    for index, number in enumerate(numbers):
        try:
            parts = parse_number(number)
        except ValueError:
            errors[index] = "Skriv nummeret som 4, 4.5 eller 4.5.1."
            continue
        if parts in seen:
            errors[index] = f"Nummer {number} er brukt før."
        elif previous is not None and parts < previous:
            errors[index] = f"Nummer {number} står etter {'.'.join(map(str, previous))}."
        elif len(parts) > 1 and parts[:-1] not in seen:
            parent = ".".join(map(str, parts[:-1]))
            errors[index] = f"Nummer {number} mangler overordnet avsnitt {parent} foran seg."
        seen.add(parts)
        previous = parts
    return errors


@dataclass
class TocEntry:
    number: str
    title: str
    children: list = field(default_factory=list)


def table_of_contents(headings):
    """Nest `(number, title)` pairs, already in document order, into a tree of TocEntry."""
    roots = []
    stack = []
    for number, title in headings:
        entry = TocEntry(number, title)
        level = depth(number)
        while stack and depth(stack[-1].number) >= level:
            stack.pop()
        (stack[-1].children if stack else roots).append(entry)
        stack.append(entry)
    return roots
