"""The group pages: list, detail and the moderator's edit, for the whole cast."""

import pytest
from django.urls import reverse

from tests import factories as f
from tests.conftest import client_for
from tests.pages.html import de, element, items, links, rows, text
from verbund.common.models import AuditEntry
from verbund.members.models import CompanyStatus
from verbund.network.models import GroupKind, GroupRoleKind

# ---------------------------------------------------------------- list


def test_group_list_member_sees_every_group_with_sizes(cast, working_group, group_a, group_b):
    group_a.capacity = 20
    group_a.save()
    response = client_for(cast["member"]).get("/groups/")
    assert rows(response, "groups") == [
        ["AK Marketing & Vertrieb", de("Working group"), "", "0", ""],
        ["Ortsgruppe Augsburg", de("Regional group"), "Schwaben", "2", ""],
        ["Ortsgruppe München-Nord", de("Regional group"), "Oberbayern", "2 / 20", ""],
    ]


def test_group_list_shows_closed_badge(cast, group_b):
    group_b.is_closed = True
    group_b.save()
    response = client_for(cast["member"]).get("/groups/")
    assert rows(response, "groups")[0] == [
        "Ortsgruppe Augsburg",
        de("Regional group"),
        "Schwaben",
        "2",
        de("closed"),
    ]


def test_group_list_filters_by_kind(cast, working_group):
    response = client_for(cast["member2"]).get("/groups/?kind=working")
    assert rows(response, "groups") == [
        ["AK Marketing & Vertrieb", de("Working group"), "", "0", ""]
    ]
    assert element(response, "kinds").find_all("a")[2].attrs["class"] == "nav-link active"


def test_group_list_ignores_an_unknown_kind(cast, working_group):
    response = client_for(cast["member"]).get("/groups/?kind=secret")
    assert [row[0] for row in rows(response, "groups")] == [
        "AK Marketing & Vertrieb",
        "Ortsgruppe Augsburg",
        "Ortsgruppe München-Nord",
    ]


def test_group_list_guest_sees_only_visited_groups(cast, working_group):
    response = client_for(cast["guest"]).get("/groups/")
    assert rows(response, "groups") == [
        ["Ortsgruppe München-Nord", de("Regional group"), "Oberbayern", "2", ""]
    ]


def test_group_list_user_without_person_sees_no_groups(group_a):
    response = client_for(f.UserFactory()).get("/groups/")
    assert (response.status_code, rows(response, "groups"), text(response, "no-groups")) == (
        200,
        None,
        de("No groups to show."),
    )


def test_group_list_anonymous_goes_to_login(group_a):
    response = client_for(None).get("/groups/?kind=regional")
    assert (response.status_code, response["Location"]) == (
        302,
        "/accounts/login/?next=/groups/%3Fkind%3Dregional",
    )


def test_group_list_htmx_gets_the_results_only(cast):
    response = client_for(cast["member"]).get(
        "/groups/?kind=regional", headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert (body.lstrip().startswith('<div id="results"'), "<html" in body) == (True, False)
    assert [row[0] for row in rows(response, "groups")] == [
        "Ortsgruppe Augsburg",
        "Ortsgruppe München-Nord",
    ]


@pytest.mark.parametrize("extra", [0, 2])
def test_group_list_query_count_is_constant(member, group_a, extra, django_assert_num_queries):
    for number in range(extra):
        f.CompanyFactory(home_group=f.GroupFactory(name=f"Ortsgruppe Zusatz {number}"))
    client = client_for(member)
    with django_assert_num_queries(9):
        response = client.get("/groups/")
    assert len(rows(response, "groups")) == 1 + extra


# ---------------------------------------------------------------- detail


def test_group_detail_member_sees_moderator_companies_and_members(cast, group_a):
    group_a.description = "Frühstück jeden zweiten Dienstag."
    group_a.save()
    response = client_for(cast["member"]).get(f"/groups/{group_a.code}/")
    assert text(response, "description") == "Frühstück jeden zweiten Dienstag."
    assert items(response, "group-roles") == [
        f"{de('Moderator')} Stefan Eich (Isar Netzwerke GmbH)"
    ]
    assert rows(response, "companies") == [
        ["Alpen IT Service GmbH", "München"],
        ["Isar Netzwerke GmbH", "München"],
    ]
    assert rows(response, "people") == [
        ["Stefan Eich", "Isar Netzwerke GmbH"],
        ["Klaus Huber", "Alpen IT Service GmbH"],
        ["Maria Huber", "Alpen IT Service GmbH"],
    ]
    assert text(response, "people-count") == "3"
    assert element(response, "edit") is None


def test_group_detail_lists_secretary_and_ignores_ended_terms(cast, group_a):
    import datetime

    secretary = cast["colleague"].person
    f.GroupRoleFactory(group=group_a, person=secretary, kind=GroupRoleKind.SECRETARY)
    f.GroupRoleFactory(
        group=group_a,
        person=cast["member"].person,
        kind=GroupRoleKind.MODERATOR,
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2021, 12, 31),
    )
    response = client_for(cast["member2"]).get(f"/groups/{group_a.code}/")
    assert items(response, "group-roles") == [
        f"{de('Moderator')} Stefan Eich (Isar Netzwerke GmbH)",
        f"{de('Secretary')} Klaus Huber (Alpen IT Service GmbH)",
    ]


def test_group_detail_moderator_gets_edit_link(cast, group_a):
    response = client_for(cast["moderator"]).get(f"/groups/{group_a.code}/")
    assert element(response, "edit").attrs["href"] == f"/groups/{group_a.code}/edit/"


def test_group_detail_office_sees_suspended_company_with_status(cast, group_a):
    f.CompanyFactory(name="Pause GmbH", home_group=group_a, status=CompanyStatus.SUSPENDED)
    response = client_for(cast["office"]).get(f"/groups/{group_a.code}/")
    assert rows(response, "companies") == [
        ["Alpen IT Service GmbH", "München", de("Active")],
        ["Isar Netzwerke GmbH", "München", de("Active")],
        ["Pause GmbH", "München", de("Suspended")],
    ]
    assert element(response, "edit").attrs["href"] == f"/groups/{group_a.code}/edit/"


def test_group_detail_member_does_not_see_suspended_company(cast, group_a):
    f.CompanyFactory(name="Pause GmbH", home_group=group_a, status=CompanyStatus.SUSPENDED)
    response = client_for(cast["member"]).get(f"/groups/{group_a.code}/")
    assert [row[0] for row in rows(response, "companies")] == [
        "Alpen IT Service GmbH",
        "Isar Netzwerke GmbH",
    ]


def test_group_detail_shows_capacity_and_closed_state(cast, group_a):
    group_a.capacity = 22
    group_a.is_closed = True
    group_a.save()
    response = client_for(cast["board"]).get(f"/groups/{group_a.code}/")
    assert text(response, "closed") == de("closed to new companies")
    assert text(response, "company-count") == de("%(count)s of %(capacity)s") % {
        "count": 2,
        "capacity": 22,
    }


def test_group_detail_guest_sees_name_description_and_moderators_only(cast, group_a):
    group_a.description = "Frühstück jeden zweiten Dienstag."
    group_a.save()
    response = client_for(cast["guest"]).get(f"/groups/{group_a.code}/")
    assert text(response, "description") == "Frühstück jeden zweiten Dienstag."
    assert items(response, "group-roles") == [
        f"{de('Moderator')} Stefan Eich (Isar Netzwerke GmbH)"
    ]
    assert links(response, "group-roles") == []  # no links into the members' directory
    assert (rows(response, "companies"), rows(response, "people")) == (None, None)
    assert "Maria Huber" not in response.content.decode()


def test_group_detail_guest_from_elsewhere_gets_404(cast, group_b):
    response = client_for(cast["guest"]).get(f"/groups/{group_b.code}/")
    assert (response.status_code, "Ortsgruppe Augsburg" in response.content.decode()) == (
        404,
        False,
    )


def test_group_detail_unknown_code_gets_404(cast):
    response = client_for(cast["office"]).get("/groups/nosuchcode/")
    assert (response.status_code, "Ortsgruppe" in response.content.decode()) == (404, False)


def test_group_detail_anonymous_goes_to_login(group_a):
    response = client_for(None).get(f"/groups/{group_a.code}/")
    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/login/?next=/groups/{group_a.code}/",
    )


@pytest.mark.parametrize("size", [1, 3])
def test_group_detail_member_lists_query_count_is_constant(
    member, group_a, size, django_assert_num_queries
):
    group = f.GroupFactory(name="Ortsgruppe Rosenheim")
    for number in range(size):
        person = f.PersonFactory(
            company=f.CompanyFactory(name=f"Inn IT {number} GmbH", home_group=group),
            first_name="Anna",
            last_name=f"Inn{number}",
        )
        f.GroupMembershipFactory(group=group, person=person)
        f.GroupRoleFactory(group=group, person=person)
    client = client_for(member)
    with django_assert_num_queries(12):
        response = client.get(f"/groups/{group.code}/")
    assert rows(response, "people") == [
        [f"Anna Inn{number}", f"Inn IT {number} GmbH"] for number in range(size)
    ]
    assert len(rows(response, "companies")) == size
    assert len(items(response, "group-roles")) == size


# ---------------------------------------------------------------- edit


def test_group_edit_moderator_sees_the_form(cast, group_a):
    group_a.description = "Alt."
    group_a.save()
    response = client_for(cast["moderator"]).get(f"/groups/{group_a.code}/edit/")
    textarea = element(response, "id_description")
    assert (response.status_code, textarea.tag, textarea.text()) == (200, "textarea", "Alt.")


def test_group_edit_moderator_saves_the_description(cast, group_a):
    response = client_for(cast["moderator"]).post(
        f"/groups/{group_a.code}/edit/", {"description": "Neu: jeden Dienstag, 7 Uhr."}, follow=True
    )
    group_a.refresh_from_db()
    assert group_a.description == "Neu: jeden Dienstag, 7 Uhr."
    assert response.redirect_chain == [(f"/groups/{group_a.code}/", 302)]
    assert text(response, "description") == "Neu: jeden Dienstag, 7 Uhr."
    message = de("The description of %(group)s was saved.") % {"group": "Ortsgruppe München-Nord"}
    assert [str(m) for m in response.context["messages"]] == [message]
    entry = AuditEntry.objects.get(action="group.update")
    assert (entry.actor, entry.changes) == (
        cast["moderator"],
        {"description": ["", "Neu: jeden Dienstag, 7 Uhr."]},
    )


def test_group_edit_moderator_cannot_change_other_fields(cast, group_a):
    client_for(cast["moderator"]).post(
        f"/groups/{group_a.code}/edit/",
        {"description": "Neu.", "name": "Umbenannt", "is_closed": "on", "capacity": "1"},
    )
    group_a.refresh_from_db()
    assert (group_a.description, group_a.name, group_a.is_closed, group_a.capacity) == (
        "Neu.",
        "Ortsgruppe München-Nord",
        False,
        None,
    )


def test_group_edit_office_may_use_it(cast, group_b):
    response = client_for(cast["office"]).post(
        f"/groups/{group_b.code}/edit/", {"description": "Vom Büro."}
    )
    group_b.refresh_from_db()
    assert (response.status_code, response["Location"], group_b.description) == (
        302,
        f"/groups/{group_b.code}/",
        "Vom Büro.",
    )


def test_group_edit_too_long_description_is_refused(cast, group_a):
    response = client_for(cast["moderator"]).post(
        f"/groups/{group_a.code}/edit/", {"description": "x" * 5001}
    )
    group_a.refresh_from_db()
    assert (response.status_code, group_a.description) == (200, "")
    assert response.context["form"].errors == {
        "description": [
            "Bitte sicherstellen, dass der Wert aus höchstens 5000 Zeichen besteht. "
            "(Er besteht aus 5001 Zeichen.)"
        ]
    }
    assert text(response, "id_description") == "x" * 5001
    assert (
        text(response, "id_description_error") == response.context["form"].errors["description"][0]
    )
    assert AuditEntry.objects.filter(action="group.update").count() == 0


@pytest.mark.parametrize("who", ["member", "colleague", "member2", "board"])
def test_group_edit_others_who_see_the_group_get_403(cast, group_a, who):
    client = client_for(cast[who])
    get = client.get(f"/groups/{group_a.code}/edit/")
    post = client.post(f"/groups/{group_a.code}/edit/", {"description": "Übernommen."})
    group_a.refresh_from_db()
    assert (get.status_code, post.status_code, group_a.description) == (403, 403, "")
    assert element(get, "id_description") is None


def test_group_edit_guest_of_the_group_gets_403(cast, group_a):
    response = client_for(cast["guest"]).post(f"/groups/{group_a.code}/edit/", {"description": "G"})
    group_a.refresh_from_db()
    assert (response.status_code, group_a.description) == (403, "")


def test_group_edit_guest_from_elsewhere_gets_404(cast, group_b):
    group_b.description = "Geheim"
    group_b.save()
    response = client_for(cast["guest"]).post(f"/groups/{group_b.code}/edit/", {"description": "G"})
    group_b.refresh_from_db()
    assert (response.status_code, group_b.description) == (404, "Geheim")
    assert "Ortsgruppe Augsburg" not in response.content.decode()


def test_group_edit_anonymous_goes_to_login(group_a):
    response = client_for(None).post(f"/groups/{group_a.code}/edit/", {"description": "A"})
    group_a.refresh_from_db()
    assert (response.status_code, response["Location"], group_a.description) == (
        302,
        f"/accounts/login/?next=/groups/{group_a.code}/edit/",
        "",
    )


def test_group_urls_keep_their_names(group_a):
    assert (
        reverse("network:group_list"),
        reverse("network:group_detail", args=[group_a.code]),
        reverse("network:group_edit", args=[group_a.code]),
    ) == ("/groups/", f"/groups/{group_a.code}/", f"/groups/{group_a.code}/edit/")


def test_group_kinds_offered_as_filters_are_the_four_kinds(cast):
    response = client_for(cast["member"]).get("/groups/")
    assert links(response, "kinds") == ["/groups/"] + [
        f"/groups/?kind={kind}" for kind in GroupKind.values
    ]
