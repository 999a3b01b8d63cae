from .pages import DocumentPage, HomePage, MandateIndexPage, MandatePage
from .sla import (
    SLAContactChannel,
    SLAOpeningHours,
    SLAPage,
    SLAPriority,
    SLASection,
    SLAVersion,
)

__all__ = [
    "DocumentPage",
    "HomePage",
    "MandateIndexPage",
    "MandatePage",
    "SLAContactChannel",
    "SLAOpeningHours",
    "SLAPage",
    "SLAPriority",
    "SLASection",
    "SLAVersion",
]
