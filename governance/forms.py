"""Admin and site forms of the published documents."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from . import sla_terms


def _live_rows(formset):
    """The cleaned rows of an inline formset that the editor has not deleted."""
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class SLAPageForm(WagtailAdminPageForm):
    """Checks the SLA's figures as a whole before a change can be saved."""

    def clean(self):
        cleaned_data = super().clean()
        if not all(formset.is_valid() for formset in self.formsets.values()):
            return cleaned_data  # each row's own errors come first
        problems = sla_terms.figures_problems(
            priorities=[row["name"] for row in _live_rows(self.formsets["priorities"])],
            opening_hours=[
                (row["weekday"], row["opens"], row["closes"])
                for row in _live_rows(self.formsets["opening_hours"])
            ],
            preferred_channels=[
                row["label"]
                for row in _live_rows(self.formsets["contact_channels"])
                if row.get("preferred")
            ],
        )
        for problem in problems:
            self.add_error(None, problem)
        effective_date = cleaned_data.get("effective_date")
        if effective_date and self.instance.pk:
            current = self.instance.current_version()
            if current and effective_date < current.effective_date:
                self.add_error(
                    "effective_date",
                    "En ny versjon kan ikke gjelde fra før gjeldende versjon "
                    f"({current.effective_date:%d.%m.%Y}).",
                )
        return cleaned_data


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Søk i SLA, mandater og dokumenter",
        max_length=200,
        error_messages={
            "required": "Skriv inn et eller flere ord du vil søke etter.",
            "max_length": "Søket kan ha høyst %(limit_value)d tegn (det har %(show_value)d).",
        },
    )

    def clean_q(self):
        query = " ".join(self.cleaned_data["q"].split())
        if not query:
            raise forms.ValidationError("Skriv inn et eller flere ord du vil søke etter.")
        return query
