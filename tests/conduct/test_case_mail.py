"""The conduct cases' e-mails: who gets which, in their language, and never the contents."""

import pytest
from django.core import mail
from django.utils import translation
from django.utils.formats import date_format

from tests.api.conftest import de
from tests.conduct.conftest import ALLEGATION, RATIONALE, STATEMENT, to_stage
from verbund.conduct.services import decide_case, file_case, give_statement, move_case

SITE = "http://testserver"


def sent() -> list[tuple[list[str], str]]:
    return [(message.to, message.subject) for message in mail.outbox]


def no_contents() -> bool:
    """No mail carries what the case is about, nor (but to the filer herself) who filed it."""
    for message in mail.outbox:
        whole = message.body + str(message.alternatives) + message.subject
        secrets = [ALLEGATION, STATEMENT, RATIONALE]
        if message.to != ["member@example.org"]:
            secrets.append("Maria Huber")
        if any(secret in whole for secret in secrets):
            return False
    return True


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def test_filing_tells_the_board_but_not_its_members_of_the_accused(
    conduct_cast, company_b, django_capture_on_commit_callbacks
):
    conduct_cast["board"].language = "en"
    conduct_cast["board"].save()
    with django_capture_on_commit_callbacks(execute=True):
        case = file_case(company=company_b, allegation=ALLEGATION, actor=conduct_cast["member"])
    assert sent() == [
        (["board@example.org"], f"A conduct case for the advisory board: {case.code}")
    ]
    assert mail.outbox[0].body == (
        "Hello Petra Lang,\n\n"
        f"a conduct case has been filed: {case.code}. Please log in to read it; for "
        "confidentiality this e-mail says no more.\n\n"
        f"{SITE}/conduct-cases/{case.code}/\n\n"
        "Best regards\nThe network office of Testnetz\n\n"
    )
    assert no_contents()


def test_each_stage_change_tells_the_filer_the_status_only(
    conduct_cast, case, django_capture_on_commit_callbacks
):
    board = conduct_cast["board"]
    with django_capture_on_commit_callbacks(execute=True):
        move_case(case=case, to_stage="review", actor=board)
    subject = de("Your conduct case %(code)s: a new stage") % {"code": case.code}
    stage = de("the conduct case %(code)s that you filed is now at the stage: %(stage)s.") % {
        "code": case.code,
        "stage": de("Under review"),
    }
    assert sent() == [(["member@example.org"], subject)]
    assert mail.outbox[0].body.splitlines()[2] == stage
    assert no_contents()


def test_hearing_tells_the_accused_admins_and_the_person_concerned(
    conduct_cast, company_b, django_capture_on_commit_callbacks
):
    board, employee = conduct_cast["board"], conduct_cast["employee"]
    case = file_case(
        company=company_b,
        person=employee.person,
        allegation=ALLEGATION,
        actor=conduct_cast["member"],
        mail=False,
    )
    case = to_stage(case, "review", board)
    employee.language = "en"
    employee.save()
    with django_capture_on_commit_callbacks(execute=True):
        case = move_case(case=case, to_stage="hearing", actor=board)
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["employee@example.org", "member2@example.org", "member@example.org"]
    english = next(m for m in mail.outbox if m.to == ["employee@example.org"])
    with translation.override("en"):
        deadline = date_format(case.deadline, "DATE_FORMAT")
    assert (english.subject, english.body) == (
        f"Conduct case {case.code}: your statement, please",
        "Hello Eva Lech,\n\n"
        f"the advisory board has opened the hearing in the conduct case {case.code} concerning "
        f"Lech Systemhaus GmbH. Please log in to read the case and give your statement by "
        f"{deadline}.\n\n"
        f"{SITE}/conduct-cases/{case.code}/\n\n"
        "Best regards\nThe network office of Testnetz\n\n",
    )
    assert no_contents()


def test_statement_mails_nobody_the_decision_the_filer_and_the_accused(
    conduct_cast, hearing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        give_statement(case=hearing, text=STATEMENT, actor=conduct_cast["member2"])
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        decide_case(
            case=hearing, outcome="warning", rationale=RATIONALE, actor=conduct_cast["board"]
        )
    assert [message.to for message in mail.outbox] == [
        ["member@example.org"],
        ["member2@example.org"],
    ]
    assert no_contents()


def test_decision_after_a_hearing_tells_the_accused_in_their_language(
    conduct_cast, company_b, django_capture_on_commit_callbacks
):
    """The company's admin (German) and the person concerned (English): code, outcome,
    link; never the rationale, nor who filed it."""
    board, employee = conduct_cast["board"], conduct_cast["employee"]
    case = file_case(
        company=company_b,
        person=employee.person,
        allegation=ALLEGATION,
        actor=conduct_cast["member"],
        mail=False,
    )
    case = to_stage(case, "hearing", board)
    employee.language = "en"
    employee.save()
    with django_capture_on_commit_callbacks(execute=True):
        decide_case(case=case, outcome="warning", rationale=RATIONALE, actor=board, mail=True)
    accused = [m for m in mail.outbox if m.to != ["member@example.org"]]
    assert [m.to for m in accused] == [["member2@example.org"], ["employee@example.org"]]
    german, english = accused
    assert (english.subject, english.body) == (
        f"Conduct case {case.code}: the board's decision",
        "Hello Eva Lech,\n\n"
        f"the advisory board has decided the conduct case {case.code} concerning Lech "
        "Systemhaus GmbH: Warning. Please log in to read the decision and its rationale.\n\n"
        f"{SITE}/conduct-cases/{case.code}/\n\n"
        "Best regards\nThe network office of Testnetz\n\n",
    )
    line = de(
        "the advisory board has decided the conduct case %(code)s concerning %(company)s: "
        "%(outcome)s. Please log in to read the decision and its rationale."
    ) % {"code": case.code, "company": "Lech Systemhaus GmbH", "outcome": de("Warning")}
    subject = de("Conduct case %(code)s: the board's decision") % {"code": case.code}
    assert (german.subject, german.body.splitlines()[2]) == (subject, line)
    assert no_contents()


@pytest.mark.parametrize("stage", ["filed", "review"])
def test_a_case_dismissed_without_hearing_mails_only_the_filer(
    conduct_cast, company_b, stage, django_capture_on_commit_callbacks
):
    """The accused never knew of it: no mail tells them."""
    case = file_case(
        company=company_b,
        person=conduct_cast["employee"].person,
        allegation=ALLEGATION,
        actor=conduct_cast["member"],
        mail=False,
    )
    case = to_stage(case, stage, conduct_cast["board"])
    with django_capture_on_commit_callbacks(execute=True):
        decide_case(
            case=case, outcome="dismissed", rationale=RATIONALE, actor=conduct_cast["board"]
        )
    assert [message.to for message in mail.outbox] == [["member@example.org"]]
    assert no_contents()


def test_a_case_filed_by_the_office_tells_the_office_its_stages(
    conduct_cast, company_b, django_capture_on_commit_callbacks
):
    case = file_case(company=company_b, allegation=ALLEGATION, actor=conduct_cast["office"])
    with django_capture_on_commit_callbacks(execute=True):
        move_case(case=case, to_stage="review", actor=conduct_cast["board"])
    assert [message.to for message in mail.outbox] == [["office@example.org"]]
    assert no_contents()
