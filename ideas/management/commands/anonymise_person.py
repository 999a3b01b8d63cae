"""`manage.py anonymise_person <brukernavn eller e-post>`: anonymise ideas and comments."""

from django.core.management.base import BaseCommand, CommandError

from ideas import privacy

YES = {"ja", "j", "yes", "y"}


def _count(number, one, many):
    return f"{number} {one if number == 1 else many}"


class Command(BaseCommand):
    help = (
        "Anonymiserer idéene og kommentarene til en person, men beholder rådenes vedtak. "
        "Idéene beholder innhold og tidslinje; navnet og koblingen til personen fjernes. "
        "Utkast slettes. Spør før noe endres, med mindre --yes er gitt. Kan kjøres flere ganger."
    )

    def add_arguments(self, parser):
        parser.add_argument("person", help="Brukernavnet eller e-postadressen til personen.")
        parser.add_argument(
            "--yes", action="store_true", help="Anonymiser uten å spørre om bekreftelse."
        )

    def handle(self, *args, **options):
        try:
            subject = privacy.find_subject(options["person"])
        except privacy.UnknownPerson as unknown:
            raise CommandError(unknown.message) from None
        if subject.user is None:
            self.stdout.write(
                f"{subject.name} har ingen brukerkonto, og har derfor ingen idéer, kommentarer "
                "eller steg å anonymisere. Ingenting er endret."
            )
            return
        plan = privacy.anonymisation_plan(subject.user)
        if plan.nothing:
            self.stdout.write(
                f"Ingenting å anonymisere for {subject.name}: ingen idéer, kommentarer eller "
                "steg er knyttet til personen. Ingenting er endret."
            )
            return
        self.stdout.write(f"Anonymisering av {subject.name}:")
        self.stdout.write(self._plan(plan))
        self.stdout.write(
            "Rådenes vedtak, steg gjort på vegne av et råd og poengsettinger beholdes som de er."
        )
        if not options["yes"]:
            answer = input("Vil du anonymisere? Skriv «ja» for å fortsette: ")
            if answer.strip().lower() not in YES:
                self.stdout.write("Avbrutt. Ingenting er endret.")
                return
        done = privacy.anonymise(subject.user)
        changed = ", ".join(
            [
                _count(done.ideas, "idé", "idéer"),
                _count(done.comments, "kommentar", "kommentarer"),
            ]
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Ferdig. {subject.name} er anonymisert: {changed} og "
                f"{_count(done.moves, 'steg', 'steg')} er endret, og "
                f"{_count(done.drafts, 'utkast', 'utkast')}, "
                f"{_count(done.follows, 'følging', 'følginger')} og "
                f"{_count(done.emails, 'e-postvarsel', 'e-postvarsler')} er slettet."
            )
        )

    def _plan(self, counts):
        anonymous = privacy.ANONYMOUS_SUBMITTER
        lines = [
            f"- {_count(counts.ideas, 'idé', 'idéer')}: innmelderen fjernes, navnet blir "
            f"«{anonymous}» og vises ikke",
            f"- {_count(counts.comments, 'kommentar', 'kommentarer')}: forfatteren fjernes, "
            f"navnet blir «{privacy.ANONYMOUS_AUTHOR}»",
            f"- {_count(counts.moves, 'steg', 'steg')} innmelderen selv gjorde: navnet blir "
            f"«{anonymous}»",
            f"- {_count(counts.drafts, 'utkast', 'utkast')} slettes (bare innmelderen kunne se "
            "utkastene)",
            f"- {_count(counts.follows, 'følging', 'følginger')} av idéer slettes",
            f"- {_count(counts.emails, 'e-postvarsel', 'e-postvarsler')} til personen slettes",
        ]
        return "\n".join(lines)
