"""The forms of the idea pages: an idea, a move of the transition table, a comment.

The forms only read and check what the user typed; what a move requires and whether
it may be made is decided in `ideas.services`, whose Norwegian messages the forms show
next to the fields they concern (`add_problems`).
"""

from django import forms
from django.core.exceptions import ValidationError
from taggit.utils import parse_tags

from councils.models import AgendaItem, Council, Person, municipalities

from . import services, workflow
from .models import Idea
from .workflow import State

MAX_TAGS = 10
MAX_TAG_LENGTH = 100  # taggit's Tag.name


class ProblemsMixin:
    """Shows the `problems` of an IdeaError at the fields they name (others above the form)."""

    # A service's name for a field, where the form calls it something else.
    problem_fields = {}

    def add_problems(self, problems):
        for name, message in problems.items():
            field = self.problem_fields.get(name, name)
            self.add_error(field if field in self.fields else None, message)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files at once; each checked by `services.upload_problem` (type and size)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data or []) if upload]
        problems = [problem for problem in map(services.upload_problem, uploads) if problem]
        if problems:
            raise ValidationError(problems)
        return uploads


def text_field(label, help_text):
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10_000,
        error_messages={"max_length": "Teksten kan ha høyst %(limit_value)d tegn."},
    )


class IdeaForm(ProblemsMixin, forms.Form):
    """What an employee writes about their idea; only the title is needed for a draft."""

    use_required_attribute = False  # the server's messages, not the browser's
    problem_fields = {"text": "change_note"}

    title = forms.CharField(
        label="Tittel",
        max_length=200,
        help_text="Et kort navn på idéen, for eksempel «Digitalt skjema for søknad om SFO».",
        error_messages={
            "required": services.REQUIRED_TO_SUBMIT["title"],
            "max_length": "Tittelen kan ha høyst %(limit_value)d tegn (den har %(show_value)d).",
        },
    )
    background = text_field("Bakgrunn", "Hvordan gjøres dette i dag, og hvorfor tar du det opp?")
    problem = text_field("Problemstilling", "Hvilket problem skal idéen løse, og for hvem?")
    benefits = text_field(
        "Mulige gevinster",
        "Hva blir bedre: spart tid, bedre kvalitet, lavere kostnader? Anslag holder.",
    )
    stakeholders = text_field(
        "Berørte parter", "Hvem berøres: tjenester, grupper av ansatte, innbyggere, kommuner?"
    )
    proposal = text_field(
        "Løsningsforslag", "Hvordan kan det løses? Skriv så godt du kan; rådet hjelper deg videre."
    )
    municipality = forms.ModelChoiceField(
        label="Kommune",
        queryset=municipalities(),
        empty_label="Velg kommune",
        help_text="Kommunen du jobber i. Innovasjonsrådet i denne kommunen behandler idéen først.",
        error_messages={
            "required": "Velg kommunen du jobber i.",
            "invalid_choice": "Velg en av de fire kommunene i listen.",
        },
    )
    tags = forms.CharField(
        label="Stikkord",
        required=False,
        max_length=1000,
        help_text="Skill stikkordene med komma, for eksempel: skole, skjema, arkiv.",
        error_messages={"max_length": "Stikkordene kan ha høyst %(limit_value)d tegn til sammen."},
    )
    attachments = AttachmentsField(
        label="Vedlegg",
        required=False,
        help_text=(
            f"Du kan velge flere filer. Tillatte filtyper er {services.ATTACHMENT_KINDS}, "
            f"høyst {services.MAX_ATTACHMENT_MB} MB per fil."
        ),
    )
    show_name = forms.BooleanField(
        label="Navnet mitt kan vises for alle ansatte",
        required=False,
        help_text="Uten avkrysning vises idéen uten navnet ditt.",
    )

    def __init__(self, *args, returned=False, **kwargs):
        super().__init__(*args, **kwargs)
        # Said in the label, so it is read out with the field (the browser does not check).
        for name in ("title", "municipality"):
            self.fields[name].mark = "må fylles ut"
        for name in services.REQUIRED_TO_SUBMIT.keys() - {"title"}:
            self.fields[name].mark = "må fylles ut før du sender inn"
        if returned:
            # A returned idea is sent in again with a word on what changed (the table's TEXT).
            self.fields["change_note"] = forms.CharField(
                label="Hva har du endret?",
                required=False,
                max_length=10_000,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text="Skriv kort hva du har endret. Det trengs når du sender inn på nytt.",
            )
            self.fields["change_note"].mark = "må fylles ut før du sender inn på nytt"

    @staticmethod
    def initial_for(idea=None, user=None):
        """The form's starting values: the idea as saved, or the user's municipality."""
        if idea is None:
            person = getattr(user, "person", None)
            place = person.organisation if person else None
            return {"municipality": place if place and place.is_municipality else None}
        initial = {name: getattr(idea, name) for name in services.IDEA_FIELDS}
        initial["municipality"] = idea.municipality
        initial["tags"] = ", ".join(sorted(tag.name for tag in idea.tags.all()))
        initial["show_name"] = idea.show_name
        return initial

    def clean_tags(self):
        tags = parse_tags(self.cleaned_data["tags"])
        long = [tag for tag in tags if len(tag) > MAX_TAG_LENGTH]
        if long:
            raise ValidationError(
                f"Et stikkord kan ha høyst {MAX_TAG_LENGTH} tegn. Husk komma mellom stikkordene."
            )
        if len(tags) > MAX_TAGS:
            raise ValidationError(f"Bruk høyst {MAX_TAGS} stikkord.")
        return tags

    def fields_of_idea(self):
        return {name: self.cleaned_data[name] for name in services.IDEA_FIELDS}


# How a move's TEXT is asked for, by move; the services' messages say what is missing.
TEXT_LABELS = {
    "resubmit": "Hva har du endret?",
    "recommend": "Faggruppens vurdering og innstilling",
    "expert_group_disagrees": "Uenigheten i faggruppen (dissens)",
    "portfolio_disagrees": "Uenigheten i porteføljerådet (dissens)",
}
# What a move says in the form, where the button alone does not say enough.
MOVE_HINTS = {
    "withdraw": "Idéen blir ikke behandlet videre. Du kan ikke angre.",
    "carry_out_locally": "Kommunen gjennomfører idéen selv, og innovasjonsrådet følger den opp.",
    "send_to_portfolio": "Porteføljerådet vurderer idéen for alle kommunene.",
}


class IdeaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} (nr. {obj.pk})"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}, {obj.title}" if obj.title else obj.name


class CaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"Sak {obj.label} {obj.title}"


class MoveForm(ProblemsMixin, forms.Form):
    """One move of the transition table, with exactly the fields that move requires.

    `council` is the council the user acts for (None for the submitter's moves); its cases
    can be named as where the decision was made.
    """

    use_required_attribute = False
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={
            "required": "Skjemaet var ufullstendig. Last inn siden på nytt og prøv igjen.",
            "invalid": "Skjemaet var ufullstendig. Last inn siden på nytt og prøv igjen.",
            "min_value": "Skjemaet var ufullstendig. Last inn siden på nytt og prøv igjen.",
        },
    )

    def __init__(self, move, idea, council=None, *args, **kwargs):
        kwargs.setdefault("prefix", move.name)
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", idea.version)
        super().__init__(*args, **kwargs)
        self.move, self.idea, self.council = move, idea, council
        self.hint = MOVE_HINTS.get(move.name, "")
        self.needs_scores = workflow.SCORED in move.requires
        for requirement in move.requires:
            field = self._field_for(requirement)
            if field is not None:
                field.mark = "må fylles ut"
                self.fields[requirement] = field
        if council is not None:
            self.fields["case"] = CaseChoiceField(
                label="Sak i møtet (valgfritt)",
                required=False,
                queryset=AgendaItem.objects.filter(council=council).order_by("-year", "-number"),
                empty_label="Ingen sak valgt",
                help_text="Saken der vedtaket ble fattet. Tidslinjen lenker til vedtaket når "
                "referatet er publisert.",
                error_messages={"invalid_choice": "Velg en av rådets saker i listen."},
            )

    def _field_for(self, requirement):
        idea = self.idea
        if requirement == workflow.REASON:
            return forms.CharField(
                label="Begrunnelse",
                required=False,
                max_length=10_000,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text="Innmelderen og andre ansatte ser begrunnelsen på idéens tidslinje.",
            )
        if requirement in (workflow.TEXT, workflow.BENEFITS):
            label = (
                "Realiserte gevinster"
                if requirement == workflow.BENEFITS
                else TEXT_LABELS.get(self.move.name, "Tekst")
            )
            return forms.CharField(
                label=label,
                required=False,
                max_length=10_000,
                widget=forms.Textarea(attrs={"rows": 5}),
            )
        if requirement == workflow.FOLLOW_UP:
            return PersonChoiceField(
                label="Oppfølgingsansvarlig",
                required=False,
                queryset=Person.objects.filter(organisation=idea.municipality_id).order_by("name"),
                empty_label="Velg en person",
                error_messages={"invalid_choice": "Velg en person fra kommunen i listen."},
            )
        if requirement == workflow.EXPERT_GROUP:
            return forms.ModelChoiceField(
                label="Faggruppe",
                required=False,
                queryset=Council.objects.filter(kind=Council.Kind.EXPERT_GROUP).order_by("name"),
                empty_label="Velg faggruppe",
                error_messages={"invalid_choice": "Velg en faggruppe i listen."},
            )
        if requirement == workflow.MERGE_TARGET:
            return IdeaChoiceField(
                label="Slå sammen med",
                required=False,
                queryset=Idea.objects.exclude(pk=idea.pk)
                .exclude(state__in=State.FINAL | {State.DRAFT})
                .only("pk", "title")
                .order_by("title", "pk"),
                empty_label="Velg idé",
                error_messages={"invalid_choice": "Velg en idé under behandling i listen."},
            )
        return None  # COMPLETE and SCORED are about the idea, not something to fill in

    def move_input(self):
        """What the user gave, as the services take it."""
        data = self.cleaned_data
        return services.MoveInput(
            reason=data.get(workflow.REASON, ""),
            text=data.get(workflow.TEXT, ""),
            follow_up=data.get(workflow.FOLLOW_UP),
            expert_group=data.get(workflow.EXPERT_GROUP),
            merge_target=data.get(workflow.MERGE_TARGET),
            benefits=data.get(workflow.BENEFITS, ""),
            case=data.get("case"),
        )

    def fields_for_user(self):
        """The fields a user fills in (the version travels hidden)."""
        return [field for field in self if not field.is_hidden]


class CommentForm(forms.Form):
    """A comment on an idea; `hides_name` when the submitter comments without showing it."""

    use_required_attribute = False

    text = forms.CharField(
        label="Kommentar",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Kommentaren vises med navnet ditt for alle ansatte som kan se idéen.",
        error_messages={
            "required": "Skriv en kommentar.",
            "max_length": "Kommentaren kan ha høyst %(limit_value)d tegn "
            "(den har %(show_value)d).",
        },
    )

    def __init__(self, *args, hides_name=False, **kwargs):
        super().__init__(*args, **kwargs)
        if hides_name:
            self.fields[
                "text"
            ].help_text = "Kommentaren vises for alle ansatte som kan se idéen, uten navnet ditt."
