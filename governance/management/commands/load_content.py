from django.core.management.base import BaseCommand

from governance.content_loader import load_site
from governance.editorial import ensure_editorial_setup


class Command(BaseCommand):
    help = "Laster SLA-en, mandatene og de andre sidene fra governance/content/ (idempotent)."

    def handle(self, *args, **options):
        ensure_editorial_setup()
        created = load_site()
        if created:
            for title in created:
                self.stdout.write(f"Opprettet og publisert: {title}")
        else:
            self.stdout.write("Innholdet er lastet fra før; ingenting er endret.")
