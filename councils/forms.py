"""Admin forms for meetings and cases: a secretary only sees their own councils."""

from django.db import transaction
from wagtail.admin.forms import WagtailAdminModelForm

from . import cases, minutes
from .membership import secretary_councils
from .models import Council, Meeting


def _limit_to_secretary_councils(form, user):
    model = form._meta.model
    permission = f"{model._meta.app_label}.change_{model._meta.model_name}"
    if user is None or user.has_perm(permission):
        return
    councils = secretary_councils(user)
    form.fields["council"].queryset = Council.objects.filter(pk__in=councils)
    if "meeting" in form.fields:
        form.fields["meeting"].queryset = Meeting.objects.filter(council__in=councils)


class MeetingForm(WagtailAdminModelForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        _limit_to_secretary_councils(self, for_user)

    def save(self, commit=True):
        minutes.stamp_publication(self.instance)
        return super().save(commit=commit)


class AgendaItemForm(WagtailAdminModelForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        _limit_to_secretary_councils(self, for_user)

    def clean(self):
        cleaned_data = super().clean()
        meeting, council = cleaned_data.get("meeting"), cleaned_data.get("council")
        if meeting and council and meeting.council_id != council.pk:
            self.add_error("meeting", "Møtet hører til et annet råd enn saken.")
        return cleaned_data

    @transaction.atomic
    def save(self, commit=True):
        cases.number_case(self.instance)
        item = super().save(commit=commit)
        if commit:
            cases.raise_if_not_agreed(item)
        return item
