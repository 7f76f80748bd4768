"""The conduct-case API for the cast: fields by view level, 404 for what is not theirs,
403 for actions not theirs, the same services and messages as the pages."""

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from tests import factories as f
from tests.api.conftest import (
    API,
    de,
    forbidden_body,
    get,
    not_found_body,
    unauthenticated_body,
    warm_client,
)
from tests.conduct.conftest import ALLEGATION, RATIONALE, STATEMENT
from tests.conftest import client_for
from verbund.common.models import AuditEntry
from verbund.conduct.models import ConductCase
from verbund.conduct.services import file_case


def post(user, path: str, data: dict | None = None):
    return client_for(user).post(
        API + path, data=json.dumps(data or {}), content_type="application/json"
    )


def _local(moment) -> str | None:
    return None if moment is None else DjangoJSONEncoder().default(timezone.localtime(moment))


def invalid(field: str, message: str) -> dict:
    return {"message": message, "errors": [{"field": field, "message": message}]}


def expected(case: ConductCase, view: str, steps: bool = True) -> dict:
    """The whole case as `view` sees it (`steps` False: as the list shows it, without the
    history and the contents)."""
    case.refresh_from_db()
    contents = steps and view in ("full", "accused")
    out = {
        "code": case.code,
        "view": view,
        "company": {"code": case.company.code, "name": "Lech Systemhaus GmbH"},
        "stage": case.stage,
        "deadline": case.deadline.isoformat(),
        "filed_at": _local(case.filed_at),
        "outcome": case.outcome or None,
        "suspended_until": None,
        "decided_at": _local(case.decided_at),
        "person": None,
        "allegation": case.allegation if contents else None,
        "statement": case.statement if contents else None,
        "statement_at": _local(case.statement_at) if contents else None,
        "rationale": case.rationale if contents else None,
        "filed_by": {"code": case.filed_by.code, "name": "Maria Huber"} if view == "full" else None,
        "steps": None,
    }
    if view == "full" and steps:
        out["steps"] = [
            {
                "from_stage": step.from_stage,
                "to_stage": step.to_stage,
                "deadline": step.deadline.isoformat() if step.deadline else None,
                "moved_at": _local(step.moved_at),
            }
            for step in case.steps.all()
        ]
    return out


def test_the_board_sees_the_whole_case(board, warned):
    response = get(board, f"/conduct-cases/{warned.code}")
    assert (response.status_code, response.json()) == (200, expected(warned, "full"))
    assert [step["to_stage"] for step in response.json()["steps"]] == [
        "review",
        "hearing",
        "decided",
    ]


def test_the_accused_see_the_case_without_the_filer(member2, warned):
    response = get(member2, f"/conduct-cases/{warned.code}")
    assert (response.status_code, response.json()) == (200, expected(warned, "accused"))
    assert (response.json()["statement"], response.json()["rationale"]) == (STATEMENT, RATIONALE)


def test_the_filer_sees_the_status_only(member, warned):
    response = get(member, f"/conduct-cases/{warned.code}")
    assert (response.status_code, response.json()) == (200, expected(warned, "filer"))


@pytest.mark.parametrize(
    "who", ["office", "colleague", "employee", "moderator", "guest", "board_accused"]
)
def test_everyone_else_gets_404_and_an_empty_list(conduct_cast, warned, who):
    user = conduct_cast[who]
    detail, listing = get(user, f"/conduct-cases/{warned.code}"), get(user, "/conduct-cases")
    assert (detail.status_code, detail.json()) == (404, not_found_body())
    assert (listing.status_code, listing.json()) == (200, {"items": [], "count": 0})


def test_anonymous_gets_401(warned):
    response = get(None, "/conduct-cases")
    assert (response.status_code, response.json()) == (401, unauthenticated_body())


def test_the_accused_see_nothing_before_the_hearing(member2, case):
    response = get(member2, f"/conduct-cases/{case.code}")
    assert (response.status_code, response.json()) == (404, not_found_body())


def test_board_reads_of_a_case_are_audited_not_the_accused_nor_the_list(conduct_cast, hearing):
    for who in ("board", "member2", "member"):
        get(conduct_cast[who], "/conduct-cases")
        get(conduct_cast[who], f"/conduct-cases/{hearing.code}")
    entries = AuditEntry.objects.filter(action="conduct_case.read")
    assert [(e.actor, e.object_id, e.changes) for e in entries] == [
        (conduct_cast["board"], hearing.code, {})
    ]


def test_list_fields_by_view_level(conduct_cast, hearing):
    for who, view in (("board", "full"), ("member", "filer"), ("member2", "accused")):
        response = get(conduct_cast[who], "/conduct-cases")
        assert (who, response.status_code, response.json()) == (
            who,
            200,
            {"items": [expected(hearing, view, steps=False)], "count": 1},
        )


@pytest.mark.parametrize("size", [1, 3])
def test_list_query_count_is_constant(conduct_cast, size, django_assert_num_queries):
    for number in range(size):
        company = f.CompanyFactory(name=f"Beschuldigt {number} GmbH")
        file_case(company=company, allegation="x", actor=conduct_cast["office"], mail=False)
    client = warm_client(conduct_cast["board"])
    with django_assert_num_queries(9):
        response = client.get(API + "/conduct-cases")
    assert [item["company"]["name"] for item in response.json()["items"]] == [
        f"Beschuldigt {number} GmbH" for number in reversed(range(size))
    ]


def test_member_files_a_case(conduct_cast, company_b):
    response = post(
        conduct_cast["member"],
        "/conduct-cases",
        {"company": company_b.code, "allegation": ALLEGATION},
    )
    case = ConductCase.objects.get()
    assert (response.status_code, response.json()) == (201, expected(case, "filer"))


def test_filing_against_own_company_is_refused(conduct_cast, company_a):
    response = post(
        conduct_cast["member"], "/conduct-cases", {"company": company_a.code, "allegation": "x"}
    )
    message = de("You cannot file a case against your own company.")
    assert (response.status_code, response.json()) == (422, invalid("company", message))
    assert ConductCase.objects.count() == 0


def test_filing_against_an_unknown_company_names_the_field(conduct_cast):
    response = post(
        conduct_cast["office"], "/conduct-cases", {"company": "nope", "allegation": "x"}
    )
    message = de("There is nothing with this code.")
    assert (response.status_code, response.json()) == (422, invalid("company", message))


def test_guest_cannot_file(conduct_cast, company_b):
    response = post(
        conduct_cast["guest"], "/conduct-cases", {"company": company_b.code, "allegation": "x"}
    )
    assert (response.status_code, response.json()) == (403, forbidden_body())


def test_board_moves_and_decides(board, case):
    moved = post(board, f"/conduct-cases/{case.code}/stage", {"stage": "review"})
    assert (moved.status_code, moved.json()["stage"]) == (200, "review")
    refused = post(
        board,
        f"/conduct-cases/{case.code}/decision",
        {"outcome": "expulsion", "rationale": RATIONALE},
    )
    message = de(
        "A warning, suspension or expulsion needs a hearing first: move the case to the hearing."
    )
    assert (refused.status_code, refused.json()) == (422, invalid("outcome", message))
    post(board, f"/conduct-cases/{case.code}/stage", {"stage": "hearing"})
    decided = post(
        board,
        f"/conduct-cases/{case.code}/decision",
        {"outcome": "suspension", "rationale": RATIONALE, "suspended_until": "2099-06-30"},
    )
    case.refresh_from_db()
    assert (decided.status_code, decided.json()["suspended_until"], case.company.status) == (
        200,
        "2099-06-30",
        "suspended",
    )


def test_a_refused_move_changes_nothing(board, case):
    response = post(board, f"/conduct-cases/{case.code}/stage", {"stage": "hearing"})
    message = de("A conduct case cannot go from %(old)s to %(new)s.") % {
        "old": de("Filed"),
        "new": de("Hearing"),
    }
    case.refresh_from_db()
    assert (response.status_code, response.json(), case.stage) == (
        422,
        invalid("stage", message),
        "filed",
    )


@pytest.mark.parametrize(
    ("who", "status"), [("member", 403), ("member2", 403), ("office", 404), ("board_accused", 404)]
)
def test_stage_and_decision_refused_to_all_but_the_board(conduct_cast, hearing, who, status):
    user = conduct_cast[who]
    responses = [
        post(user, f"/conduct-cases/{hearing.code}/stage", {"stage": "review"}).status_code,
        post(
            user,
            f"/conduct-cases/{hearing.code}/decision",
            {"outcome": "dismissed", "rationale": "x"},
        ).status_code,
    ]
    hearing.refresh_from_db()
    assert (responses, hearing.stage) == ([status, status], "hearing")


def test_accused_gives_the_statement(member2, hearing):
    response = post(member2, f"/conduct-cases/{hearing.code}/statement", {"statement": STATEMENT})
    assert (response.status_code, response.json()["statement"]) == (200, STATEMENT)


@pytest.mark.parametrize(("who", "status"), [("member", 403), ("board", 403), ("employee", 404)])
def test_statement_refused_to_others(conduct_cast, hearing, who, status):
    response = post(
        conduct_cast[who], f"/conduct-cases/{hearing.code}/statement", {"statement": "x"}
    )
    assert response.status_code == status


@pytest.mark.parametrize(("who", "status"), [("board", 200), ("office", 403), ("member", 403)])
def test_figures_for_the_board(conduct_cast, warned, who, status):
    response = get(conduct_cast[who], "/conduct-cases/figures")
    assert response.status_code == status
    if status == 200:
        year = timezone.localdate().year
        assert response.json() == [
            {
                "year": year,
                "filed": 1,
                "decided": {"dismissed": 0, "warning": 1, "suspension": 0, "expulsion": 0},
                "resignations": 0,
                "expulsions": 0,
            }
        ]
