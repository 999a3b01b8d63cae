"""Helpers that change the SLA the way an editor would, without the admin's forms."""

from governance.models import SLAPage


def draft_of_sla():
    return SLAPage.objects.get().get_latest_revision_as_object()


def set_section_text(page, number, html):
    """Replace the text of a section (its first paragraph block) in raw StreamField data."""
    raw = page.body.get_prep_value()
    for section in raw:
        if section["value"]["number"] == number:
            section["value"]["content"][0]["value"] = html
            break
    else:
        raise AssertionError(f"No section {number}")
    page.body = raw


def publish(page, user=None, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    revision = page.save_revision(user=user)
    revision.publish(user=user)
    return SLAPage.objects.get()
