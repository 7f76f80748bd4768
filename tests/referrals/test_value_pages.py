"""The value pages: the share for the company admin only, "too few to show" under five
companies, the group matrix for everyone inside, the company matrix for office and board."""

import json
from decimal import Decimal

import pytest
from django.utils import translation

from tests.conftest import client_for
from tests.referrals.value_data import companies, referral
from verbund.referrals.value import window_for

pytestmark = pytest.mark.django_db


def de(text: str) -> str:
    with translation.override("de"):
        return translation.gettext(text)


@pytest.fixture
def won(company_a, company_b):
    company_a.annual_revenue = Decimal("2000000.00")
    company_a.save()
    return referral(company_b, [company_a], value="150000.00")


def _page(user, path="/value/"):
    response = client_for(user).get(path)
    return response.status_code, response.content.decode()


def test_the_company_admin_sees_the_share(member, won):
    status, html = _page(member)
    assert status == 200
    assert 'id="value-share">7,5 %' in html
    assert 'id="value-value-received">150.000,00 €' in html
    assert 'id="value-network-too-few"' in html
    assert 'id="value-group-too-few"' in html
    # Group A and B hold one company each: too few even together.
    assert 'id="value-matrix"' not in html
    withheld = (
        "Their referrals are left out: together they hold fewer than %(min_companies)s companies."
    )
    assert de(withheld) % {"min_companies": 5} in html


def test_a_colleague_sees_no_share(colleague, won):
    status, html = _page(colleague)
    assert status == 200
    assert 'id="value-value-received">150.000,00 €' in html
    assert 'id="value-share"' not in html


@pytest.mark.parametrize("who", ["office", "board"])
def test_office_and_board_never_see_a_companys_figures(who, cast, won):
    status, html = _page(cast[who])
    assert status == 200
    assert "7,5 %" not in html
    assert "150.000,00" not in html
    assert 'id="value-share"' not in html


def test_the_other_company_sees_its_own_credit(member2, won):
    status, html = _page(member2)
    assert status == 200
    assert 'id="value-value-credited">150.000,00 €' in html
    assert 'id="value-value-received">0,00 €' in html
    assert "7,5 %" not in html


def test_five_companies_show_the_networks_figures(member, group_a):
    companies(group_a, 4)
    status, html = _page(member)
    assert status == 200
    assert 'id="value-network-too-few"' not in html
    # The group holds the same five; the network's card shows its figures, not the notice.
    assert 'id="value-group-too-few"' not in html
    assert html.count(de("Too few to show")) == 0


def test_five_of_six_companies_in_ones_group_hide_the_group(member, group_a, company_b):
    """Network - my group would be company B alone: my group's card says why it is hidden."""
    companies(group_a, 4)
    status, html = _page(member)
    assert status == 200
    assert 'id="value-network-too-few"' not in html
    reason = de("hidden so that smaller groups cannot be worked out")
    held = f'id="value-group-too-few">{de("Too few to show")} <small>({reason})</small>'
    assert held in html
    pooled = (
        "A larger group may join them, so that they cannot be worked out from the other figures."
    )
    assert de(pooled) in html


@pytest.mark.parametrize("year", ["abc", "1999", "2999", "-1", "2025.5", "²", "2" * 5000])
@pytest.mark.parametrize("path", ["/value/", "/value/matrix/"])
def test_a_bad_year_says_so_and_shows_the_last_twelve_months(office, path, year):
    status, html = _page(office, f"{path}?year={year}")
    assert status == 200
    message = de("Choose a year from %(first)d to this year. Shown instead: the last 12 months.")
    assert html.count('role="alert"') == 1
    assert (
        f'<div class="alert alert-warning" role="alert">{message % {"first": 2000}}</div>' in html
    )
    twelve = window_for()
    assert _period(twelve) in html


@pytest.mark.parametrize("query", ["", "?year="])
def test_no_year_is_no_mistake(member, query):
    status, html = _page(member, f"/value/{query}")
    assert (status, html.count('role="alert"')) == (200, 0)
    assert _period(window_for()) in html


def test_a_good_year_shows_that_year(member):
    status, html = _page(member, "/value/?year=2025")
    assert (status, html.count('role="alert"')) == (200, 0)
    assert '<option value="2025" selected>2025</option>' in html
    assert _period(window_for(2025)) in html


def _period(window):
    """The page's sentence naming the window, as German dates."""
    with translation.override("de"):
        text = translation.gettext("From %(since)s to %(until)s.")
    return text % {
        "since": window.since.strftime("%d.%m.%Y"),
        "until": window.until.strftime("%d.%m.%Y"),
    }


def test_guests_and_the_anonymous_are_kept_out(guest):
    assert client_for(guest).get("/value/").status_code == 403
    assert client_for(None).get("/value/").status_code == 302


@pytest.mark.parametrize("who", ["office", "board"])
def test_the_company_matrix_for_office_and_board(who, cast, company_a, company_b, won):
    status, html = _page(cast[who], "/value/matrix/")
    assert status == 200
    assert 'id="value-company-matrix"' in html
    assert company_a.name in html and company_b.name in html
    assert "150.000" not in html
    assert 'id="value-matrix-truncated"' not in html


@pytest.mark.parametrize("who", ["member", "colleague", "moderator", "member2"])
def test_members_get_no_company_matrix(who, cast):
    assert client_for(cast[who]).get("/value/matrix/").status_code == 403


def test_the_company_matrix_says_it_shows_the_top_thirty(office, group_a):
    many = companies(group_a, 32)
    for giver, receiver in zip(many[::2], many[1::2], strict=True):
        referral(giver, [receiver])
    status, html = _page(office, "/value/matrix/")
    assert status == 200
    assert 'id="value-matrix-truncated"' in html
    assert html.count('<th scope="row">') == 30


def _graph(html, graph_id):
    """The graph's data as the page embeds it for referral-graph.js."""
    marker = f'<script id="{graph_id}" type="application/json">'
    start = html.index(marker) + len(marker)
    return json.loads(html[start : html.index("</script>", start)])


def test_members_see_the_group_graph(member, group_a, group_b, won):
    companies(group_a, 4)
    companies(group_b, 4)
    status, html = _page(member)
    assert status == 200
    assert 'id="value-matrix"' in html
    assert 'data-referral-graph data-graph-source="value-graph"' in html
    assert '<script src="/static/verbund/referral-graph.js" defer></script>' in html
    graph = _graph(html, "value-graph")
    assert [node["name"] for node in graph["nodes"]] == [group_b.name, group_a.name]
    assert [(link["source"], link["target"], link["referrals"]) for link in graph["links"]] == [
        (0, 1, 1)
    ]
    assert "150" not in json.dumps(graph)


@pytest.mark.parametrize("who", ["office", "board"])
def test_office_and_board_see_the_company_graph(who, cast, company_a, company_b, won):
    status, html = _page(cast[who], "/value/matrix/")
    assert status == 200
    graph = _graph(html, "value-company-graph")
    assert [node["name"] for node in graph["nodes"]] == [company_a.name, company_b.name]
    assert [(link["source"], link["target"]) for link in graph["links"]] == [(1, 0)]
    # Office and board see every group on its own, however small.
    _status, overview = _page(cast[who])
    assert [node["name"] for node in _graph(overview, "value-graph")["nodes"]] == [
        "Ortsgruppe Augsburg",
        "Ortsgruppe München-Nord",
    ]
