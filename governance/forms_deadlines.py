"""The GET form on /sla/frister/: a priority and when the case was opened."""

import datetime

from django import forms

from .sla_calendar import OSLO, year_problem


class DeadlineForm(forms.Form):
    """Priority (from the live SLA), date and clock time; the time is read as Oslo time."""

    prioritet = forms.ChoiceField(
        label="Prioritet",
        error_messages={
            "required": "Velg en prioritet.",
            "invalid_choice": "Velg en av prioritetene i SLA-en.",
        },
    )
    dato = forms.DateField(
        label="Dato saken ble meldt",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        error_messages={
            "required": "Skriv datoen saken ble meldt.",
            "invalid": "Skriv datoen som dd.mm.åååå, for eksempel 27.03.2026.",
        },
    )
    klokkeslett = forms.TimeField(
        label="Klokkeslett",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        input_formats=["%H:%M", "%H:%M:%S", "%H.%M"],
        error_messages={
            "required": "Skriv klokkeslettet saken ble meldt.",
            "invalid": "Skriv klokkeslettet som tt:mm, for eksempel 14:00.",
        },
    )

    def __init__(self, *args, priorities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prioritet"].choices = [(name, name) for name in priorities]

    def clean_dato(self):
        day = self.cleaned_data["dato"]
        if problem := year_problem(day):
            raise forms.ValidationError(problem)
        return day

    def opened_at(self):
        """When the case was opened, as an aware datetime in Oslo time."""
        return datetime.datetime.combine(
            self.cleaned_data["dato"], self.cleaned_data["klokkeslett"], tzinfo=OSLO
        )

    @staticmethod
    def initial_for(now):
        """The form's starting values: the first priority and the current minute in Oslo."""
        local = now.astimezone(OSLO)
        return {"dato": local.date(), "klokkeslett": local.time().replace(second=0, microsecond=0)}
