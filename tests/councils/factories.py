"""Factories for the organisation: people, councils, memberships, meetings, cases."""

import datetime

import factory
from django.utils import timezone

from councils import cases
from councils.models import (
    AgendaItem,
    Appointment,
    Council,
    Meeting,
    Membership,
    Organisation,
    Person,
)


def organisation(slug):
    """One of the organisations the migrations create: aukra, molde, rauma, vestnes, ror-ikt."""
    return Organisation.objects.get(slug=slug)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Testperson {n}")
    title = "Rådgiver"
    organisation = factory.LazyFunction(lambda: organisation("molde"))
    email = factory.LazyAttribute(lambda p: f"{p.name.lower().replace(' ', '.')}@example.invalid")


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Faggruppe {n}")
    slug = factory.Sequence(lambda n: f"faggruppe-{n}")
    kind = Council.Kind.EXPERT_GROUP
    field_of_work = "Helse"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    council = factory.SubFactory(CouncilFactory)
    role = Membership.Role.MEMBER
    represents = factory.SelfAttribute("person.organisation")
    starts_on = datetime.date(2026, 1, 1)
    ends_on = None


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    person = factory.SubFactory(PersonFactory)
    position = Appointment.Position.SECURITY_OFFICER
    organisation = factory.SelfAttribute("person.organisation")
    starts_on = datetime.date(2026, 1, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    council = factory.SubFactory(CouncilFactory)
    starts_at = factory.LazyFunction(
        lambda: timezone.make_aware(datetime.datetime(2026, 3, 10, 10, 0))
    )
    place = "Molde rådhus"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    """A case, numbered as a secretary's save would number it."""

    class Meta:
        model = AgendaItem

    council = factory.SelfAttribute("meeting.council")
    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Sak om tema {n}")
    background = "Bakgrunnen for saken."
    recommendation = "Innstillingen i saken."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        item = model_class(*args, **kwargs)
        cases.number_case(item)
        item.save()
        return item


def council(kind):
    """The single council of a kind (samarbeidsråd, porteføljeråd), created if missing."""
    names = {
        Council.Kind.COOPERATION: ("Samarbeidsrådet", "samarbeidsradet"),
        Council.Kind.PORTFOLIO: ("Porteføljerådet", "portefoljeradet"),
    }
    name, slug = names[kind]
    return CouncilFactory(name=name, slug=slug, kind=kind, field_of_work="")
