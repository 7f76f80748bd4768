"""The referrals API: the cast for every path, the customer's data only for the parties."""

# The cast's fixtures are imported from referral_cast (the package's conftest is shared).
# ruff: noqa: F811

import csv
import io
import json

import pytest
from django.core import mail
from openpyxl import load_workbook

from tests.api.conftest import API, de, forbidden_body, not_found_body, unauthenticated_body
from tests.conftest import client_for
from tests.referrals.referral_cast import CUSTOMER, NEED, outsider, receiver, referral  # noqa: F401
from verbund.referrals.models import ClosedBusiness, Referral, StatusChange

NOBODY = ("colleague", "moderator", "office", "board", "guest", "outsider")


@pytest.fixture
def everyone(cast, receiver, outsider):
    return {**cast, "receiver": receiver, "outsider": outsider}


def _post(user, path, data):
    return client_for(user).post(API + path, json.dumps(data), content_type="application/json")


def test_detail_cast(everyone, referral):
    url = f"{API}/referrals/{referral.code}"
    for name in ("member", "receiver"):
        body = client_for(everyone[name]).get(url).json()
        assert (body["view"], body["customer_email"], body["customer_name"]) == (
            "full",
            CUSTOMER["customer_email"],
            CUSTOMER["customer_name"],
        )
        assert body["status_history"] == []
    body = client_for(everyone["member2"]).get(url).json()
    customer = [body[key] for key in CUSTOMER] + [body["status_history"]]
    assert (body["view"], body["need"], customer) == ("company", NEED, [None] * 5)
    for name in NOBODY:
        response = client_for(everyone[name]).get(url)
        assert (name, response.status_code, response.json()) == (name, 404, not_found_body())
    response = client_for(None).get(url)
    assert (response.status_code, response.json()) == (401, unauthenticated_body())


def test_next_statuses_only_for_receivers(member, receiver, referral):
    url = f"{API}/referrals/{referral.code}"
    assert client_for(receiver).get(url).json()["next_statuses"] == [
        "contacted",
        "in_talks",
        "lost",
        "no_fit",
        "offer",
        "won",
    ]
    assert client_for(member).get(url).json()["next_statuses"] == []


def test_list_by_direction_and_status(everyone, referral):
    def codes(user, query=""):
        response = client_for(user).get(f"{API}/referrals{query}")
        assert response.status_code == 200
        return [item["code"] for item in response.json()["items"]]

    member, receiver = everyone["member"], everyone["receiver"]
    assert codes(member) == [referral.code]
    assert codes(member, "?direction=given") == [referral.code]
    assert codes(member, "?direction=received") == []
    assert codes(receiver, "?direction=received&status=new") == [referral.code]
    assert codes(receiver, "?status=won") == []
    assert codes(everyone["member2"], "?direction=received") == [referral.code]
    for name in ("colleague", "moderator", "board", "outsider"):
        assert (name, codes(everyone[name])) == (name, [])
    for name in ("office", "guest"):
        response = client_for(everyone[name]).get(f"{API}/referrals")
        assert (name, response.status_code, response.json()) == (name, 403, forbidden_body())
    assert client_for(None).get(f"{API}/referrals").status_code == 401
    response = client_for(member).get(f"{API}/referrals?direction=sideways")
    assert response.status_code == 422


def test_create_through_the_api(django_capture_on_commit_callbacks, member, receiver):
    data = {
        "kind": "tip",
        "need": NEED,
        "temperature": 5,
        "parties": [{"person": receiver.person.code}],
        **CUSTOMER,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(member, "/referrals", data)
    referral = Referral.objects.get()
    body = response.json()
    assert (response.status_code, body["code"], body["kind"], body["customer_phone"]) == (
        201,
        referral.code,
        "tip",
        CUSTOMER["customer_phone"],
    )
    assert [m.to for m in mail.outbox] == [["receiver@example.org"]]


def test_create_refusals(member, colleague, office):
    data = {"need": NEED, "parties": [{"person": colleague.person.code}], **CUSTOMER}
    response = _post(member, "/referrals", data)
    message = de("Referrals go to other companies, not to your own.")
    assert (response.status_code, response.json()["errors"]) == (
        422,
        [{"field": "parties", "message": message}],
    )
    assert _post(office, "/referrals", data).status_code == 403
    assert _post(None, "/referrals", data).status_code == 401
    assert Referral.objects.count() == 0


def test_status_and_closed_business(django_capture_on_commit_callbacks, everyone, referral):
    code = referral.code
    for name in ("member", "member2"):
        response = _post(everyone[name], f"/referrals/{code}/status", {"status": "won"})
        assert (name, response.status_code, response.json()) == (name, 403, forbidden_body())
    for name in NOBODY:
        response = _post(everyone[name], f"/referrals/{code}/status", {"status": "won"})
        assert (name, response.status_code) == (name, 404)
    receiver = everyone["receiver"]
    response = _post(receiver, f"/referrals/{code}/status", {"status": "won", "note": "Super"})
    assert (response.status_code, response.json()["status"]) == (200, "won")
    response = _post(receiver, f"/referrals/{code}/status", {"status": "lost"})
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "status")
    assert StatusChange.objects.count() == 1
    closed = {"value": "12500.00", "thank_you": "Danke, Maria!"}
    response = _post(everyone["member"], f"/referrals/{code}/closed-business", closed)
    assert response.status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(receiver, f"/referrals/{code}/closed-business", closed)
    assert (response.status_code, response.json()["closed_business"]["value"]) == (201, "12500.00")
    again = _post(receiver, f"/referrals/{code}/closed-business", closed)
    assert (again.status_code, again.json()["errors"][0]["field"]) == (422, "value")
    assert ClosedBusiness.objects.count() == 1
    giver_view = client_for(everyone["member"]).get(f"{API}/referrals/{code}").json()
    admin_view = client_for(everyone["member2"]).get(f"{API}/referrals/{code}").json()
    assert giver_view["closed_business"]["thank_you"] == "Danke, Maria!"
    # A receiver's income is the parties' business: the company view gets no value.
    assert giver_view["closed_business"]["value"] == "12500.00"
    assert (admin_view["closed_business"]["value"], admin_view["closed_business"]["thank_you"]) == (
        None,
        None,
    )


def test_export_csv_and_xlsx_cast(everyone, referral):
    response = client_for(everyone["member"]).get(f"{API}/referrals/export?format=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert (len(rows), rows[1][0], rows[1][11]) == (2, referral.code, CUSTOMER["customer_email"])
    # The company admin of the receiving company: their company's record, no customer.
    response = client_for(everyone["member2"]).get(f"{API}/referrals/export?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert (len(values), values[1][0], values[1][9:13]) == (2, referral.code, [None] * 4)
    for name in ("colleague", "board", "outsider"):
        response = client_for(everyone[name]).get(f"{API}/referrals/export")
        lines = response.content.decode("utf-8-sig").strip().splitlines()
        assert (name, response.status_code, len(lines)) == (name, 200, 1)
    assert client_for(everyone["office"]).get(f"{API}/referrals/export").status_code == 403
    assert client_for(None).get(f"{API}/referrals/export").status_code == 401
    bad = client_for(everyone["member"]).get(f"{API}/referrals/export?format=pdf")
    assert bad.status_code == 422


def test_an_introduction_to_two_companies_is_refused(member, receiver, outsider):
    parties = [{"person": receiver.person.code}, {"person": outsider.person.code}]
    data = {"kind": "introduction", "need": NEED, "parties": parties, **CUSTOMER}
    response = _post(member, "/referrals", data)
    message = de(
        "An introduction or tip goes to one partner; for several partners choose a joint deal."
    )
    assert (response.status_code, response.json()["errors"]) == (
        422,
        [{"field": "parties", "message": message}],
    )
    assert Referral.objects.count() == 0


@pytest.mark.parametrize("value", ["1e30", "1E+40", "10000000000"])
def test_a_huge_closed_value_is_a_422_not_a_500(value, receiver, referral):
    _post(receiver, f"/referrals/{referral.code}/status", {"status": "won"})
    response = _post(receiver, f"/referrals/{referral.code}/closed-business", {"value": value})
    assert (response.status_code, response.json()["errors"]) == (
        422,
        [{"field": "value", "message": de("Enter a value below 10,000,000,000 EUR.")}],
    )
    assert ClosedBusiness.objects.count() == 0
