"""Who may change the published documents, and the approval step before publication.

Editors (Redaktører) may create and change pages but not publish them; a change is
published when an approver (Godkjennere) accepts it in Wagtail's moderation workflow.
ROR-IKT operations (Drift) publish operational notices and keep the outage log.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITORS = "Redaktører"
APPROVERS = "Godkjennere"
WORKFLOW = "Godkjenning av styringsdokumenter"
TASK = "Godkjenning"
OPERATIONS = "Drift"
# Wagtail creates groups named "Editors" and "Moderators"; ours take their place.
FORMER_NAMES = {EDITORS: "Editors", APPROVERS: "Moderators"}
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    APPROVERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
# Editors keep the organisation (people, councils, memberships, meetings) and the catalogue.
KEPT_BY_EDITORS = {
    "councils": [
        "organisation",
        "person",
        "council",
        "membership",
        "appointment",
        "meeting",
        "agendaitem",
    ],
    "governance": [
        "service",
        "servicecategory",
        "servicedeskimport",
        "specialopeningday",
        "publishedreport",
    ],
}
EDITOR_MODEL_PERMISSIONS = [
    f"{app}.{action}_{model}"
    for app, models in KEPT_BY_EDITORS.items()
    for model in models
    for action in ("add", "change", "delete", "view")
]
OTHER_PERMISSIONS = {
    EDITORS: ["wagtailadmin.access_admin", *EDITOR_MODEL_PERMISSIONS],
    APPROVERS: ["wagtailadmin.access_admin", *EDITOR_MODEL_PERMISSIONS],
}
# ROR-IKT operations publish operational notices and keep the outage log; no pages.
OPERATIONS_PERMISSIONS = [
    "wagtailadmin.access_admin",
    *(
        f"governance.{action}_{model}"
        for model in ("operationalnotice", "outage")
        for action in ("add", "change", "delete", "view")
    ),
]


@transaction.atomic
def ensure_editorial_setup():
    """Create or repair the groups (editors, approvers, operations), their permissions
    and the approval workflow."""
    root = Page.get_first_root_node()
    groups = {name: _group(name) for name in (EDITORS, APPROVERS)}
    for name, group in groups.items():
        GroupPagePermission.objects.filter(group=group, page=root).exclude(
            permission__codename__in=PAGE_PERMISSIONS[name]
        ).delete()
        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
        for label in OTHER_PERMISSIONS[name]:
            app_label, codename = label.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )

    task = GroupApprovalTask.objects.filter(name=TASK).first() or GroupApprovalTask.objects.create(
        name=TASK
    )
    task.groups.set([groups[APPROVERS]])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    previous = WorkflowPage.objects.filter(page=root).exclude(workflow=workflow).first()
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    if previous and not previous.workflow.workflow_pages.exists():
        previous.workflow.deactivate()
    groups[OPERATIONS] = _group(OPERATIONS)
    for label in OPERATIONS_PERMISSIONS:
        app_label, codename = label.split(".")
        groups[OPERATIONS].permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return groups


def _group(name):
    group = Group.objects.filter(name=name).first()
    if group is None:
        group = Group.objects.filter(name=FORMER_NAMES.get(name)).first() or Group()
        group.name = name
        group.save()
    return group
