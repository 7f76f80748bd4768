"""A case decided without a hearing stays hidden from the accused: they see a case only once
it reached the hearing (stage hearing, or decided after a step to the hearing) — on the page,
in the API, in the list, and in `view_level`/`cases_visible_to` alike."""

import pytest

from tests import factories as f
from tests.api.conftest import API, get, not_found_body, warm_client
from tests.conduct.conftest import ALLEGATION, RATIONALE, to_stage
from tests.conftest import client_for
from tests.pages.html import rows
from verbund.conduct.models import ConductCase
from verbund.conduct.queries import ViewLevel, cases_visible_to, view_level
from verbund.conduct.services import decide_case, file_case

ACCUSED = ("member2", "employee")  # the company's admin, the person concerned


@pytest.fixture(params=["filed", "review"])
def dismissed(request, conduct_cast, company_b) -> ConductCase:
    """A case against company B naming the employee, dismissed from filed or review."""
    case = file_case(
        company=company_b,
        person=conduct_cast["employee"].person,
        allegation=ALLEGATION,
        actor=conduct_cast["member"],
        mail=False,
    )
    case = to_stage(case, request.param, conduct_cast["board"])
    return decide_case(
        case=case, outcome="dismissed", rationale=RATIONALE, actor=conduct_cast["board"]
    )


def test_view_level_and_visible_set_leave_out_the_accused(conduct_cast, dismissed):
    who = ("board", "member", *ACCUSED)
    case = ConductCase.objects.get(pk=dismissed.pk)  # not annotated: view_level asks the steps
    levels = {name: view_level(conduct_cast[name], case) for name in who}
    visible = {name: list(cases_visible_to(conduct_cast[name])) for name in who}
    assert levels == {
        "board": ViewLevel.FULL,
        "member": ViewLevel.FILER,
        "member2": None,
        "employee": None,
    }
    assert visible == {"board": [case], "member": [case], "member2": [], "employee": []}


@pytest.mark.parametrize("who", ACCUSED)
def test_accused_get_404_and_an_empty_list_on_page_and_api(conduct_cast, dismissed, who):
    user = conduct_cast[who]
    page = client_for(user).get(f"/conduct-cases/{dismissed.code}/")
    listing = client_for(user).get("/conduct-cases/")
    detail, api_list = get(user, f"/conduct-cases/{dismissed.code}"), get(user, "/conduct-cases")
    assert (page.status_code, rows(listing, "cases") or []) == (404, [])
    assert (detail.status_code, detail.json()) == (404, not_found_body())
    assert (api_list.status_code, api_list.json()) == (200, {"items": [], "count": 0})


def test_a_case_dismissed_after_the_hearing_stays_with_the_accused(conduct_cast, company_b):
    case = file_case(
        company=company_b,
        person=conduct_cast["employee"].person,
        allegation=ALLEGATION,
        actor=conduct_cast["member"],
        mail=False,
    )
    case = to_stage(case, "decided", conduct_cast["board"])  # via the hearing, dismissed
    views = {who: get(conduct_cast[who], f"/conduct-cases/{case.code}") for who in ACCUSED}
    assert {who: (r.status_code, r.json()["view"]) for who, r in views.items()} == {
        "member2": (200, "accused"),
        "employee": (200, "accused"),
    }
    assert views["member2"].json()["rationale"] == RATIONALE


@pytest.mark.parametrize("size", [1, 3])
def test_accused_list_query_count_is_constant(
    conduct_cast, company_b, size, django_assert_num_queries
):
    """Half the cases had a hearing, half not: one query decides both for the whole page."""
    board, member = conduct_cast["board"], conduct_cast["member"]
    for number in range(size):
        heard = file_case(company=company_b, allegation=f"h{number}", actor=member, mail=False)
        to_stage(heard, "decided", board)
        unheard = file_case(company=company_b, allegation=f"u{number}", actor=member, mail=False)
        decide_case(case=unheard, outcome="dismissed", rationale="x", actor=board, mail=False)
    f.CompanyFactory()  # unrelated
    client = warm_client(conduct_cast["member2"])
    with django_assert_num_queries(8):
        response = client.get(API + "/conduct-cases")
    assert [item["view"] for item in response.json()["items"]] == ["accused"] * size
    page_client = client_for(conduct_cast["member2"])
    page_client.get("/")
    with django_assert_num_queries(9):
        page = page_client.get("/conduct-cases/")
    assert len(rows(page, "cases")) == size
