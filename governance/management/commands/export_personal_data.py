"""`manage.py export_personal_data <brukernavn eller e-post>`: a person's data, as JSON.

The ideas and the councils' part comes from `ideas.privacy.export`; the service
catalogue's roles and the editorial history are added here, since only governance
knows them.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from wagtail.models import ModelLogEntry, PageLogEntry

from governance import catalogue
from governance.models import Service, ServiceUsage
from ideas import privacy


def catalogue_roles(people):
    """The roles the people hold in the service catalogue (SLA 4.5–4.12), service by service."""
    if not people:
        return []
    roles = []
    for role in catalogue.PROVIDER_ROLES:
        services = Service.objects.filter(**{f"{role.key}__in": people}).order_by("name")
        roles += [_role(role, service) for service in services]
    usages = ServiceUsage.objects.select_related("service", "municipality")
    for role in [*catalogue.MUNICIPAL_ROLES, catalogue.SUPER_USER]:
        found = usages.filter(**{f"{role.key}__in": people}).distinct()
        roles += [_role(role, usage.service, usage.municipality) for usage in found]
    return sorted(roles, key=lambda row: (row["tjeneste"], row["sla_punkt"], row["kommune"] or ""))


def _role(role, service, municipality=None):
    return {
        "tjeneste": service.name,
        "rolle": role.label,
        "kommune": municipality.name if municipality else None,
        "sla_punkt": role.section,
    }


def editorial_history(user):
    """What the person did in the admin: the log of pages and documents they changed."""
    if user is None:
        return []
    entries = [
        *PageLogEntry.objects.filter(user=user),
        *ModelLogEntry.objects.filter(user=user),
    ]
    return [
        {
            "handling": entry.action,
            "gjelder": entry.label,
            "tidspunkt": privacy.as_iso(entry.timestamp),
        }
        for entry in sorted(entries, key=lambda entry: (entry.timestamp, entry.pk))
    ]


class Command(BaseCommand):
    help = (
        "Skriver ut alle personopplysninger Styringsportalen har om en person, som JSON: "
        "brukerkonto, person, medlemskap og utnevnelser, idéer, kommentarer, steg, "
        "poengsettinger, e-postvarsler og roller i tjenestekatalogen."
    )

    def add_arguments(self, parser):
        parser.add_argument("person", help="Brukernavnet eller e-postadressen til personen.")
        parser.add_argument(
            "--output", metavar="FIL", help="Skriv JSON til denne filen i stedet for til skjermen."
        )

    def handle(self, *args, **options):
        try:
            subject = privacy.find_subject(options["person"])
        except privacy.UnknownPerson as unknown:
            raise CommandError(unknown.message) from None
        data = privacy.export(subject)
        data["tjenestekatalogroller"] = catalogue_roles(subject.people)
        data["redaksjonelt_arbeid"] = editorial_history(subject.user)
        text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        if not options["output"]:
            self.stdout.write(text)
            return
        path = Path(options["output"])
        try:
            path.write_text(text + "\n", encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Kunne ikke skrive til {path}: {error.strerror}.") from None
        self.stdout.write(f"Personopplysningene om {subject.name} er skrevet til {path}.")
