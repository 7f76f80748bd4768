"""The admission pages for the cast: the list, submitting, the application with the members'
vote, and the board's cases. Veto reasons appear on the board's case page only."""

import pytest
from django.utils import timezone

from tests import factories as f
from tests.admissions.conftest import ApplicationFactory, BoardCaseFactory, VoteFactory
from tests.conftest import client_for
from tests.pages.html import de, de_plural, definitions, element, items, parse, rows, text
from verbund.admissions.models import Application, BoardVote, Stage, Vote
from verbund.members.models import CompanyStatus
from verbund.network.models import NetworkRoleKind

REASON = "Direkter Wettbewerber im selben Landkreis."


def _url(application, action: str = "") -> str:
    return f"/applications/{application.code}/{action}"


def _case_url(application, action: str = "") -> str:
    return f"/board-cases/{application.code}/{action}"


def _today() -> str:
    return timezone.localdate().strftime("%d.%m.%Y")


def _login_redirect(path: str) -> tuple[int, str]:
    return 302, f"/accounts/login/?next={path}"


def _vetoed(application, person):
    VoteFactory(application=application, person=person, choice="veto", reason=REASON)


@pytest.fixture
def vetoed(voting, member_person):
    """The vote with the member's veto, before it is closed."""
    _vetoed(voting, member_person)
    return voting


@pytest.fixture
def case(application, member_person):
    """A board case after the member's veto."""
    application.stage = Stage.BOARD
    application.save()
    _vetoed(application, member_person)
    return BoardCaseFactory(application=application)


# ---------------------------------------------------------------- list


def test_application_list_member_sees_the_home_groups_applications(cast, application):
    response = client_for(cast["member"]).get("/applications/")
    assert rows(response, "applications") == [
        ["Neuland IT GmbH", de("Submitted"), "Ortsgruppe München-Nord", _today()]
    ]
    assert element(response, "new-application").attrs["href"] == "/applications/new/"
    assert element(response, "board-cases-link") is None


@pytest.mark.parametrize("who", ["member2", "guest"])
def test_application_list_others_see_none(cast, application, who):
    response = client_for(cast[who]).get("/applications/")
    assert (response.status_code, rows(response, "applications")) == (200, None)
    assert text(response, "no-applications") == de("There are no applications you can see.")


def test_application_list_candidate_sees_only_the_stage(application):
    user = application.company.people.get().user
    response = client_for(user).get("/applications/")
    assert rows(response, "applications") == [
        [de("Your company's application"), de("Submitted"), "—", "—"]
    ]
    assert element(response, "new-application") is None


def test_application_list_board_links_to_the_cases(cast, application):
    response = client_for(cast["board"]).get("/applications/")
    assert element(response, "board-cases-link").attrs["href"] == "/board-cases/"


def test_application_list_anonymous_goes_to_login():
    response = client_for(None).get("/applications/")
    assert (response.status_code, response["Location"]) == _login_redirect("/applications/")


@pytest.mark.parametrize(
    ("who", "shown"), [("office", True), ("board", True), ("member", True), ("guest", False)]
)
def test_navbar_links_admissions(cast, who, shown):
    navbar = parse(client_for(cast[who]).get("/")).find_all("nav")[0]
    hrefs = [link.attrs.get("href") for link in navbar.find_all("a")]
    assert ("/applications/" in hrefs) is shown


@pytest.mark.parametrize("size", [1, 3])
def test_application_list_query_count_is_constant(member, group_a, size, django_assert_num_queries):
    for number in range(size):
        ApplicationFactory(
            company=f.CompanyFactory(
                name=f"Kandidat {number} GmbH", home_group=group_a, status="candidate"
            )
        )
    client = client_for(member)
    with django_assert_num_queries(9):
        response = client.get("/applications/")
    assert [row[0] for row in rows(response, "applications")] == [
        f"Kandidat {number} GmbH" for number in reversed(range(size))
    ]


# ---------------------------------------------------------------- submitting

FORM = {
    "name": "Neu Systeme GmbH",
    "city": "Freising",
    "region": "Oberbayern",
    "website": "neu-systeme.example",
    "description": "Netzwerke und Telefonie",
    "employees": "12",
}


def test_application_create_member_recommends_themself(cast, member_person, group_a):
    response = client_for(cast["member"]).post(
        "/applications/new/", FORM | {"home_group": group_a.pk}
    )
    application = Application.objects.get()
    assert (response.status_code, response["Location"]) == (302, _url(application))
    assert (
        application.company.name,
        application.company.website,
        application.company.status,
        application.recommended_by,
        application.stage,
    ) == (
        "Neu Systeme GmbH",
        "https://neu-systeme.example",
        "candidate",
        member_person,
        "submitted",
    )


def test_application_create_office_names_the_recommender(cast, member_person, group_a):
    client = client_for(cast["office"])
    form = client.get("/applications/new/")
    assert element(form, "id_recommended_by") is not None
    data = FORM | {"home_group": group_a.pk, "recommended_by": member_person.pk}
    response = client.post("/applications/new/", data)
    application = Application.objects.get()
    assert (response.status_code, application.recommended_by) == (302, member_person)


def test_application_create_office_without_recommender_is_refused(cast, group_a):
    response = client_for(cast["office"]).post(
        "/applications/new/", FORM | {"home_group": group_a.pk}
    )
    assert (response.status_code, Application.objects.count()) == (200, 0)
    assert text(response, "id_recommended_by_error") == de(
        "The network requires a member's recommendation."
    )


def test_application_create_member_has_no_recommender_field(cast):
    response = client_for(cast["member"]).get("/applications/new/")
    assert (element(response, "id_recommended_by"), text(response, "recommender-note")) == (
        None,
        de("You submit this candidate as its recommender."),
    )


def test_application_create_guest_gets_403(cast, group_a):
    response = client_for(cast["guest"]).post(
        "/applications/new/", FORM | {"home_group": group_a.pk}
    )
    assert (response.status_code, Application.objects.count()) == (403, 0)


def test_application_create_anonymous_goes_to_login():
    response = client_for(None).get("/applications/new/")
    assert (response.status_code, response["Location"]) == _login_redirect("/applications/new/")


# ---------------------------------------------------------------- the application page


def test_application_detail_member_sees_data_and_overlap(cast, application, company_a):
    security = f.SkillFactory(label_de="IT-Sicherheit", label_en="IT security")
    application.company.skills.add(security)
    company_a.skills.add(security)
    response = client_for(cast["member"]).get(_url(application))
    assert text(response, "application-title") == "Neuland IT GmbH"
    assert text(response, "stage") == f"{de('Stage:')} {de('Submitted')}"
    assert definitions(response, "application-data") == {
        de("City"): "München",
        de("Region"): "Oberbayern",
        de("Website"): "—",
        de("Employees"): "20",
        de("Home group"): "Ortsgruppe München-Nord",
        de("Recommended by"): "Maria Huber",
        de("Submitted"): _today(),
        de("Vote at meeting"): "—",
    }
    assert items(response, "overlap-items") == ["IT-Sicherheit: Alpen IT Service GmbH"]
    # The member recommended it: they may withdraw it, but not open the vote.
    assert (element(response, "withdraw-form") is None, element(response, "open-vote")) == (
        False,
        None,
    )


def test_application_detail_colleague_may_not_withdraw(cast, application):
    response = client_for(cast["colleague"]).get(_url(application))
    assert (response.status_code, element(response, "withdraw-form")) == (200, None)
    assert text(response, "no-overlap") == de(
        "No member company of the home group shares a skill with the candidate."
    )


def test_application_detail_candidate_sees_only_the_stage(application):
    user = application.company.people.get().user
    response = client_for(user).get(_url(application))
    assert (text(response, "application-title"), text(response, "stage")) == (
        de("Your company's application"),
        f"{de('Stage:')} {de('Submitted')}",
    )
    assert (element(response, "application-data"), element(response, "overlap")) == (None, None)


@pytest.mark.parametrize("who", ["member2", "guest"])
def test_application_detail_other_groups_get_404(cast, application, who):
    response = client_for(cast[who]).get(_url(application))
    assert (response.status_code, "Neuland" in response.content.decode()) == (404, False)


def test_application_detail_anonymous_goes_to_login(application):
    response = client_for(None).get(_url(application))
    assert (response.status_code, response["Location"]) == _login_redirect(_url(application))


def test_moderator_opens_the_vote(cast, application, vote_meeting):
    client = client_for(cast["moderator"])
    page = client.get(_url(application))
    assert element(page, "id_meeting") is not None
    response = client.post(_url(application, "vote-opening/"), {"meeting": vote_meeting.pk})
    application.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, _url(application))
    assert (application.stage, application.vote_meeting) == ("voting", vote_meeting)


@pytest.mark.parametrize(("who", "status"), [("member", 403), ("member2", 404)])
def test_vote_opening_refused(cast, application, vote_meeting, who, status):
    response = client_for(cast[who]).post(
        _url(application, "vote-opening/"), {"meeting": vote_meeting.pk}
    )
    application.refresh_from_db()
    assert (response.status_code, application.stage) == (status, "submitted")


def test_present_member_casts_a_veto(cast, voting):
    client = client_for(cast["member"])
    assert element(client.get(_url(voting)), "vote-form") is not None
    response = client.post(_url(voting, "vote/"), {"choice": "veto", "reason": REASON})
    assert (response.status_code, response["Location"]) == (302, _url(voting))
    vote = Vote.objects.get()
    assert (vote.person, vote.choice, vote.reason) == (cast["member"].person, "veto", REASON)
    page = client.get(_url(voting))
    assert text(page, "my-vote") == de("You voted: %(choice)s.") % {"choice": de("Veto")}
    assert (element(page, "vote-form"), REASON in page.content.decode()) == (None, False)


def test_veto_without_reason_is_refused(cast, voting):
    response = client_for(cast["member"]).post(_url(voting, "vote/"), {"choice": "veto"})
    assert (response.status_code, Vote.objects.count()) == (200, 0)
    assert text(response, "id_reason_error") == de(
        "A veto needs a reason (only the board reads it)."
    )


def test_absent_colleague_cannot_vote(cast, voting):
    client = client_for(cast["colleague"])
    page = client.get(_url(voting))
    assert (element(page, "vote-form"), text(page, "no-vote")) == (
        None,
        de("You are not among the members who vote on this application."),
    )
    response = client.post(_url(voting, "vote/"), {"choice": "yes"})
    assert (response.status_code, Vote.objects.count()) == (403, 0)


@pytest.mark.parametrize(("who", "status"), [("office", 403), ("member2", 404)])
def test_vote_by_others_refused(cast, voting, who, status):
    response = client_for(cast[who]).post(_url(voting, "vote/"), {"choice": "yes"})
    assert (response.status_code, Vote.objects.count()) == (status, 0)


@pytest.mark.parametrize("who", ["moderator", "office"])
def test_vote_counts_without_reasons(cast, vetoed, who):
    response = client_for(cast[who]).get(_url(vetoed))
    assert definitions(response, "vote-counts") == {
        de("Yes"): "0",
        de("Veto"): "1",
        de("Eligible to vote"): "2",
        de("Not yet voted"): "1",
    }
    assert (REASON in response.content.decode()) is False


def test_moderator_closes_the_vote_to_the_board(cast, vetoed):
    client = client_for(cast["moderator"])
    response = client.post(_url(vetoed, "vote-closing/"), follow=True)
    vetoed.refresh_from_db()
    assert (vetoed.stage, hasattr(vetoed, "board_case")) == ("board", True)
    assert [str(m) for m in response.context["messages"]] == [
        de("The vote is closed: a member vetoed, so the advisory board decides.")
    ]


def test_closing_without_votes_is_refused(cast, voting):
    response = client_for(cast["moderator"]).post(_url(voting, "vote-closing/"))
    voting.refresh_from_db()
    assert (response.status_code, voting.stage) == (200, "voting")
    assert text(response, "action-errors") == de("Nobody has voted yet.")


def test_member_closing_gets_403(cast, vetoed):
    response = client_for(cast["member"]).post(_url(vetoed, "vote-closing/"))
    vetoed.refresh_from_db()
    assert (response.status_code, vetoed.stage) == (403, "voting")


def test_recommender_withdraws(cast, application):
    response = client_for(cast["member"]).post(_url(application, "withdrawal/"))
    application.refresh_from_db()
    assert (response.status_code, application.stage) == (302, "withdrawn")


def test_colleague_withdrawing_gets_403(cast, application):
    response = client_for(cast["colleague"]).post(_url(application, "withdrawal/"))
    application.refresh_from_db()
    assert (response.status_code, application.stage) == (403, "submitted")


# ---------------------------------------------------------------- board cases


def test_board_case_list_board_sees_the_case(cast, case):
    response = client_for(cast["board"]).get("/board-cases/")
    assert rows(response, "board-cases") == [
        ["Neuland IT GmbH", "Ortsgruppe München-Nord", _today(), de("Open")]
    ]


@pytest.mark.parametrize("who", ["office", "moderator", "member", "member2", "guest"])
def test_board_case_list_others_get_403(cast, case, who):
    response = client_for(cast[who]).get("/board-cases/")
    assert (response.status_code, "Neuland" in response.content.decode()) == (403, False)


def test_board_case_list_anonymous_goes_to_login():
    response = client_for(None).get("/board-cases/")
    assert (response.status_code, response["Location"]) == _login_redirect("/board-cases/")


def test_board_case_detail_shows_the_veto_reasons_and_quorum(cast, case):
    response = client_for(cast["board"]).get(_case_url(case.application))
    assert items(response, "vetoes") == [f"Maria Huber {REASON}"]
    assert text(response, "quorum") == de_plural(
        "The board decides with at least %(quorum)s vote.",
        "The board decides with at least %(quorum)s votes.",
        3,
    ) % {"quorum": 3}
    assert text(response, "no-board-votes") == de("No board member has voted yet.")
    assert [
        element(response, name) is not None for name in ("board-vote-form", "decision-form")
    ] == [
        True,
        True,
    ]


@pytest.mark.parametrize(("who", "status"), [("office", 403), ("member", 403), ("member2", 404)])
def test_board_case_detail_others_refused(cast, case, who, status):
    response = client_for(cast[who]).get(_case_url(case.application))
    assert (response.status_code, REASON in response.content.decode()) == (status, False)


def test_office_sees_no_veto_reason_on_the_application(cast, case):
    response = client_for(cast["office"]).get(_url(case.application))
    assert (response.status_code, REASON in response.content.decode()) == (200, False)
    assert element(response, "board-case-link") is None


def test_board_member_votes(cast, case):
    client = client_for(cast["board"])
    response = client.post(_case_url(case.application, "vote/"), {"choice": "admit"})
    assert (response.status_code, response["Location"]) == (302, _case_url(case.application))
    assert list(BoardVote.objects.values_list("person__last_name", "choice")) == [("Lang", "admit")]
    page = client.get(_case_url(case.application))
    assert text(page, "my-board-vote") == de("You voted: %(choice)s.") % {"choice": de("Admit")}
    assert items(page, "board-votes") == [f"Petra Lang {de('Admit')}"]


def test_conflicted_board_member_abstains(case, company_a):
    person = f.PersonFactory(company=company_a, first_name="Vera", last_name="Konflikt")
    f.NetworkRoleFactory(person=person, kind=NetworkRoleKind.BOARD)
    f.enable_totp(person.user)
    client = client_for(person.user)
    page = client.get(_case_url(case.application))
    assert (text(page, "conflict"), element(page, "board-vote-form")) == (
        de("You have a conflict of interest in this case and abstain."),
        None,
    )
    response = client.post(_case_url(case.application, "vote/"), {"choice": "reject"})
    assert (response.status_code, BoardVote.objects.count()) == (200, 0)
    assert text(response, "vote-errors") == de(
        "You have a conflict of interest in this case and abstain."
    )


def test_decision_needs_the_quorum(cast, case):
    response = client_for(cast["board"]).post(
        _case_url(case.application, "decision/"), {"decision": "admit", "rationale": "Passt."}
    )
    case.refresh_from_db()
    assert (response.status_code, case.decision) == (200, "")
    assert text(response, "id_decision_error") == de(
        "The board needs %(quorum)d votes to decide; %(total)d cast so far."
    ) % {"quorum": 3, "total": 0}


def test_board_decides_with_a_rationale(cast, case, board2, board3):
    for user in (cast["board"], board2, board3):
        client_for(user).post(_case_url(case.application, "vote/"), {"choice": "admit"})
    client = client_for(cast["board"])
    response = client.post(
        _case_url(case.application, "decision/"),
        {"decision": "admit", "rationale": "Ergänzt die Gruppe."},
    )
    case.refresh_from_db()
    case.application.company.refresh_from_db()
    assert (response.status_code, case.decision, case.application.company.status) == (
        302,
        "admit",
        CompanyStatus.ACTIVE,
    )
    page = client.get(_case_url(case.application))
    assert (text(page, "decision-text"), text(page, "rationale")) == (
        de("Admit"),
        "Ergänzt die Gruppe.",
    )
    assert (element(page, "decision-form"), element(page, "board-vote-form")) == (None, None)
