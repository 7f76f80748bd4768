"""The office's holidays page: no series meeting takes place on a network holiday."""

import datetime
from urllib.parse import quote

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from tests import factories as f
from tests.conftest import client_for
from tests.office.conftest import errors, headings
from tests.pages.html import de, element, items
from verbund.common.models import AuditEntry
from verbund.meetings.models import Holiday

URL = "/office/holidays/"


def _in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _shown(day: datetime.date, name: str) -> str:
    with translation.override("de"):
        return f"{date_format(day, 'D')} {day:%d.%m.%Y}: {name}"


def test_holidays_office_sees_coming_and_recent(cast):
    past = Holiday.objects.create(date=_in_days(-40), name="Tag der Arbeit")
    coming = [
        Holiday.objects.create(date=_in_days(30), name="Neujahr"),
        Holiday.objects.create(date=_in_days(5), name="Heiligabend"),
    ]
    response = client_for(cast["office"]).get(URL)
    assert (response.status_code, headings(response)) == (200, [de("Holidays")])
    assert items(response, "coming-holidays") == [
        _shown(coming[1].date, "Heiligabend"),
        _shown(coming[0].date, "Neujahr"),
    ]
    assert items(response, "past-holidays") == [_shown(past.date, "Tag der Arbeit")]


def test_holidays_none_entered_says_so(cast):
    response = client_for(cast["office"]).get(URL)
    assert element(response, "no-holidays").text() == de("No holidays are entered.")
    assert (element(response, "coming-holidays"), element(response, "past-holidays")) == (
        None,
        None,
    )


@pytest.mark.parametrize("who", ["board", "moderator", "member", "colleague", "member2", "guest"])
def test_holidays_others_are_forbidden(cast, who):
    Holiday.objects.create(date=_in_days(5), name="Heiligabend")
    get = client_for(cast[who]).get(URL)
    post = client_for(cast[who]).post(URL, {"date": _in_days(6).isoformat(), "name": "Frei"})
    assert (get.status_code, post.status_code, headings(get)) == (403, 403, [de("Access denied")])
    assert list(Holiday.objects.values_list("name", flat=True)) == ["Heiligabend"]


def test_holidays_anonymous_goes_to_login(db):
    response = client_for(None).get(URL)
    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/login/?next={quote(URL)}",
    )


def test_holidays_add_cancels_series_meetings_that_day(cast, group_a, group_b):
    day = _in_days(7)
    series = f.MeetingSeriesFactory(group=group_a, first_date=day)
    in_series = f.MeetingFactory(group=group_a, series=series, occurrence_date=day)
    one_off = f.MeetingFactory(group=group_b, occurrence_date=day, title="Sonderrunde")
    response = client_for(cast["office"]).post(
        URL, {"date": day.isoformat(), "name": "Brückentag"}, follow=True
    )
    in_series.refresh_from_db()
    one_off.refresh_from_db()
    assert (in_series.is_cancelled, in_series.cancel_reason) == (True, "Brückentag")
    assert (one_off.is_cancelled, one_off.cancel_reason) == (False, "")
    assert response.redirect_chain == [(URL, 302)]
    assert [str(m) for m in response.context["messages"]] == [
        de("%(name)s on %(day)s is a holiday; series meetings on that day are cancelled.")
        % {"name": "Brückentag", "day": f"{day:%d.%m.%Y}"}
    ]
    assert items(response, "coming-holidays") == [_shown(day, "Brückentag")]
    assert AuditEntry.objects.get(action="holiday.create").changes == {
        "date": str(day),
        "name": "Brückentag",
    }


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"date": ""}, "date", "This field is required."),
        ({"date": "kein Datum"}, "date", "Enter a valid date."),
        ({"date": "2020-05-01"}, "date", "Please choose a day from today on."),
    ],
)
def test_holidays_bad_input_changes_nothing(cast, data, field, message):
    posted = {"date": _in_days(3).isoformat(), "name": "Frei", **data}
    response = client_for(cast["office"]).post(URL, posted)
    assert (response.status_code, response.context["form"].errors) == (200, {field: [de(message)]})
    assert errors(response) == [de(message)]
    assert (Holiday.objects.count(), AuditEntry.objects.count()) == (0, 0)


def test_holidays_same_day_twice_is_refused(cast):
    Holiday.objects.create(date=_in_days(3), name="Erster")
    response = client_for(cast["office"]).post(
        URL, {"date": _in_days(3).isoformat(), "name": "Zweiter"}
    )
    assert errors(response) == [de("This day is already a holiday.")]
    assert list(Holiday.objects.values_list("name", flat=True)) == ["Erster"]


def test_holidays_office_nav_marks_the_page(cast):
    response = client_for(cast["office"]).get(URL)
    links = element(response, "main").find_all("a")
    active = [a for a in links if {"nav-link", "active"} <= set(a.attrs.get("class", "").split())]
    assert [(a.attrs["href"], a.text()) for a in active] == [(URL, de("Holidays"))]
