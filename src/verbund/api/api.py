"""The REST API under /api/v1/: one NinjaAPI, one router per domain, JSON errors."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from verbund.api.auth import SessionAuth, TokenAuth

api = NinjaAPI(
    title="Verbund API",
    version="1",
    urls_namespace="api",
    auth=[TokenAuth(), SessionAuth()],
    description=(
        "The REST API of Verbund. Authenticate with a personal access token "
        "(`Authorization: Bearer …`, created on your profile page) or the browser session. "
        "The API obeys exactly the rules of the pages."
    ),
)


def _error(request, status: int, message: str, errors: list | None = None):
    body: dict = {"message": message}
    if errors is not None:
        body["errors"] = errors
    return api.create_response(request, body, status=status)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return _error(request, 401, _("Authentication required: log in or send a valid API token."))


@api.exception_handler(PermissionDenied)
def on_forbidden(request, exc):
    return _error(request, 403, _("You do not have permission for this."))


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return _error(request, 404, _("Not found."))


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    return _error(request, exc.status_code, str(exc))


@api.exception_handler(DjangoValidationError)
def on_invalid(request, exc):
    errors = [
        {"field": None if field == "__all__" else field, "message": str(message)}
        for field, messages in getattr(exc, "message_dict", {"__all__": exc.messages}).items()
        for message in messages
    ]
    return _error(request, 422, errors[0]["message"], errors)


@api.exception_handler(NinjaValidationError)
def on_schema_invalid(request, exc):
    errors = [
        {"field": ".".join(str(part) for part in error["loc"][1:]) or None,
         "message": error["msg"]}
        for error in exc.errors
    ]
    return _error(request, 422, _("Please correct the marked fields."), errors)


def register_routers() -> None:
    from verbund.api.members import router as members_router
    from verbund.api.network import router as network_router

    api.add_router("", network_router)
    api.add_router("", members_router)


register_routers()
