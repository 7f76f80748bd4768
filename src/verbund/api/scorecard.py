"""API: the member scorecard over a rolling six months. One's own card carries the closed
value; a group's table (its moderator and secretary only) carries the rated figures and
colours, never a member's closed value."""

from datetime import date
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema

from verbund.api.admissions import person_ref
from verbund.api.schemas import Ref
from verbund.common.http import check_perm, get_visible_or_404
from verbund.network.queries import groups_visible_to, roles_of
from verbund.referrals.scorecard import Scorecard, group_scorecards, scorecard_of

router = Router(tags=["scorecard"])

Colour = Literal["green", "amber", "red"]


class ColoursOut(Schema):
    """Per rated figure; a figure that cannot be rated (no meeting yet) is null."""

    attendance: Colour | None
    referrals_given: Colour | None
    one_to_ones: Colour | None
    guests_brought: Colour | None
    overall: Colour | None


class ScorecardOut(Schema):
    """`attendance`: whole percent of expected meetings attended (null without a completed
    register in the window)."""

    person: Ref
    since: date
    until: date
    attendance: int | None
    meetings_expected: int
    meetings_present: int
    referrals_given: int
    one_to_ones: int
    guests_brought: int
    colours: ColoursOut


class OwnScorecardOut(ScorecardOut):
    """One's own card adds the closed value credited for the referrals one gave (EUR), as on
    the value page: an introduction's or tip's value; of a joint deal only the part of one's
    company if it is a party, else nothing."""

    closed_value: Decimal


def _out(card: Scorecard) -> dict:
    return {
        "person": person_ref(card.person),
        "since": card.since,
        "until": card.until,
        "attendance": card.attendance,
        "meetings_expected": card.meetings_expected,
        "meetings_present": card.meetings_present,
        "referrals_given": card.referrals_given,
        "one_to_ones": card.one_to_ones,
        "guests_brought": card.guests_brought,
        "colours": {
            "attendance": card.colours.get("attendance"),
            "referrals_given": card.colours.get("referrals_given"),
            "one_to_ones": card.colours.get("one_to_ones"),
            "guests_brought": card.colours.get("guests_brought"),
            "overall": card.overall,
        },
    }


@router.get("/scorecard", response=OwnScorecardOut)
def own_scorecard(request: HttpRequest):
    """My scorecard (members and the office's people; a guest gets 403)."""
    check_perm(request, "referrals.view_own_scorecard")
    card = scorecard_of(roles_of(request.user).person)
    return {**_out(card), "closed_value": card.closed_value}


@router.get("/groups/{code}/scorecard", response=list[ScorecardOut])
def group_scorecard(request: HttpRequest, code: str):
    """A regional group's members' scorecards, attendance at its meetings only, worst
    overall colour first, then by name; for the group's moderator and secretary (403 for
    anyone else who sees the group, and for a working group, focus group or circle)."""
    group = get_visible_or_404(groups_visible_to(request.user), code=code)
    check_perm(request, "referrals.view_group_scorecard", group)
    return [_out(card) for card in group_scorecards(group)]
