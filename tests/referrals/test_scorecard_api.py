"""The scorecard API and its need-to-know: one's own card (with the closed value), a group's
table for its moderator and secretary only (never a member's closed value)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories as f
from tests.api.conftest import (
    API,
    forbidden_body,
    get,
    not_found_body,
    unauthenticated_body,
    warm_client,
)
from tests.conftest import _person
from tests.referrals.scorecard_data import attendance, guest_of, one_to_one, referral
from verbund.meetings.queries import window_start
from verbund.network.models import GroupKind, GroupRoleKind


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def secretary(group_a):
    company = f.CompanyFactory(name="Würm Cloud GmbH", home_group=group_a)
    person = _person(company, group_a, "secretary@example.org", "Sabine", "Adler")
    f.GroupRoleFactory(group=group_a, person=person, kind=GroupRoleKind.SECRETARY)
    return person.user


@pytest.fixture
def figures(member, member2, group_a, today):
    """Maria Huber: 4 meetings (3 present, 1 absent), 1 referral closed at 950.00, 1
    one-to-one, 1 guest."""
    me, them = member.person, member2.person
    attendance(me, group_a, ["present", "present", "present", "absent"], today)
    referral(me, them, today, Decimal("950.00"))
    one_to_one(me, them, today)
    guest_of(me, group_a, [today])
    return me


def _own(person, today, **changes) -> dict:
    return {
        "person": {"code": person.code, "name": person.full_name},
        "since": window_start(today, 6).isoformat(),
        "until": today.isoformat(),
        "attendance": None,
        "meetings_expected": 0,
        "meetings_present": 0,
        "referrals_given": 0,
        "one_to_ones": 0,
        "guests_brought": 0,
        "colours": {
            "attendance": None,
            "referrals_given": "red",
            "one_to_ones": "red",
            "guests_brought": "red",
            "overall": "red",
        },
    } | changes


MARIA = {
    "attendance": 75,
    "meetings_expected": 4,
    "meetings_present": 3,
    "referrals_given": 1,
    "one_to_ones": 1,
    "guests_brought": 1,
    "colours": {
        "attendance": "amber",
        "referrals_given": "red",
        "one_to_ones": "red",
        "guests_brought": "amber",
        "overall": "red",
    },
}


def test_a_member_gets_their_own_card_with_the_closed_value(member, figures, today):
    response = get(member, "/scorecard")
    assert (response.status_code, response.json()) == (
        200,
        _own(figures, today, **MARIA) | {"closed_value": "950.00"},
    )


@pytest.mark.parametrize("who", ["office", "board", "moderator", "colleague", "member2"])
def test_everyone_else_gets_only_their_own(who, cast, figures, today):
    """The office's person too (no company, no register: attendance not rated)."""
    response = get(cast[who], "/scorecard")
    person = cast[who].person
    expected = _own(person, today) | {"closed_value": "0.00"}
    if who == "member2":  # received Maria's referral, gave none
        expected["one_to_ones"] = 1
    assert (response.status_code, response.json()) == (200, expected)


def test_a_guest_and_the_anonymous_get_no_card(guest):
    assert (get(guest, "/scorecard").status_code, get(guest, "/scorecard").json()) == (
        403,
        forbidden_body(),
    )
    anonymous = get(None, "/scorecard")
    assert (anonymous.status_code, anonymous.json()) == (401, unauthenticated_body())


@pytest.mark.parametrize("who", ["moderator", "secretary"])
def test_the_moderator_and_secretary_see_their_group_without_values(
    who, cast, secretary, figures, group_a, today
):
    cast = cast | {"secretary": secretary}
    response = get(cast[who], f"/groups/{group_a.code}/scorecard")
    assert response.status_code == 200
    rows = response.json()
    # Red first, then by last name: Adler (secretary), Eich (moderator), Huber, Huber.
    assert [row["person"]["name"] for row in rows] == [
        "Sabine Adler",
        "Stefan Eich",
        "Klaus Huber",
        "Maria Huber",
    ]
    maria = rows[3]
    assert maria == _own(figures, today, **MARIA)
    assert all("closed_value" not in row for row in rows)


@pytest.mark.parametrize("who", ["member", "colleague", "member2", "office", "board"])
def test_others_who_see_the_group_are_refused(who, cast, group_a):
    response = get(cast[who], f"/groups/{group_a.code}/scorecard")
    assert (response.status_code, response.json()) == (403, forbidden_body())


def test_another_groups_moderator_is_refused(moderator, group_b):
    response = get(moderator, f"/groups/{group_b.code}/scorecard")
    assert (response.status_code, response.json()) == (403, forbidden_body())


def test_a_group_not_theirs_to_see_or_unknown_is_404(guest, moderator, group_b):
    response = get(guest, f"/groups/{group_b.code}/scorecard")
    assert (response.status_code, response.json()) == (404, not_found_body())
    unknown = get(moderator, "/groups/nope/scorecard")
    assert (unknown.status_code, unknown.json()) == (404, not_found_body())


def test_the_group_table_keeps_a_constant_query_count(moderator, group_a, company_a, today):
    """Grouped queries: 30 more members cost no more queries than none."""
    client = warm_client(moderator)
    path = f"{API}/groups/{group_a.code}/scorecard"
    with CaptureQueriesContext(connection) as alone:
        assert client.get(path).status_code == 200
    for _ in range(30):
        person = f.PersonFactory(company=company_a)
        f.GroupMembershipFactory(group=group_a, person=person)
        attendance(person, group_a, ["present"], today - datetime.timedelta(days=1))
    with CaptureQueriesContext(connection) as crowd:
        response = client.get(path)
    assert (response.status_code, len(response.json())) == (200, 31)
    assert len(crowd) == len(alone)


@pytest.mark.parametrize("kind", [GroupKind.WORKING, GroupKind.FOCUS, GroupKind.CIRCLE])
def test_no_table_for_a_group_that_is_not_regional(kind, group_a, figures, today):
    """Its moderator would read a member's regional attendance, referrals and guests: 403."""
    group = f.GroupFactory(name="AK Marketing", kind=kind, region="")
    company = f.CompanyFactory(name="Amper Consulting GmbH", home_group=group_a)
    person = _person(company, group_a, "circle@example.org", "Lena", "Moser")
    f.GroupRoleFactory(group=group, person=person, kind=GroupRoleKind.MODERATOR)
    f.GroupMembershipFactory(group=group, person=figures)
    response = get(person.user, f"/groups/{group.code}/scorecard")
    assert (response.status_code, response.json()) == (403, forbidden_body())


def test_a_regional_table_counts_that_groups_meetings_only(
    moderator, working_group, figures, group_a, today
):
    f.GroupMembershipFactory(group=working_group, person=figures)
    attendance(figures, working_group, ["absent", "absent"], today)
    rows = get(moderator, f"/groups/{group_a.code}/scorecard").json()
    maria = next(row for row in rows if row["person"]["name"] == "Maria Huber")
    assert maria == _own(figures, today, **MARIA)
    own = get(figures.user, "/scorecard").json()
    assert (own["meetings_expected"], own["meetings_present"], own["attendance"]) == (6, 3, 50)
