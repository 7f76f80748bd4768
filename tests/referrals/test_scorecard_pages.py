"""The scorecard pages: "My record" and a group's table with its export, and who sees them."""

import csv
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests import factories as f
from tests.conftest import _person, client_for
from tests.referrals.scorecard_data import attendance, referral
from verbund.network.models import GroupKind, GroupRoleKind


@pytest.fixture
def figures(member, member2, group_a):
    today = timezone.localdate()
    attendance(member.person, group_a, ["present"] * 9 + ["absent"], today)
    referral(member.person, member2.person, today, Decimal("1234.50"))
    return member.person


def test_my_record_shows_figures_colours_with_labels_and_my_value(member, figures):
    response = client_for(member).get("/scorecard/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Meine Bilanz" in html or "My record" in html
    assert "90 %" in html
    assert html.count('data-colour="green"') == 1  # attendance
    assert html.count('data-colour="red"') == 4  # the three counts and the overall
    assert "bi-x-octagon-fill" in html and "bi-check-circle-fill" in html
    assert "1.234,50 €" in html


@pytest.mark.parametrize("who", ["office", "board", "moderator", "member2"])
def test_everyone_else_sees_their_own_record_only(who, cast, figures):
    html = client_for(cast[who]).get("/scorecard/").content.decode()
    assert "1.234,50" not in html
    assert "0,00 €" in html


def test_a_guest_is_refused_and_the_anonymous_sent_to_log_in(guest):
    assert client_for(guest).get("/scorecard/").status_code == 403
    assert client_for(None).get("/scorecard/").status_code == 302


def test_the_moderator_sees_the_group_table_without_values(moderator, figures, group_a):
    response = client_for(moderator).get(f"/groups/{group_a.code}/scorecard/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Stefan Eich") < html.index("Maria Huber")  # by name within red
    assert "90 %" in html
    assert "1.234,50" not in html
    assert f"/groups/{group_a.code}/scorecard/export?format=xlsx" in html


@pytest.mark.parametrize(
    ("who", "status"),
    [("member", 403), ("colleague", 403), ("member2", 403), ("office", 403), ("board", 403)],
)
def test_others_are_refused_the_group_table(who, status, cast, group_a):
    client = client_for(cast[who])
    assert client.get(f"/groups/{group_a.code}/scorecard/").status_code == status
    assert client.get(f"/groups/{group_a.code}/scorecard/export").status_code == status


def test_a_group_not_theirs_to_see_is_404(guest, group_b):
    assert client_for(guest).get(f"/groups/{group_b.code}/scorecard/").status_code == 404


def test_the_csv_export(moderator, figures, group_a):
    response = client_for(moderator).get(f"/groups/{group_a.code}/scorecard/export?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 3  # header, Stefan Eich, Maria Huber (red, by name)
    assert rows[2][:6] == ["Maria Huber", "Alpen IT Service GmbH", "90", "1", "0", "0"]
    assert all("1234" not in cell for row in rows for cell in row)


def test_the_xlsx_export_and_an_unknown_format(moderator, figures, group_a):
    client = client_for(moderator)
    response = client.get(f"/groups/{group_a.code}/scorecard/export?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[2][:6] == ["Maria Huber", "Alpen IT Service GmbH", 90, 1, 0, 0]
    assert client.get(f"/groups/{group_a.code}/scorecard/export?format=pdf").status_code == 404


def test_links_from_the_start_page_and_for_moderators_from_the_group_page(
    member, moderator, group_a
):
    assert "/scorecard/" in client_for(member).get("/").content.decode()
    link = f"/groups/{group_a.code}/scorecard/"
    assert link in client_for(moderator).get(f"/groups/{group_a.code}/").content.decode()
    assert link not in client_for(member).get(f"/groups/{group_a.code}/").content.decode()


@pytest.fixture
def circle_moderator(group_a, working_group, member_person):
    """Moderates a working group and a circle that Maria belongs to; a member of group A."""
    company = f.CompanyFactory(name="Amper Consulting GmbH", home_group=group_a)
    person = _person(company, group_a, "circle@example.org", "Lena", "Moser")
    circle = f.GroupFactory(name="Unternehmerinnen-Kreis", kind=GroupKind.CIRCLE, region="")
    for group in (working_group, circle):
        f.GroupRoleFactory(group=group, person=person, kind=GroupRoleKind.MODERATOR)
        f.GroupMembershipFactory(group=group, person=member_person)
    return person.user, circle


@pytest.mark.parametrize("which", ["working", "circle"])
def test_no_scorecard_for_a_working_group_or_circle(
    which, circle_moderator, working_group, figures
):
    """Its moderator sees the group but not its members' records from elsewhere: 403, as for
    every group one sees but whose page is not theirs; no link on the group page."""
    user, circle = circle_moderator
    group = working_group if which == "working" else circle
    client = client_for(user)
    assert client.get(f"/groups/{group.code}/scorecard/").status_code == 403
    assert client.get(f"/groups/{group.code}/scorecard/export?format=csv").status_code == 403
    page = client.get(f"/groups/{group.code}/")
    assert page.status_code == 200
    assert f"/groups/{group.code}/scorecard/" not in page.content.decode()


def test_a_regional_table_leaves_out_other_groups_meetings(
    moderator, figures, working_group, group_a
):
    attendance(figures, working_group, ["absent", "absent"], timezone.localdate())
    path = f"/groups/{group_a.code}/scorecard/export?format=csv"
    response = client_for(moderator).get(path)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[2][:3] == ["Maria Huber", "Alpen IT Service GmbH", "90"]
