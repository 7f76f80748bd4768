"""The demo's referrals: member@ sees through the API only the referrals they are party to (and
their company's record), the won ones with their closed business; the reminder owes nothing."""

from decimal import Decimal

from django.core import mail
from django.db.models import Count, Q
from django.test import Client

from tests.demo.conftest import DEMO_NOW
from verbund.accounts.models import User
from verbund.members.models import Person
from verbund.referrals.models import ClosedBusiness, Referral, ReferralKind, ReferralStatus
from verbund.referrals.services import remind_untouched

MEMBER = "member@verbund.example"


def _api_referrals(email: str) -> list[dict]:
    client = Client()
    client.force_login(User.objects.get(email=email))
    body = client.get("/api/v1/referrals?page_size=100").json()
    assert body["count"] == len(body["items"])
    return body["items"]


def test_member_sees_their_referrals_only(db, demo):
    person = Person.objects.get(user__email=MEMBER)
    items = _api_referrals(MEMBER)
    party = Referral.objects.filter(Q(giver=person) | Q(parties__person=person)).distinct()
    full = {item["code"] for item in items if item["view"] == "full"}
    assert full == set(party.values_list("code", flat=True))
    assert len(full) == 7  # six in the known set, one from an accepted help request
    # Anything else listed is their company's record, without the customer.
    for item in items:
        if item["view"] != "full":
            companies = {item["giver_company"]["code"]} | {
                p["company"]["code"] for p in item["parties"]
            }
            assert person.company.code in companies
            assert item["customer_name"] is None


def test_members_won_referrals_show_the_closed_business(db, demo):
    items = _api_referrals(MEMBER)
    won = [item for item in items if item["status"] == "won" and item["view"] == "full"]
    given = [
        item for item in won if item["giver"]["code"] == Person.objects.get(user__email=MEMBER).code
    ]
    # The newest first: the accepted help request (three months ago), then the known set.
    assert [item["closed_business"]["value"] for item in given] == ["18400.00", "12500.00"]
    assert given[1]["closed_business"]["thank_you"] == (
        "Herzlichen Dank! Der Kunde hat direkt unterschrieben!"
    )
    assert all(item["closed_business"] is not None for item in won)
    assert len(won) == 3


def test_every_won_referral_has_its_closed_business(db, demo):
    statuses = dict(Referral.objects.values_list("status").annotate(n=Count("pk")))
    assert statuses[ReferralStatus.WON] == ClosedBusiness.objects.count()
    values = ClosedBusiness.objects.exclude(referral__kind=ReferralKind.JOINT_DEAL)
    assert all(
        Decimal("1500") <= v <= Decimal("80000") for v in values.values_list("value", flat=True)
    )
    joint = Referral.objects.get(kind=ReferralKind.JOINT_DEAL)
    assert (joint.status, list(joint.parties.values_list("role", "share"))) == (
        ReferralStatus.WON,
        [
            ("lead", Decimal("50.00")),
            ("subcontractor", Decimal("30.00")),
            ("specialist", Decimal("20.00")),
        ],
    )
    assert not Referral.objects.filter(created_at__gt=DEMO_NOW).exists()


def test_the_reminder_owes_the_demo_nothing(db, demo):
    assert remind_untouched() == 0
    assert mail.outbox == []
