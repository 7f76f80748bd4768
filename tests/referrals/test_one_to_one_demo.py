"""The demo's one-to-ones: a year of them, and member@verbund.example's known set."""

from django.db.models import Count

from tests.demo.conftest import demo  # noqa: F401 (the module's demo network)
from verbund.members.models import Person
from verbund.referrals.models import OneToOneMeeting, OneToOneStatus
from verbund.referrals.queries import one_to_ones_of


def test_a_year_of_one_to_ones_within_groups(db, demo):  # noqa: F811
    statuses = dict(OneToOneMeeting.objects.values_list("status").annotate(n=Count("pk")))
    assert sum(statuses.values()) == 24 + 5
    assert statuses[OneToOneStatus.HELD] >= 18
    held = OneToOneMeeting.objects.filter(status=OneToOneStatus.HELD)
    assert all(o.note for o in held)
    for one_to_one in OneToOneMeeting.objects.select_related("requested_by", "partner"):
        assert one_to_one.requested_by.company_id != one_to_one.partner.company_id
        mine = set(one_to_one.requested_by.group_memberships.values_list("group", flat=True))
        theirs = set(one_to_one.partner.group_memberships.values_list("group", flat=True))
        assert mine & theirs


def test_the_member_login_has_its_set(db, demo):  # noqa: F811
    member = Person.objects.get(user__email="member@verbund.example")
    mine = one_to_ones_of(member)
    assert mine.filter(status=OneToOneStatus.HELD).count() == 3
    assert mine.filter(status=OneToOneStatus.ACCEPTED).count() == 1
    assert mine.filter(status=OneToOneStatus.REQUESTED, partner=member).count() == 1
    assert mine.count() == 5
