"""API authentication: a personal access token (Bearer) or the browser session."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from verbund.accounts.middleware import lacks_required_second_factor
from verbund.accounts.services import authenticate_token
from verbund.conduct.middleware import EXEMPT_PREFIXES, must_accept_message
from verbund.conduct.queries import must_accept


class TokenAuth(HttpBearer):
    """`Authorization: Bearer vb_…`: a personal access token from the profile page."""

    def authenticate(self, request, token):
        user = authenticate_token(token)
        if user is None:
            # A token that was sent but is wrong or revoked must not fall back to the
            # session: the caller meant this token, so they learn at once that it fails.
            raise AuthenticationError
        request.user = user
        if lacks_required_second_factor(user):
            # A token made before an election to the board must not get round the rule.
            raise HttpError(403, _("Please set up a second factor (TOTP) before using Verbund."))
        # UserLanguageMiddleware only knew the session user; answer in the token owner's language.
        translation.activate(user.language)
        request.LANGUAGE_CODE = user.language
        if not request.path.startswith(EXEMPT_PREFIXES) and must_accept(user):
            # A token is no login, so no login asks; the code of honour comes first all the same.
            raise HttpError(403, must_accept_message())
        return user


class SessionAuth(APIKeyCookie):
    """The logged-in browser session, with Django's CSRF check on unsafe methods."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            # Anonymous callers get 401, not a CSRF complaint about a session they lack.
            return None
        exempt = getattr(request, "_ninja_csrf_exempt", False)
        if self.csrf and not exempt and check_csrf(request) is not None:
            raise HttpError(403, _("CSRF check failed: send the X-CSRFToken header."))
        return user

    def authenticate(self, request, key):
        """Unused: `__call__` reads the session's user (required by the base class)."""
        return None
