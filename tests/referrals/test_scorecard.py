"""The scorecard's figures and colours: exact numbers for a constructed member, each colour
boundary, and a constant number of queries for any number of people."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories as f
from tests.referrals.scorecard_data import (
    attendance,
    berlin_noon,
    guest_of,
    one_to_one,
    referral,
)
from verbund.admissions.models import VisitStatus
from verbund.network.models import GroupKind
from verbund.referrals.models import (
    ClosedBusiness,
    OneToOneStatus,
    PartyRole,
    Referral,
    ReferralKind,
    ReferralParty,
)
from verbund.referrals.scorecard import (
    AMBER,
    GREEN,
    RED,
    Scorecard,
    _rate,
    colour,
    group_scorecards,
    scorecard_of,
    scorecards,
    sorted_for_table,
)

TODAY = datetime.date(2026, 11, 25)
SINCE = datetime.date(2026, 5, 25)  # six months back: the window's first day
BEFORE = SINCE - datetime.timedelta(days=1)
TEN = ["present"] * 8 + ["substitute", "absent"]


@pytest.fixture
def other(company_b, group_b):
    return f.PersonFactory(company=company_b, first_name="Rita", last_name="Berger")


@pytest.fixture
def constructed(member_person, other, group_a, group_b):
    """Maria Huber's six months: 10 meetings (8 present, 1 substitute, 1 absent), 3
    referrals given (2 closed: 1200.50 + 799.50), 3 one-to-ones held, 1 guest brought —
    and one of each just outside the window or not counting."""
    me = member_person
    attendance(me, group_a, TEN, TODAY)
    attendance(me, group_a, ["absent"], BEFORE)
    attendance(me, group_a, ["absent"], TODAY - datetime.timedelta(days=1), is_cancelled=True)
    attendance(me, group_a, ["absent"], TODAY - datetime.timedelta(days=2), register_state="open")
    referral(me, other, SINCE, Decimal("1200.50"))
    referral(me, other, TODAY, Decimal("799.50"))
    referral(me, other, datetime.date(2026, 8, 1))
    referral(me, other, BEFORE, Decimal("5000.00"))
    referral(other, me, TODAY, Decimal("300.00"))  # received, not given: not mine
    one_to_one(me, other, SINCE)
    one_to_one(me, other, TODAY)
    one_to_one(other, me, datetime.date(2026, 9, 1))
    one_to_one(me, other, BEFORE)
    one_to_one(me, other, TODAY, status=OneToOneStatus.ACCEPTED)
    guest_of(me, group_a, [SINCE, TODAY])  # came twice: one guest
    guest_of(me, group_a, [TODAY], status=VisitStatus.NO_SHOW)
    guest_of(me, group_a, [BEFORE])
    guest_of(other, group_b, [TODAY])
    return me


def test_exact_figures_of_a_constructed_member(constructed):
    card = scorecard_of(constructed, TODAY)
    assert (card.since, card.until) == (SINCE, TODAY)
    assert (card.meetings_expected, card.meetings_present, card.attendance) == (10, 9, 90)
    assert (card.referrals_given, card.one_to_ones, card.guests_brought) == (3, 3, 1)
    assert card.closed_value == Decimal("2000.00")
    assert card.colours == {
        "attendance": GREEN,
        "referrals_given": AMBER,
        "one_to_ones": AMBER,
        "guests_brought": AMBER,
    }
    assert card.overall == AMBER
    assert card.colour_label("overall") == "Braucht Aufmerksamkeit"


def test_a_substitute_is_absent_when_the_network_says_so(constructed, network):
    network.substitute_counts_present = False
    network.save()
    card = scorecard_of(constructed, TODAY)
    assert (card.meetings_present, card.attendance, card.colours["attendance"]) == (8, 80, AMBER)


def test_late_counts_per_the_network(member_person, group_a, network):
    attendance(member_person, group_a, ["late", "present", "excused", "present"], TODAY)
    assert scorecard_of(member_person, TODAY).attendance == 75
    network.late_counts_present = False
    network.save()
    assert scorecard_of(member_person, TODAY).attendance == 50


def test_nobody_with_nothing_has_no_attendance_and_is_red_elsewhere(member_person, network):
    card = scorecard_of(member_person, TODAY)
    assert (card.attendance, card.meetings_expected, card.closed_value) == (
        None,
        0,
        Decimal("0.00"),
    )
    assert card.colours == {"referrals_given": RED, "one_to_ones": RED, "guests_brought": RED}
    assert card.overall == RED


@pytest.mark.parametrize(
    ("green", "amber", "expected"),
    [(90, 75, GREEN), (91, 75, AMBER), (91, 90, AMBER), (92, 91, RED)],
)
def test_attendance_boundaries(member_person, group_a, network, green, amber, expected):
    """9 of 10 = 90 %: green exactly at 90, amber one below green, red one below amber."""
    network.scorecard_attendance_green = green
    network.scorecard_attendance_amber = amber
    network.save()
    attendance(member_person, group_a, ["present"] * 9 + ["absent"], TODAY)
    assert scorecard_of(member_person, TODAY).colours["attendance"] == expected


@pytest.mark.parametrize(("given", "expected"), [(6, GREEN), (5, AMBER), (3, AMBER), (2, RED)])
def test_referral_boundaries(member_person, other, network, given, expected):
    """The defaults: green from 6, amber from 3."""
    for _ in range(given):
        referral(member_person, other, TODAY)
    card = scorecard_of(member_person, TODAY)
    assert (card.referrals_given, card.colours["referrals_given"]) == (given, expected)


@pytest.mark.parametrize(
    ("metric", "value", "expected"),
    [
        ("one_to_ones", 6, GREEN),
        ("one_to_ones", 5, AMBER),
        ("one_to_ones", 3, AMBER),
        ("one_to_ones", 2, RED),
        ("guests_brought", 2, GREEN),
        ("guests_brought", 1, AMBER),
        ("guests_brought", 0, RED),
    ],
)
def test_count_boundaries(network, metric, value, expected):
    card = Scorecard(person=None, since=SINCE, until=TODAY, **{metric: value})
    _rate(card, network)
    assert card.colours[metric] == expected


def test_colour_is_green_from_the_first_amber_from_the_second():
    assert [colour(v, 6, 3) for v in (7, 6, 5, 3, 2, 0)] == [
        GREEN,
        GREEN,
        AMBER,
        AMBER,
        RED,
        RED,
    ]


def test_the_table_sorts_worst_first_then_by_name(network):
    people = [
        f.PersonFactory.build(pk=i, first_name=first, last_name=last)
        for i, (first, last) in enumerate([("Anna", "Zeller"), ("Bert", "Adler"), ("Cem", "Moos")])
    ]
    cards = [Scorecard(person=p, since=SINCE, until=TODAY) for p in people]
    cards[0].colours = {"one_to_ones": RED}
    cards[1].colours = {"one_to_ones": GREEN}
    cards[2].colours = {"one_to_ones": RED}
    assert [c.person.last_name for c in sorted_for_table(cards)] == ["Moos", "Zeller", "Adler"]


def _queries(people) -> int:
    with CaptureQueriesContext(connection) as queries:
        scorecards(people, TODAY)
    return len(queries)


def test_a_constant_number_of_queries_for_any_number_of_people(
    constructed, other, group_a, company_a, network
):
    crowd = [f.PersonFactory(company=company_a) for _ in range(4)]
    for person in crowd:
        attendance(person, group_a, ["present"], TODAY)
        referral(person, other, TODAY, Decimal("10.00"))
        one_to_one(person, other, TODAY)
        guest_of(person, group_a, [TODAY])
    one = _queries([constructed])
    five = _queries([constructed, *crowd])
    # The network's settings, then one grouped query per figure (two for the one-to-ones).
    assert (one, five) == (7, 7)
    cards = scorecards([constructed, *crowd], TODAY)
    assert [cards[p.pk].closed_value for p in crowd] == [Decimal("10.00")] * 4
    assert cards[constructed.pk].referrals_given == 3


# ---------------------------------------------------------------- closed value as credited


def _joint_deal(giver, parties, shares, value, day=TODAY):
    """A joint deal given by `giver` (a Person) to `parties` (Companies) by `shares`, won
    and confirmed on `day`. Written straight to the models: the service refuses the giver's
    own company as a party, older or imported data may hold it."""
    deal = Referral.objects.create(
        kind=ReferralKind.JOINT_DEAL,
        giver=giver,
        giver_company=giver.company,
        need="Netzwerk",
        customer_name="Eva Kunde",
    )
    for company, share in zip(parties, shares, strict=True):
        person = f.PersonFactory(company=company)
        ReferralParty.objects.create(
            referral=deal, company=company, person=person, role=PartyRole.LEAD, share=share
        )
    Referral.objects.filter(pk=deal.pk).update(created_at=berlin_noon(day))
    closed = ClosedBusiness.objects.create(referral=deal, value=Decimal(value))
    ClosedBusiness.objects.filter(pk=closed.pk).update(confirmed_at=berlin_noon(day))
    return deal


def test_a_joint_deal_is_credited_to_its_parties_not_its_giver(member_person, other, network):
    """Maria passes a 50/50 joint deal between two other companies, won at 10,000.00: the
    value page credits her company nothing, and so does her scorecard."""
    third = f.CompanyFactory()
    _joint_deal(member_person, [other.company, third], ["50.00", "50.00"], "10000.00")
    referral(member_person, other, TODAY, Decimal("950.00"))
    card = scorecard_of(member_person, TODAY)
    assert (card.referrals_given, card.closed_value) == (2, Decimal("950.00"))


@pytest.mark.parametrize(
    ("shares", "credited"),
    [
        (["50.00", "50.00"], Decimal("5000.00")),
        (["30.00", "70.00"], Decimal("3000.00")),
        (["33.34", "33.33", "33.33"], Decimal("3333.34")),  # the equal split, first part
    ],
)
def test_a_giver_whose_company_is_a_party_gets_its_part(
    member_person, other, company_a, network, shares, credited
):
    parties = [company_a, other.company, f.CompanyFactory()][: len(shares)]
    _joint_deal(member_person, parties, shares, "10000.00")
    assert scorecard_of(member_person, TODAY).closed_value == credited


def test_the_scorecard_and_the_value_page_credit_alike(member_person, other, company_a, network):
    from verbund.referrals.value import Window, company_value

    _joint_deal(member_person, [company_a, other.company], ["25.00", "75.00"], "999.99")
    _joint_deal(member_person, [other.company, f.CompanyFactory()], ["50.00", "50.00"], "80.00")
    referral(member_person, other, TODAY, Decimal("0.01"))
    card = scorecard_of(member_person, TODAY)
    page = company_value(company_a, Window(card.since, card.until))
    assert card.closed_value == page.value_credited == Decimal("250.01")


# ---------------------------------------------------------------- a group's table


def test_a_groups_table_counts_only_that_groups_meetings(member_person, group_a, network):
    """Maria's absences at her working group's meetings are no business of her regional
    group's moderator; her own card counts every group."""
    working = f.GroupFactory(name="AK Marketing", kind=GroupKind.WORKING, region="")
    f.GroupMembershipFactory(group=working, person=member_person)
    attendance(member_person, group_a, ["present", "present", "present", "absent"], TODAY)
    attendance(member_person, working, ["absent", "absent"], TODAY - datetime.timedelta(days=2))
    (row,) = group_scorecards(group_a, TODAY)
    assert (row.meetings_expected, row.meetings_present, row.attendance) == (4, 3, 75)
    own = scorecard_of(member_person, TODAY)
    assert (own.meetings_expected, own.meetings_present, own.attendance) == (6, 3, 50)
