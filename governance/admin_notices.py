"""Operational notices in the Wagtail admin: operations write, publish and withdraw them.

Every save goes through the rules in governance/notices.py: the form refuses what the
SLA does not allow, and the views publish and keep the outage log in step.
"""

import copy

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, DeleteView, EditView, SnippetViewSet

from . import notices
from .models import OperationalNotice

CHECKED_FIELDS = ("kind", "starts_at", "ends_at", "system_owner_agreement", "late_reason")
DATE_FORMAT = r"l j. F Y \k\l. H:i"  # "mandag 5. januar 2026 kl. 08:00"


class NoticeForm(WagtailAdminModelForm):
    """Checks a notice against the SLA's rules, as of the moment the form is sent."""

    publish_now = forms.BooleanField(
        label="Publiser nå",
        required=False,
        help_text="Meldingen vises på /driftsmeldinger/ og i feedene når du lagrer.",
    )
    unpublish = forms.BooleanField(
        label="Avpubliser",
        required=False,
        help_text="Meldingen tas bort fra nettstedet, og planlagt nedetid fra avbruddsloggen.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One moment for both the check and the publication, so they cannot disagree.
        self.now = timezone.now()
        published_at = self.instance.published_at
        if published_at:
            del self.fields["publish_now"]
            local = timezone.localtime(published_at)
            self.fields["unpublish"].help_text = (
                f"Publisert {date_format(local, DATE_FORMAT)}. "
                + self.fields["unpublish"].help_text
            )
        else:
            del self.fields["unpublish"]

    def announced(self):
        """When the notice's start becomes public with this save; None if it stays a draft."""
        if self.cleaned_data.get("unpublish"):
            return None
        if self.cleaned_data.get("publish_now"):
            return self.now
        if self.instance.published_at is None:
            return None
        return notices.announced_at(
            self.instance.published_at,
            self.instance.starts_at,
            self.cleaned_data.get("starts_at"),
            self.now,
        )

    def clean(self):
        cleaned_data = super().clean()
        if any(name in self.errors for name in CHECKED_FIELDS):
            return cleaned_data  # each field's own error comes first
        # The instance takes the form's values only after clean(); check a copy with them.
        candidate = copy.copy(self.instance)
        for name in CHECKED_FIELDS:
            setattr(candidate, name, cleaned_data.get(name))
        for field, message in notices.notice_problems(candidate, self.announced()).items():
            self.add_error(field, message)
        return cleaned_data


def _after_save(view, notice):
    """Publish, withdraw or re-sync the outage log, as the form asked (inside the save)."""
    data = view.form.cleaned_data
    if data.get("publish_now"):
        notices.publish_notice(notice, when=view.form.now)
    elif data.get("unpublish"):
        notices.unpublish_notice(notice)
    else:
        notices.sync_planned_outages(notice)
    return notice


class NoticeCreateView(CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return _after_save(self, super().save_instance())


class NoticeEditView(EditView):
    def save_instance(self):
        return _after_save(self, super().save_instance())


class NoticeDeleteView(DeleteView):
    def delete_action(self):
        notices.delete_notice(self.object)


@hooks.register("before_bulk_action")
def remove_outages_of_deleted_notices(request, action_type, objects, action):
    """Bulk deletion runs this inside its transaction, before the notices go."""
    if action_type == "delete":
        notices.remove_planned_outages(
            [obj for obj in objects if isinstance(obj, OperationalNotice)]
        )


class NoticeViewSet(SnippetViewSet):
    """Driftsmeldinger: disruptions and planned maintenance (SLA 5.3 and 6.2)."""

    model = OperationalNotice
    icon = "warning"
    menu_label = "Driftsmeldinger"
    menu_order = 220
    add_to_admin_menu = True
    add_view_class = NoticeCreateView
    edit_view_class = NoticeEditView
    delete_view_class = NoticeDeleteView
    # A copy would carry the original's publication past the rules.
    copy_view_enabled = False
    list_display = ["title", "kind", "starts_at", "ends_at", "published_at"]
    list_filter = ["kind"]
    search_fields = ["title", "body"]
    edit_handler = ObjectList(
        [
            FieldPanel("kind"),
            FieldPanel("title"),
            FieldPanel("body"),
            FieldPanel("services", widget=forms.CheckboxSelectMultiple),
            FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
            MultiFieldPanel(
                [FieldPanel("system_owner_agreement"), FieldPanel("late_reason")],
                heading="Planlagt vedlikehold (SLA 6.2)",
            ),
            MultiFieldPanel(
                [FieldPanel("publish_now"), FieldPanel("unpublish")], heading="Publisering"
            ),
        ],
        base_form_class=NoticeForm,
    )


register_snippet(NoticeViewSet)
