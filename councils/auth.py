"""An authentication backend that lets today's council secretaries into the admin."""

from django.contrib.auth.backends import BaseBackend

from .membership import secretary_councils


class CouncilRoleBackend(BaseBackend):
    """Grants `wagtailadmin.access_admin` to whoever is a council's secretary today.

    Authenticates no one; it only answers permission questions, so access follows
    the membership's dates and ends with it.
    """

    def has_perm(self, user_obj, perm, obj=None):
        if perm != "wagtailadmin.access_admin" or not user_obj.is_active:
            return False
        return secretary_councils(user_obj).exists()
