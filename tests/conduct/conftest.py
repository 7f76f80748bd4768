"""The conduct-case cast on top of tests/conftest.py.

- member (Maria Huber, company A's admin) files a case against company B
- member2 (Jonas Krenzke) is company B's admin: the accused
- employee: another person of company B, not its admin
- board: on the board, of another company; board_accused: on the board, of company B
- office: not on the board; moderator: an unrelated member; guest
"""

import pytest
from django.utils import translation

from tests import factories as f
from verbund.conduct.models import CASE_TRANSITIONS, CaseStage, ConductCase
from verbund.conduct.services import decide_case, file_case, give_statement, move_case
from verbund.network.models import NetworkRoleKind

ALLEGATION = "Kunde eines Partners direkt abgeworben, entgegen dem Ehrenkodex."
STATEMENT = "Der Kunde kam von sich aus auf uns zu."
RATIONALE = "Der Verstoß ist belegt; es bleibt bei einer Verwarnung."


@pytest.fixture
def english():
    """Service messages are asserted in English; pages and API in the cast's German."""
    with translation.override("en"):
        yield


@pytest.fixture
def employee(company_b, group_b):
    person = f.PersonFactory(
        company=company_b,
        user=f.UserFactory(email="employee@example.org"),
        first_name="Eva",
        last_name="Lech",
    )
    f.GroupMembershipFactory(group=group_b, person=person)
    return person.user


@pytest.fixture
def board_accused(company_b):
    """A board member whose own company is the accused one."""
    person = f.PersonFactory(
        company=company_b,
        user=f.UserFactory(email="board-b@example.org"),
        first_name="Bernd",
        last_name="Roth",
    )
    f.NetworkRoleFactory(person=person, kind=NetworkRoleKind.BOARD)
    f.enable_totp(person.user)
    return person.user


@pytest.fixture
def conduct_cast(cast, employee, board_accused):
    return cast | {"employee": employee, "board_accused": board_accused}


@pytest.fixture
def case(conduct_cast, company_b) -> ConductCase:
    return file_case(company=company_b, allegation=ALLEGATION, actor=conduct_cast["member"])


def to_stage(case: ConductCase, stage: str, board) -> ConductCase:
    """Move `case` as `board` along review → hearing (→ decided: dismissed) up to `stage`."""
    for step in (CaseStage.REVIEW, CaseStage.HEARING):
        if case.stage == stage:
            return case
        if step in CASE_TRANSITIONS[case.stage]:
            case = move_case(case=case, to_stage=step, actor=board)
    if stage == CaseStage.DECIDED:
        case = decide_case(case=case, outcome="dismissed", rationale=RATIONALE, actor=board)
    return case


@pytest.fixture
def hearing(case, board) -> ConductCase:
    return to_stage(case, CaseStage.HEARING, board)


@pytest.fixture
def warned(hearing, board, member2) -> ConductCase:
    give_statement(case=hearing, text=STATEMENT, actor=member2)
    return decide_case(case=hearing, outcome="warning", rationale=RATIONALE, actor=board)
