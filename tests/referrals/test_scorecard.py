"""The scorecard's figures and colours: exact numbers for a constructed member, each colour
boundary, and a constant number of queries for any number of people."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories as f
from tests.referrals.scorecard_data import attendance, guest_of, one_to_one, referral
from verbund.admissions.models import VisitStatus
from verbund.referrals.models import OneToOneStatus
from verbund.referrals.scorecard import (
    AMBER,
    GREEN,
    RED,
    Scorecard,
    _rate,
    colour,
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
