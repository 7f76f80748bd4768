"""The resignation panel on the company page: the form only where the status allows
resigning; a company expelled with notice pending shows neither the notice nor the form."""

import pytest

from tests import factories as f
from tests.conduct.conftest import ALLEGATION, RATIONALE, to_stage
from tests.conftest import client_for
from tests.pages.html import element
from verbund.conduct.services import decide_case, file_case
from verbund.members.services import give_resignation

PANEL = ("resignation", "resignation-form", "resignation-pending", "resignation-withdraw-form")


def panel(user, company) -> tuple[int, list[bool]]:
    """The page's status and which parts of the panel it shows."""
    response = client_for(user).get(f"/companies/{company.code}/")
    return response.status_code, [element(response, part) is not None for part in PANEL]


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        ("active", [True, True, False, False]),
        ("suspended", [True, True, False, False]),
        ("resigned", [False, False, False, False]),
        ("expelled", [False, False, False, False]),
        ("candidate", [False, False, False, False]),
    ],
)
def test_office_sees_the_form_only_where_the_status_allows_resigning(office, status, shown):
    company = f.CompanyFactory(name="Status GmbH", status=status)
    assert panel(office, company) == (200, shown)


def test_pending_notice_shows_with_its_withdrawal(office, company_b, member2):
    give_resignation(company=company_b, actor=member2)
    assert panel(office, company_b) == (200, [True, False, True, True])


def test_expelled_company_shows_no_pending_notice_and_no_form(conduct_cast, company_b, member2):
    give_resignation(company=company_b, actor=member2)
    case = file_case(company=company_b, allegation=ALLEGATION, actor=conduct_cast["member"])
    case = to_stage(case, "hearing", conduct_cast["board"])
    decide_case(case=case, outcome="expulsion", rationale=RATIONALE, actor=conduct_cast["board"])
    assert panel(conduct_cast["office"], company_b) == (200, [False, False, False, False])
