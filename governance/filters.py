"""The GET forms that narrow the site's lists: the catalogue, the role overview, decisions."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from taggit.models import Tag

from councils.models import Council, municipalities

from .models import Service, ServiceCategory


class ServiceFilter(django_filters.FilterSet):
    """The catalogue's filters, as a GET form; each narrows the list further.

    Kommune means the municipality uses the service; the free text looks in the
    name, the summary, the description, the vendor and the tags. A value that names
    nothing known gets a Norwegian message and that filter is left out.
    """

    q = django_filters.CharFilter(
        label="Søk i navn og beskrivelse",
        method="filter_text",
        max_length=200,
        widget=forms.SearchInput,
        error_messages={
            "max_length": "Søket kan ha høyst %(limit_value)d tegn (det har %(show_value)d)."
        },
    )
    kategori = django_filters.ModelChoiceFilter(
        label="Kategori",
        field_name="category",
        to_field_name="slug",
        queryset=ServiceCategory.objects.order_by("name"),
        empty_label="Alle kategorier",
        error_messages={
            "invalid_choice": "Kategorien «%(value)s» finnes ikke. Velg en kategori i listen."
        },
    )
    kommune = django_filters.ModelChoiceFilter(
        label="Kommune som bruker tjenesten",
        field_name="usages__municipality",
        to_field_name="slug",
        queryset=municipalities(),
        empty_label="Alle kommuner",
        distinct=True,
        error_messages={
            "invalid_choice": "Kommunen «%(value)s» er ikke med i samarbeidet. "
            "Velg en kommune i listen."
        },
    )
    faggruppe = django_filters.ModelChoiceFilter(
        label="Faggruppe",
        field_name="faggruppe",
        to_field_name="slug",
        queryset=Council.objects.filter(kind=Council.Kind.EXPERT_GROUP).order_by("name"),
        empty_label="Alle faggrupper",
        error_messages={
            "invalid_choice": "Faggruppen «%(value)s» finnes ikke. Velg en faggruppe i listen."
        },
    )
    kritisk = django_filters.ChoiceFilter(
        label="Kritisk for liv og helse",
        method="filter_critical",
        choices=[("ja", "Bare kritiske for liv og helse"), ("nei", "Bare ikke-kritiske")],
        empty_label="Alle tjenester",
        error_messages={
            "invalid_choice": "«%(value)s» er ikke et valg for kritisk for liv og helse. "
            "Velg i listen."
        },
    )
    stikkord = django_filters.ModelChoiceFilter(
        label="Stikkord",
        field_name="tags",
        to_field_name="slug",
        # Only tags some service carries, so no choice leads to an empty list.
        queryset=Tag.objects.filter(governance_servicetag_items__isnull=False)
        .distinct()
        .order_by("name"),
        empty_label="Alle stikkord",
        distinct=True,
        error_messages={
            "invalid_choice": "Stikkordet «%(value)s» finnes ikke. Velg et stikkord i listen."
        },
    )

    class Meta:
        model = Service
        fields = []

    def filter_text(self, queryset, name, value):
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(summary__icontains=word)
                | Q(description__icontains=word)
                | Q(vendor__icontains=word)
                | Q(tags__name__icontains=word)
            )
        return queryset.distinct() if words else queryset

    def filter_critical(self, queryset, name, value):
        return queryset.filter(critical=value == "ja")

    @property
    def is_filtered(self):
        """Whether the reader has asked for any filter (so there is something to clear)."""
        return self.is_bound and any(
            value.strip() for name, value in self.data.items() if name in self.filters
        )


class OverviewFilterForm(forms.Form):
    """The overview's one filter: a municipality, by its slug; empty means all four."""

    kommune = forms.ModelChoiceField(
        label="Kommune",
        queryset=municipalities(),
        to_field_name="slug",
        required=False,
        empty_label="Alle kommuner",
        error_messages={
            "invalid_choice": "Kommunen «%(value)s» er ikke med i samarbeidet. "
            "Velg en kommune i listen."
        },
    )


class YearField(forms.TypedChoiceField):
    """A year from the list; says so when the year is not a number at all."""

    def validate(self, value):
        if value not in self.empty_values and not str(value).isdigit():
            raise ValidationError(self.error_messages["not_a_number"], code="not_a_number")
        super().validate(value)


class DecisionFilterForm(forms.Form):
    """The search and filters of /vedtak/, from the query string."""

    q = forms.CharField(
        label="Søk i tittel og vedtak",
        required=False,
        max_length=200,
        error_messages={
            "max_length": "Søket kan ha høyst %(limit_value)d tegn (det har %(show_value)d).",
        },
    )
    rad = forms.ModelChoiceField(
        label="Råd",
        queryset=Council.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Alle råd",
        error_messages={
            "invalid_choice": "Fant ikke rådet «%(value)s». Velg et råd fra listen.",
        },
    )
    ar = YearField(
        label="År",
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={
            "not_a_number": "Året må være et tall, for eksempel 2026.",
            "invalid_choice": "Det finnes ingen publiserte vedtak fra %(value)s.",
        },
    )
    side = forms.IntegerField(
        required=False,
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": "Sidetallet må være et helt tall, for eksempel 2.",
            "min_value": "Sidetallet må være 1 eller høyere.",
        },
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ar"].choices = [("", "Alle år"), *((year, year) for year in years)]

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())
