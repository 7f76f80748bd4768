"""The REST API under /api/v1/: one NinjaAPI, one router per domain, JSON errors."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from verbund.api.auth import SessionAuth, TokenAuth
from verbund.api.errors import http_message, schema_message

DESCRIPTION = """The REST API of Verbund. It obeys exactly the rules of the pages.

**Authentication**: a personal access token (`Authorization: Bearer vb_…`, created on your
profile page) or the browser session; with the session, changes need the `X-CSRFToken` header.
A wrong or revoked token is refused (401) even if a session is present.

**Objects** are addressed by their opaque `code`. **Lists** are paginated:
`?page=` (from 1) and `?page_size=` (default 50, at most 100) give `{"items": [...], "count": N}`.

**Hidden data is null, never left out**: a guest sees only the network's `name`; a company's
`annual_revenue` is null unless you belong to that company; a person's `email`, `phone` and
`mobile` are null where their visibility settings hide them from you; a company's
`status_history` is null except for the network office and the advisory board.

**Errors** are JSON: `{"message": "...", "errors": [{"field": "...", "message": "..."}]}`
(`errors` on validation failures, 422, only): 401 not authenticated, 403 not allowed,
404 not found or not visible to you.
"""

api = NinjaAPI(
    title="Verbund API",
    version="1",
    urls_namespace="api",
    auth=[TokenAuth(), SessionAuth()],
    # Swagger UI is served from ninja's own static files (no CDN) and sets inline style
    # attributes, so its page alone may use inline styles; the validator badge would call out.
    docs=Swagger(settings={"validatorUrl": None}),
    docs_decorator=csp_update({"style-src": [SELF, UNSAFE_INLINE]}),
    description=DESCRIPTION,
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
    return _error(request, exc.status_code, http_message(str(exc)))


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
        {"field": _field_name(error["loc"]), "message": schema_message(error)}
        for error in exc.errors
    ]
    return _error(request, 422, _("Please correct the marked fields."), errors)


def _field_name(loc: tuple) -> str | None:
    """`("body", "payload", "email")` → `"email"`; `("query", "kind")` → `"kind"`."""
    # A body's second part is the view's parameter name, which means nothing to the caller.
    parts = loc[2:] if loc[0] == "body" and len(loc) > 2 else loc[1:]
    return ".".join(str(part) for part in parts) or None


def register_routers() -> None:
    from verbund.api.admissions import router as admissions_router
    from verbund.api.board_cases import router as board_cases_router
    from verbund.api.conduct import router as conduct_router
    from verbund.api.conduct_cases import router as conduct_cases_router
    from verbund.api.directory import router as directory_router
    from verbund.api.finder import router as finder_router
    from verbund.api.guests import router as guests_router
    from verbund.api.imports import router as imports_router
    from verbund.api.leads import router as leads_router
    from verbund.api.me import router as me_router
    from verbund.api.meetings import router as meetings_router
    from verbund.api.members import router as members_router
    from verbund.api.network import router as network_router
    from verbund.api.one_to_ones import router as one_to_ones_router
    from verbund.api.pipeline import router as pipeline_router
    from verbund.api.referrals import router as referrals_router
    from verbund.api.skills import router as skills_router

    api.add_router("", network_router)
    api.add_router("", members_router)
    api.add_router("", me_router)
    api.add_router("", meetings_router)
    api.add_router("", directory_router)
    api.add_router("", skills_router)
    api.add_router("", imports_router)
    api.add_router("", leads_router)
    api.add_router("", finder_router)
    api.add_router("", conduct_router)
    api.add_router("", conduct_cases_router)
    # Before admissions: `/applications/pipeline` is no application code.
    api.add_router("", pipeline_router)
    api.add_router("", admissions_router)
    api.add_router("", board_cases_router)
    api.add_router("", guests_router)
    api.add_router("", referrals_router)
    api.add_router("", one_to_ones_router)
    from verbund.api.scorecard import router as scorecard_router

    api.add_router("", scorecard_router)
    from verbund.api.help_requests import router as help_requests_router

    api.add_router("", help_requests_router)
    from verbund.api.value import router as value_router

    api.add_router("", value_router)


register_routers()
