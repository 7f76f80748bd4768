"""Nothing else before the code of honour: a member who must accept it is sent there."""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from verbund.conduct.signals import SESSION_KEY

# Reading and accepting the code (page and API), logging out, the second factor, static
# files, the language.
EXEMPT_PREFIXES = (
    "/code-of-honour/",
    "/api/v1/code-of-honour",
    "/profile/language/",  # to read the code in one's own language first
    "/accounts/",
    "/static/",
    "/i18n/",
)


class RequireCodeOfHonourMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is None or not session.get(SESSION_KEY):
            return self.get_response(request)
        if request.path.startswith(EXEMPT_PREFIXES):
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"message": must_accept_message()}, status=403)
        url = reverse("conduct:code_of_honour")
        if request.method == "GET":  # back there after accepting (the view checks `next`)
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)


def must_accept_message() -> str:
    return _("Please accept the code of honour before using Verbund.")
