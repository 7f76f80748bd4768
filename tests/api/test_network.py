"""GET /network, /groups, /groups/{code}, /groups/{code}/members."""

import datetime

import pytest

from tests import factories as f
from tests.api.conftest import de, forbidden_body, get, not_found_body, warm_client
from verbund.network.models import GroupRoleKind


def _full_network() -> dict:
    # The cast: four active companies (A, B, the moderator's, the board's), five of their
    # people, two groups; the network caps at 400 companies.
    return {
        "name": "Testnetz",
        "contact_email": "",
        "member_cap": 400,
        "guest_visit_limit": 3,
        "admission_rule": "present_veto_board",
        "recommendation_required": True,
        "board_quorum": 3,
        "attendance_max_unexcused": 3,
        "attendance_window_months": 6,
        "substitute_counts_present": True,
        "late_counts_present": True,
        "conduct_stage_days": 14,
        "resignation_notice_months": 3,
        "retention_months": 24,
        "scorecard_attendance_green": 90,
        "scorecard_attendance_amber": 75,
        "scorecard_referrals_green": 6,
        "scorecard_referrals_amber": 3,
        "scorecard_one_to_ones_green": 6,
        "scorecard_one_to_ones_amber": 3,
        "scorecard_guests_green": 2,
        "scorecard_guests_amber": 1,
        "annual_fee": "1200.00",
        "totals": {
            "active_companies": 4,
            "people": 5,
            "groups": 2,
            "places_taken": 4,
            "places_free": 396,
        },
    }


@pytest.mark.parametrize("who", ["member", "office", "board", "moderator"])
def test_network_members_office_and_board_see_all_settings(cast, who):
    response = get(cast[who], "/network")
    assert (response.status_code, response.json()) == (200, _full_network())


def test_network_guest_sees_only_the_name(cast):
    response = get(cast["guest"], "/network")
    hidden = {key: None for key in _full_network() if key != "name"}
    assert (response.status_code, response.json()) == (200, {"name": "Testnetz", **hidden})


def test_network_candidate_companys_person_sees_only_the_name(network):
    candidate = f.PersonFactory(company__status="candidate").user
    response = get(candidate, "/network")
    assert (response.json()["name"], response.json()["totals"]) == ("Testnetz", None)


def test_network_without_cap_has_no_free_places(cast, network):
    network.member_cap = None
    network.save()
    totals = get(cast["member"], "/network").json()["totals"]
    assert (totals["places_taken"], totals["places_free"]) == (4, None)


def _group(group, people: int | None, companies: int) -> dict:
    return {
        "code": group.code,
        "name": group.name,
        "kind": group.kind,
        "region": group.region,
        "capacity": group.capacity,
        "is_closed": group.is_closed,
        "people_count": people,
        "company_count": companies,
    }


def test_groups_member_sees_all_groups_by_name(cast, group_a, group_b):
    response = get(cast["member"], "/groups")
    expected = [_group(group_b, 2, 2), _group(group_a, 3, 2)]
    assert (response.status_code, response.json()) == (200, {"items": expected, "count": 2})


def test_groups_guest_sees_only_visited_groups(cast, group_a, group_b):
    response = get(cast["guest"], "/groups")
    expected = {"items": [_group(group_a, None, 2)], "count": 1}
    assert (response.status_code, response.json()) == (200, expected)


def test_groups_filter_by_kind(cast, working_group):
    response = get(cast["office"], "/groups?kind=working")
    expected = {"items": [_group(working_group, 0, 0)], "count": 1}
    assert (response.status_code, response.json()) == (200, expected)


def test_groups_unknown_kind_is_422_naming_the_field(cast):
    response = get(cast["member"], "/groups?kind=secret")
    error = {
        "field": "kind",
        "message": de("Choose one of these values: %(choices)s.")
        % {"choices": "'regional', 'working', 'focus', 'circle'"},
    }
    expected = {"message": de("Please correct the marked fields."), "errors": [error]}
    assert (response.status_code, response.json()) == (422, expected)


@pytest.mark.parametrize("extra", [0, 2])
def test_groups_query_count(django_assert_num_queries, member, group_a, extra):
    for number in range(extra):
        f.GroupFactory(name=f"Zirkel {number}")
    client = warm_client(member)
    with django_assert_num_queries(8):
        response = client.get("/api/v1/groups")
    names = [group["name"] for group in response.json()["items"]]
    assert names == ["Ortsgruppe München-Nord", *[f"Zirkel {n}" for n in range(extra)]]


def _detail(group, people: int, companies: int, roles: list) -> dict:
    return {**_group(group, people, companies), "description": group.description, "roles": roles}


def _moderator_role(cast) -> dict:
    person = cast["moderator"].person
    return {
        "kind": "moderator",
        "person": {"code": person.code, "name": "Stefan Eich"},
        "starts_on": "2024-01-01",
        "ends_on": None,
    }


def test_group_detail_guest_sees_visited_group(cast, group_a):
    response = get(cast["guest"], f"/groups/{group_a.code}")
    expected = _detail(group_a, None, 2, [_moderator_role(cast)])
    assert (response.status_code, response.json()) == (200, expected)


def test_group_detail_member_sees_another_group(cast, group_b):
    response = get(cast["member"], f"/groups/{group_b.code}")
    assert (response.status_code, response.json()) == (200, _detail(group_b, 2, 2, []))


def test_group_detail_guest_gets_404_for_unvisited_group(cast, group_b):
    response = get(cast["guest"], f"/groups/{group_b.code}")
    assert (response.status_code, response.json()) == (404, not_found_body())


def test_group_detail_shows_only_current_roles(cast, group_b):
    past = f.GroupRoleFactory(
        group=group_b,
        person=cast["member2"].person,
        kind=GroupRoleKind.SECRETARY,
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2021, 1, 1),
    )
    response = get(cast["member"], f"/groups/{group_b.code}")
    assert (past.pk is not None, response.json()["roles"]) == (True, [])


def _member_row(person, roles: list) -> dict:
    company = person.company
    return {
        "code": person.code,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "function": person.function,
        "company": {"code": company.code, "name": company.name} if company else None,
        "roles": roles,
        "joined_on": "2020-01-01",
    }


@pytest.mark.parametrize("who", ["member", "office", "board", "member2"])
def test_group_members_network_people_see_them(cast, group_a, who):
    response = get(cast[who], f"/groups/{group_a.code}/members")
    rows = [
        _member_row(cast["moderator"].person, ["moderator"]),
        _member_row(cast["colleague"].person, []),
        _member_row(cast["member"].person, []),
    ]
    assert (response.status_code, response.json()) == (200, {"items": rows, "count": 3})


def test_group_members_guest_of_the_group_gets_403(cast, group_a):
    response = get(cast["guest"], f"/groups/{group_a.code}/members")
    assert (response.status_code, response.json()) == (403, forbidden_body())


def test_group_members_guest_from_elsewhere_gets_404(cast, group_b):
    response = get(cast["guest"], f"/groups/{group_b.code}/members")
    assert (response.status_code, response.json()) == (404, not_found_body())


def test_group_members_hide_people_the_caller_may_not_see(cast, group_b):
    suspended = f.PersonFactory(company__status="suspended", last_name="Zeller")
    f.GroupMembershipFactory(group=group_b, person=suspended)
    by_member = get(cast["member"], f"/groups/{group_b.code}/members").json()
    by_office = get(cast["office"], f"/groups/{group_b.code}/members").json()
    member_names = [row["last_name"] for row in by_member["items"]]
    office_names = [row["last_name"] for row in by_office["items"]]
    assert (member_names, office_names) == (["Krenzke", "Lang"], ["Krenzke", "Lang", "Zeller"])


@pytest.mark.parametrize("extra", [0, 2])
def test_group_members_query_count(django_assert_num_queries, member, group_a, extra):
    for number in range(extra):
        person = f.PersonFactory(last_name=f"Zahn {number}", company__home_group=group_a)
        f.GroupMembershipFactory(group=group_a, person=person)
        f.GroupRoleFactory(group=group_a, person=person, kind=GroupRoleKind.SECRETARY)
    client = warm_client(member)
    with django_assert_num_queries(9):
        response = client.get(f"/api/v1/groups/{group_a.code}/members")
    rows = [(row["last_name"], row["roles"]) for row in response.json()["items"]]
    assert rows == [("Huber", []), *[(f"Zahn {n}", ["secretary"]) for n in range(extra)]]
