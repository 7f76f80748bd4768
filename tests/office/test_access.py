"""Who reaches the office pages: the office (200), everyone else 403, anonymous to login."""

from urllib.parse import quote

import pytest

from tests import factories as f
from tests.conftest import client_for
from tests.office.conftest import headings
from tests.pages.html import de, links
from verbund.network.models import GroupMembership, GroupRole, NetworkRole

# Each page with the <h1> the office sees there; `{...}` are filled from the fixtures.
PAGES = [
    ("/office/", lambda: f"{de('Office')}: Testnetz"),
    ("/office/network/", lambda: de("Network settings")),
    ("/office/groups/", lambda: de("Groups")),
    ("/office/groups/new/", lambda: de("Create a group")),
    ("/office/groups/{group}/", lambda: "Ortsgruppe München-Nord"),
    ("/office/companies/", lambda: de("Companies")),
    ("/office/companies/new/", lambda: de("Enter a company")),
    ("/office/companies/{company}/", lambda: "Alpen IT Service GmbH"),
    ("/office/people/", lambda: de("People")),
    ("/office/people/new/", lambda: de("Enter a person")),
    ("/office/people/{person}/", lambda: "Maria Huber"),
    ("/office/roles/", lambda: de("Board and office")),
    ("/office/audit/", lambda: de("Audit log")),
]
PATHS = [path for path, _heading in PAGES]
OUTSIDERS = ["board", "moderator", "member", "colleague", "member2", "guest"]


@pytest.fixture
def codes(group_a, company_a, member_person):
    return {"group": group_a.code, "company": company_a.code, "person": member_person.code}


@pytest.mark.parametrize(("path", "heading"), PAGES, ids=PATHS)
def test_office_page_office_sees_it(cast, codes, path, heading):
    response = client_for(cast["office"]).get(path.format(**codes))
    assert (response.status_code, headings(response)) == (200, [heading()])


@pytest.mark.parametrize(("path", "heading"), PAGES, ids=PATHS)
@pytest.mark.parametrize("who", OUTSIDERS)
def test_office_page_others_are_forbidden(cast, codes, path, heading, who):
    response = client_for(cast[who]).get(path.format(**codes))
    assert (response.status_code, heading() in headings(response)) == (403, False)


@pytest.mark.parametrize("path", PATHS)
def test_office_page_anonymous_goes_to_login(cast, codes, path):
    url = path.format(**codes)
    response = client_for(None).get(url)
    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/login/?next={quote(url)}",
    )


@pytest.mark.parametrize(
    "path",
    ["/office/groups/zzzzzzzzzz/", "/office/companies/zzzzzzzzzz/", "/office/people/zzzzzzzzzz/"],
)
def test_office_page_unknown_code_is_not_found(office_client, path):
    response = office_client.get(path)
    assert (response.status_code, headings(response)) == (404, [de("Page not found")])


@pytest.mark.parametrize("who", OUTSIDERS)
def test_office_page_outsider_gets_403_even_for_unknown_code(cast, who):
    """The office area is not secret; refusing first tells nothing about which codes exist."""
    response = client_for(cast[who]).get("/office/groups/zzzzzzzzzz/")
    assert (response.status_code, headings(response)) == (403, [de("Access denied")])


# ------------------------------------------------------------- the POST-only endpoints


@pytest.fixture
def sub_rows(cast, group_a, member_person):
    return {
        "membership": GroupMembership.objects.get(group=group_a, person=member_person),
        "group_role": GroupRole.objects.get(group=group_a),
        "network_role": NetworkRole.objects.get(kind="board"),
    }


def _post_paths(group_a, rows):
    return {
        "membership": f"/office/groups/{group_a.code}/members/{rows['membership'].pk}/remove/",
        "group_role": f"/office/groups/{group_a.code}/roles/{rows['group_role'].pk}/end/",
        "network_role": f"/office/roles/{rows['network_role'].pk}/end/",
    }


def _state():
    return (
        list(GroupMembership.objects.order_by("pk").values_list("pk", flat=True)),
        list(GroupRole.objects.order_by("pk").values_list("pk", "ends_on")),
        list(NetworkRole.objects.order_by("pk").values_list("pk", "ends_on")),
    )


@pytest.mark.parametrize("target", ["membership", "group_role", "network_role"])
@pytest.mark.parametrize("who", OUTSIDERS)
def test_office_post_others_are_forbidden_and_change_nothing(cast, group_a, sub_rows, target, who):
    before = _state()
    path = _post_paths(group_a, sub_rows)[target]
    response = client_for(cast[who]).post(path, {"ends_on": "2030-01-01"})
    assert (response.status_code, _state()) == (403, before)


@pytest.mark.parametrize("target", ["membership", "group_role", "network_role"])
def test_office_post_anonymous_goes_to_login(cast, group_a, sub_rows, target):
    before = _state()
    path = _post_paths(group_a, sub_rows)[target]
    response = client_for(None).post(path, {"ends_on": "2030-01-01"})
    assert (response.status_code, response["Location"], _state()) == (
        302,
        f"/accounts/login/?next={quote(path)}",
        before,
    )


@pytest.mark.parametrize("target", ["membership", "group_role", "network_role"])
def test_office_post_endpoints_refuse_get(cast, group_a, sub_rows, target):
    before = _state()
    response = client_for(cast["office"]).get(_post_paths(group_a, sub_rows)[target])
    assert (response.status_code, response["Allow"], _state()) == (405, "POST", before)


@pytest.mark.parametrize(
    "path",
    [
        "/office/groups/{group}/members/999999/remove/",
        "/office/groups/{group}/roles/999999/end/",
        "/office/roles/999999/end/",
        "/office/groups/zzzzzzzzzz/members/{membership}/remove/",
    ],
)
def test_office_post_unknown_row_is_not_found(cast, group_a, sub_rows, path):
    before = _state()
    url = path.format(group=group_a.code, membership=sub_rows["membership"].pk)
    response = client_for(cast["office"]).post(url, {"ends_on": "2030-01-01"})
    assert (response.status_code, _state()) == (404, before)


def test_office_post_row_of_another_group_is_not_found(cast, group_a, group_b):
    """A membership of group B cannot be removed through group A's address."""
    other = GroupMembership.objects.filter(group=group_b).first()
    role = f.GroupRoleFactory(group=group_b, person=other.person)
    before = _state()
    office = client_for(cast["office"])
    removed = office.post(f"/office/groups/{group_a.code}/members/{other.pk}/remove/")
    ended = office.post(
        f"/office/groups/{group_a.code}/roles/{role.pk}/end/", {"ends_on": "2030-01-01"}
    )
    assert (removed.status_code, ended.status_code, _state()) == (404, 404, before)


@pytest.mark.parametrize("path", PATHS)
def test_office_page_keeps_the_navbar_of_the_office(cast, codes, path):
    """No page context may shadow the viewer's `roles`, which the navbar reads."""
    response = client_for(cast["office"]).get(path.format(**codes))
    assert links(response, "nav").count("/office/") == 1
