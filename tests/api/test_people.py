"""GET /people and /people/{code}: visibility and per-field contact visibility."""

import pytest

from tests import factories as f
from tests.api.conftest import forbidden_body, get, not_found_body, warm_client
from verbund.members.models import CompanyStatus, Visibility


def _ref(obj) -> dict | None:
    return {"code": obj.code, "name": obj.name} if obj else None


def _person(person, groups: list, *, email=True, phone=True, mobile=True) -> dict:
    return {
        "code": person.code,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "function": person.function,
        "company": _ref(person.company),
        "is_company_admin": person.is_company_admin,
        "email": person.email if email else None,
        "phone": person.phone if phone else None,
        "mobile": person.mobile if mobile else None,
        "languages": person.languages,
        "expertise": person.expertise,
        "groups": [_ref(group) for group in groups],
    }


@pytest.fixture
def jonas(cast):
    """member2's person, who keeps the phone to himself (the mobile is for his group)."""
    person = cast["member2"].person
    person.phone_visibility = Visibility.PRIVATE
    person.save()
    return person


def _last_names(response) -> list[str]:
    return [item["last_name"] for item in response.json()["items"]]


def test_people_member_sees_network_people_and_office(cast):
    response = get(cast["member"], "/people")
    assert (response.status_code, _last_names(response)) == (
        200,
        ["Amt", "Eich", "Huber", "Huber", "Krenzke", "Lang"],
    )


def test_people_member_does_not_see_people_of_candidates(cast):
    f.PersonFactory(last_name="Zeller", company__status=CompanyStatus.CANDIDATE)
    by_member = get(cast["member"], "/people?q=zeller")
    by_office = get(cast["office"], "/people?q=zeller")
    assert (_last_names(by_member), _last_names(by_office)) == ([], ["Zeller"])


def test_people_guest_gets_403(cast):
    response = get(cast["guest"], "/people")
    assert (response.status_code, response.json()) == (403, forbidden_body())


def test_people_search_by_name_and_company(cast):
    by_name = get(cast["member"], "/people?q=maria huber")
    by_company = get(cast["member"], "/people?q=lech")
    assert ([i["first_name"] for i in by_name.json()["items"]], _last_names(by_company)) == (
        ["Maria"],
        ["Krenzke"],
    )


def test_people_filter_by_company(cast, company_a):
    response = get(cast["member"], f"/people?company={company_a.code}")
    assert [item["first_name"] for item in response.json()["items"]] == ["Klaus", "Maria"]


def test_people_hide_contact_fields_as_the_person_chose(cast, jonas, group_b):
    response = get(cast["member"], f"/people?company={jonas.company.code}")
    expected = [_person(jonas, [group_b], phone=False, mobile=False)]
    assert (response.status_code, response.json()) == (200, {"items": expected, "count": 1})


@pytest.mark.parametrize("extra", [0, 2])
def test_people_query_count(django_assert_num_queries, member, group_a, extra):
    for number in range(extra):
        person = f.PersonFactory(last_name=f"Zahn {number}", mobile_visibility=Visibility.MEMBERS)
        f.GroupMembershipFactory(group=group_a, person=person)
    client = warm_client(member)
    with django_assert_num_queries(9):
        response = client.get("/api/v1/people")
    rows = [(i["last_name"], i["mobile"], i["groups"][0]["name"]) for i in response.json()["items"]]
    expected = [("Huber", "+49 170 1234567", "Ortsgruppe München-Nord")]
    expected += [(f"Zahn {n}", "+49 170 1234567", "Ortsgruppe München-Nord") for n in range(extra)]
    assert rows == expected


def test_person_detail_member_of_another_group_sees_allowed_contacts(cast, jonas, group_b):
    response = get(cast["member"], f"/people/{jonas.code}")
    expected = _person(jonas, [group_b], phone=False, mobile=False)
    assert (response.status_code, response.json()) == (200, expected)


def test_person_detail_group_mate_sees_the_mobile(cast, jonas, group_b):
    response = get(cast["board"], f"/people/{jonas.code}")
    assert (response.status_code, response.json()) == (200, _person(jonas, [group_b], phone=False))


def test_person_detail_office_sees_everything(cast, jonas, group_b):
    response = get(cast["office"], f"/people/{jonas.code}")
    assert (response.status_code, response.json()) == (200, _person(jonas, [group_b]))


def test_person_detail_person_sees_own_private_fields(cast, jonas, group_b):
    response = get(cast["member2"], f"/people/{jonas.code}")
    assert (response.status_code, response.json()) == (200, _person(jonas, [group_b]))


def test_person_detail_guest_sees_only_themselves(cast):
    own = cast["guest"].person
    response = get(cast["guest"], f"/people/{own.code}")
    assert (response.status_code, response.json()) == (200, _person(own, []))


def test_person_detail_guest_gets_404_for_a_member(cast):
    response = get(cast["guest"], f"/people/{cast['member'].person.code}")
    assert (response.status_code, response.json()) == (404, not_found_body())


def test_person_detail_member_gets_404_for_a_candidates_person(cast):
    person = f.PersonFactory(company__status=CompanyStatus.CANDIDATE)
    response = get(cast["member"], f"/people/{person.code}")
    assert (response.status_code, response.json()) == (404, not_found_body())
