"""The demo's closed conduct case (seed 001: the code of honour, the advisory board).

About eight months ago the demo member filed a case against the demo member2's company in
Augsburg: a partner's customer poached. The board reviewed it, heard the company, which gave
a statement, and decided on a warning. It goes through the services as the system, without
mail; then the dates are set back to when it happened.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from verbund.conduct.models import CaseOutcome, CaseStage, CaseStep, ConductCase
from verbund.conduct.services import decide_case, file_case, give_statement, move_case
from verbund.members.models import Person

ALLEGATION = (
    "Kunde eines Partners direkt abgeworben, entgegen dem Ehrenkodex: Nach einer Empfehlung "
    "beim Frühstück hat das Unternehmen dem Kunden des empfehlenden Partners ein eigenes "
    "Angebot für dessen laufenden Wartungsvertrag gemacht."
)
STATEMENT = (
    "Der Kunde hat uns von sich aus nach einem Angebot für die Wartung gefragt. Wir hätten "
    "zuerst mit dem Partner sprechen müssen; das bedauern wir und haben das Angebot zurückgezogen."
)
RATIONALE = (
    "Das Angebot widersprach Punkt 2 des Ehrenkodex. Das Unternehmen hat den Fehler eingeräumt "
    "und das Angebot zurückgezogen; der Beirat belässt es deshalb bei einer Verwarnung."
)
BERLIN = ZoneInfo("Europe/Berlin")
# Days after the filing on which each step happened.
REVIEW_DAY, HEARING_DAY, STATEMENT_DAY, DECISION_DAY = 3, 20, 30, 45
STAGE_DAYS = 14


def build_conduct(*, today: datetime.date, filer: Person, accused: Person) -> ConductCase:
    """The closed case: filed about eight months before `today` by `filer` against the
    company of `accused` (its admin, who gives the statement)."""
    company = accused.company
    assert company is not None  # a member company's admin
    case = file_case(company=company, allegation=ALLEGATION, actor=None, mail=False)
    case = move_case(case=case, to_stage=CaseStage.REVIEW, actor=None, mail=False)
    case = move_case(case=case, to_stage=CaseStage.HEARING, actor=None, mail=False)
    case = give_statement(case=case, text=STATEMENT, actor=None)
    case = decide_case(
        case=case, outcome=CaseOutcome.WARNING, rationale=RATIONALE, actor=None, mail=False
    )
    _set_back(case, filer, today - datetime.timedelta(days=245))
    return case


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BERLIN)


def _set_back(case: ConductCase, filer: Person, filed_on: datetime.date) -> None:
    """Give the case the dates it had and the filer it had (the system filed it here)."""

    def day(offset: int) -> datetime.date:
        return filed_on + datetime.timedelta(days=offset)

    ConductCase.objects.filter(pk=case.pk).update(
        filed_by=filer,
        filed_at=_at(filed_on, 10),
        deadline=day(HEARING_DAY + STAGE_DAYS),
        statement_at=_at(day(STATEMENT_DAY), 17),
        decided_at=_at(day(DECISION_DAY), 19),
    )
    review, hearing, decided = case.steps.order_by("pk")
    for step, offset, deadline in (
        (review, REVIEW_DAY, day(REVIEW_DAY + STAGE_DAYS)),
        (hearing, HEARING_DAY, day(HEARING_DAY + STAGE_DAYS)),
        (decided, DECISION_DAY, None),
    ):
        CaseStep.objects.filter(pk=step.pk).update(moved_at=_at(day(offset), 19), deadline=deadline)
