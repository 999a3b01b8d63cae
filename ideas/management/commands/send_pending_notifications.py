from django.core.management.base import BaseCommand

from ideas.notifications import send_pending


class Command(BaseCommand):
    help = "Sender e-postvarsler som fortsatt venter (for eksempel fra cron hvert kvarter)."

    def handle(self, *args, **options):
        sent = send_pending()
        self.stdout.write(f"Sendte {sent} e-postvarsler.")
