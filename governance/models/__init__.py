from .catalogue import Service, ServiceCategory, ServiceTag, ServiceUsage
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
    "Service",
    "ServiceCategory",
    "ServiceTag",
    "ServiceUsage",
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
