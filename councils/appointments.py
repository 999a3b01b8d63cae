"""Dated appointments outside the councils: ROR-IKT's daglig leder, the sikkerhetsansvarlige."""

from . import dates
from .models import Appointment, Organisation

Position = Appointment.Position


def holder_on(position, organisation, day=None):
    """The person holding `position` for `organisation` on `day`, or None."""
    appointment = (
        Appointment.objects.filter(dates.in_force_on(day or dates.today()))
        .filter(position=position, organisation=organisation)
        .select_related("person")
        .first()
    )
    return appointment.person if appointment else None


def general_manager(day=None):
    """ROR-IKT's daglig leder on `day`: advises with the porteføljeråd, receives complaints."""
    provider = Organisation.objects.filter(kind=Organisation.Kind.PROVIDER).first()
    return holder_on(Position.GENERAL_MANAGER, provider, day) if provider else None


def security_officers(day=None):
    """`{municipality: person or None}`: each municipality's sikkerhetsansvarlig (SLA 4.8)."""
    municipalities = Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY)
    appointments = Appointment.objects.filter(
        dates.in_force_on(day or dates.today()), position=Position.SECURITY_OFFICER
    ).select_related("person")
    holders = {a.organisation_id: a.person for a in appointments}
    return {m: holders.get(m.pk) for m in municipalities.order_by("name")}


def appointment_problems(appointment):
    """What is wrong with an appointment, as `{field: message}`."""
    problems = dates.period_problems(appointment.starts_on, appointment.ends_on)
    organisation = appointment.organisation if appointment.organisation_id else None
    if organisation is not None:
        if appointment.position == Position.GENERAL_MANAGER and organisation.is_municipality:
            problems["organisation"] = "Daglig leder er en rolle i ROR-IKT, ikke i en kommune."
        if appointment.position == Position.SECURITY_OFFICER and not organisation.is_municipality:
            problems["organisation"] = "Sikkerhetsansvarlig utnevnes av en kommune."
    if problems or not (organisation and appointment.starts_on):
        return problems
    overlapping = Appointment.objects.filter(
        dates.overlaps(appointment.starts_on, appointment.ends_on),
        position=appointment.position,
        organisation=organisation,
    ).exclude(pk=appointment.pk)
    if overlapping.exists():
        problems["starts_on"] = "Noen har allerede denne rollen i en periode som overlapper."
    return problems
