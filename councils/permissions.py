"""Who may keep a council's meetings and cases: derived from dated membership, not a list.

Staff with the model permission (the editors) keep every council's records. A person
who is a council's secretary on the day may add, view and change that council's
meetings and cases, and no other council's; they may not delete them.
"""

from wagtail.permission_policies import ModelPermissionPolicy

from .membership import secretary_councils

SECRETARY_ACTIONS = {"add", "change", "view"}


class CouncilRecordsPolicy(ModelPermissionPolicy):
    """Permission policy for Meeting and AgendaItem, both of which have a `council`."""

    def _has_model_permission(self, user, action):
        return super().user_has_permission(user, action)

    def user_has_permission(self, user, action):
        if self._has_model_permission(user, action):
            return True
        return action in SECRETARY_ACTIONS and secretary_councils(user).exists()

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if self._has_model_permission(user, action):
            return True
        return (
            action in SECRETARY_ACTIONS
            and secretary_councils(user).filter(pk=instance.council_id).exists()
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_permission_for(self, user, action):
        if self._has_model_permission(user, action):
            return self.model._default_manager.all()
        if action not in SECRETARY_ACTIONS:
            return self.model._default_manager.none()
        return self.model._default_manager.filter(council__in=secretary_councils(user))

    def instances_user_has_any_permission_for(self, user, actions):
        if any(self._has_model_permission(user, action) for action in actions):
            return self.model._default_manager.all()
        if not SECRETARY_ACTIONS.intersection(actions):
            return self.model._default_manager.none()
        return self.model._default_manager.filter(council__in=secretary_councils(user))
