"""Conduct-case services: filing, the stages' table, the statement, the board's decision and
what it does to the company. Messages in English (the `english` fixture)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from tests import factories as f
from tests.conduct.conftest import ALLEGATION, RATIONALE, STATEMENT, to_stage
from tests.factories import PASSWORD
from verbund.common.models import AuditEntry
from verbund.conduct.models import CaseStep, ConductCase
from verbund.conduct.services import decide_case, file_case, give_statement, move_case
from verbund.members.models import Company, CompanyStatusChange, Person

pytestmark = pytest.mark.usefixtures("english")

TODAY = timezone.localdate


def messages_of(error: pytest.ExceptionInfo) -> dict:
    return error.value.message_dict


def test_file_case_by_a_member_starts_filed_with_the_stage_deadline(case, member, company_b):
    case.refresh_from_db()
    assert (case.company, case.filed_by.user, case.stage, case.deadline, case.allegation) == (
        company_b,
        member,
        "filed",
        TODAY() + datetime.timedelta(days=14),
        ALLEGATION,
    )


def test_file_case_deadline_follows_the_network_setting(network, cast, company_b):
    network.conduct_stage_days = 30
    network.save()
    case = file_case(company=company_b, allegation="x", actor=cast["office"])
    assert (case.deadline, case.filed_by.user) == (
        TODAY() + datetime.timedelta(days=30),
        cast["office"],
    )


def test_file_case_audit_holds_no_allegation(case):
    entry = AuditEntry.objects.get(action="conduct_case.file")
    assert (entry.object_id, entry.object_repr, entry.changes) == (
        case.code,
        f"conduct case {case.code}",
        {"stage": "filed"},
    )


def test_file_case_against_own_company_is_refused(cast, company_a):
    with pytest.raises(ValidationError) as error:
        file_case(company=company_a, allegation="x", actor=cast["member"])
    assert messages_of(error) == {"company": ["You cannot file a case against your own company."]}
    assert ConductCase.objects.count() == 0


def test_file_case_bad_input_names_every_field(cast, company_b, company_a):
    candidate = f.CompanyFactory(status="candidate")
    stranger = Person.objects.get(user=cast["member"])
    with pytest.raises(ValidationError) as error:
        file_case(company=candidate, allegation="  ", person=stranger, actor=cast["office"])
    assert messages_of(error) == {
        "company": ["A case can only be filed against a member company."],
        "person": ["The person concerned must belong to the company."],
        "allegation": ["Please describe what happened."],
    }
    assert ConductCase.objects.count() == 0


@pytest.mark.parametrize("who", ["guest", "employee_of_candidate"])
def test_file_case_is_refused_to_non_members(cast, company_b, who):
    if who == "guest":
        user = cast["guest"]
    else:
        user = f.PersonFactory(company=f.CompanyFactory(status="candidate")).user
    with pytest.raises(PermissionDenied):
        file_case(company=company_b, allegation="x", actor=user)
    assert ConductCase.objects.count() == 0


# Every pair of stages: what `move_case` does (None: allowed).
DECIDE_VIA = "Please record a decision to decide the case."
MOVES = [
    ("filed", "filed", "A conduct case cannot go from Filed to Filed."),
    ("filed", "review", None),
    ("filed", "hearing", "A conduct case cannot go from Filed to Hearing."),
    ("filed", "decided", DECIDE_VIA),
    ("review", "filed", "A conduct case cannot go from Under review to Filed."),
    ("review", "review", "A conduct case cannot go from Under review to Under review."),
    ("review", "hearing", None),
    ("review", "decided", DECIDE_VIA),
    ("hearing", "filed", "A conduct case cannot go from Hearing to Filed."),
    ("hearing", "review", "A conduct case cannot go from Hearing to Under review."),
    ("hearing", "hearing", "A conduct case cannot go from Hearing to Hearing."),
    ("hearing", "decided", DECIDE_VIA),
    ("decided", "filed", "A conduct case cannot go from Decided to Filed."),
    ("decided", "review", "A conduct case cannot go from Decided to Under review."),
    ("decided", "hearing", "A conduct case cannot go from Decided to Hearing."),
    ("decided", "decided", DECIDE_VIA),
    ("filed", "closed", "Please choose a stage."),
]


@pytest.mark.parametrize(("old", "new", "message"), MOVES)
def test_move_case_follows_the_table(case, board, old, new, message):
    ConductCase.objects.filter(pk=case.pk).update(stage=old)
    case.refresh_from_db()
    if message is None:
        moved = move_case(case=case, to_stage=new, actor=board)
        step = CaseStep.objects.get()
        assert (moved.stage, step.from_stage, step.to_stage, step.moved_by) == (
            new,
            old,
            new,
            board,
        )
        return
    with pytest.raises(ValidationError) as error:
        move_case(case=case, to_stage=new, actor=board)
    assert messages_of(error) == {"stage": [message]}
    case.refresh_from_db()
    assert (case.stage, CaseStep.objects.count()) == (old, 0)


@pytest.mark.parametrize(
    ("stage", "outcome", "message"),
    [
        ("filed", "dismissed", None),
        ("review", "dismissed", None),
        ("hearing", "dismissed", None),
        ("hearing", "warning", None),
        ("hearing", "expulsion", None),
        ("filed", "warning", "needs a hearing"),
        ("review", "warning", "needs a hearing"),
        ("review", "suspension", "needs a hearing"),
        ("review", "expulsion", "needs a hearing"),
        ("hearing", "reprimand", "Please choose an outcome."),
    ],
)
def test_decide_case_from_each_stage(case, board, stage, outcome, message):
    ConductCase.objects.filter(pk=case.pk).update(stage=stage)
    case.refresh_from_db()
    if message is None:
        decided = decide_case(case=case, outcome=outcome, rationale=RATIONALE, actor=board)
        assert (decided.stage, decided.outcome, CaseStep.objects.get().from_stage) == (
            "decided",
            outcome,
            stage,
        )
        return
    with pytest.raises(ValidationError) as error:
        decide_case(
            case=case,
            outcome=outcome,
            rationale=RATIONALE,
            suspended_until=datetime.date(2099, 1, 31),
            actor=board,
        )
    expected = message
    if message == "needs a hearing":
        expected = (
            "A warning, suspension or expulsion needs a hearing first: "
            "move the case to the hearing."
        )
    assert messages_of(error) == {"outcome": [expected]}
    case.refresh_from_db()
    assert (case.stage, case.outcome, CaseStep.objects.count()) == (stage, "", 0)


def test_decided_case_cannot_be_decided_again(warned, board):
    with pytest.raises(ValidationError) as error:
        decide_case(case=warned, outcome="dismissed", rationale="Doch nicht.", actor=board)
    assert messages_of(error) == {"outcome": ["This case has already been decided."]}


def test_decision_needs_a_rationale_and_a_suspension_its_future_last_day(hearing, board):
    with pytest.raises(ValidationError) as error:
        decide_case(
            case=hearing, outcome="suspension", rationale=" ", suspended_until=TODAY(), actor=board
        )
    assert messages_of(error) == {
        "suspended_until": ["A suspension needs its last day, in the future."],
        "rationale": ["Please write down the board's rationale."],
    }
    hearing.refresh_from_db()
    assert (hearing.stage, hearing.company.status) == ("hearing", "active")


def test_move_case_sets_the_deadline(case, board):
    later = TODAY() + datetime.timedelta(days=21)
    moved = move_case(case=case, to_stage="review", deadline=later, actor=board)
    assert (moved.deadline, CaseStep.objects.get().deadline) == (later, later)


def test_move_case_refuses_a_past_deadline(case, board):
    with pytest.raises(ValidationError) as error:
        move_case(
            case=case,
            to_stage="review",
            deadline=TODAY() - datetime.timedelta(days=1),
            actor=board,
        )
    assert messages_of(error) == {"deadline": ["The deadline cannot lie in the past."]}


@pytest.mark.parametrize("who", ["office", "member", "member2", "moderator", "board_accused"])
def test_only_the_board_moves_and_decides(conduct_cast, case, who):
    user = conduct_cast[who]
    with pytest.raises(PermissionDenied):
        move_case(case=case, to_stage="review", actor=user)
    with pytest.raises(PermissionDenied):
        decide_case(case=case, outcome="dismissed", rationale="x", actor=user)
    case.refresh_from_db()
    assert (case.stage, CaseStep.objects.count()) == ("filed", 0)


def test_board_member_who_filed_the_case_abstains(cast, company_a):
    case = file_case(company=company_a, allegation="x", actor=cast["board"])
    for call in (
        lambda: move_case(case=case, to_stage="review", actor=cast["board"]),
        lambda: decide_case(case=case, outcome="dismissed", rationale="x", actor=cast["board"]),
    ):
        with pytest.raises(ValidationError) as error:
            call()
        assert list(messages_of(error).values()) == [
            ["You have a conflict of interest in this case and abstain."]
        ]
    case.refresh_from_db()
    assert case.stage == "filed"


def test_statement_during_the_hearing_by_the_accused_admin(hearing, member2):
    give_statement(case=hearing, text=f"  {STATEMENT} ", actor=member2)
    hearing.refresh_from_db()
    assert (hearing.statement, hearing.statement_at is not None) == (STATEMENT, True)
    entry = AuditEntry.objects.get(action="conduct_case.statement")
    assert entry.changes == {}


def test_statement_by_the_person_concerned(conduct_cast, company_b, board):
    employee = conduct_cast["employee"]
    case = file_case(
        company=company_b, person=employee.person, allegation="x", actor=conduct_cast["member"]
    )
    case = to_stage(case, "hearing", board)
    give_statement(case=case, text=STATEMENT, actor=employee)
    case.refresh_from_db()
    assert case.statement == STATEMENT


def test_statement_outside_the_hearing_is_refused(case, board, member2):
    case = to_stage(case, "review", board)
    with pytest.raises(PermissionDenied):  # before the hearing the accused do not see it
        give_statement(case=case, text=STATEMENT, actor=member2)
    decided = to_stage(to_stage(case, "hearing", board), "decided", board)
    with pytest.raises(ValidationError) as error:
        give_statement(case=decided, text=STATEMENT, actor=member2)
    assert messages_of(error) == {
        "statement": ["A statement can only be given during the hearing."]
    }


@pytest.mark.parametrize("who", ["employee", "member", "office", "board", "moderator"])
def test_statement_is_refused_to_all_but_the_accused(conduct_cast, hearing, who):
    with pytest.raises(PermissionDenied):
        give_statement(case=hearing, text=STATEMENT, actor=conduct_cast[who])
    hearing.refresh_from_db()
    assert hearing.statement == ""


def test_empty_statement_is_refused(hearing, member2):
    with pytest.raises(ValidationError) as error:
        give_statement(case=hearing, text=" ", actor=member2)
    assert messages_of(error) == {"statement": ["Please write your statement."]}


def test_warning_keeps_the_company_active(warned, company_b):
    company_b.refresh_from_db()
    assert (company_b.status, warned.outcome, warned.suspended_until) == (
        "active",
        "warning",
        None,
    )


def test_suspension_suspends_the_company_naming_only_the_case(hearing, board, company_b):
    last_day = datetime.date(2099, 3, 31)
    decide_case(
        case=hearing,
        outcome="suspension",
        rationale=RATIONALE,
        suspended_until=last_day,
        actor=board,
    )
    company_b.refresh_from_db()
    change = company_b.status_changes.first()
    assert (company_b.status, change.from_status, change.to_status, change.reason) == (
        "suspended",
        "active",
        "suspended",
        f"Suspended until 03/31/2099 (conduct case {hearing.code})",
    )


def test_expulsion_ends_access_and_keeps_history(hearing, board, company_b, member2):
    """Nothing is deleted: the company, its three people and the case stay on record."""
    client = Client()  # logged in as a person does: allauth records the session
    client.post("/accounts/login/", {"login": "member2@example.org", "password": PASSWORD})
    assert client.get("/groups/").status_code == 200
    decide_case(case=hearing, outcome="expulsion", rationale=RATIONALE, actor=board)
    company_b.refresh_from_db()
    response = client.get("/groups/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/groups/")
    statuses = list(
        CompanyStatusChange.objects.filter(company=company_b).values_list("to_status", flat=True)
    )
    assert (company_b.status, statuses) == ("expelled", ["expelled"])
    assert (
        Company.objects.filter(pk=company_b.pk).exists(),
        Person.objects.filter(company=company_b).count(),
        ConductCase.objects.filter(company=company_b).count(),
    ) == (True, 3, 1)


def test_decision_audit_names_outcome_not_contents(warned):
    texts = [ALLEGATION, STATEMENT, RATIONALE]
    entries = AuditEntry.objects.filter(object_type="conduct.conductcase")
    actions = list(entries.order_by("pk").values_list("action", flat=True))
    assert actions == [
        "conduct_case.file",
        "conduct_case.move",
        "conduct_case.move",
        "conduct_case.statement",
        "conduct_case.move",
        "conduct_case.decide",
    ]
    dumped = str(list(AuditEntry.objects.values_list("changes", "object_repr")))
    assert [text for text in texts if text in dumped] == []
    assert entries.get(action="conduct_case.decide").changes == {
        "outcome": "warning",
        "suspended_until": None,
    }
