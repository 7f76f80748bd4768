"""The network: its settings, its groups, and who holds which role for which term."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from verbund.common.codes import CodeField


class AdmissionRule(models.TextChoices):
    PRESENT_VETO_BOARD = (
        "present_veto_board",
        _("Unanimity of the members present; a veto goes to the advisory board"),
    )
    ALL_MEMBERS = "all_members", _("Unanimity of all members of the group")


class Network(models.Model):
    """The settings of the one network this installation runs (a single row)."""

    name = models.CharField(_("name"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail of the office"), blank=True)
    member_cap = models.PositiveIntegerField(
        _("member cap (companies)"),
        null=True,
        blank=True,
        help_text=_("Most member companies the network admits; empty for no cap."),
    )
    guest_visit_limit = models.PositiveSmallIntegerField(
        _("guest visits before a decision"), default=3, validators=[MinValueValidator(1)]
    )
    admission_rule = models.CharField(
        _("admission rule"),
        max_length=32,
        choices=AdmissionRule.choices,
        default=AdmissionRule.PRESENT_VETO_BOARD,
    )
    recommendation_required = models.BooleanField(
        _("applications need a member's recommendation"), default=True
    )
    board_quorum = models.PositiveSmallIntegerField(
        _("board votes needed to decide an admission"),
        default=3,
        validators=[MinValueValidator(1)],
    )
    attendance_max_unexcused = models.PositiveSmallIntegerField(
        _("unexcused absences allowed"), default=3
    )
    attendance_window_months = models.PositiveSmallIntegerField(
        _("attendance window (months)"), default=6, validators=[MinValueValidator(1)]
    )
    substitute_counts_present = models.BooleanField(
        _("a substitute counts as present"), default=True
    )
    late_counts_present = models.BooleanField(_("late counts as present"), default=True)
    conduct_stage_days = models.PositiveSmallIntegerField(
        _("days for each stage of a conduct case"),
        default=14,
        validators=[MinValueValidator(1)],
        help_text=_("The deadline a conduct case's review, hearing and decision each get."),
    )
    resignation_notice_months = models.PositiveSmallIntegerField(
        _("notice period for a resignation (months)"),
        default=3,
        help_text=_("A resignation takes effect at the end of the month this many months on."),
    )
    retention_months = models.PositiveSmallIntegerField(
        _("keep guests' and rejected candidates' data (months)"),
        default=24,
        validators=[MinValueValidator(1)],
        help_text=_("After this, their names and contact data are pseudonymised."),
    )
    # The scorecard over a rolling six months: green from the first figure, amber from the
    # second, red below (seed 000: attendance is mandatory, referrals are the point).
    scorecard_attendance_green = models.PositiveSmallIntegerField(
        _("scorecard: attendance green from (%)"), default=90, validators=[MaxValueValidator(100)]
    )
    scorecard_attendance_amber = models.PositiveSmallIntegerField(
        _("scorecard: attendance amber from (%)"), default=75, validators=[MaxValueValidator(100)]
    )
    scorecard_referrals_green = models.PositiveSmallIntegerField(
        _("scorecard: referrals given, green from"), default=6
    )
    scorecard_referrals_amber = models.PositiveSmallIntegerField(
        _("scorecard: referrals given, amber from"), default=3
    )
    scorecard_one_to_ones_green = models.PositiveSmallIntegerField(
        _("scorecard: one-to-ones, green from"), default=6
    )
    scorecard_one_to_ones_amber = models.PositiveSmallIntegerField(
        _("scorecard: one-to-ones, amber from"), default=3
    )
    scorecard_guests_green = models.PositiveSmallIntegerField(
        _("scorecard: guests brought, green from"), default=2
    )
    scorecard_guests_amber = models.PositiveSmallIntegerField(
        _("scorecard: guests brought, amber from"), default=1
    )
    annual_fee = models.DecimalField(
        _("annual fee (EUR)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("network")

    def __str__(self) -> str:
        return self.name


# The network's settings besides its name: the office edits them; only the network's own
# people (office, board, members) may read them.
NETWORK_SETTINGS_FIELDS = (
    "contact_email",
    "member_cap",
    "guest_visit_limit",
    "admission_rule",
    "recommendation_required",
    "board_quorum",
    "attendance_max_unexcused",
    "attendance_window_months",
    "substitute_counts_present",
    "late_counts_present",
    "conduct_stage_days",
    "resignation_notice_months",
    "retention_months",
    "scorecard_attendance_green",
    "scorecard_attendance_amber",
    "scorecard_referrals_green",
    "scorecard_referrals_amber",
    "scorecard_one_to_ones_green",
    "scorecard_one_to_ones_amber",
    "scorecard_guests_green",
    "scorecard_guests_amber",
    "annual_fee",
)


class GroupKind(models.TextChoices):
    REGIONAL = "regional", _("Regional group")
    WORKING = "working", _("Working group")
    FOCUS = "focus", _("Focus group")
    CIRCLE = "circle", _("Circle")


class Group(models.Model):
    """A regional group (a company's home), a working group, a focus group or a circle."""

    code = CodeField()
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=GroupKind.choices)
    description = models.TextField(_("description"), blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity (companies)"),
        null=True,
        blank=True,
        help_text=_("Most member companies with this home group; empty for no limit."),
    )
    is_closed = models.BooleanField(
        _("closed"), default=False, help_text=_("A closed group admits no new companies.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self) -> str:
        return self.name


def current_term(on_date) -> Q:
    """Terms that include `on_date` (ends_on is the last day of the term)."""
    return Q(starts_on__lte=on_date) & (Q(ends_on__isnull=True) | Q(ends_on__gte=on_date))


class GroupMembership(models.Model):
    """A person belongs to a group (for a regional group: as a delegate of a member company)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        "members.Person", on_delete=models.CASCADE, related_name="group_memberships"
    )
    joined_on = models.DateField(_("joined on"))

    class Meta:
        ordering = ["group__name"]
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        constraints = [
            models.UniqueConstraint(fields=["group", "person"], name="unique_group_membership")
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.group}"


class GroupRoleKind(models.TextChoices):
    MODERATOR = "moderator", _("Moderator")
    SECRETARY = "secretary", _("Secretary")


class GroupRole(models.Model):
    """A moderator or secretary of a group for a term."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="roles")
    person = models.ForeignKey(
        "members.Person", on_delete=models.CASCADE, related_name="group_roles"
    )
    kind = models.CharField(_("role"), max_length=16, choices=GroupRoleKind.choices)
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"), null=True, blank=True)

    class Meta:
        ordering = ["group__name", "kind", "starts_on"]
        verbose_name = _("group role")
        verbose_name_plural = _("group roles")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="group_role_term_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person} ({self.group})"


class NetworkRoleKind(models.TextChoices):
    OFFICE = "office", _("Network office")
    BOARD = "board", _("Advisory board")


class NetworkRole(models.Model):
    """A seat on the advisory board or in the network office for a term."""

    person = models.ForeignKey(
        "members.Person", on_delete=models.CASCADE, related_name="network_roles"
    )
    kind = models.CharField(_("role"), max_length=16, choices=NetworkRoleKind.choices)
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "starts_on"]
        verbose_name = _("network role")
        verbose_name_plural = _("network roles")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="network_role_term_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person}"
