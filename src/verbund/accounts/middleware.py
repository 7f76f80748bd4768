"""Per-user language and the second factor that office and board must have."""

from allauth.mfa.utils import is_mfa_enabled
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from verbund.network.queries import roles_of


class UserLanguageMiddleware:
    """A logged-in user's saved language wins over the browser's Accept-Language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


# Paths a user without the required second factor may still reach: setting it up, logging out.
EXEMPT_PREFIXES = ("/accounts/", "/static/", "/i18n/")


class RequireSecondFactorMiddleware:
    """Office and board members must set up TOTP before they see anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up(request):
            if request.path.startswith("/api/"):
                message = _("Please set up a second factor (TOTP) before using Verbund.")
                return JsonResponse({"message": message}, status=403)
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _must_set_up(request) -> bool:
        if request.path.startswith(EXEMPT_PREFIXES):
            return False
        return lacks_required_second_factor(request.user)


def lacks_required_second_factor(user) -> bool:
    """Office, board and operator accounts (staff) may do nothing until TOTP is set up."""
    if user is None or not user.is_authenticated:
        return False
    roles = roles_of(user)
    if not (roles.is_office or roles.is_board or user.is_staff or user.is_superuser):
        return False
    return not is_mfa_enabled(user, ["totp"])
