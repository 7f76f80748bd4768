"""Sanctions on a company already sanctioned: a second suspension is recorded without a
status change and the company stays suspended until the latest last day; an expulsion closes
a pending resignation."""

import datetime

import pytest
from django.utils import timezone

from tests.api.conftest import de
from tests.conduct.conftest import ALLEGATION, RATIONALE, to_stage
from verbund.common.models import AuditEntry
from verbund.conduct.models import ConductCase
from verbund.conduct.services import decide_case, end_suspensions, file_case
from verbund.members.models import Company, CompanyStatusChange, Resignation
from verbund.members.services import change_company_status, give_resignation

TODAY = timezone.localdate()
SHORT = TODAY + datetime.timedelta(days=10)
LONG = TODAY + datetime.timedelta(days=40)


def heard_case(conduct_cast, company) -> ConductCase:
    case = file_case(company=company, allegation=ALLEGATION, actor=conduct_cast["member"])
    return to_stage(case, "hearing", conduct_cast["board"])


def suspend(case: ConductCase, board, last_day: datetime.date) -> ConductCase:
    return decide_case(
        case=case, outcome="suspension", rationale=RATIONALE, suspended_until=last_day, actor=board
    )


def statuses(company: Company) -> list[str]:
    changes = CompanyStatusChange.objects.filter(company=company).order_by("pk")
    return list(changes.values_list("to_status", flat=True))


def status_of(company: Company) -> str:
    company.refresh_from_db()
    return company.status


def decide_audit(case: ConductCase) -> dict:
    return AuditEntry.objects.get(action="conduct_case.decide", object_id=case.code).changes


def test_second_suspension_is_recorded_without_a_status_change(conduct_cast, company_b):
    board = conduct_cast["board"]
    first, second = heard_case(conduct_cast, company_b), heard_case(conduct_cast, company_b)
    suspend(first, board, SHORT)
    decided = suspend(second, board, LONG)
    assert (decided.stage, decided.outcome, decided.suspended_until) == (
        "decided",
        "suspension",
        LONG,
    )
    assert (status_of(company_b), statuses(company_b)) == ("suspended", ["suspended"])
    assert decide_audit(first)["company_status"] == ["active", "suspended"]
    assert decide_audit(second) == {
        "outcome": "suspension",
        "suspended_until": LONG.isoformat(),
        "company_status": ["suspended", "suspended"],
    }


def test_suspension_of_a_company_suspended_by_the_office(conduct_cast, company_b, office):
    change_company_status(company=company_b, status="suspended", reason="Beitrag", actor=office)
    case = suspend(heard_case(conduct_cast, company_b), conduct_cast["board"], SHORT)
    assert (case.stage, status_of(company_b), statuses(company_b)) == (
        "decided",
        "suspended",
        ["suspended"],
    )
    # the office's suspension was not the case's: the job leaves it to the office
    assert (end_suspensions(today=LONG), status_of(company_b)) == (0, "suspended")


@pytest.mark.parametrize(("first_day", "second_day"), [(SHORT, LONG), (LONG, SHORT)])
def test_suspension_ends_after_the_latest_last_day(conduct_cast, company_b, first_day, second_day):
    board = conduct_cast["board"]
    first, second = heard_case(conduct_cast, company_b), heard_case(conduct_cast, company_b)
    suspend(first, board, first_day)
    suspend(second, board, second_day)
    after_short, after_long = (day + datetime.timedelta(days=1) for day in (SHORT, LONG))
    assert (end_suspensions(today=after_short), status_of(company_b)) == (0, "suspended")
    assert (end_suspensions(today=after_long), status_of(company_b)) == (1, "active")
    assert end_suspensions(today=after_long) == 0
    longest = first if first_day == LONG else second
    change = CompanyStatusChange.objects.filter(company=company_b).first()
    assert (statuses(company_b), change.reason) == (
        ["suspended", "active"],
        de("Suspension ended (conduct case %(code)s)") % {"code": longest.code},
    )


def test_a_suspension_changed_since_stays_after_the_latest_last_day(
    conduct_cast, company_b, office
):
    board = conduct_cast["board"]
    first, second = heard_case(conduct_cast, company_b), heard_case(conduct_cast, company_b)
    suspend(first, board, SHORT)
    suspend(second, board, LONG)
    change_company_status(company=company_b, status="active", reason="Früher", actor=office)
    change_company_status(company=company_b, status="suspended", reason="Erneut", actor=office)
    assert end_suspensions(today=LONG + datetime.timedelta(days=1)) == 0
    assert status_of(company_b) == "suspended"


def test_expulsion_closes_a_pending_resignation(conduct_cast, company_b, member2):
    resignation = give_resignation(company=company_b, actor=member2)
    case = heard_case(conduct_cast, company_b)
    decide_case(case=case, outcome="expulsion", rationale=RATIONALE, actor=conduct_cast["board"])
    resignation.refresh_from_db()
    assert (status_of(company_b), resignation.withdrawn_at is not None) == ("expelled", True)
    assert resignation.carried_out_at is None
    entry = AuditEntry.objects.get(action="company.resignation_closed")
    assert (entry.actor_repr, entry.object_id, entry.changes) == (
        "system",
        company_b.code,
        {"effective_on": resignation.effective_on.isoformat()},
    )
    assert Resignation.objects.filter(withdrawn_at__isnull=True).count() == 0


def test_a_warning_leaves_a_pending_resignation_alone(conduct_cast, company_b, member2):
    give_resignation(company=company_b, actor=member2)
    case = heard_case(conduct_cast, company_b)
    decide_case(case=case, outcome="warning", rationale=RATIONALE, actor=conduct_cast["board"])
    assert Resignation.objects.filter(withdrawn_at__isnull=True).count() == 1


def test_second_expulsion_is_recorded_without_a_status_change(conduct_cast, company_b):
    board = conduct_cast["board"]
    first, second = heard_case(conduct_cast, company_b), heard_case(conduct_cast, company_b)
    decide_case(case=first, outcome="expulsion", rationale=RATIONALE, actor=board)
    decided = decide_case(case=second, outcome="expulsion", rationale=RATIONALE, actor=board)
    assert (decided.outcome, status_of(company_b), statuses(company_b)) == (
        "expulsion",
        "expelled",
        ["expelled"],
    )
