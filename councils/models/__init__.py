from .councils import Council, Membership
from .meetings import AgendaItem, Attendance, CaseDocument, Meeting, Vote
from .organisations import Appointment, Organisation, Person, municipalities

__all__ = [
    "AgendaItem",
    "Appointment",
    "Attendance",
    "CaseDocument",
    "Council",
    "Meeting",
    "Membership",
    "Organisation",
    "Person",
    "Vote",
    "municipalities",
]
