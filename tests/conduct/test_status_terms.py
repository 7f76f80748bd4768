"""`verbund apply_status_terms`: a suspension blocks access for its term and ends by the
command; a resignation is carried out once its notice has run out. Twice changes nothing."""

import datetime

import pytest
from django.core.management import CommandError
from django.test import Client
from django.utils import timezone

from tests.api.conftest import API, forbidden_body
from tests.conduct.conftest import RATIONALE
from tests.conftest import client_for
from tests.demo.commands import run
from tests.factories import PASSWORD
from verbund.conduct.services import decide_case
from verbund.members.models import CompanyStatusChange, Resignation
from verbund.members.services import change_company_status, give_resignation

LAST_DAY = timezone.localdate() + datetime.timedelta(days=30)


def on(day: datetime.date) -> str:
    return run("apply_status_terms", "--on", day.isoformat())


def nothing() -> str:
    return "0 suspensions ended, 0 resignations carried out.\n"


@pytest.fixture
def suspended(hearing, board, company_b):
    decide_case(
        case=hearing,
        outcome="suspension",
        rationale=RATIONALE,
        suspended_until=LAST_DAY,
        actor=board,
    )
    company_b.refresh_from_db()
    return company_b


def test_suspension_blocks_access_during_the_term(suspended, member2):
    client = client_for(member2)
    api = client.get(API + "/companies")
    assert (api.status_code, api.json()) == (403, forbidden_body())
    assert client.get("/companies/").status_code == 403
    assert client.get("/").templates[0].name == "members/home_inactive.html"


def test_suspension_ends_after_its_last_day_and_twice_changes_nothing(suspended, member2):
    assert on(LAST_DAY) == nothing()
    suspended.refresh_from_db()
    assert suspended.status == "suspended"
    assert on(LAST_DAY + datetime.timedelta(days=1)) == (
        "1 suspensions ended, 0 resignations carried out.\n"
    )
    suspended.refresh_from_db()
    assert suspended.status == "active"
    assert on(LAST_DAY + datetime.timedelta(days=1)) == nothing()
    statuses = list(
        CompanyStatusChange.objects.filter(company=suspended)
        .order_by("pk")
        .values_list("to_status", flat=True)
    )
    assert statuses == ["suspended", "active"]
    assert client_for(member2).get(API + "/companies").status_code == 200


def test_a_suspension_by_the_office_is_left_alone(company_a, office):
    change_company_status(company=company_a, status="suspended", reason="Beitrag", actor=office)
    assert on(LAST_DAY + datetime.timedelta(days=400)) == nothing()
    company_a.refresh_from_db()
    assert company_a.status == "suspended"


def test_a_suspension_renewed_since_is_left_alone(suspended, office):
    change_company_status(company=suspended, status="active", reason="Früher", actor=office)
    change_company_status(company=suspended, status="suspended", reason="Erneut", actor=office)
    assert on(LAST_DAY + datetime.timedelta(days=1)) == nothing()
    suspended.refresh_from_db()
    assert suspended.status == "suspended"


def test_resignation_is_carried_out_after_its_last_day(member, company_a):
    client = Client()  # logged in as a person does: allauth records the session
    client.post("/accounts/login/", {"login": "member@example.org", "password": PASSWORD})
    resignation = give_resignation(company=company_a, actor=member)
    assert on(resignation.effective_on) == nothing()
    assert client.get("/groups/").status_code == 200
    after = resignation.effective_on + datetime.timedelta(days=1)
    assert on(after) == "0 suspensions ended, 1 resignations carried out.\n"
    company_a.refresh_from_db()
    resignation.refresh_from_db()
    assert (company_a.status, resignation.carried_out_at is not None) == ("resigned", True)
    response = client.get("/groups/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/groups/")
    assert on(after) == nothing()


def test_a_withdrawn_resignation_is_not_carried_out(member, company_a):
    from verbund.members.services import withdraw_resignation

    resignation = give_resignation(company=company_a, actor=member)
    withdraw_resignation(resignation=resignation, actor=member)
    assert on(resignation.effective_on + datetime.timedelta(days=1)) == nothing()
    assert Resignation.objects.get().carried_out_at is None


def test_command_refuses_a_bad_day(db):
    with pytest.raises(CommandError) as error:
        run("apply_status_terms", "--on", "31.12.2026")
    assert str(error.value) == "Please give the day as YYYY-MM-DD."
