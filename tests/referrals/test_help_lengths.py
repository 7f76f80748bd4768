"""Over-long input to help requests and referrals: refused with the field named, by the
services (every caller) and the API's schemas; nothing stored (PostgreSQL had answered 500,
SQLite had stored it)."""

# The directory fixtures (and the help request ones) are imported, not in a conftest.
# ruff: noqa: F811

import pytest
from django.core.exceptions import ValidationError

from tests.api.conftest import de
from tests.directory.conftest import directory_data, skills, westpark  # noqa: F401
from tests.referrals.test_help_api import post
from tests.referrals.test_help_services import (  # noqa: F401
    NEED,
    _answer,
    _english,
    asked,
    helpers,
)
from verbund.members.models import Person
from verbund.referrals.models import AnswerStatus, HelpRequest, HelpRequestStatus, Referral
from verbund.referrals.services import accept_answer, answer_help, ask_for_help, pass_referral

TOO_LONG = {"customer_name": "N" * 201, "customer_company": "C" * 201, "customer_phone": "1" * 41}


def at_most(limit: int) -> str:
    return f"Enter at most {limit} characters."


def _offered(asked, helpers):
    return answer_help(
        answer=_answer(asked, helpers["westpark"]), can_help=True, actor=helpers["westpark_admin"]
    )


def test_ask_with_a_long_region_refused(helpers):
    with pytest.raises(ValidationError) as error:
        ask_for_help(
            need=NEED, region="R" * 101, companies=[helpers["westpark"]], actor=helpers["member"]
        )
    assert error.value.message_dict == {"region": [at_most(100)]}
    assert HelpRequest.objects.count() == 0


def test_ask_with_a_region_of_the_full_length_stored(helpers):
    help_request = ask_for_help(
        need=NEED,
        region=" " + "R" * 100 + " ",
        companies=[helpers["westpark"]],
        actor=None,
        asked_by=Person.objects.get(user=helpers["member"]),
        mail=False,
    )
    assert HelpRequest.objects.get().region == "R" * 100 == help_request.region


def test_accept_with_long_customer_data_refused(asked, helpers):
    answer = _offered(asked, helpers)
    with pytest.raises(ValidationError) as error:
        accept_answer(answer=answer, temperature=3, actor=helpers["member"], **TOO_LONG)
    assert error.value.message_dict == {
        "customer_name": [at_most(200)],
        "customer_company": [at_most(200)],
        "customer_phone": [at_most(40)],
    }
    answer.refresh_from_db()
    asked.refresh_from_db()
    assert (answer.status, asked.status, Referral.objects.count()) == (
        AnswerStatus.OFFERED,
        HelpRequestStatus.OPEN,
        0,
    )


def test_pass_referral_with_long_customer_data_refused(helpers):
    receiver = Person.objects.get(user=helpers["westpark_admin"])
    with pytest.raises(ValidationError) as error:
        pass_referral(
            actor=helpers["member"],
            kind="introduction",
            need=NEED,
            temperature=3,
            parties=[(receiver, "receiver", None)],
            customer_email="e" * 250 + "@kunde.example",
            **TOO_LONG,
        )
    assert error.value.message_dict == {
        "customer_name": [at_most(200)],
        "customer_company": [at_most(200)],
        "customer_phone": [at_most(40)],
        "customer_email": [at_most(254)],
    }
    assert Referral.objects.count() == 0


# ---------------------------------------------------------------- the API (users read German)


def _errors(*fields_and_limits):
    return {
        "message": de("Please correct the marked fields."),
        "errors": [
            {
                "field": field,
                "message": de("Enter at most %(limit_value)s characters.") % {"limit_value": limit},
            }
            for field, limit in fields_and_limits
        ],
    }


def test_api_ask_with_a_long_region_refused(helpers):
    body = {"need": NEED, "region": "R" * 150, "companies": [helpers["westpark"].code]}
    response = post(helpers["member2"], "/help-requests", body)
    assert (response.status_code, response.json()) == (422, _errors(("region", 100)))
    assert HelpRequest.objects.count() == 0


def test_api_accept_with_long_customer_data_refused(asked, helpers):
    _offered(asked, helpers)
    body = {"company": helpers["westpark"].code, **TOO_LONG}
    response = post(helpers["member"], f"/help-requests/{asked.code}/accept", body)
    expected = _errors(("customer_name", 200), ("customer_company", 200), ("customer_phone", 40))
    assert (response.status_code, response.json()) == (422, expected)
    asked.refresh_from_db()
    assert (asked.status, Referral.objects.count()) == (HelpRequestStatus.OPEN, 0)


def test_api_pass_referral_with_long_customer_data_refused(helpers):
    receiver = Person.objects.get(user=helpers["westpark_admin"])
    body = {"need": NEED, "parties": [{"person": receiver.code}], **TOO_LONG}
    response = post(helpers["member"], "/referrals", body)
    expected = _errors(("customer_name", 200), ("customer_company", 200), ("customer_phone", 40))
    assert (response.status_code, response.json()) == (422, expected)
    assert Referral.objects.count() == 0
