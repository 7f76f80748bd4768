"""GET and PATCH /me: the caller's login, own profile and roles."""

from tests import factories as f
from tests.api.conftest import de, get, patch, token_client, token_for
from tests.conftest import client_for
from verbund.common.models import AuditEntry
from verbund.members.models import Visibility


def _profile(person) -> dict:
    company = person.company
    return {
        "code": person.code,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "function": person.function,
        "company": {"code": company.code, "name": company.name} if company else None,
        "is_company_admin": person.is_company_admin,
        "email": person.email,
        "email_visibility": person.email_visibility,
        "phone": person.phone,
        "phone_visibility": person.phone_visibility,
        "mobile": person.mobile,
        "mobile_visibility": person.mobile_visibility,
        "languages": person.languages,
        "expertise": person.expertise,
    }


def _roles(**given) -> dict:
    roles = {
        "office": False,
        "board": False,
        "member": False,
        "guest": False,
        "groups": [],
        "moderated_groups": [],
        "secretary_groups": [],
        "visited_groups": [],
    }
    return {**roles, **given}


def test_me_member(cast, group_a):
    member = cast["member"]
    response = get(member, "/me")
    expected = {
        "user": {"email": "member@example.org", "language": "de"},
        "person": _profile(member.person),
        "roles": _roles(member=True, groups=[group_a.code]),
    }
    assert (response.status_code, response.json()) == (200, expected)


def test_me_member_sees_own_private_fields(cast):
    person = cast["member"].person
    person.mobile_visibility = Visibility.PRIVATE
    person.save()
    body = get(cast["member"], "/me").json()["person"]
    assert (body["mobile"], body["mobile_visibility"]) == ("+49 170 1234567", "private")


def test_me_moderator(cast, group_a):
    roles = get(cast["moderator"], "/me").json()["roles"]
    assert roles == _roles(member=True, groups=[group_a.code], moderated_groups=[group_a.code])


def test_me_guest(cast, group_a):
    guest = cast["guest"]
    response = get(guest, "/me")
    expected = {
        "user": {"email": "guest@example.org", "language": "de"},
        "person": _profile(guest.person),
        "roles": _roles(guest=True, visited_groups=[group_a.code]),
    }
    assert (response.status_code, response.json()) == (200, expected)


def test_me_office_and_board(cast, group_b):
    office = get(cast["office"], "/me").json()
    board = get(cast["board"], "/me").json()["roles"]
    assert (office["person"]["company"], office["roles"]) == (None, _roles(office=True))
    assert board == _roles(board=True, member=True, groups=[group_b.code])


def test_me_login_without_person(db):
    user = f.UserFactory(email="lonely@example.org")
    response = get(user, "/me")
    expected = {
        "user": {"email": "lonely@example.org", "language": "de"},
        "person": None,
        "roles": _roles(),
    }
    assert (response.status_code, response.json()) == (200, expected)


CHANGE = {
    "first_name": "Maria-Theresa",
    "last_name": "Huber-Lechner",
    "function": "CTO",
    "email": "maria@alpen-it.example",
    "email_visibility": "group",
    "phone": "+49 89 999",
    "phone_visibility": "private",
    "mobile": "+49 171 555",
    "mobile_visibility": "members",
    "languages": "Deutsch, English",
    "expertise": "Netzwerke, Firewalls",
}


def test_me_patch_changes_own_profile(cast):
    member = cast["member"]
    response = patch(client_for(member), "/me", CHANGE)
    person = member.person
    person.refresh_from_db()
    saved = {key: getattr(person, key) for key in CHANGE}
    entry = AuditEntry.objects.get(action="person.update")
    assert (response.status_code, response.json()["person"]) == (200, _profile(person))
    assert saved == CHANGE
    assert (entry.actor, entry.object_id, sorted(entry.changes)) == (
        member,
        person.code,
        sorted(CHANGE),
    )
    assert entry.changes["function"] == ["Geschäftsführer", "CTO"]


def test_me_patch_changes_only_the_given_fields(cast):
    member = cast["member"]
    response = patch(client_for(member), "/me", {"function": "CTO"})
    member.person.refresh_from_db()
    assert (response.status_code, member.person.function, member.person.first_name) == (
        200,
        "CTO",
        "Maria",
    )


def test_me_patch_language(cast):
    member = cast["member"]
    response = patch(client_for(member), "/me", {"language": "en"})
    member.refresh_from_db()
    entry = AuditEntry.objects.get(action="user.language")
    assert (response.status_code, response.json()["user"], member.language) == (
        200,
        {"email": "member@example.org", "language": "en"},
        "en",
    )
    assert entry.changes == {"language": ["de", "en"]}


def test_me_patch_by_token(cast):
    member = cast["member"]
    response = patch(token_client(token_for(member)), "/me", {"expertise": "VoIP"})
    member.person.refresh_from_db()
    assert (response.status_code, member.person.expertise) == (200, "VoIP")


def test_me_patch_guest_changes_own_profile(cast):
    guest = cast["guest"]
    response = patch(client_for(guest), "/me", {"function": "Inhaber"})
    guest.person.refresh_from_db()
    assert (response.status_code, guest.person.function) == (200, "Inhaber")


def test_me_patch_ignores_fields_that_are_not_the_callers(cast):
    colleague = cast["colleague"]
    response = patch(client_for(colleague), "/me", {"is_company_admin": True, "company": None})
    colleague.person.refresh_from_db()
    assert (response.status_code, colleague.person.is_company_admin) == (200, False)
    assert colleague.person.company.name == "Alpen IT Service GmbH"


def _unchanged(member) -> tuple:
    member.refresh_from_db()
    member.person.refresh_from_db()
    person = member.person
    changed = AuditEntry.objects.filter(action__in=["person.update", "user.language"]).count()
    return member.language, person.first_name, person.email, changed


def test_me_patch_bad_email_is_422_and_changes_nothing(cast):
    member = cast["member"]
    response = patch(client_for(member), "/me", {"first_name": "Eva", "email": "no-at-sign"})
    message = de("Enter a valid email address.")
    expected = {"message": message, "errors": [{"field": "email", "message": message}]}
    assert (response.status_code, response.json()) == (422, expected)
    assert _unchanged(member) == ("de", "Maria", "member@example.org", 0)


def test_me_patch_unknown_language_is_422_and_changes_nothing(cast):
    member = cast["member"]
    response = patch(client_for(member), "/me", {"language": "fr", "first_name": "Eva"})
    message = de("Please choose German or English.")
    expected = {"message": message, "errors": [{"field": "language", "message": message}]}
    assert (response.status_code, response.json()) == (422, expected)
    assert _unchanged(member) == ("de", "Maria", "member@example.org", 0)


def test_me_patch_good_language_with_bad_email_changes_nothing(cast):
    member = cast["member"]
    response = patch(client_for(member), "/me", {"language": "en", "email": "no-at-sign"})
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "email")
    assert _unchanged(member) == ("de", "Maria", "member@example.org", 0)


def test_me_patch_unknown_visibility_is_422(cast):
    member = cast["member"]
    response = patch(client_for(member), "/me", {"mobile_visibility": "world"})
    message = de("Value %(value)r is not a valid choice.") % {"value": "world"}
    expected = {"message": message, "errors": [{"field": "mobile_visibility", "message": message}]}
    assert (response.status_code, response.json()) == (422, expected)
    member.person.refresh_from_db()
    assert member.person.mobile_visibility == "group"


def test_me_patch_blank_name_is_422(cast):
    member = cast["member"]
    response = patch(client_for(member), "/me", {"last_name": ""})
    message = de("This field cannot be blank.")
    expected = {"message": message, "errors": [{"field": "last_name", "message": message}]}
    assert (response.status_code, response.json()) == (422, expected)
    assert _unchanged(member) == ("de", "Maria", "member@example.org", 0)


def test_me_patch_null_name_is_422_naming_the_field(cast):
    member = cast["member"]
    response = patch(client_for(member), "/me", {"first_name": None})
    expected = {
        "message": de("Please correct the marked fields."),
        "errors": [{"field": "first_name", "message": de("Enter a text.")}],
    }
    assert (response.status_code, response.json()) == (422, expected)


def test_me_patch_profile_without_person_is_422(db):
    user = f.UserFactory()
    response = patch(client_for(user), "/me", {"function": "CTO"})
    message = de("Your login has no profile to change.")
    expected = {"message": message, "errors": [{"field": None, "message": message}]}
    assert (response.status_code, response.json()) == (422, expected)
