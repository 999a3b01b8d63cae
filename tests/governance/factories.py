"""Factories for the service catalogue."""

import factory

from governance.models import Service, ServiceCategory, ServiceUsage
from tests.councils.factories import PersonFactory, organisation


class ServiceCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceCategory
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kategori {n}")
    slug = factory.Sequence(lambda n: f"kategori-{n}")


class ProviderPersonFactory(PersonFactory):
    """Someone employed by ROR-IKT."""

    organisation = factory.LazyFunction(lambda: organisation("ror-ikt"))


class ServiceFactory(factory.django.DjangoModelFactory):
    """A service with every ROR-IKT role filled; override a role with None to leave a gap."""

    class Meta:
        model = Service

    name = factory.Sequence(lambda n: f"Fagsystem {n}")
    slug = factory.Sequence(lambda n: f"fagsystem-{n}")
    category = factory.SubFactory(ServiceCategoryFactory)
    summary = "Et fagsystem for testene."
    system_manager = factory.SubFactory(ProviderPersonFactory)
    technical_primary = factory.SubFactory(ProviderPersonFactory)
    technical_secondary = factory.SubFactory(ProviderPersonFactory)
    support = Service.Support.SERVICE_DESK
    operations_manager = factory.SubFactory(ProviderPersonFactory)


class ServiceUsageFactory(factory.django.DjangoModelFactory):
    """A municipality's use of a service, with systemeier and systemansvarlig named."""

    class Meta:
        model = ServiceUsage
        skip_postgeneration_save = True  # super_users saves itself

    service = factory.SubFactory(ServiceFactory)
    municipality = factory.LazyFunction(lambda: organisation("rauma"))
    system_owner = factory.SubFactory(
        PersonFactory, organisation=factory.SelfAttribute("..municipality")
    )
    system_administrator = factory.SubFactory(
        PersonFactory, organisation=factory.SelfAttribute("..municipality")
    )

    @factory.post_generation
    def super_users(self, create, people):
        """`super_users=[person, …]`: saved at once (a parental many-to-many defers its adds)."""
        if create and people:
            self.super_users.add(*people)
            self.super_users.commit()
