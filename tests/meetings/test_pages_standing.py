"""A member's attendance standing on their profile: for themself, the office, their moderator."""

import datetime

import pytest
from django.utils import timezone

from tests import factories as f
from tests.conftest import client_for
from tests.pages.html import de_plural, element, items
from verbund.meetings.models import RegisterState


@pytest.fixture
def absences(group_a, member_person):
    """Three unexcused absences in the window: the member is at the limit."""
    for weeks in (2, 4, 6):
        meeting = f.MeetingFactory(
            group=group_a,
            occurrence_date=timezone.localdate() - datetime.timedelta(weeks=weeks),
            register_state=RegisterState.COMPLETED,
        )
        f.AttendanceRecordFactory(meeting=meeting, person=member_person, status="absent")


def _standing(unexcused: int) -> str:
    return de_plural(
        "%(unexcused)s of %(allowed)s unexcused absences allowed in %(months)s month",
        "%(unexcused)s of %(allowed)s unexcused absences allowed in %(months)s months",
        6,
    ) % {
        "unexcused": unexcused,
        "allowed": 3,
        "months": 6,
    }


@pytest.mark.parametrize("who", ["member", "office", "moderator"])
def test_person_detail_standing_shown_to_self_office_and_moderator(
    cast, member_person, absences, who
):
    response = client_for(cast[who]).get(f"/people/{member_person.code}/")
    badge = element(response, "standings").find_all("span")[0]
    assert (items(response, "standings"), badge.attrs["class"]) == (
        [f"Ortsgruppe München-Nord: {_standing(3)}"],
        "badge text-bg-warning text-wrap",
    )


@pytest.mark.parametrize("who", ["colleague", "member2", "board"])
def test_person_detail_standing_hidden_from_others(cast, member_person, absences, who):
    response = client_for(cast[who]).get(f"/people/{member_person.code}/")
    assert (response.status_code, element(response, "standings")) == (200, None)


def test_person_detail_moderator_of_another_group_sees_no_standing(
    cast, member_person, absences, group_b
):
    other = cast["member2"].person
    f.GroupRoleFactory(group=group_b, person=other, kind="moderator")
    response = client_for(cast["member2"]).get(f"/people/{member_person.code}/")
    assert (response.status_code, element(response, "standings")) == (200, None)
