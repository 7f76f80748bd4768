"""Building blocks for the scorecard tests: meetings with a register, referrals given, held
one-to-ones, guests brought and closed business, each on a chosen day."""

import datetime
from decimal import Decimal

from django.utils import timezone

from tests import factories as f
from verbund.admissions.models import VisitStatus
from verbund.meetings.models import RegisterState
from verbund.referrals.models import (
    ClosedBusiness,
    OneToOneMeeting,
    OneToOneStatus,
    Referral,
    ReferralParty,
)


def berlin_noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=timezone.get_current_timezone())


def attendance(person, group, statuses: list[str], last: datetime.date, **meeting) -> None:
    """One completed meeting a week back from `last`, the person's record at each."""
    for weeks, status in enumerate(statuses):
        day = last - datetime.timedelta(weeks=weeks)
        held = f.MeetingFactory(
            group=group,
            occurrence_date=day,
            register_state=meeting.get("register_state", RegisterState.COMPLETED),
            is_cancelled=meeting.get("is_cancelled", False),
        )
        f.AttendanceRecordFactory(meeting=held, person=person, status=status)


def referral(giver, receiver, day: datetime.date, value: Decimal | None = None) -> Referral:
    """A referral passed on `day` (and, with a value, closed the same day)."""
    given = Referral.objects.create(
        giver=giver,
        giver_company=giver.company,
        need="Netzwerk",
        temperature=3,
        customer_name="Eva Kunde",
    )
    ReferralParty.objects.create(referral=given, company=receiver.company, person=receiver)
    Referral.objects.filter(pk=given.pk).update(created_at=berlin_noon(day))
    if value is not None:
        closed = ClosedBusiness.objects.create(referral=given, value=value, confirmed_by=receiver)
        ClosedBusiness.objects.filter(pk=closed.pk).update(confirmed_at=berlin_noon(day))
    return given


def one_to_one(a, b, day: datetime.date, status: str = OneToOneStatus.HELD) -> OneToOneMeeting:
    return OneToOneMeeting.objects.create(
        requested_by=a, partner=b, status=status, held_on=day if status == "held" else None
    )


def guest_of(inviter, group, days: list[datetime.date], status: str = VisitStatus.ATTENDED):
    guest = f.GuestFactory(invited_by=inviter)
    for day in days:
        f.GuestVisitFactory(guest=guest, group=group, visited_on=day, status=status)
    return guest
