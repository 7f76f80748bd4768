"""The office's people pages: everyone, entering a person with an invitation, and editing."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from tests import factories as f
from tests.office.conftest import errors
from tests.pages.html import de, items, rows, text
from verbund.accounts.models import User
from verbund.common.models import AuditEntry
from verbund.members.models import Person

DASH = "\N{EN DASH}"


@pytest.fixture
def named_guest(cast):
    Person.objects.filter(user=cast["guest"]).update(first_name="Gina", last_name="Gast")


def _people():
    return list(Person.objects.order_by("pk").values())


def _logins():
    return list(User.objects.order_by("pk").values_list("email", flat=True))


# ---------------------------------------------------------------- list

ROWS = [
    ["Amt, Olga", "—", "Geschäftsführer", "office@example.org", ""],
    ["Eich, Stefan", "Isar Netzwerke GmbH", "Geschäftsführer", "moderator@example.org", ""],
    ["Gast, Gina", "—", "Geschäftsführer", "guest@example.org", ""],
    ["Huber, Klaus", "Alpen IT Service GmbH", "Geschäftsführer", "colleague@example.org", ""],
    ["Huber, Maria", "Alpen IT Service GmbH", "Geschäftsführer", "member@example.org", "yes"],
    ["Krenzke, Jonas", "Lech Systemhaus GmbH", "Geschäftsführer", "member2@example.org", "yes"],
    ["Lang, Petra", "Donau Datacenter AG", "Geschäftsführer", "board@example.org", ""],
]


def _localised(table):
    return [[*row[:4], de(row[4]) if row[4] else ""] for row in table]


def test_person_list_shows_everyone(office_client, named_guest):
    f.PersonFactory(
        company=f.CompanyFactory(name="Zeta AG"),
        user=None,
        first_name="Zoe",
        last_name="Zett",
        function="Technik",
    )
    response = office_client.get("/office/people/")
    assert rows(response, "people") == _localised(
        [*ROWS, ["Zett, Zoe", "Zeta AG", "Technik", de("no login"), ""]]
    )


def test_person_list_filters_by_company(office_client, named_guest, company_a):
    response = office_client.get(f"/office/people/?company={company_a.code}")
    assert rows(response, "people") == _localised(ROWS[3:5])


def test_person_list_filters_people_without_company(office_client, named_guest):
    response = office_client.get("/office/people/?company=none")
    assert [row[0] for row in rows(response, "people")] == ["Amt, Olga", "Gast, Gina"]


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("huber", ["Huber, Klaus", "Huber, Maria"]),
        ("MEMBER2@", ["Krenzke, Jonas"]),
        ("petra", ["Lang, Petra"]),
    ],
)
def test_person_list_searches_name_and_email(office_client, named_guest, query, names):
    response = office_client.get(f"/office/people/?q={query}")
    assert [row[0] for row in rows(response, "people")] == names


# ---------------------------------------------------------------- create


def _new(company, /, **changes):
    data = {
        "company": company.pk if company else "",
        "first_name": "Rita",
        "last_name": "Rhein",
        "function": "Vertrieb",
        "email": "rita@rhein.example",
        "phone": "+49 221 1",
        "mobile": "",
        "login_email": "",
        **changes,
    }
    return {key: value for key, value in data.items() if value is not None}


def test_person_create_without_login_enters_and_logs(cast, office, office_client, company_a):
    response = office_client.post("/office/people/new/", _new(company_a, is_company_admin="on"))
    person = Person.objects.get(last_name="Rhein")
    assert (response.status_code, response["Location"]) == (302, f"/office/people/{person.code}/")
    assert (
        person.company,
        person.first_name,
        person.function,
        person.email,
        person.phone,
        person.is_company_admin,
        person.user,
    ) == (company_a, "Rita", "Vertrieb", "rita@rhein.example", "+49 221 1", True, None)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.object_id, entry.changes) == (
        "person.create",
        office,
        person.code,
        {
            "company": "Alpen IT Service GmbH",
            "first_name": "Rita",
            "last_name": "Rhein",
            "function": "Vertrieb",
            "email": "rita@rhein.example",
            "phone": "+49 221 1",
            "mobile": "",
            "is_company_admin": True,
            "login_email": "",
        },
    )
    assert mail.outbox == []


def test_person_create_with_login_sends_invitation(
    cast, office_client, company_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        office_client.post(
            "/office/people/new/", _new(company_a, login_email="Rita@Rhein.example", invite="on")
        )
    person = Person.objects.select_related("user").get(last_name="Rhein")
    address = EmailAddress.objects.get(user=person.user)
    assert (person.user.email, person.user.has_usable_password(), address.verified) == (
        "rita@rhein.example",
        False,
        True,
    )
    assert [message.to for message in mail.outbox] == [["rita@rhein.example"]]
    assert AuditEntry.objects.get().changes["login_email"] == "Rita@Rhein.example"


def test_person_create_with_login_without_invitation_sends_nothing(
    cast, office_client, company_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        office_client.post("/office/people/new/", _new(company_a, login_email="rita@rhein.example"))
    assert (Person.objects.get(last_name="Rhein").user.email, mail.outbox) == (
        "rita@rhein.example",
        [],
    )


def test_person_create_without_company_is_office_staff(cast, office_client):
    office_client.post("/office/people/new/", _new(None))
    assert Person.objects.get(last_name="Rhein").company is None


def test_person_create_preselects_the_company_from_the_link(cast, office_client, company_a):
    response = office_client.get(f"/office/people/new/?company={company_a.code}")
    assert response.context["form"]["company"].value() == company_a.pk


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"first_name": ""}, lambda: de("This field is required.")),
        ({"email": "kein-at"}, lambda: de("Enter a valid email address.")),
        ({"login_email": "kein-at"}, lambda: de("Enter a valid email address.")),
        (
            {"login_email": "MEMBER@example.org", "invite": "on"},
            lambda: de("A login with this e-mail address already exists."),
        ),
        (
            {"company": "999999"},
            lambda: de("Select a valid choice. That choice is not one of the available choices."),
        ),
    ],
    ids=["empty-first-name", "bad-email", "bad-login-email", "login-taken", "unknown-company"],
)
def test_person_create_bad_input_shows_message_changes_nothing(
    cast, office_client, company_a, changes, message, django_capture_on_commit_callbacks
):
    before = (_people(), _logins())
    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post("/office/people/new/", _new(company_a, **changes))
    assert (response.status_code, errors(response)) == (200, [message()])
    assert ((_people(), _logins()), AuditEntry.objects.count(), mail.outbox) == (before, 0, [])


# ---------------------------------------------------------------- manage


def _url(person):
    return f"/office/people/{person.code}/"


def test_person_manage_shows_groups_and_roles(cast, office_client):
    moderator = Person.objects.get(user=cast["moderator"])
    response = office_client.get(_url(moderator))
    assert text(response, "person-summary") == (
        f"Isar Netzwerke GmbH · {de('login %(email)s') % {'email': 'moderator@example.org'}}"
    )
    assert items(response, "person-groups") == [
        f"Ortsgruppe München-Nord {de('since %(since)s') % {'since': '01.01.2020'}}"
    ]
    assert items(response, "person-roles") == [
        f"{de('Moderator')}, Ortsgruppe München-Nord: 01.01.2024 {DASH} {de('open-ended')}"
    ]


def test_person_manage_shows_board_seat(cast, office_client):
    board = Person.objects.get(user=cast["board"])
    response = office_client.get(_url(board))
    assert items(response, "person-roles") == [
        f"{de('Advisory board')}: 01.01.2024 {DASH} {de('open-ended')}"
    ]


def test_person_manage_person_without_anything(cast, office_client):
    person = f.PersonFactory(company=None, user=None, first_name="Nina", last_name="Neu")
    response = office_client.get(_url(person))
    assert (
        text(response, "person-summary"),
        items(response, "person-groups"),
        items(response, "person-roles"),
    ) == (f"{de('No company')} · {de('no login')}", [de("No groups.")], [de("No roles.")])


def _edit(person, **changes):
    data = {
        "company": person.company_id or "",
        "first_name": person.first_name,
        "last_name": person.last_name,
        "function": person.function,
        "email": person.email,
        "phone": person.phone,
        "mobile": person.mobile,
        "is_company_admin": "on" if person.is_company_admin else None,
        **changes,
    }
    return {key: value for key, value in data.items() if value is not None}


def test_person_manage_grants_company_admin_and_logs(cast, office, office_client):
    klaus = Person.objects.get(user=cast["colleague"])
    response = office_client.post(_url(klaus), _edit(klaus, is_company_admin="on", function="CTO"))
    assert (response.status_code, response["Location"]) == (302, _url(klaus))
    klaus.refresh_from_db()
    assert (klaus.is_company_admin, klaus.function) == (True, "CTO")
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.object_id, entry.changes) == (
        "person.update",
        office,
        klaus.code,
        {"function": ["Geschäftsführer", "CTO"], "is_company_admin": [False, True]},
    )


def test_person_manage_revokes_company_admin(cast, office_client):
    maria = Person.objects.get(user=cast["member"])
    office_client.post(_url(maria), _edit(maria, is_company_admin=None))
    maria.refresh_from_db()
    assert (maria.is_company_admin, AuditEntry.objects.get().changes) == (
        False,
        {"is_company_admin": [True, False]},
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"last_name": ""}, lambda: de("This field is required.")),
        ({"email": "kein-at"}, lambda: de("Enter a valid email address.")),
    ],
    ids=["empty-last-name", "bad-email"],
)
def test_person_manage_bad_input_changes_nothing(cast, office_client, changes, message):
    klaus = Person.objects.get(user=cast["colleague"])
    before = _people()
    response = office_client.post(_url(klaus), _edit(klaus, **changes))
    assert (response.status_code, errors(response)) == (200, [message()])
    assert (_people(), AuditEntry.objects.count()) == (before, 0)
