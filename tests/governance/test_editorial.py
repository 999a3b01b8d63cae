"""Editors change the SLA and the mandates; only an approver's acceptance publishes."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Workflow

from governance import editorial
from governance.models import MandatePage
from tests.governance.helpers import draft_of_sla, set_section_text


def test_wagtails_default_groups_become_ours(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {editorial.EDITORS, editorial.APPROVERS} <= names
    assert not {"Editors", "Moderators"} & names


def test_running_the_setup_again_changes_nothing(sla):
    before = (Group.objects.count(), Workflow.objects.count())
    editorial.ensure_editorial_setup()
    assert (Group.objects.count(), Workflow.objects.count()) == before


@pytest.mark.parametrize("page_type", ["sla", "mandate"])
def test_editors_may_edit_but_not_publish_and_approvers_may_publish(
    page_type, sla, editor, approver
):
    page = sla if page_type == "sla" else MandatePage.objects.first()
    assert page.permissions_for_user(editor).can_edit()
    assert not page.permissions_for_user(editor).can_publish()
    assert page.permissions_for_user(approver).can_publish()
    assert page.get_workflow().name == editorial.WORKFLOW


def test_a_change_is_published_only_when_an_approver_accepts_it(client, sla, editor, approver):
    draft = draft_of_sla()
    set_section_text(draft, "7", "<p>ROR-IKT rapporterer hvert kvartal til Samarbeidsrådet.</p>")
    revision = draft.save_revision(user=editor)
    workflow_state = sla.get_workflow().start(sla, editor)
    assert "hvert kvartal" not in client.get("/sla/").content.decode()

    task_state = workflow_state.current_task_state
    task = task_state.task.specific
    assert task.get_actions(sla, editor) == []
    assert "approve" in [name for name, *_ in task.get_actions(sla, approver)]

    task_state.approve(user=approver)
    sla.refresh_from_db()
    assert sla.live_revision_id == revision.pk
    assert sla.versions.last().number == 2
    assert "hvert kvartal" in client.get("/sla/").content.decode()
