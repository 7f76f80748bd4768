"""Admission in a real browser: a present member votes on an application, and a board member
votes on the vetoed case and decides it with a rationale."""

import pytest

from tests import factories as f
from tests.admissions.conftest import (
    ApplicationFactory,
    BoardCaseFactory,
    VoteFactory,
    attend,
    board_member,
)
from tests.factories import PASSWORD, TOTP_SECRET, totp_code
from tests.pages.html import de
from verbund.admissions.models import BoardCase, Stage, Vote
from verbund.admissions.services import cast_board_vote
from verbund.members.models import CompanyStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def strict_page(page):
    """The page, failing the test if anything on it breaks the strict CSP."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    assert violations == [], "the pages keep to the strict CSP"


def _log_in(page, live_server, email, totp=False):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    if totp:
        page.wait_for_url("**/accounts/2fa/authenticate/")
        page.fill("input[name=code]", totp_code(TOTP_SECRET))
        page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def _candidate(group):
    return f.CompanyFactory(
        name="Neuland IT GmbH", status=CompanyStatus.CANDIDATE, home_group=group
    )


def test_present_member_votes_on_an_application(
    strict_page, live_server, member, moderator, member_person, group_a
):
    page = strict_page
    meeting = f.MeetingFactory(group=group_a, register_state="completed")
    attend(meeting, member)
    attend(meeting, moderator)
    application = ApplicationFactory(
        company=_candidate(group_a),
        recommended_by=member_person,
        stage=Stage.VOTING,
        vote_meeting=meeting,
    )

    _log_in(page, live_server, "member@example.org")
    page.click("nav a[href='/applications/']")
    page.click("#applications >> text=Neuland IT GmbH")
    page.wait_for_url(f"**/applications/{application.code}/")
    page.check(f"#vote-form >> text={de('Yes')}")
    page.click("#vote-form button[type=submit]")
    page.wait_for_selector("#my-vote")
    assert page.locator("#my-vote").inner_text() == de("You voted: %(choice)s.") % {
        "choice": de("Yes")
    }
    vote = Vote.objects.get()
    assert (vote.person, vote.choice, vote.reason) == (member_person, "yes", "")


def test_board_member_votes_and_decides_a_case(
    strict_page, live_server, board, member_person, group_a, group_b
):
    page = strict_page
    application = ApplicationFactory(
        company=_candidate(group_a), recommended_by=member_person, stage=Stage.BOARD
    )
    VoteFactory(application=application, person=member_person, choice="veto", reason="Zu nah.")
    case = BoardCaseFactory(application=application)
    for user in (
        board_member("board2@example.org", "Bernd", "Roth", group_b),
        board_member("board3@example.org", "Carla", "Weiss", group_b),
    ):
        cast_board_vote(case=case, person=user.person, choice="admit", actor=user)

    _log_in(page, live_server, "board@example.org", totp=True)
    page.click("nav a[href='/applications/']")
    page.click("#board-cases-link")
    page.click("#board-cases >> text=Neuland IT GmbH")
    page.wait_for_url(f"**/board-cases/{application.code}/")
    assert page.locator("#vetoes li").inner_text().split("\n") == ["Maria Huber", "Zu nah."]
    page.check(f"#board-vote-form >> text={de('Admit')}")
    page.click("#board-vote-form button[type=submit]")
    page.wait_for_selector("#my-board-vote")
    page.select_option("#decision-form select[name=decision]", "admit")
    page.fill("#decision-form textarea[name=rationale]", "Ergänzt die Gruppe um Telefonie.")
    page.click("#decision-form button[type=submit]")
    page.wait_for_selector("#decision-text")
    assert page.locator("#rationale").inner_text() == "Ergänzt die Gruppe um Telefonie."
    case = BoardCase.objects.select_related("application__company").get()
    assert (case.decision, case.application.stage, case.application.company.status) == (
        "admit",
        "admitted",
        CompanyStatus.ACTIVE,
    )
