"""The demo's meetings: a year of breakfasts with registers, agendas, minutes and RSVPs."""

import datetime
from collections import Counter
from zoneinfo import ZoneInfo

from django.db.models import Count, F, Q
from django.test import Client

from tests.demo.commands import run
from tests.demo.conftest import DEMO_NOW
from verbund.accounts.models import User
from verbund.admissions.models import GuestVisit
from verbund.common.demo import texts
from verbund.meetings.models import (
    ActionItem,
    AgendaItem,
    AttendanceNotice,
    AttendanceRecord,
    Decision,
    Holiday,
    Meeting,
    MeetingSeries,
    Rsvp,
)
from verbund.meetings.queries import meetings_visible_to, standing
from verbund.meetings.services import evaluate_all_groups
from verbund.members.models import Person

NORD = "Ortsgruppe München-Nord"
BERLIN = ZoneInfo("Europe/Berlin")
TODAY = DEMO_NOW.date()
FIRST = datetime.date(2025, 11, 14)  # 52 weeks before the last breakfast before TODAY
HORIZON = datetime.date(2027, 2, 5)  # 12 weeks after it


def meeting_counts() -> dict[str, tuple[int, int, int, int]]:
    """Group → (meetings, completed registers, attendance records, meetings with minutes)."""
    rows = Meeting.objects.values_list("group__name").annotate(
        meetings=Count("pk", distinct=True),
        completed=Count("pk", filter=Q(register_state="completed"), distinct=True),
        records=Count("attendance", distinct=True),
        minutes=Count("pk", filter=~Q(minutes=""), distinct=True),
    )
    return {name: tuple(counts) for name, *counts in rows}


def test_demo_meetings_per_group_with_completed_registers(db, demo):
    assert meeting_counts() == {
        "Ortsgruppe München-Nord": (29, 24, 552, 24),
        "Ortsgruppe München-Süd": (29, 24, 840, 24),
        "Ortsgruppe München-Ost": (29, 24, 696, 24),
        "Ortsgruppe Augsburg": (29, 24, 528, 24),
        "Ortsgruppe Freising/Erding": (29, 24, 456, 24),
    }
    past = Meeting.objects.filter(occurrence_date__lt=TODAY)
    assert set(past.values_list("register_state", flat=True)) == {"completed"}
    assert past.filter(completed_at__isnull=True).count() == 0
    upcoming = Meeting.objects.filter(occurrence_date__gte=TODAY)
    assert (set(upcoming.values_list("register_state", flat=True)), upcoming.count()) == (
        {"draft"},
        25,
    )
    assert AttendanceRecord.objects.filter(meeting__in=upcoming).count() == 0


def test_demo_series_meet_every_second_friday_at_the_group_venue(db, demo):
    series = MeetingSeries.objects.order_by("group__name").values_list(
        "group__name", "title", "first_date", "interval_weeks", "start_time", "duration_minutes"
    )
    assert list(series) == [
        (name, "Unternehmerfrühstück", FIRST, 2, datetime.time(7, 30), 120)
        for name in sorted(
            [
                "Ortsgruppe Augsburg",
                "Ortsgruppe Freising/Erding",
                NORD,
                "Ortsgruppe München-Ost",
                "Ortsgruppe München-Süd",
            ]
        )
    ]
    nord = MeetingSeries.objects.get(group__name=NORD)
    assert nord.venue == "Hotel Nordlicht, Ingolstädter Straße 44, 80807 München"
    # 07:30 in Munich in winter (UTC+1) and in summer (UTC+2).
    winter = Meeting.objects.get(series=nord, occurrence_date=datetime.date(2026, 1, 9))
    summer = Meeting.objects.get(series=nord, occurrence_date=datetime.date(2026, 7, 10))
    local = [m.starts_at.astimezone(BERLIN).time() for m in (winter, summer)]
    assert (local, winter.ends_at - winter.starts_at) == (
        [datetime.time(7, 30)] * 2,
        datetime.timedelta(hours=2),
    )


def test_demo_holidays_are_skipped(db, demo):
    assert list(Holiday.objects.values_list("date", "name")) == [
        (datetime.date(2025, 12, 26), "2. Weihnachtsfeiertag"),
        (datetime.date(2026, 4, 3), "Karfreitag"),
        (datetime.date(2026, 5, 1), "Tag der Arbeit"),
        (datetime.date(2026, 12, 25), "1. Weihnachtsfeiertag"),
        (datetime.date(2027, 1, 1), "Neujahr"),
    ]
    fridays = [FIRST + datetime.timedelta(weeks=2 * n) for n in range(33)]
    assert fridays[-1] == HORIZON
    held = Meeting.objects.filter(group__name=NORD).values_list("occurrence_date", flat=True)
    assert sorted(set(fridays) - set(held)) == [  # 4 skipped; New Year's Day is no meeting day
        datetime.date(2025, 12, 26),
        datetime.date(2026, 4, 3),
        datetime.date(2026, 5, 1),
        datetime.date(2026, 12, 25),
    ]
    assert (sorted(held) == sorted(set(fridays) & set(held)), Meeting.objects.count()) == (
        True,
        145,
    )


def test_demo_registers_have_believable_attendance(db, demo):
    statuses = Counter(AttendanceRecord.objects.values_list("status", flat=True))
    assert statuses == {
        "present": 2575,
        "late": 170,
        "excused": 201,
        "absent": 73,
        "substitute": 53,
    }
    records = AttendanceRecord.objects
    assert records.filter(status="substitute", substitute_name="").count() == 0
    assert records.exclude(status="substitute").exclude(substitute_name="").count() == 0
    # Every excused member sent apologies ahead; self check-in only in recent weeks.
    excused = set(records.filter(status="excused").values_list("meeting_id", "person_id"))
    apologies = Rsvp.objects.filter(answer="no", meeting__occurrence_date__lt=TODAY)
    assert set(apologies.values_list("meeting_id", "person_id")) == excused
    checked_in = records.filter(checked_in=True)
    assert (checked_in.count(), min(checked_in.values_list("meeting__occurrence_date"))) == (
        353,
        (datetime.date(2026, 9, 18),),
    )


def test_demo_rule_flags_members_at_and_over_the_limit(db, demo):
    notices = AttendanceNotice.objects.order_by("group__name", "person__last_name")
    assert list(notices.values_list("group__name", "person__last_name", "level", "unexcused")) == [
        (NORD, "Bauer", "at_limit", 3),
        (NORD, "Kirchmair", "over_limit", 4),
        (NORD, "Lutz", "at_limit", 3),
        (NORD, "Weindl", "at_limit", 3),
        ("Ortsgruppe München-Süd", "Prechtl", "over_limit", 4),
    ]
    levels = {
        notice.person.last_name: standing(notice.person, notice.group, TODAY).level
        for notice in notices.select_related("person", "group")
    }
    assert levels == {
        "Bauer": "at_limit",
        "Kirchmair": "over_limit",
        "Lutz": "at_limit",
        "Weindl": "at_limit",
        "Prechtl": "over_limit",
    }
    prechtl = Person.objects.get(last_name="Prechtl", attendance_notices__isnull=False)
    assert prechtl.company.status == "suspended"  # "mehrfach unentschuldigt gefehlt"


def test_demo_everyone_else_stays_within_the_limit(db, demo):
    member = Person.objects.get(user__email="member@verbund.example")
    flagged = set(AttendanceNotice.objects.values_list("person_id", flat=True))
    worst = max(
        standing(person, person.company.home_group, TODAY).unexcused
        for person in Person.objects.filter(attendance__isnull=False)
        .exclude(pk__in=flagged)
        .select_related("company__home_group")
        .distinct()
    )
    assert (worst, standing(member, member.company.home_group, TODAY).level) == (2, "ok")


def test_demo_rule_run_again_sends_nothing(db, demo, mailoutbox):
    assert (evaluate_all_groups(on=TODAY), AttendanceNotice.objects.count()) == ([], 5)
    assert mailoutbox == []


def test_demo_agendas_cover_past_and_next_meetings(db, demo):
    kinds = Counter(AgendaItem.objects.values_list("kind", flat=True))
    # The 24th vendor slot is the demo's vendor guest's, booked on a later meeting.
    assert kinds == {"talk": 135, "exchange": 135, "guests": 56, "vendor": 24}
    with_agenda = Meeting.objects.filter(agenda__isnull=False).distinct()
    assert (with_agenda.count(), with_agenda.filter(occurrence_date__gte=TODAY).count()) == (
        136,
        16,
    )
    assert AgendaItem.objects.filter(kind="talk", speaker__isnull=True).count() == 0
    # A member who gave a talk was there.
    talks = AgendaItem.objects.filter(kind="talk", meeting__occurrence_date__lt=TODAY)
    attended = talks.filter(
        meeting__attendance__person=F("speaker"),
        meeting__attendance__status__in=("present", "late"),
    )
    assert attended.count() == talks.count() == 120


def test_demo_nord_hears_product_marketing_from_two_members_next(db, demo):
    nxt = Meeting.objects.filter(group__name=NORD, occurrence_date__gte=TODAY).first()
    agenda = list(
        nxt.agenda.values_list("position", "kind", "title", "speaker__last_name", "speaker_name")
    )
    assert agenda == [
        (1, "guests", "Gäste stellen sich vor: Rainer Fendt (Wittelsbacher IT-Service)", None, ""),
        (
            2,
            "talk",
            f"{texts.JOINT_TALK} (gemeinsam mit Maximilian Kellerer)",
            "Zellner",
            "",
        ),
        (3, "exchange", texts.EXCHANGE, None, ""),
    ]
    assert nxt.occurrence_date == datetime.date(2026, 11, 27)


def test_demo_vendor_guest_promises_to_take_care_personally(db, demo):
    promise = ActionItem.objects.get(owner_name__startswith="Günther Albers")
    assert (
        promise.group.name,
        promise.meeting.occurrence_date,
        promise.title,
        promise.owner,
        promise.owner_name,
        promise.due_on,
        promise.status,
    ) == (
        NORD,
        datetime.date(2026, 10, 16),
        texts.VENDOR_PROMISE,
        None,
        "Günther Albers (Partner-Manager Mittelstand, Corvalis Systems)",
        datetime.date(2026, 11, 27),
        "open",
    )
    vendor_slot = promise.meeting.agenda.get(kind="vendor")
    assert (vendor_slot.title, vendor_slot.speaker_name) == (
        "Das neue Partnerprogramm: Stufen, Margen und Deal-Registrierung",
        "Günther Albers (Partner-Manager Mittelstand, Corvalis Systems)",
    )


def test_demo_minutes_with_decisions_and_action_items(db, demo):
    past = Meeting.objects.filter(occurrence_date__lt=TODAY)
    assert (past.filter(minutes="").count(), Meeting.objects.exclude(minutes="").count()) == (
        0,
        120,
    )
    assert Decision.objects.count() == 66
    assert Counter(ActionItem.objects.values_list("status", flat=True)) == {
        "done": 44,
        "open": 13,
        "dropped": 8,
    }
    # Owners are members without a login (the demo sends no mail), or the vendor by name.
    items = ActionItem.objects.all()
    assert (
        items.filter(owner__user__isnull=False).count(),
        items.filter(owner__isnull=True).count(),
    ) == (0, 1)
    last = Meeting.objects.get(group__name=NORD, occurrence_date=datetime.date(2026, 11, 13))
    assert last.minutes.split("\n\n")[0] == (
        "Anwesend 22 von 23 Mitgliedern (1 verspätet). Unentschuldigt: 1."
    )


def test_demo_next_meetings_are_open_for_rsvp(db, demo):
    upcoming = Meeting.objects.filter(occurrence_date__gte=TODAY)
    answers = Counter(
        Rsvp.objects.filter(meeting__in=upcoming).values_list("meeting__occurrence_date", "answer")
    )
    assert answers == {
        (datetime.date(2026, 11, 27), "yes"): 43,
        (datetime.date(2026, 11, 27), "no"): 13,
        (datetime.date(2026, 12, 11), "yes"): 20,
        (datetime.date(2026, 12, 11), "no"): 5,
    }
    # The demo logins have not answered yet, so they can try it.
    assert Rsvp.objects.filter(person__user__isnull=False, meeting__in=upcoming).count() == 0


def test_demo_member_sees_at_least_20_past_meetings_of_their_group(db, demo):
    member = User.objects.get(email="member@verbund.example")
    nord = member.person.company.home_group
    client = Client()
    client.force_login(member)
    response = client.get(f"/api/v1/meetings?group={nord.code}&when=past&page_size=100")
    body = response.json()
    assert (body["count"], len(body["items"]), {m["group"]["name"] for m in body["items"]}) == (
        24,
        24,
        {NORD},
    )
    assert body["count"] >= 20  # "Done when" of the meetings issue


def test_demo_member_of_another_group_gets_404_for_the_register(db, demo):
    member2 = User.objects.get(email="member2@verbund.example")
    meeting = Meeting.objects.filter(group__name=NORD, occurrence_date__lt=TODAY).last()
    client = Client()
    client.force_login(member2)
    response = client.get(f"/api/v1/meetings/{meeting.code}/attendance")
    assert (response.status_code, response.json()) == (404, {"message": "Nicht gefunden."})


def test_demo_guest_sees_the_two_meetings_they_visited(db, demo):
    guest = User.objects.get(email="guest@verbund.example")
    visible = meetings_visible_to(guest).order_by("occurrence_date")
    dates = [datetime.date(2026, 10, 30), datetime.date(2026, 11, 13)]
    assert [(m.group.name, m.occurrence_date) for m in visible] == [(NORD, d) for d in dates]
    visits = GuestVisit.objects.filter(guest__person__user=guest).order_by("visited_on")
    assert list(visits.values_list("visited_on", "meeting__occurrence_date")) == [
        (d, d) for d in dates
    ]
    introduced = AgendaItem.objects.filter(kind="guests", title__contains="Florian Kettner")
    assert sorted(introduced.values_list("meeting__occurrence_date", flat=True)) == dates


def test_demo_twice_changes_no_meeting(db, demo):
    before = (meeting_counts(), Rsvp.objects.count(), AgendaItem.objects.count())
    assert run("demo") == "The demo network is already in this database; nothing changed.\n"
    assert (meeting_counts(), Rsvp.objects.count(), AgendaItem.objects.count()) == before
