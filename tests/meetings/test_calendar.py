"""The calendar settings page: feed addresses and a new secret."""

import pytest

from tests import factories as f
from tests.conftest import client_for
from tests.office.conftest import headings
from tests.pages.html import de, definitions, element
from verbund.common.models import AuditEntry
from verbund.meetings.models import CalendarToken
from verbund.meetings.services.calendar import calendar_token_for

URL = "/calendar/"


def _token(user) -> str:
    return CalendarToken.objects.get(person__user=user).token


def _personal(token: str) -> str:
    return f"http://testserver/calendar/{token}.ics"


def _group(token: str, group) -> str:
    return f"http://testserver/calendar/{token}/groups/{group.code}.ics"


@pytest.mark.parametrize("who", ["member", "moderator", "colleague"])
def test_calendar_settings_member_sees_personal_and_group_feeds(cast, group_a, who):
    response = client_for(cast[who]).get(URL)
    token = _token(cast[who])
    assert (response.status_code, headings(response)) == (200, [de("Calendar feeds")])
    assert element(response, "personal-url").attrs["value"] == _personal(token)
    assert definitions(response, "group-feeds") == {
        "Ortsgruppe München-Nord": _group(token, group_a)
    }


def test_calendar_settings_lists_every_own_group_by_name(cast, group_a, working_group):
    person = cast["member"].person
    f.GroupMembershipFactory(group=working_group, person=person)
    response = client_for(cast["member"]).get(URL)
    token = _token(cast["member"])
    assert definitions(response, "group-feeds") == {
        "AK Marketing & Vertrieb": _group(token, working_group),
        "Ortsgruppe München-Nord": _group(token, group_a),
    }


def test_calendar_settings_keeps_the_secret_between_visits(cast):
    client = client_for(cast["member"])
    first = element(client.get(URL), "personal-url").attrs["value"]
    second = element(client.get(URL), "personal-url").attrs["value"]
    assert (first, CalendarToken.objects.count()) == (second, 1)


def test_calendar_settings_office_without_group_has_no_group_feeds(cast):
    response = client_for(cast["office"]).get(URL)
    assert element(response, "personal-url").attrs["value"] == _personal(_token(cast["office"]))
    assert element(response, "group-feeds") is None
    assert element(response, "no-group-feeds").text() == de("You belong to no group yet.")


def test_calendar_settings_guest_gets_the_visited_group(cast, group_a):
    response = client_for(cast["guest"]).get(URL)
    token = _token(cast["guest"])
    assert definitions(response, "group-feeds") == {
        "Ortsgruppe München-Nord": _group(token, group_a)
    }


def test_calendar_settings_login_without_person_gets_404(db):
    response = client_for(f.UserFactory()).get(URL)
    assert (response.status_code, CalendarToken.objects.count()) == (404, 0)


def test_calendar_settings_anonymous_goes_to_login(db):
    response = client_for(None).get(URL)
    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={URL}")


def test_calendar_settings_new_secret_ends_the_old_address(cast, group_a):
    old = calendar_token_for(cast["member"].person).token
    client = client_for(cast["member"])
    response = client.post(URL, follow=True)
    new = _token(cast["member"])
    assert new != old
    assert response.redirect_chain == [(URL, 302)]
    assert [str(m) for m in response.context["messages"]] == [
        de("Your calendar has a new address; the old one has stopped working.")
    ]
    assert element(response, "personal-url").attrs["value"] == _personal(new)
    assert (
        client.get(f"/calendar/{old}.ics").status_code,
        client.get(f"/calendar/{new}.ics").status_code,
    ) == (404, 200)
    assert list(AuditEntry.objects.order_by("pk").values_list("action", "actor")) == [
        ("calendar.token", None),
        ("calendar.token", cast["member"].pk),
    ]


def test_calendar_settings_new_secret_touches_only_own_token(cast):
    other = calendar_token_for(cast["member2"].person).token
    client_for(cast["member"]).post(URL)
    assert _token(cast["member2"]) == other


def test_calendar_settings_anonymous_cannot_make_a_new_secret(cast):
    old = calendar_token_for(cast["member"].person).token
    response = client_for(None).post(URL)
    assert (response.status_code, _token(cast["member"])) == (302, old)


def test_profile_links_to_calendar_settings(cast):
    response = client_for(cast["member"]).get("/profile/")
    link = element(response, "calendar-link").find_all("a")[0]
    assert (link.attrs["href"], link.text()) == (
        URL,
        de("Subscribe to your meetings in your calendar app"),
    )
