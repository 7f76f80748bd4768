"""API: conduct cases (the board; the filer sees the status; the accused from the hearing) and
a company's resignation. The same queries, view levels and services as the pages."""

from datetime import date, datetime

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from verbund.api.admissions import _found, local_time, person_ref, ref_of
from verbund.api.pagination import Converted, Pagination
from verbund.api.schemas import Ref, enum
from verbund.common.http import check_perm, get_visible_or_404
from verbund.conduct.models import CaseOutcome, CaseStage, ConductCase
from verbund.conduct.queries import ViewLevel, cases_visible_to, view_level, yearly_figures
from verbund.conduct.services import decide_case, file_case, give_statement, move_case, read_case
from verbund.members.models import SEAT_STATUSES, Company, Resignation
from verbund.members.queries import companies_visible_to, people_visible_to
from verbund.members.services import give_resignation, withdraw_resignation
from verbund.members.services.resignations import pending_resignation

router = Router(tags=["conduct cases"])

CONTENTS = ("person", "allegation", "statement", "statement_at", "rationale")


class CaseStepOut(Schema):
    from_stage: CaseStage
    to_stage: CaseStage
    deadline: date | None
    moved_at: datetime


class CaseOut(Schema):
    """A conduct case as you may see it (`view`): `full` for the advisory board; `accused`
    for the accused company's admins and the person concerned from the hearing on (without
    the filer); `filer` for who filed it: the status only. Hidden fields are null."""

    code: str
    view: str = Field(..., json_schema_extra={"enum": [level.value for level in ViewLevel]})
    company: Ref
    stage: CaseStage
    deadline: date
    filed_at: datetime
    outcome: CaseOutcome | None
    suspended_until: date | None
    decided_at: datetime | None
    person: Ref | None
    allegation: str | None
    statement: str | None
    statement_at: datetime | None
    rationale: str | None
    filed_by: Ref | None
    steps: list[CaseStepOut] | None


def _case_out(
    case: ConductCase, level: ViewLevel | None, steps: bool = False, contents: bool = True
) -> dict:
    """`case` as `level` may see it (the list leaves out the history and the contents)."""
    out = {
        "code": case.code,
        "view": level,
        "company": ref_of(case.company, case.company.name),
        "stage": case.stage,
        "deadline": case.deadline,
        "filed_at": local_time(case.filed_at),
        "outcome": case.outcome or None,
        "suspended_until": case.suspended_until,
        "decided_at": local_time(case.decided_at),
        "filed_by": None,
        "steps": None,
    } | dict.fromkeys(CONTENTS)
    if contents and level in (ViewLevel.FULL, ViewLevel.ACCUSED):
        out |= {
            "person": person_ref(case.person),
            "allegation": case.allegation,
            "statement": case.statement,
            "statement_at": local_time(case.statement_at),
            "rationale": case.rationale,
        }
    if level == ViewLevel.FULL:
        out["filed_by"] = person_ref(case.filed_by)
        if steps:
            out["steps"] = [
                {
                    "from_stage": step.from_stage,
                    "to_stage": step.to_stage,
                    "deadline": step.deadline,
                    "moved_at": local_time(step.moved_at),
                }
                for step in case.steps.all()
            ]
    return out


def _detail(request: HttpRequest, case: ConductCase) -> dict:
    return _case_out(case, view_level(request.user, case), steps=True)


def _visible(request: HttpRequest):
    return cases_visible_to(request.user).select_related("filed_by")


def _case(request: HttpRequest, code: str) -> ConductCase:
    """A case the caller may see at some level; 404 otherwise."""
    return get_visible_or_404(_visible(request), code=code)


@router.get("/conduct-cases", response=list[CaseOut])
@paginate(Pagination)
def case_list(request: HttpRequest):
    """The cases you may see, newest first: the board all (but its own company's), a filer
    those they filed, the accused theirs from the hearing on; anyone else an empty list.
    The contents (allegation, statement, rationale) are null here: read them one case at a
    time, so that each read is in the audit log."""
    user = request.user
    return Converted(
        _visible(request), lambda case: _case_out(case, view_level(user, case), contents=False)
    )


class CaseIn(Schema):
    """`company`: a member company's code; `person`: optionally, the code of a person of it."""

    company: str
    person: str | None = None
    allegation: str


@router.post("/conduct-cases", response={201: CaseOut})
def case_create(request: HttpRequest, payload: CaseIn):
    """File a case (a member, not against their own company, or the office)."""
    check_perm(request, "conduct.file_case")
    members = companies_visible_to(request.user).filter(status__in=SEAT_STATUSES)
    company = _found(members, payload.company, "company")
    person = None
    if payload.person is not None:
        person = _found(people_visible_to(request.user), payload.person, "person")
    case = file_case(
        company=company, person=person, allegation=payload.allegation, actor=request.user
    )
    return Status(201, _detail(request, _case(request, case.code)))


class FiguresOut(Schema):
    """One calendar year: cases filed, decided by outcome, resignations carried out and
    expulsions."""

    year: int
    filed: int
    decided: dict[str, int]
    resignations: int
    expulsions: int


@router.get("/conduct-cases/figures", response=list[FiguresOut])
def case_figures(request: HttpRequest):
    """The yearly figures, newest year first (the advisory board)."""
    check_perm(request, "conduct.view_case_figures")
    return yearly_figures()


@router.get("/conduct-cases/{code}", response=CaseOut)
def case_detail(request: HttpRequest, code: str):
    """One case as you may see it, with its history for the board (404 if not visible).
    A board member's read is in the audit log."""
    case = _case(request, code)
    return _case_out(case, read_case(case, actor=request.user), steps=True)


class StageIn(Schema):
    """`stage`: review or hearing; `deadline`: empty for the network's days for a stage."""

    stage: str = Field(..., **enum([CaseStage.REVIEW, CaseStage.HEARING]))
    deadline: date | None = None


@router.post("/conduct-cases/{code}/stage", response=CaseOut)
def case_stage(request: HttpRequest, code: str, payload: StageIn):
    """Move the case to its next stage (the board; who filed it abstains, 422)."""
    case = _case(request, code)
    check_perm(request, "conduct.manage_case", case)
    move_case(case=case, to_stage=payload.stage, deadline=payload.deadline, actor=request.user)
    return _detail(request, _case(request, code))


class StatementIn(Schema):
    statement: str


@router.post("/conduct-cases/{code}/statement", response=CaseOut)
def case_statement(request: HttpRequest, code: str, payload: StatementIn):
    """Give (or replace) the statement during the hearing (the accused company's admins,
    the person concerned)."""
    case = _case(request, code)
    check_perm(request, "conduct.give_statement", case)
    give_statement(case=case, text=payload.statement, actor=request.user)
    return _detail(request, _case(request, code))


class DecisionIn(Schema):
    """A warning, suspension or expulsion needs a hearing first; a suspension its last day."""

    outcome: str = Field(..., **enum(CaseOutcome.values))
    rationale: str
    suspended_until: date | None = None


@router.post("/conduct-cases/{code}/decision", response=CaseOut)
def case_decision(request: HttpRequest, code: str, payload: DecisionIn):
    """Decide the case (the board); a suspension or expulsion changes the company's status."""
    case = _case(request, code)
    check_perm(request, "conduct.manage_case", case)
    decide_case(case=case, actor=request.user, **payload.model_dump())
    return _detail(request, _case(request, code))


# ---------------------------------------------------------------- resignation


class ResignationIn(Schema):
    reason: str = ""


class ResignationOut(Schema):
    """`effective_on`: the company's last day as a member."""

    company: Ref
    given_at: datetime
    effective_on: date
    withdrawn_at: datetime | None
    carried_out_at: datetime | None


def _resignation_out(resignation: Resignation) -> dict:
    company = resignation.company
    return {
        "company": ref_of(company, company.name),
        "given_at": local_time(resignation.given_at),
        "effective_on": resignation.effective_on,
        "withdrawn_at": local_time(resignation.withdrawn_at),
        "carried_out_at": local_time(resignation.carried_out_at),
    }


def _company(request: HttpRequest, code: str) -> Company:
    company = get_visible_or_404(companies_visible_to(request.user), code=code)
    check_perm(request, "members.give_resignation", company)
    return company


@router.post("/companies/{code}/resignation", response={201: ResignationOut})
def resignation_create(request: HttpRequest, code: str, payload: ResignationIn):
    """Give notice for the company (its company admin or the office); it takes effect at
    the end of the month the network's notice period on."""
    company = _company(request, code)
    resignation = give_resignation(company=company, reason=payload.reason, actor=request.user)
    return Status(201, _resignation_out(resignation))


@router.delete("/companies/{code}/resignation", response=ResignationOut)
def resignation_withdraw(request: HttpRequest, code: str):
    """Withdraw the pending notice before it takes effect (404 if there is none)."""
    company = _company(request, code)
    pending = pending_resignation(company)
    if pending is None:
        raise Http404
    return _resignation_out(withdraw_resignation(resignation=pending, actor=request.user))
