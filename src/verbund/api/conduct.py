"""API: the code of honour — read it, accept it, and (the office) publish a new version."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status

from verbund.common.http import check_perm
from verbund.conduct.queries import acceptance_of, current_code
from verbund.conduct.services import accept_code, publish_code
from verbund.conduct.signals import SESSION_KEY
from verbund.network.queries import roles_of

router = Router(tags=["code of honour"])


class CodeOut(Schema):
    """The current version. `accepted_at` is when you accepted it: null if you have not
    (people of member companies must, before anything else) or are not bound by it."""

    version: int
    text_de: str
    text_en: str
    published_at: datetime
    accepted_at: datetime | None


class AcceptIn(Schema):
    """The version you read (a newer one published meanwhile is refused: read it first)."""

    version: int


class PublishIn(Schema):
    text_de: str
    text_en: str


def _out(request: HttpRequest) -> dict:
    code = current_code()
    if code is None:
        raise Http404
    acceptance = acceptance_of(roles_of(request.user).person, code)
    return {
        "version": code.version,
        "text_de": code.text_de,
        "text_en": code.text_en,
        "published_at": code.published_at,
        "accepted_at": acceptance.accepted_at if acceptance else None,
    }


@router.get("/code-of-honour", response=CodeOut)
def code_of_honour(request: HttpRequest):
    """The current code of honour (404 before the office has published one)."""
    check_perm(request, "conduct.view_code")
    return _out(request)


@router.post("/code-of-honour/accept", response=CodeOut)
def accept(request: HttpRequest, payload: AcceptIn):
    """Accept the current version (people of member companies; others get 403)."""
    roles = roles_of(request.user)
    if not roles.is_member or roles.person is None:
        raise PermissionDenied
    accept_code(person=roles.person, version=payload.version, actor=request.user)
    request.session.pop(SESSION_KEY, None)  # a token request has an (empty) session too
    return _out(request)


@router.post("/code-of-honour", response={201: CodeOut})
def publish(request: HttpRequest, payload: PublishIn):
    """Publish a new version (the network office). Everyone bound by the code must accept
    it at their next login, and API tokens wait for it too."""
    check_perm(request, "conduct.publish_code")
    publish_code(text_de=payload.text_de, text_en=payload.text_en, actor=request.user)
    return Status(201, _out(request))
