"""The idea list as a download: CSV that Norwegian Excel opens as it is, and an Excel workbook.

One row per idea, columns in Norwegian; the submitter is named only where the reader
may see the name (`Authority.submitter_name`).
"""

from django.utils import timezone

from councils import downloads

from . import scoring
from .portfolio import score_of

HEADER = [
    "Nr.",
    "Tittel",
    "Status",
    "Kommune",
    "Faggruppe",
    "Innmelder",
    "Sendt inn",
    "Oppfølgingsansvarlig",
    "Stikkord",
    "Poengsum",
    "Prioritet",
    "Adresse",
]


def idea_rows(ideas, authority, address):
    """The table's rows for `ideas` (annotated by `portfolio.with_scores`, tags prefetched).

    Values keep their type (numbers, dates); `address(idea)` gives the idea's page.
    """
    for idea in ideas:
        score = score_of(idea)
        submitted = timezone.localtime(idea.submitted_at).date() if idea.submitted_at else None
        yield [
            idea.pk,
            idea.title,
            idea.state_label,
            idea.municipality.name,
            idea.expert_group.name if idea.expert_group else "",
            authority.submitter_name(idea),
            submitted,
            idea.follow_up.name if idea.follow_up else "",
            ", ".join(sorted(tag.name for tag in idea.tags.all())),
            score,
            scoring.band(score),
            address(idea),
        ]


def csv_response(rows, filename):
    """The idea list as CSV (`councils.downloads`)."""
    return downloads.csv_response([HEADER, *rows], filename)


def xlsx_response(rows, filename):
    """The idea list as an Excel workbook (`councils.downloads`)."""
    return downloads.xlsx_response([HEADER, *rows], filename, "Idéer")
