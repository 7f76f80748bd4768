"""Referrals between member companies, their closed business, one-to-ones and help requests.

A referral (Empfehlung) is passed by a giver to one or more receiving parties; a joint deal has
several parties with roles. The customer's contact data belongs to the parties alone.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from verbund.common.codes import CodeField


class ReferralKind(models.TextChoices):
    INTRODUCTION = "introduction", _("Customer introduction")
    TIP = "tip", _("Tip")
    JOINT_DEAL = "joint_deal", _("Joint deal")


class ReferralStatus(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    IN_TALKS = "in_talks", _("In talks")
    OFFER = "offer", _("Offer made")
    WON = "won", _("Won")
    LOST = "lost", _("Lost")
    NO_FIT = "no_fit", _("No fit")


_OUTCOMES = {ReferralStatus.WON, ReferralStatus.LOST, ReferralStatus.NO_FIT}
# The one table of referral statuses; `services` is the only writer. A receiver may skip steps
# forward (a tip can be won at the first call), never go back; won, lost and no fit are final.
STATUS_TRANSITIONS: dict[str, set[str]] = {
    ReferralStatus.NEW: {ReferralStatus.CONTACTED, ReferralStatus.IN_TALKS, ReferralStatus.OFFER}
    | _OUTCOMES,
    ReferralStatus.CONTACTED: {ReferralStatus.IN_TALKS, ReferralStatus.OFFER} | _OUTCOMES,
    ReferralStatus.IN_TALKS: {ReferralStatus.OFFER} | _OUTCOMES,
    ReferralStatus.OFFER: set(_OUTCOMES),
    ReferralStatus.WON: set(),
    ReferralStatus.LOST: set(),
    ReferralStatus.NO_FIT: set(),
}
OPEN_STATUSES = (
    ReferralStatus.NEW,
    ReferralStatus.CONTACTED,
    ReferralStatus.IN_TALKS,
    ReferralStatus.OFFER,
)


class Referral(models.Model):
    """A customer passed from a giver to receiving parties; status kept by the receivers."""

    code = CodeField()
    kind = models.CharField(
        _("kind"), max_length=16, choices=ReferralKind.choices, default=ReferralKind.INTRODUCTION
    )
    giver = models.ForeignKey(
        "members.Person",
        verbose_name=_("given by"),
        on_delete=models.PROTECT,
        related_name="referrals_given",
    )
    # The giver's company when passed: the value is credited to it even if the person moves.
    giver_company = models.ForeignKey(
        "members.Company",
        verbose_name=_("giving company"),
        on_delete=models.PROTECT,
        related_name="referrals_given",
    )
    need = models.TextField(_("the customer's need"))
    temperature = models.PositiveSmallIntegerField(
        _("temperature"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("How well prepared: 1 a name only, 5 the customer expects your call."),
    )
    customer_name = models.CharField(_("contact person"), max_length=200)
    customer_company = models.CharField(_("customer"), max_length=200, blank=True)
    customer_email = models.EmailField(_("e-mail"), blank=True)
    customer_phone = models.CharField(_("phone"), max_length=40, blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("passed at meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.NEW
    )
    created_at = models.DateTimeField(_("passed at"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed at"), auto_now_add=True)
    # Set when the receivers were reminded of an untouched referral: once per referral.
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(fields=["giver_company", "created_at"]),
            models.Index(fields=["status", "status_changed_at"]),
        ]

    def __str__(self) -> str:
        # Only the code: the audit log's readers must not see the customer.
        return self.code


class PartyRole(models.TextChoices):
    RECEIVER = "receiver", _("Receiver")
    LEAD = "lead", _("Lead partner")
    SUBCONTRACTOR = "subcontractor", _("Subcontractor")
    SPECIALIST = "specialist", _("Specialist")


class ReferralParty(models.Model):
    """A receiving company (and its person) of a referral, with its role and share of a deal."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="parties")
    company = models.ForeignKey(
        "members.Company",
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="referrals_received",
    )
    person = models.ForeignKey(
        "members.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="referrals_received",
    )
    role = models.CharField(
        _("role"), max_length=16, choices=PartyRole.choices, default=PartyRole.RECEIVER
    )
    share = models.DecimalField(
        _("share of the value (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("100.00"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        ordering = ["referral", "id"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(fields=["referral", "company"], name="unique_referral_party")
        ]

    def __str__(self) -> str:
        return f"{self.referral_id} → {self.company_id} ({self.role})"


class StatusChange(models.Model):
    """One step of a referral's status, by a receiver."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=16, choices=ReferralStatus.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=ReferralStatus.choices)
    note = models.TextField(_("note"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.from_status} → {self.to_status}"


class ClosedBusiness(models.Model):
    """The value a won referral brought, confirmed once by a receiver with a thank-you.

    Credited to the giver's record; a joint deal's value is split by the parties' shares.
    """

    referral = models.OneToOneField(
        Referral, on_delete=models.CASCADE, related_name="closed_business"
    )
    value = models.DecimalField(
        _("value (EUR)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    thank_you = models.TextField(_("thank-you note"), blank=True)
    confirmed_by = models.ForeignKey(
        "members.Person",
        verbose_name=_("confirmed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("closed business")
        verbose_name_plural = _("closed business")

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.value} EUR"


class OneToOneStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


ONE_TO_ONE_TRANSITIONS: dict[str, set[str]] = {
    OneToOneStatus.REQUESTED: {
        OneToOneStatus.ACCEPTED,
        OneToOneStatus.DECLINED,
        OneToOneStatus.CANCELLED,
    },
    OneToOneStatus.ACCEPTED: {OneToOneStatus.HELD, OneToOneStatus.CANCELLED},
    OneToOneStatus.DECLINED: set(),
    OneToOneStatus.HELD: set(),
    OneToOneStatus.CANCELLED: set(),
}


class OneToOneMeeting(models.Model):
    """Two members meeting to learn each other's business (a one-to-one)."""

    code = CodeField()
    requested_by = models.ForeignKey(
        "members.Person",
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="one_to_ones_requested",
    )
    partner = models.ForeignKey(
        "members.Person",
        verbose_name=_("with"),
        on_delete=models.CASCADE,
        related_name="one_to_ones_received",
    )
    proposed_for = models.DateTimeField(_("proposed for"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=OneToOneStatus.choices,
        default=OneToOneStatus.REQUESTED,
    )
    held_on = models.DateField(_("held on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("one-to-one")
        verbose_name_plural = _("one-to-ones")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(requested_by=models.F("partner")),
                name="one_to_one_two_people",
            )
        ]

    def __str__(self) -> str:
        return self.code


class HelpRequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    REFERRED = "referred", _("Turned into a referral")
    CLOSED = "closed", _("Closed")


class HelpRequest(models.Model):
    """ "Who can help with …?": a member describes a customer's need and asks chosen members."""

    code = CodeField()
    asked_by = models.ForeignKey(
        "members.Person",
        verbose_name=_("asked by"),
        on_delete=models.CASCADE,
        related_name="help_requests",
    )
    need = models.TextField(_("the customer's need"))
    region = models.CharField(_("region"), max_length=100, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=HelpRequestStatus.choices,
        default=HelpRequestStatus.OPEN,
    )
    referral = models.OneToOneField(
        Referral,
        verbose_name=_("referral"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="help_request",
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")

    def __str__(self) -> str:
        return self.code


class AnswerStatus(models.TextChoices):
    ASKED = "asked", _("Asked")
    OFFERED = "offered", _("Can help")
    DECLINED = "declined", _("Cannot help")
    ACCEPTED = "accepted", _("Accepted")


class HelpAnswer(models.Model):
    """One asked member company's answer to a help request; the suggestion's reason is kept."""

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="answers")
    company = models.ForeignKey(
        "members.Company", on_delete=models.CASCADE, related_name="help_answers"
    )
    reason = models.TextField(_("why suggested"), blank=True)
    status = models.CharField(
        _("answer"), max_length=16, choices=AnswerStatus.choices, default=AnswerStatus.ASKED
    )
    message = models.TextField(_("message"), blank=True)
    answered_by = models.ForeignKey(
        "members.Person",
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["request", "id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["request", "company"], name="unique_help_answer")
        ]

    def __str__(self) -> str:
        return f"{self.request_id} → {self.company_id}: {self.status}"
