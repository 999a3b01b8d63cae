"""Who is calling: an integration with a Wagtail API token, or a logged-in browser."""

from django.conf import settings
from ninja.errors import HttpError
from ninja.security import APIKeyCookie
from ninja.utils import check_csrf
from wagtail.api.v3.auth import BearerTokenAuth

CSRF_FAILED = (
    "CSRF-kontrollen feilet. Send overskriften X-CSRFToken med verdien fra informasjonskapselen "
    "csrftoken, eller bruk et API-token."
)


class TokenAuth(BearerTokenAuth):
    """`Authorization: Bearer <token>`, with tokens from `manage.py api_tokens`.

    Tried first: a token that is unknown, revoked or belongs to an inactive user makes the
    request anonymous, so a session cookie sent alongside cannot rescue it (401).
    """


class SessionAuth(APIKeyCookie):
    """The site's own login session, for the browser; unsafe methods need the CSRF token.

    Unlike ninja's `django_auth`, the CSRF check comes after the login check, so a caller
    without a session is told to log in (401), not that a CSRF token is missing (403).
    """

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request):
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request, key):
        if not request.user.is_authenticated:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, CSRF_FAILED)
        return request.user


AUTH = [TokenAuth(), SessionAuth()]
