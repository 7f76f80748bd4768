"""Who sees what of a conduct case, on the pages: the cast at each stage, the list, the forms.

The board sees everything; the filer only the status; the accused from the hearing on, never
the filer; the office (not on the board), other members and guests nothing (404).
"""

import pytest

from tests import factories as f
from tests.conduct.conftest import ALLEGATION, RATIONALE, STATEMENT, to_stage
from tests.conftest import client_for
from tests.pages.html import de, definitions, element, rows, text
from verbund.common.models import AuditEntry
from verbund.conduct.models import ConductCase
from verbund.conduct.queries import ViewLevel, cases_visible_to, view_level
from verbund.conduct.services import file_case

EVERYONE = [
    "board",
    "board_accused",
    "office",
    "member",
    "colleague",
    "member2",
    "employee",
    "moderator",
    "guest",
]
LEVELS = {
    "filed": {"board": ViewLevel.FULL, "member": ViewLevel.FILER},
    "review": {"board": ViewLevel.FULL, "member": ViewLevel.FILER},
    "hearing": {
        "board": ViewLevel.FULL,
        "member": ViewLevel.FILER,
        "member2": ViewLevel.ACCUSED,
    },
    "decided": {
        "board": ViewLevel.FULL,
        "member": ViewLevel.FILER,
        "member2": ViewLevel.ACCUSED,
    },
}


def page(user, code: str):
    return client_for(user).get(f"/conduct-cases/{code}/")


@pytest.mark.parametrize("stage", list(LEVELS))
def test_view_level_and_visible_set_agree_for_the_cast(conduct_cast, case, stage):
    case = to_stage(case, stage, conduct_cast["board"])
    levels = {who: view_level(conduct_cast[who], case) for who in EVERYONE}
    visible = {who for who in EVERYONE if cases_visible_to(conduct_cast[who]).exists()}
    expected = LEVELS[stage]
    assert levels == {who: expected.get(who) for who in EVERYONE}
    assert visible == set(expected)


@pytest.mark.parametrize("stage", list(LEVELS))
def test_case_page_status_for_the_cast(conduct_cast, case, stage):
    case = to_stage(case, stage, conduct_cast["board"])
    statuses = {who: page(conduct_cast[who], case.code).status_code for who in EVERYONE}
    assert statuses == {who: 200 if who in LEVELS[stage] else 404 for who in EVERYONE}
    anonymous = page(None, case.code)
    assert (anonymous.status_code, anonymous["Location"]) == (
        302,
        f"/accounts/login/?next=/conduct-cases/{case.code}/",
    )


def test_person_concerned_sees_the_case_from_the_hearing(conduct_cast, company_b):
    employee = conduct_cast["employee"]
    case = file_case(
        company=company_b, person=employee.person, allegation="x", actor=conduct_cast["member"]
    )
    assert page(employee, case.code).status_code == 404
    case = to_stage(case, "hearing", conduct_cast["board"])
    assert (page(employee, case.code).status_code, view_level(employee, case)) == (
        200,
        ViewLevel.ACCUSED,
    )


def test_board_page_shows_everything(conduct_cast, warned):
    response = page(conduct_cast["board"], warned.code)
    assert definitions(response, "status") == {
        de("Stage"): de("Decided"),
        de("Outcome"): de("Warning"),
        de("Decided on"): warned.decided_at.astimezone().strftime("%d.%m.%Y"),
        de("Filed by"): "Maria Huber",
    }
    assert (text(response, "allegation"), text(response, "statement")) == (ALLEGATION, STATEMENT)
    assert text(response, "rationale") == RATIONALE
    assert len(element(response, "steps").find_all("li")) == 3


def test_accused_page_shows_the_case_but_never_the_filer(conduct_cast, warned):
    response = page(conduct_cast["member2"], warned.code)
    assert list(definitions(response, "status")) == [de("Stage"), de("Outcome"), de("Decided on")]
    assert (text(response, "allegation"), text(response, "rationale")) == (ALLEGATION, RATIONALE)
    assert ("Maria Huber" in response.content.decode(), element(response, "steps")) == (
        False,
        None,
    )


def test_filer_page_shows_the_status_only(conduct_cast, warned):
    response = page(conduct_cast["member"], warned.code)
    body = response.content.decode()
    assert definitions(response, "status") == {
        de("Stage"): de("Decided"),
        de("Outcome"): de("Warning"),
        de("Decided on"): warned.decided_at.astimezone().strftime("%d.%m.%Y"),
    }
    assert [snippet in body for snippet in (ALLEGATION, STATEMENT, RATIONALE)] == [False] * 3
    assert (element(response, "decision-form"), element(response, "move-form")) == (None, None)


def test_case_list_for_the_cast(conduct_cast, hearing):
    code = hearing.code
    expected_row = [code, "Lech Systemhaus GmbH", de("Hearing")]
    for who in EVERYONE:
        response = client_for(conduct_cast[who]).get("/conduct-cases/")
        table = rows(response, "cases")
        shown = [row[:3] for row in table] if table else []
        assert (who, response.status_code, shown) == (
            who,
            200,
            [expected_row] if who in LEVELS["hearing"] else [],
        )


def test_case_list_marks_an_overdue_deadline(conduct_cast, case):
    ConductCase.objects.filter(pk=case.pk).update(deadline="2020-01-31")
    table = rows(client_for(conduct_cast["board"]).get("/conduct-cases/"), "cases")
    assert table[0][3] == f"31.01.2020 {de('Overdue')}"


@pytest.mark.parametrize("size", [1, 3])
def test_case_list_query_count_is_constant(conduct_cast, size, django_assert_num_queries):
    for number in range(size):
        company = f.CompanyFactory(name=f"Beschuldigt {number} GmbH")
        file_case(company=company, allegation="x", actor=conduct_cast["office"], mail=False)
    client = client_for(conduct_cast["board"])
    client.get("/")
    with django_assert_num_queries(10):
        response = client.get("/conduct-cases/")
    assert [row[1] for row in rows(response, "cases")] == [
        f"Beschuldigt {number} GmbH" for number in reversed(range(size))
    ]


@pytest.mark.parametrize(
    ("who", "status"),
    [("member", 403), ("member2", 403), ("employee", 404), ("office", 404), ("moderator", 404)],
)
def test_stage_and_decision_posts_refused_to_all_but_the_board(conduct_cast, hearing, who, status):
    client = client_for(conduct_cast[who])
    base = f"/conduct-cases/{hearing.code}/"
    responses = [
        client.post(base + "stage/", {"stage": "review"}).status_code,
        client.post(base + "decision/", {"outcome": "dismissed", "rationale": "x"}).status_code,
    ]
    hearing.refresh_from_db()
    assert (responses, hearing.stage) == ([status, status], "hearing")


@pytest.mark.parametrize(
    ("who", "status"),
    [("member", 403), ("board", 403), ("employee", 404), ("office", 404)],
)
def test_statement_post_refused_to_all_but_the_accused(conduct_cast, hearing, who, status):
    response = client_for(conduct_cast[who]).post(
        f"/conduct-cases/{hearing.code}/statement/", {"statement": "x"}
    )
    hearing.refresh_from_db()
    assert (response.status_code, hearing.statement) == (status, "")


def test_board_moves_and_decides_on_the_page(conduct_cast, case):
    client = client_for(conduct_cast["board"])
    base = f"/conduct-cases/{case.code}/"
    moved = client.post(base + "stage/", {"stage": "review", "deadline": "2099-01-15"})
    assert (moved.status_code, moved["Location"]) == (302, base)
    refused = client.post(base + "decision/", {"outcome": "warning", "rationale": "x"})
    assert text(refused, "id_outcome_error") == de(
        "A warning, suspension or expulsion needs a hearing first: move the case to the hearing."
    )
    client.post(base + "stage/", {"stage": "hearing"})
    decided = client.post(base + "decision/", {"outcome": "warning", "rationale": RATIONALE})
    case.refresh_from_db()
    assert (decided.status_code, case.stage, case.outcome) == (302, "decided", "warning")


def test_accused_gives_the_statement_on_the_page(conduct_cast, hearing):
    client = client_for(conduct_cast["member2"])
    form_page = client.get(f"/conduct-cases/{hearing.code}/")
    assert element(form_page, "statement-form") is not None
    response = client.post(f"/conduct-cases/{hearing.code}/statement/", {"statement": STATEMENT})
    hearing.refresh_from_db()
    assert (response.status_code, hearing.statement) == (302, STATEMENT)


def test_member_files_a_case_on_the_page(conduct_cast, company_b):
    client = client_for(conduct_cast["member"])
    form = client.get("/conduct-cases/new/")
    options = [o.text() for o in element(form, "id_company").find_all("option")][1:]
    assert "Alpen IT Service GmbH (München)" not in options  # not against one's own company
    response = client.post(
        "/conduct-cases/new/", {"company": company_b.pk, "allegation": ALLEGATION}
    )
    case = ConductCase.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/conduct-cases/{case.code}/")
    assert (case.company, case.filed_by.user) == (company_b, conduct_cast["member"])


@pytest.mark.parametrize(("who", "status"), [("guest", 403), ("member", 200), ("office", 200)])
def test_filing_page_for_the_cast(conduct_cast, who, status):
    assert client_for(conduct_cast[who]).get("/conduct-cases/new/").status_code == status


@pytest.mark.parametrize(
    ("who", "status"), [("board", 200), ("office", 403), ("member", 403), ("guest", 403)]
)
def test_figures_page_is_for_the_board(conduct_cast, who, status):
    assert client_for(conduct_cast[who]).get("/conduct-cases/figures/").status_code == status


def test_figures_count_per_year(conduct_cast, warned, case):
    response = client_for(conduct_cast["board"]).get("/conduct-cases/figures/")
    year = str(warned.filed_at.year)
    # one case filed this year and decided with a warning
    assert rows(response, "figures") == [[year, "1", "0", "1", "0", "0", "0", "0"]]


@pytest.mark.parametrize(
    ("who", "shown"), [("board", True), ("member", True), ("office", True), ("guest", False)]
)
def test_navbar_links_conduct_cases(conduct_cast, who, shown):
    from tests.pages.html import parse

    navbar = parse(client_for(conduct_cast[who]).get("/")).find_all("nav")[0]
    hrefs = [link.attrs.get("href") for link in navbar.find_all("a")]
    assert ("/conduct-cases/" in hrefs) is shown


def test_a_board_members_page_read_is_audited_the_filers_is_not(conduct_cast, case):
    assert [page(conduct_cast[who], case.code).status_code for who in ("board", "member")] == [
        200,
        200,
    ]
    entries = AuditEntry.objects.filter(action="conduct_case.read")
    assert [(e.actor, e.object_id) for e in entries] == [(conduct_cast["board"], case.code)]
