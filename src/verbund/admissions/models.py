"""Guests visiting groups, and applications decided by the members' vote or the board."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from verbund.common.codes import CodeField


class GuestConsent(models.Model):
    """One version of the consent to data processing a self-registering guest gives."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    text_de = models.TextField(_("text (German)"))
    text_en = models.TextField(_("text (English)"))
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.version}"

    @property
    def text(self) -> str:
        """The text in the reader's language (German unless English is active)."""
        return self.text_en if (get_language() or "de").startswith("en") else self.text_de


class GuestKind(models.TextChoices):
    CANDIDATE = "candidate", _("Guest (possible candidate)")
    VENDOR = "vendor", _("Vendor guest")


class GuestSource(models.TextChoices):
    INVITED = "invited", _("Invited by a member")
    REGISTERED = "registered", _("Registered on the group's page")


class Guest(models.Model):
    """A newcomer visiting breakfasts (the inviting member is credited) or a vendor guest."""

    person = models.OneToOneField("members.Person", on_delete=models.CASCADE, related_name="guest")
    kind = models.CharField(
        _("kind"), max_length=16, choices=GuestKind.choices, default=GuestKind.CANDIDATE
    )
    source = models.CharField(
        _("source"), max_length=16, choices=GuestSource.choices, default=GuestSource.INVITED
    )
    company_name = models.CharField(_("company"), max_length=200, blank=True)
    group = models.ForeignKey(
        "network.Group",
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guests",
        help_text=_("The group the guest first visits."),
    )
    invited_by = models.ForeignKey(
        "members.Person",
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invited_guests",
    )
    consent = models.ForeignKey(
        GuestConsent,
        verbose_name=_("consent text"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="guests",
    )
    consent_at = models.DateTimeField(_("consent to data processing"), null=True, blank=True)
    # The guest's company applied: an open application lifts the visit limit.
    application = models.ForeignKey(
        "Application",
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guests",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set by the retention run: the person's name and contact data are gone, counts stay.
    pseudonymised_at = models.DateTimeField(_("pseudonymised at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("guest")
        verbose_name_plural = _("guests")

    def __str__(self) -> str:
        return str(self.person)


class VisitStatus(models.TextChoices):
    EXPECTED = "expected", _("Expected")
    ATTENDED = "attended", _("Attended")
    NO_SHOW = "no_show", _("Did not come")


class GuestVisit(models.Model):
    """A guest's visit to a group's meeting; attended visits count against the visit limit."""

    guest = models.ForeignKey(Guest, on_delete=models.CASCADE, related_name="visits")
    group = models.ForeignKey(
        "network.Group", on_delete=models.CASCADE, related_name="guest_visits"
    )
    visited_on = models.DateField(_("visited on"))
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guest_visits",
    )
    status = models.CharField(
        _("visit"), max_length=16, choices=VisitStatus.choices, default=VisitStatus.ATTENDED
    )

    class Meta:
        ordering = ["-visited_on"]
        verbose_name = _("guest visit")
        verbose_name_plural = _("guest visits")
        constraints = [
            models.UniqueConstraint(
                fields=["guest", "group", "visited_on"], name="unique_guest_visit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.guest} @ {self.group} ({self.visited_on})"


class Stage(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    VOTING = "voting", _("Voting")
    BOARD = "board", _("Advisory board")
    ADMITTED = "admitted", _("Admitted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The one table of application stages; `services.applications._move` is the only writer.
TRANSITIONS: dict[str, set[str]] = {
    Stage.SUBMITTED: {Stage.VOTING, Stage.WITHDRAWN},
    Stage.VOTING: {Stage.BOARD, Stage.ADMITTED, Stage.REJECTED, Stage.WITHDRAWN},
    Stage.BOARD: {Stage.ADMITTED, Stage.REJECTED, Stage.WITHDRAWN},
    Stage.ADMITTED: set(),
    Stage.REJECTED: set(),
    Stage.WITHDRAWN: set(),
}
OPEN_STAGES = (Stage.SUBMITTED, Stage.VOTING, Stage.BOARD)


class Application(models.Model):
    """A candidate company's application for admission to a regional home group."""

    code = CodeField()
    company = models.ForeignKey(
        "members.Company",
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    home_group = models.ForeignKey(
        "network.Group",
        verbose_name=_("home group"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    recommended_by = models.ForeignKey(
        "members.Person",
        verbose_name=_("recommended by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    stage = models.CharField(
        _("stage"), max_length=16, choices=Stage.choices, default=Stage.SUBMITTED
    )
    vote_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("vote at meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    vote_closed_at = models.DateTimeField(_("vote closed at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    # Set by the retention run on a rejected application: the candidate's data is gone.
    pseudonymised_at = models.DateTimeField(_("pseudonymised at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [models.Index(fields=["stage", "created_at"])]

    def __str__(self) -> str:
        return str(self.company)


class VoteChoice(models.TextChoices):
    YES = "yes", _("Yes")
    VETO = "veto", _("Veto")


class Vote(models.Model):
    """One member's vote on an application; a veto's reason is for the board's eyes only."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey("members.Person", on_delete=models.CASCADE, related_name="votes")
    choice = models.CharField(_("vote"), max_length=8, choices=VoteChoice.choices)
    reason = models.TextField(_("reason (seen by the advisory board only)"), blank=True)
    cast_at = models.DateTimeField(_("cast at"), auto_now_add=True)

    class Meta:
        ordering = ["cast_at", "id"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["application", "person"], name="unique_vote")
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.application}"


class BoardDecision(models.TextChoices):
    ADMIT = "admit", _("Admit")
    REJECT = "reject", _("Reject")


class BoardCase(models.Model):
    """An application the advisory board decides because a member vetoed it."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="board_case"
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    decision = models.CharField(
        _("decision"), max_length=8, choices=BoardDecision.choices, blank=True
    )
    rationale = models.TextField(_("rationale"), blank=True)
    decided_by = models.ForeignKey(
        "members.Person",
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("board case")
        verbose_name_plural = _("board cases")

    def __str__(self) -> str:
        return str(self.application)


class BoardVote(models.Model):
    """One board member's vote in a board case."""

    case = models.ForeignKey(BoardCase, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(
        "members.Person", on_delete=models.CASCADE, related_name="board_votes"
    )
    choice = models.CharField(_("vote"), max_length=8, choices=BoardDecision.choices)
    cast_at = models.DateTimeField(_("cast at"), auto_now_add=True)

    class Meta:
        ordering = ["cast_at", "id"]
        verbose_name = _("board vote")
        verbose_name_plural = _("board votes")
        constraints = [models.UniqueConstraint(fields=["case", "person"], name="unique_board_vote")]

    def __str__(self) -> str:
        return f"{self.person} @ {self.case}"
