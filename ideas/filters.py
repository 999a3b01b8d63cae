"""The GET form that narrows /ideer/ and its exports: state, municipality, faggruppe, tag, text.

A value that names nothing known gets a Norwegian message and that filter is left out;
the others still apply. Nothing a reader types can make the list fail.
"""

from django import forms
from django.db.models import F, Q
from taggit.models import Tag

from councils.models import Council, municipalities

from .models import IdeaTag
from .workflow import State

# The text fields the free-text search looks in (and the tags' names).
SEARCHED = ["title", "background", "problem", "benefits", "stakeholders", "proposal"]


class IdeaFilterForm(forms.Form):
    """The filters of the idea list, from the query string; `ideas` are those the user sees."""

    use_required_attribute = False

    q = forms.CharField(
        label="Søk i idéene",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
        error_messages={
            "max_length": "Søket kan ha høyst %(limit_value)d tegn (det har %(show_value)d)."
        },
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Alle statuser"), *State.choices],
        error_messages={
            "invalid_choice": "«%(value)s» er ikke en status. Velg en status i listen."
        },
    )
    kommune = forms.ModelChoiceField(
        label="Kommune",
        required=False,
        queryset=municipalities(),
        to_field_name="slug",
        empty_label="Alle kommuner",
        error_messages={
            "invalid_choice": "Kommunen «%(value)s» er ikke med i samarbeidet. "
            "Velg en kommune i listen."
        },
    )
    faggruppe = forms.ModelChoiceField(
        label="Faggruppe",
        required=False,
        queryset=Council.objects.filter(kind=Council.Kind.EXPERT_GROUP).order_by("name"),
        to_field_name="slug",
        empty_label="Alle faggrupper",
        error_messages={
            "invalid_choice": "Faggruppen «%(value)s» finnes ikke. Velg en faggruppe i listen."
        },
    )
    stikkord = forms.ModelChoiceField(
        label="Stikkord",
        required=False,
        queryset=Tag.objects.none(),
        to_field_name="slug",
        empty_label="Alle stikkord",
        error_messages={
            "invalid_choice": "Stikkordet «%(value)s» finnes ikke på noen idé. "
            "Velg et stikkord i listen."
        },
    )

    def __init__(self, data, ideas):
        super().__init__(data)
        # Only tags on ideas the user may see: the list must not reveal others' drafts.
        self.fields["stikkord"].queryset = Tag.objects.filter(
            pk__in=IdeaTag.objects.filter(content_object__in=ideas).values("tag")
        ).order_by("name")

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())

    def filter(self, ideas):
        """`ideas` narrowed by every filter that was given and is valid."""
        self.is_valid()  # fills cleaned_data with the valid fields; the others are left out
        data = self.cleaned_data
        if data.get("status"):
            ideas = ideas.filter(state=data["status"])
        if data.get("kommune"):
            ideas = ideas.filter(municipality=data["kommune"])
        if data.get("faggruppe"):
            ideas = ideas.filter(expert_group=data["faggruppe"])
        if data.get("stikkord"):
            # A subquery, not a join: a join would repeat rows and skew the score's mean.
            tagged = IdeaTag.objects.filter(tag=data["stikkord"]).values("content_object")
            ideas = ideas.filter(pk__in=tagged)
        for word in (data.get("q") or "").split():
            found = Q()
            for name in SEARCHED:
                found |= Q(**{f"{name}__icontains": word})
            tagged = IdeaTag.objects.filter(tag__name__icontains=word).values("content_object")
            ideas = ideas.filter(found | Q(pk__in=tagged))
        return ideas

    @property
    def is_filtered(self):
        """Whether the reader asked for any filter (so there is something to clear)."""
        return any((self.data.get(name) or "").strip() for name in self.fields)

    def query(self):
        """The filters as they were given, for links to the exports (without the page)."""
        return {name: self.data[name] for name in self.fields if self.data.get(name)}


def newest_first(ideas):
    """Drafts (not sent in yet) first, then the most recently sent in, on every database."""
    return ideas.order_by(F("submitted_at").desc(nulls_first=True), "-created_at", "-pk")
