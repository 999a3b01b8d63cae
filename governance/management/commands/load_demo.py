import secrets

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from governance.demo import load_demo_content
from governance.editorial import APPROVERS, EDITORS, OPERATIONS

DEMO_PASSWORD = "demo-passord-2026"
DEMO_USERS = [
    # username, first name, last name, group
    ("redaktor", "Rita", "Redaktør (demo)", EDITORS),
    ("godkjenner", "Gunnar", "Godkjenner (demo)", APPROVERS),
    ("drift", "Dina", "Drift (demo)", OPERATIONS),
]


class Command(BaseCommand):
    help = (
        "Oppretter demobrukere og demoinnhold: personer, råd, møter og tjenestekatalog "
        "(bare når DEBUG er på). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Opprett demobrukere og demoinnhold selv om DEBUG er av (bare for testmiljøer).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_without_debug"]:
            raise CommandError("Demobrukere og demoinnhold opprettes bare når DEBUG er på.")
        User = get_user_model()
        if not User.objects.filter(username="admin").exists():
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser("admin", "admin@example.invalid", password)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demoadministrator opprettet. Brukernavn: admin  Passord: {password}\n"
                    "Passordet vises bare denne ene gangen."
                )
            )
        for username, first_name, last_name, group_name in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first_name,
                    "last_name": last_name,
                    "email": f"{username}@example.invalid",
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
                self.stdout.write(f"Demobruker opprettet: {username} / {DEMO_PASSWORD}")
            user.groups.add(Group.objects.get(name=group_name))
        self._load_content()

    def _load_content(self):
        result = load_demo_content(DEMO_PASSWORD)
        if not result.created:
            self.stdout.write("Demoinnholdet er lastet fra før; ingenting er endret.")
            return
        created = ", ".join(
            f"{count} {apps.get_model(label)._meta.verbose_name_plural}"
            for label, count in result.created.items()
        )
        self.stdout.write(f"Demoinnhold opprettet: {created}.")
        for login in result.logins:
            if login.created:
                self.stdout.write(
                    f"Demobruker opprettet: {login.username} / {DEMO_PASSWORD}  "
                    f"({login.person.name}: {login.description})"
                )
