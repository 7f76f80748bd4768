"""The referral list and export: the closed value for the parties only, as a Decimal (a
German comma in CSV), no formula injection, and the same number of queries for 1 referral
as for 6."""

# The cast's fixtures are imported from referral_cast (the package's conftest is shared).
# ruff: noqa: F811

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tests import factories as f
from tests.api.conftest import API, warm_client
from tests.conftest import _person, client_for
from tests.referrals.referral_cast import CUSTOMER, outsider, receiver, referral  # noqa: F401
from verbund.common.exports import safe_cell
from verbund.referrals.services import change_status, confirm_closed_business, pass_referral


def _csv(user, query=""):
    response = client_for(user).get(f"{API}/referrals/export?format=csv{query}")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def _sheet(user):
    response = client_for(user).get(f"{API}/referrals/export?format=xlsx")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).active


@pytest.fixture
def won(referral, receiver):
    change_status(referral=referral, to_status="won", actor=receiver, mail=False)
    confirm_closed_business(
        referral=referral, value=Decimal("12500.50"), actor=receiver, mail=False
    )
    return referral


def test_value_as_decimal_for_the_parties_only(member, receiver, member2, won):
    for user in (member, receiver):
        assert _csv(user)[1][13] == "12500,50"
        cell = _sheet(user).cell(row=2, column=14)
        assert (cell.data_type, cell.value) == ("n", 12500.5)
    # The receiving company's admin: their company's record, no income.
    assert _csv(member2)[1][13] == ""
    assert _sheet(member2).cell(row=2, column=14).value is None
    body = client_for(member2).get(f"{API}/referrals").json()
    assert body["items"][0]["closed_business"]["value"] is None


def test_cells_that_would_be_formulas_are_text(member, receiver):
    pass_referral(
        actor=member,
        kind="tip",
        need="+SUM(A1:A9)",
        temperature=3,
        parties=[(receiver.person, "receiver", None)],
        customer_name='=HYPERLINK("http://evil.example","Klick")',
        customer_company="@Kunde",
        customer_email="",
        customer_phone="-1+1",
        mail=False,
    )
    escaped = [
        "'+SUM(A1:A9)",
        '\'=HYPERLINK("http://evil.example","Klick")',
        "'@Kunde",
        "",
        "'-1+1",
    ]
    assert _csv(member)[1][8:13] == escaped
    sheet = _sheet(member)
    cells = [sheet.cell(row=2, column=column) for column in (9, 10, 11, 13)]
    assert [(c.data_type, c.value) for c in cells] == [
        ("s", escaped[0]),
        ("s", escaped[1]),
        ("s", escaped[2]),
        ("s", escaped[4]),
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("+49 89", "'+49 89"), ("-", "'-"), ("@a", "'@a"), ("\t=1", "'\t=1")],
)
def test_safe_cell_escapes(value, expected):
    assert safe_cell(value) == expected


@pytest.mark.parametrize("value", ["Müller", "", "a=b", 3, Decimal("-1.50"), None])
def test_safe_cell_leaves_the_rest(value):
    assert safe_cell(value) == value


# ---------------------------------------------------------------- queries


@pytest.fixture
def many(member, colleague, receiver, group_a):
    """`count` referrals of company A: the first given by the member (full view), the others
    by a colleague (the member, a company admin, gets the company view); every other one
    won with a value, and each to another company."""

    def make(count):
        for index in range(count):
            person = receiver.person
            if index:
                company = f.CompanyFactory(name=f"Firma {index}", home_group=group_a)
                person = _person(company, None, f"r{index}@example.org", "Rolf", f"N{index}")
            referral = pass_referral(
                actor=member if index == 0 else colleague,
                kind="introduction",
                need="Netz",
                temperature=3,
                parties=[(person, "receiver", None)],
                mail=False,
                **CUSTOMER,
            )
            if index % 2 == 0:
                change_status(referral=referral, to_status="won", actor=person.user, mail=False)
                confirm_closed_business(
                    referral=referral, value=Decimal("99.99"), actor=person.user, mail=False
                )

    return make


# The same for 1 referral as for 6: nothing is loaded per referral.
QUERIES = {"": 11, "/export?format=csv": 9, "/export?format=xlsx": 9}


@pytest.mark.parametrize("size", [1, 6])
@pytest.mark.parametrize("path", list(QUERIES))
def test_constant_queries_for_the_list_and_the_exports(
    size, path, member, many, django_assert_num_queries
):
    many(size)
    client = warm_client(member)
    with django_assert_num_queries(QUERIES[path]):
        response = client.get(f"{API}/referrals{path}")
    assert response.status_code == 200
    if not path:
        assert response.json()["count"] == size
