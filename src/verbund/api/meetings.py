"""API: a group's meetings, their agenda and minutes, the register and the caller's RSVP."""

from datetime import date, datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.db.models import Count, F, FilteredRelation, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from verbund.api.pagination import Pagination
from verbund.api.schemas import Ref, enum
from verbund.common.http import check_perm, get_visible_or_404
from verbund.meetings.models import (
    ActionItem,
    ActionItemStatus,
    AgendaItem,
    AgendaKind,
    AttendanceStatus,
    Decision,
    Meeting,
    RegisterState,
    Rsvp,
    RsvpAnswer,
)
from verbund.meetings.queries import meetings_visible_to, register_people
from verbund.meetings.services import (
    complete_register,
    record_attendance,
    reopen_register,
    set_rsvp,
)
from verbund.members.models import Person
from verbund.network.models import Group
from verbund.network.queries import groups_visible_to, roles_of

router = Router(tags=["meetings"])


def _viewer(context: dict):
    return context["request"].user


def _person_ref(person: Person | None) -> dict | None:
    return None if person is None else {"code": person.code, "name": person.full_name}


class MeetingOut(Schema):
    """A meeting of a group; times are local (Europe/Berlin) with their offset."""

    code: str
    group: Ref
    title: str
    occurrence_date: date
    starts_at: datetime
    ends_at: datetime
    venue: str
    is_cancelled: bool
    cancel_reason: str
    register_state: RegisterState

    @staticmethod
    def resolve_starts_at(meeting: Meeting) -> datetime:
        return timezone.localtime(meeting.starts_at)

    @staticmethod
    def resolve_ends_at(meeting: Meeting) -> datetime:
        return timezone.localtime(meeting.ends_at)


class AgendaItemOut(Schema):
    """An agenda item; `speaker` is a member, `speaker_name` an external speaker."""

    position: int
    kind: AgendaKind
    title: str
    speaker: Ref | None
    speaker_name: str
    duration_minutes: int | None

    @staticmethod
    def resolve_speaker(item: AgendaItem) -> dict | None:
        return _person_ref(item.speaker)


class DecisionOut(Schema):
    text: str
    created_at: datetime

    @staticmethod
    def resolve_created_at(decision: Decision) -> datetime:
        return timezone.localtime(decision.created_at)


class ActionItemOut(Schema):
    """An action item; `owner` is a member, `owner_name` an external owner (e.g. a vendor)."""

    code: str
    title: str
    owner: Ref | None
    owner_name: str
    due_on: date | None
    status: ActionItemStatus

    @staticmethod
    def resolve_owner(item: ActionItem) -> dict | None:
        return _person_ref(item.owner)


class RsvpOut(Schema):
    """The caller's answer; `answer` is null while they have not answered."""

    answer: RsvpAnswer | None
    note: str


class AttendanceCountsOut(Schema):
    """How many records of the register have each status."""

    present: int
    late: int
    absent: int
    excused: int
    substitute: int


def _counts(meeting: Meeting) -> dict[str, int]:
    rows = meeting.attendance.order_by().values_list("status").annotate(n=Count("pk"))
    return {status: 0 for status in AttendanceStatus.values} | dict(rows)


def _sees_register(meeting: Meeting, context: dict) -> bool:
    return _viewer(context).has_perm("meetings.view_register", meeting)


class MeetingDetailOut(MeetingOut):
    """A meeting with its ordered agenda and the caller's RSVP. `minutes`, `decisions`,
    `action_items` and `attendance_counts` are null for callers who may not see the
    group's register (a guest); `rsvp` is null for callers who may not answer."""

    agenda: list[AgendaItemOut]
    minutes: str | None
    decisions: list[DecisionOut] | None
    action_items: list[ActionItemOut] | None
    rsvp: RsvpOut | None
    attendance_counts: AttendanceCountsOut | None

    @staticmethod
    def resolve_agenda(meeting: Meeting) -> list[AgendaItem]:
        return list(meeting.agenda.select_related("speaker").order_by("position", "pk"))

    @staticmethod
    def resolve_minutes(meeting: Meeting, context: dict) -> str | None:
        return meeting.minutes if _sees_register(meeting, context) else None

    @staticmethod
    def resolve_decisions(meeting: Meeting, context: dict) -> list[Decision] | None:
        return list(meeting.decisions.all()) if _sees_register(meeting, context) else None

    @staticmethod
    def resolve_action_items(meeting: Meeting, context: dict) -> list[ActionItem] | None:
        if not _sees_register(meeting, context):
            return None
        return list(meeting.action_items.select_related("owner"))

    @staticmethod
    def resolve_rsvp(meeting: Meeting, context: dict) -> dict | None:
        return _rsvp_of(meeting, _viewer(context))

    @staticmethod
    def resolve_attendance_counts(meeting: Meeting, context: dict) -> dict | None:
        return _counts(meeting) if _sees_register(meeting, context) else None


def _rsvp_of(meeting: Meeting, user) -> dict | None:
    """The user's answer, or null if they may not answer at all."""
    if not user.has_perm("meetings.rsvp", meeting):
        return None
    rsvp = Rsvp.objects.filter(meeting=meeting, person=roles_of(user).person).first()
    return {"answer": rsvp.answer, "note": rsvp.note} if rsvp else {"answer": None, "note": ""}


def _group_with_visible_meetings(request: HttpRequest, code: str) -> Group:
    """The group, 404 unless the caller may see its meetings (as on its meetings page):
    a member of another group sees that group, but not its meetings."""
    group = get_visible_or_404(groups_visible_to(request.user), code=code)
    if not request.user.has_perm("meetings.view_group_meetings", group):
        raise Http404
    return group


@router.get("/meetings", response=list[MeetingOut])
@paginate(Pagination)
def meeting_list(
    request: HttpRequest, group: str = "", when: Literal["upcoming", "past"] | None = None
):
    """Meetings the caller may see, cancelled ones flagged; `group` is a group's code (404 if
    its meetings are hidden from the caller). `upcoming`: not yet ended, soonest first;
    `past`: ended, latest first; neither: all, by start."""
    meetings = meetings_visible_to(request.user)
    if group:
        meetings = meetings.filter(group=_group_with_visible_meetings(request, group))
    now = timezone.now()
    if when == "upcoming":
        return meetings.filter(ends_at__gte=now).order_by("starts_at", "pk")
    if when == "past":
        return meetings.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    return meetings.order_by("starts_at", "pk")


def _meeting(request: HttpRequest, code: str) -> Meeting:
    return get_visible_or_404(meetings_visible_to(request.user), code=code)


@router.get("/meetings/{code}", response=MeetingDetailOut)
def meeting_detail(request: HttpRequest, code: str):
    """One meeting with agenda, minutes, decisions, action items, RSVP and register counts."""
    return _meeting(request, code)


class AttendanceRowOut(Schema):
    """One person on the register; `status` is null while nothing is recorded for them."""

    person: Ref
    status: AttendanceStatus | None
    substitute_name: str
    checked_in: bool

    @staticmethod
    def resolve_person(person: Person) -> dict | None:
        return _person_ref(person)


def _register_rows(meeting: Meeting) -> QuerySet[Person]:
    """The group's people on the register and anyone with a record (e.g. who left since),
    each annotated with their record's fields."""
    on_register = register_people(meeting).values("pk")
    return (
        Person.objects.annotate(
            record=FilteredRelation("attendance", condition=Q(attendance__meeting=meeting))
        )
        .filter(Q(pk__in=on_register) | Q(record__isnull=False))
        .annotate(
            status=F("record__status"),
            substitute_name=Coalesce(F("record__substitute_name"), Value("")),
            checked_in=Coalesce(F("record__checked_in"), Value(False)),
        )
        .order_by("last_name", "first_name", "pk")
    )


def _meeting_with(request: HttpRequest, code: str, perm: str) -> Meeting:
    meeting = _meeting(request, code)
    check_perm(request, perm, meeting)
    return meeting


@router.get("/meetings/{code}/attendance", response=list[AttendanceRowOut])
@paginate(Pagination)
def attendance_list(request: HttpRequest, code: str):
    """The register: the group's people by name with their status (group members,
    moderators, the secretary and the office)."""
    meeting = _meeting_with(request, code, "meetings.view_register")
    return _register_rows(meeting)


class AttendanceIn(Schema):
    """`person` is a person's code; `substitute_name` is needed for a substitute."""

    person: str
    status: str = Field(..., **enum(AttendanceStatus.values))
    substitute_name: str = ""


@router.post("/meetings/{code}/attendance", response=AttendanceRowOut)
def attendance_record(request: HttpRequest, code: str, payload: AttendanceIn):
    """Record one person's attendance in a draft register (moderator and secretary);
    recording again changes the one record."""
    meeting = _meeting_with(request, code, "meetings.record_attendance")
    person = register_people(meeting).filter(code=payload.person).first()
    if person is None:
        raise ValidationError({"person": _("This person is not on this group's register.")})
    record_attendance(
        meeting=meeting,
        person=person,
        status=payload.status,
        substitute_name=payload.substitute_name,
        actor=request.user,
    )
    return _register_rows(meeting).get(pk=person.pk)


class RegisterOut(Schema):
    """The register's state and its counts by status."""

    register_state: RegisterState
    completed_at: datetime | None
    attendance_counts: AttendanceCountsOut

    @staticmethod
    def resolve_attendance_counts(meeting: Meeting) -> dict[str, int]:
        return _counts(meeting)


@router.post("/meetings/{code}/attendance/complete", response=RegisterOut)
def attendance_complete(request: HttpRequest, code: str):
    """Complete the register once the meeting has begun: the missing are recorded as
    excused (after an apology) or absent, then the attendance rule runs."""
    meeting = _meeting_with(request, code, "meetings.record_attendance")
    complete_register(meeting=meeting, actor=request.user)
    return Meeting.objects.get(pk=meeting.pk)


class ReopenIn(Schema):
    reason: str


@router.post("/meetings/{code}/attendance/reopen", response=RegisterOut)
def attendance_reopen(request: HttpRequest, code: str, payload: ReopenIn):
    """Reopen a completed register for corrections (moderator only, with a reason)."""
    meeting = _meeting_with(request, code, "meetings.reopen_register")
    return reopen_register(meeting=meeting, reason=payload.reason, actor=request.user)


class RsvpIn(Schema):
    """`yes`, or `no` to send one's apologies, with an optional note."""

    answer: str = Field(..., **enum(RsvpAnswer.values))
    note: str = ""


@router.get("/meetings/{code}/rsvp", response=RsvpOut)
def rsvp_detail(request: HttpRequest, code: str):
    """The caller's answer for a meeting of their group (`answer` null if none yet)."""
    meeting = _meeting_with(request, code, "meetings.rsvp")
    return _rsvp_of(meeting, request.user)


@router.put("/meetings/{code}/rsvp", response=RsvpOut)
def rsvp_update(request: HttpRequest, code: str, payload: RsvpIn):
    """Answer for oneself before the meeting begins (members of the group only)."""
    meeting = _meeting_with(request, code, "meetings.rsvp")
    rsvp = set_rsvp(meeting=meeting, answer=payload.answer, note=payload.note, actor=request.user)
    return {"answer": rsvp.answer, "note": rsvp.note}
