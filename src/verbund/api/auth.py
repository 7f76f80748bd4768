"""API authentication: a personal access token (Bearer) or the browser session."""

from ninja.security import APIKeyCookie, HttpBearer

from verbund.accounts.services import authenticate_token


class TokenAuth(HttpBearer):
    """`Authorization: Bearer vb_…`: a personal access token from the profile page."""

    def authenticate(self, request, token):
        user = authenticate_token(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The logged-in browser session (with Django's CSRF check on writes)."""

    param_name = "sessionid"

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            return user
        return None
