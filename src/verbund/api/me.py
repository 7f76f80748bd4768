"""API: the caller's own login, profile and roles (`/me`)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from verbund.accounts.services import set_language
from verbund.api.schemas import Ref, enum
from verbund.members.models import Visibility
from verbund.members.services import update_person
from verbund.network.models import Group
from verbund.network.queries import Roles, forget_roles, roles_of

router = Router(tags=["me"])

LANGUAGES = ["de", "en"]
VISIBILITIES = [choice.value for choice in Visibility]


class UserOut(Schema):
    email: str
    language: str


class ProfileOut(Schema):
    """The caller's own person, with every contact field and who may see it."""

    code: str
    first_name: str
    last_name: str
    function: str
    company: Ref | None
    is_company_admin: bool
    email: str
    email_visibility: Visibility
    phone: str
    phone_visibility: Visibility
    mobile: str
    mobile_visibility: Visibility
    languages: str
    expertise: str


class RolesOut(Schema):
    """What the caller is now; group lists are the groups' codes."""

    office: bool
    board: bool
    member: bool
    guest: bool
    groups: list[str]
    moderated_groups: list[str]
    secretary_groups: list[str]
    visited_groups: list[str]


class MeOut(Schema):
    user: UserOut
    person: ProfileOut | None
    roles: RolesOut


class MePatch(Schema):
    """Fields to change; fields left out stay as they are."""

    language: str = Field(None, **enum(LANGUAGES))
    first_name: str = None
    last_name: str = None
    function: str = None
    email: str = None
    email_visibility: str = Field(None, **enum(VISIBILITIES))
    phone: str = None
    phone_visibility: str = Field(None, **enum(VISIBILITIES))
    mobile: str = None
    mobile_visibility: str = Field(None, **enum(VISIBILITIES))
    languages: str = None
    expertise: str = None


def _roles_out(roles: Roles) -> dict:
    groups = roles.group_ids | roles.moderated_group_ids | roles.secretary_group_ids
    codes = dict(
        Group.objects.filter(pk__in=groups | roles.visited_group_ids).values_list("pk", "code")
    )

    def sorted_codes(ids: frozenset[int]) -> list[str]:
        return sorted(codes[pk] for pk in ids)

    return {
        "office": roles.is_office,
        "board": roles.is_board,
        "member": roles.is_member,
        "guest": roles.is_guest,
        "groups": sorted_codes(roles.group_ids),
        "moderated_groups": sorted_codes(roles.moderated_group_ids),
        "secretary_groups": sorted_codes(roles.secretary_group_ids),
        "visited_groups": sorted_codes(roles.visited_group_ids),
    }


def _me(user) -> dict:
    roles = roles_of(user)
    return {"user": user, "person": roles.person, "roles": _roles_out(roles)}


@router.get("/me", response=MeOut)
def me_detail(request: HttpRequest):
    """The caller's login, own profile (all fields) and roles."""
    return _me(request.user)


@router.patch("/me", response=MeOut)
def me_update(request: HttpRequest, payload: MePatch):
    """Change the caller's language and own profile; nothing is changed if any field fails."""
    user = request.user
    data = payload.dict(exclude_unset=True)
    language = data.pop("language", None)
    person = roles_of(user).person
    with transaction.atomic():
        if language is not None:
            set_language(user=user, language=language, actor=user)
        if data and person is None:
            raise ValidationError(_("Your login has no profile to change."))
        if data:
            update_person(person=person, data=data, actor=user)
    if language is not None:
        translation.activate(language)
    forget_roles(user)
    return _me(user)
