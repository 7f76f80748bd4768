"""iCalendar feeds at secret URLs (personal and per group) and the page that shows them."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from verbund.meetings.models import CalendarToken, Meeting, Rsvp, RsvpAnswer
from verbund.meetings.queries import meetings_visible_to
from verbund.meetings.services import regenerate_calendar_token
from verbund.meetings.services.calendar import calendar_token_for
from verbund.network.models import Group
from verbund.network.queries import Roles, get_network, roles_of

BERLIN = ZoneInfo(django_settings.TIME_ZONE)
# A feed shows the last month (for minutes) and the planned weeks ahead.
FEED_PAST = datetime.timedelta(days=30)
FEED_AHEAD = datetime.timedelta(weeks=12)
# The person's answer as iCalendar's participation status, in an X- property of our own.
PARTSTAT = {RsvpAnswer.YES: "ACCEPTED", RsvpAnswer.NO: "DECLINED", None: "NEEDS-ACTION"}


def _own_group_ids(roles: Roles) -> frozenset[int]:
    """The groups whose meetings are "mine": member, moderator, secretary or (guest) visitor."""
    return (
        roles.group_ids
        | roles.moderated_group_ids
        | roles.secretary_group_ids
        | roles.visited_group_ids
    )


@login_required
def settings(request: HttpRequest) -> HttpResponse:
    """The viewer's feed URLs (personal and per group); a new secret ends the old URLs."""
    person = roles_of(request.user).person
    if person is None:
        raise Http404
    if request.method == "POST":
        regenerate_calendar_token(person=person, actor=request.user)
        messages.success(
            request, _("Your calendar has a new address; the old one has stopped working.")
        )
        return redirect("meetings:calendar_settings")
    token = calendar_token_for(person).token
    groups = Group.objects.filter(pk__in=_own_group_ids(roles_of(request.user))).order_by("name")
    context = {
        "personal_url": request.build_absolute_uri(
            reverse("meetings:personal_feed", kwargs={"token": token})
        ),
        "group_feeds": [
            (
                group,
                request.build_absolute_uri(
                    reverse("meetings:group_feed", kwargs={"token": token, "code": group.code})
                ),
            )
            for group in groups
        ],
    }
    return render(request, "meetings/calendar_settings.html", context)


def _token_user(token: str) -> Any:
    """The login behind a feed secret (404 for an unknown or replaced secret, or a login
    that has ended)."""
    found = get_object_or_404(CalendarToken.objects.select_related("person__user"), token=token)
    user = found.person.user
    if user is None or roles_of(user).person is None:
        raise Http404
    return user


def _feed_meetings(user: Any) -> QuerySet[Meeting]:
    """The meetings the feed's owner may see in the feed's window, with their own answer."""
    now = timezone.now()
    answer = Rsvp.objects.filter(meeting=OuterRef("pk"), person=roles_of(user).person)
    return (
        meetings_visible_to(user)
        .filter(starts_at__gte=now - FEED_PAST, starts_at__lte=now + FEED_AHEAD)
        .annotate(my_answer=Subquery(answer.values("answer")[:1]))
        .order_by("starts_at")
    )


@never_cache
def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The meetings of the token's person's groups; no login, the token is the secret."""
    user = _token_user(token)
    meetings = _feed_meetings(user).filter(group_id__in=_own_group_ids(roles_of(user)))
    person = roles_of(user).person
    name = f"{get_network().name}: {person.full_name}"
    return _ics_response(request, user, name, meetings, "verbund.ics")


@never_cache
def group_feed(request: HttpRequest, token: str, code: str) -> HttpResponse:
    """One group's meetings, if the token's person may see that group's meetings (else 404)."""
    user = _token_user(token)
    roles = roles_of(user)
    group = get_object_or_404(Group, code=code)
    if not (roles.is_office or group.pk in _own_group_ids(roles)):
        raise Http404
    meetings = _feed_meetings(user).filter(group=group)
    return _ics_response(request, user, group.name, meetings, f"{group.code}.ics")


def _ics_response(
    request: HttpRequest, user: Any, name: str, meetings: QuerySet[Meeting], filename: str
) -> HttpResponse:
    """The calendar, written in the owner's language (a calendar app sends no session)."""
    with translation.override(user.language or django_settings.LANGUAGE_CODE):
        calendar = _calendar(request, name, meetings)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _calendar(request: HttpRequest, name: str, meetings: QuerySet[Meeting]) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Verbund//Meetings//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", django_settings.TIME_ZONE)
    stamp = timezone.now()
    for meeting in meetings:
        calendar.add_component(_event(request, meeting, stamp))
    calendar.add_missing_timezones()
    return calendar


def _event(request: HttpRequest, meeting: Any, stamp: datetime.datetime) -> icalendar.Event:
    """One meeting as a VEVENT with the owner's answer in the description."""
    event = icalendar.Event()
    event.add("uid", f"{meeting.code}@verbund")
    event.add("dtstamp", stamp)
    event.add("dtstart", timezone.localtime(meeting.starts_at, BERLIN))
    event.add("dtend", timezone.localtime(meeting.ends_at, BERLIN))
    event.add("summary", f"{meeting.title} \N{EN DASH} {meeting.group.name}")
    if meeting.venue:
        event.add("location", meeting.venue)
    url = request.build_absolute_uri(reverse("meetings:meeting_detail", args=[meeting.code]))
    event.add("url", url)
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    # An apology frees the time in the owner's calendar.
    declined = meeting.my_answer == RsvpAnswer.NO
    event.add("transp", "TRANSPARENT" if declined or meeting.is_cancelled else "OPAQUE")
    event.add("x-verbund-partstat", PARTSTAT[meeting.my_answer])
    event.add("description", _description(meeting, url))
    return event


def _description(meeting: Any, url: str) -> str:
    lines = [_answer_text(meeting.my_answer)]
    if meeting.is_cancelled:
        lines.insert(0, _("Cancelled: %(reason)s") % {"reason": meeting.cancel_reason})
    lines.append(url)
    return "\n".join(lines)


def _answer_text(answer: str | None) -> str:
    if answer == RsvpAnswer.YES:
        return _("Your answer: you will attend.")
    if answer == RsvpAnswer.NO:
        return _("Your answer: you sent your apologies.")
    return _("You have not answered yet.")
