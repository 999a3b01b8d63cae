"""Factories for ideas, and for the council seats that let people act on them."""

import datetime

import factory
from django.contrib.auth import get_user_model

from councils.models import Council, Membership
from ideas.models import Idea
from ideas.workflow import State
from tests.conftest import PASSWORD
from tests.councils.factories import CouncilFactory, PersonFactory, council, organisation


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"ansatt{n}")
    first_name = factory.Sequence(lambda n: f"Ansatt{n}")
    last_name = "Testesen"
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")

    @factory.post_generation
    def password(user, create, extracted, **kwargs):
        user.set_password(extracted or PASSWORD)
        if create:
            user.save(update_fields=["password"])


class IdeaFactory(factory.django.DjangoModelFactory):
    """An idea in any state (set `state`), complete enough to be sent in."""

    class Meta:
        model = Idea

    title = factory.Sequence(lambda n: f"Idé nummer {n}")
    background = "Vi bruker mye tid på manuelle rutiner."
    problem = "Skjemaene må fylles ut for hånd."
    benefits = "Mindre dobbeltarbeid."
    stakeholders = "Saksbehandlere og innbyggere."
    proposal = "Et digitalt skjema."
    municipality = factory.LazyFunction(lambda: organisation("molde"))
    submitter = factory.SubFactory(UserFactory)
    submitter_name = factory.LazyAttribute(lambda idea: idea.submitter.get_full_name())
    state = State.SUBMITTED
    submitted_at = factory.LazyFunction(
        lambda: datetime.datetime(2026, 10, 1, 9, tzinfo=datetime.UTC)
    )


def innovation_council(slug):
    """The innovasjonsråd of a municipality (aukra, molde, rauma, vestnes)."""
    place = organisation(slug)
    return CouncilFactory(
        name=f"Innovasjonsrådet i {place.name}",
        slug=f"innovasjonsradet-{slug}",
        kind=Council.Kind.INNOVATION,
        field_of_work="",
        municipality=place,
    )


def expert_group(slug="helse"):
    return CouncilFactory(name=f"Faggruppe {slug}", slug=f"faggruppe-{slug}")


def portfolio_council():
    return council(Council.Kind.PORTFOLIO)


def cooperation_council():
    return council(Council.Kind.COOPERATION)


def seat(user, council, role=Membership.Role.MEMBER, starts_on=None, ends_on=None):
    """Make `user` a member of `council` (from 1 January 2026, open-ended by default)."""
    person = getattr(user, "person", None) or PersonFactory(
        user=user, name=user.get_full_name() or user.username, email=user.email
    )
    return Membership.objects.create(
        person=person,
        council=council,
        role=role,
        represents=person.organisation,
        starts_on=starts_on or datetime.date(2026, 1, 1),
        ends_on=ends_on,
    )


def member(council, username=None, **kwargs):
    """A new user who sits in `council` today."""
    user = UserFactory(username=username) if username else UserFactory()
    seat(user, council, **kwargs)
    return user
