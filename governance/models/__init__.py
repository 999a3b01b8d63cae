from .calendar import SpecialOpeningDay
from .catalogue import Service, ServiceCategory, ServiceTag, ServiceUsage
from .operations import OperationalNotice, Outage
from .pages import DocumentPage, HomePage, MandateIndexPage, MandatePage
from .reports import PublishedReport
from .service_desk import ServiceDeskCase, ServiceDeskImport, ServiceDeskWait
from .sla import (
    SLAContactChannel,
    SLAOpeningHours,
    SLAPage,
    SLAPriority,
    SLASection,
    SLAVersion,
)

__all__ = [
    "OperationalNotice",
    "Outage",
    "PublishedReport",
    "ServiceDeskCase",
    "ServiceDeskImport",
    "ServiceDeskWait",
    "SpecialOpeningDay",
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
