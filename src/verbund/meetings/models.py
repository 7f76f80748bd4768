"""Meetings of a group: series, occurrences, agenda, minutes, RSVPs and the register."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from verbund.common.codes import CodeField, new_code


class MeetingSeries(models.Model):
    """A recurrence such as "every second Friday, 07:30, two hours, at a venue"."""

    group = models.ForeignKey("network.Group", on_delete=models.CASCADE, related_name="series")
    title = models.CharField(_("title"), max_length=200)
    first_date = models.DateField(_("first meeting"))
    interval_weeks = models.PositiveSmallIntegerField(_("every … weeks"), default=2)
    start_time = models.TimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=120)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    ends_on = models.DateField(_("last meeting on or before"), null=True, blank=True)

    class Meta:
        ordering = ["group__name", "first_date"]
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        constraints = [
            models.CheckConstraint(condition=Q(interval_weeks__gte=1), name="series_interval_min")
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.title}"


class Holiday(models.Model):
    """A network-wide day without meetings (occurrences on it are not generated)."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self) -> str:
        return f"{self.date}: {self.name}"


class RegisterState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    COMPLETED = "completed", _("Completed")


# The one table of register changes; `complete_register` and `reopen_register` are the writers.
REGISTER_TRANSITIONS: dict[str, set[str]] = {
    RegisterState.DRAFT: {RegisterState.COMPLETED},
    RegisterState.COMPLETED: {RegisterState.DRAFT},
}


class Meeting(models.Model):
    """One meeting of a group: an occurrence of a series or a one-off."""

    code = CodeField()
    group = models.ForeignKey("network.Group", on_delete=models.CASCADE, related_name="meetings")
    series = models.ForeignKey(
        MeetingSeries, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings"
    )
    occurrence_date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    register_state = models.CharField(
        _("register"), max_length=16, choices=RegisterState.choices, default=RegisterState.DRAFT
    )
    completed_at = models.DateTimeField(_("register completed"), null=True, blank=True)
    checkin_code = models.CharField(max_length=16, default=new_code, editable=False)
    minutes = models.TextField(_("minutes"), blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["group", "starts_at"])]
        constraints = [
            # Generating occurrences twice cannot create a meeting twice.
            models.UniqueConstraint(
                fields=["series", "occurrence_date"],
                condition=Q(series__isnull=False),
                name="unique_occurrence",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.occurrence_date:%d.%m.%Y})"


class AgendaKind(models.TextChoices):
    TALK = "talk", _("Talk")
    VENDOR = "vendor", _("Vendor guest slot")
    GUESTS = "guests", _("Guest introductions")
    EXCHANGE = "exchange", _("Open exchange")
    ACTION_ITEMS = "action_items", _("Open action items")
    OTHER = "other", _("Other")


class AgendaItem(models.Model):
    """One item on a meeting's agenda, in order."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=16, choices=AgendaKind.choices)
    title = models.CharField(_("title"), max_length=300)
    speaker = models.ForeignKey(
        "members.Person",
        verbose_name=_("speaker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="talks",
    )
    speaker_name = models.CharField(_("external speaker"), max_length=200, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("minutes"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    """A decision recorded in a meeting's minutes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text[:80]


class ActionItemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class ActionItem(models.Model):
    """A promise made in a meeting ("ich werde mich persönlich darum kümmern"), until done."""

    code = CodeField()
    group = models.ForeignKey(
        "network.Group", on_delete=models.CASCADE, related_name="action_items"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    title = models.CharField(_("action item"), max_length=300)
    owner = models.ForeignKey(
        "members.Person",
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    owner_name = models.CharField(_("owner (external)"), max_length=200, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ActionItemStatus.choices, default=ActionItemStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self) -> str:
        return self.title


class RsvpAnswer(models.TextChoices):
    YES = "yes", _("I will attend")
    NO = "no", _("I send my apologies")


class Rsvp(models.Model):
    """A member's answer ahead of a meeting; an apology makes a missing record "excused"."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="rsvps")
    person = models.ForeignKey("members.Person", on_delete=models.CASCADE, related_name="rsvps")
    answer = models.CharField(_("answer"), max_length=8, choices=RsvpAnswer.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("RSVP")
        verbose_name_plural = _("RSVPs")
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="unique_rsvp")]

    def __str__(self) -> str:
        return f"{self.person}: {self.answer}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")
    SUBSTITUTE = "substitute", _("Substitute")


class AttendanceRecord(models.Model):
    """One member's attendance at one meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(
        "members.Person", on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(_("attendance"), max_length=16, choices=AttendanceStatus.choices)
    substitute_name = models.CharField(_("substitute"), max_length=200, blank=True)
    checked_in = models.BooleanField(_("checked in"), default=False)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance record")
        verbose_name_plural = _("attendance register")
        constraints = [
            # Two moderators recording the same person at once leave one record.
            models.UniqueConstraint(fields=["meeting", "person"], name="unique_attendance")
        ]
        indexes = [models.Index(fields=["person", "meeting"])]

    def __str__(self) -> str:
        return f"{self.person} @ {self.meeting}: {self.status}"


class NoticeLevel(models.TextChoices):
    AT_LIMIT = "at_limit", _("At the limit")
    OVER_LIMIT = "over_limit", _("Over the limit")


class AttendanceNotice(models.Model):
    """A notice sent about a member's standing; unique so a rule run twice sends it once."""

    person = models.ForeignKey(
        "members.Person", on_delete=models.CASCADE, related_name="attendance_notices"
    )
    group = models.ForeignKey("network.Group", on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(max_length=16, choices=NoticeLevel.choices)
    unexcused = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "group", "meeting", "level"], name="unique_attendance_notice"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.level} ({self.unexcused})"


class CalendarToken(models.Model):
    """The secret in a person's iCalendar feed URL; regenerating it ends the old URL."""

    person = models.OneToOneField(
        "members.Person", on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.person} ({self.token[:6]}…)"
