"""Member companies and the people behind them."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from verbund.common.codes import CodeField


class CompanyStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    RESIGNED = "resigned", _("Resigned")
    EXPELLED = "expelled", _("Expelled")


# The one table of allowed status changes; `change_company_status` is the only writer.
STATUS_TRANSITIONS: dict[str, set[str]] = {
    CompanyStatus.CANDIDATE: {CompanyStatus.ACTIVE, CompanyStatus.RESIGNED},
    CompanyStatus.ACTIVE: {CompanyStatus.SUSPENDED, CompanyStatus.RESIGNED, CompanyStatus.EXPELLED},
    CompanyStatus.SUSPENDED: {CompanyStatus.ACTIVE, CompanyStatus.RESIGNED, CompanyStatus.EXPELLED},
    CompanyStatus.RESIGNED: {CompanyStatus.CANDIDATE, CompanyStatus.ACTIVE},
    CompanyStatus.EXPELLED: set(),
}
# Companies that hold one of the network's (capped) places.
SEAT_STATUSES = (CompanyStatus.ACTIVE, CompanyStatus.SUSPENDED)
# Companies whose people may use the members' area.
MEMBER_STATUSES = (CompanyStatus.ACTIVE,)


class Company(models.Model):
    """A member company (or a candidate): the unit the network admits and caps."""

    code = CodeField()
    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    # Confidential: only the company's own people see it; reports show thresholded aggregates.
    annual_revenue = models.DecimalField(
        _("annual revenue (EUR)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=CompanyStatus.choices, default=CompanyStatus.CANDIDATE
    )
    home_group = models.ForeignKey(
        "network.Group",
        verbose_name=_("home group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="home_companies",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        indexes = [models.Index(fields=["status", "home_group"])]

    def __str__(self) -> str:
        return self.name


class CompanyStatusChange(models.Model):
    """One step in a company's status history."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(
        _("from"), max_length=16, choices=CompanyStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=16, choices=CompanyStatus.choices)
    reason = models.TextField(_("reason"), blank=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status history")

    def __str__(self) -> str:
        return f"{self.company}: {self.from_status} → {self.to_status}"


class Visibility(models.TextChoices):
    """Who may see one contact field of a person."""

    MEMBERS = "members", _("All members of the network")
    GROUP = "group", _("Members of my groups")
    PRIVATE = "private", _("Only me and the network office")


class Person(models.Model):
    """A person: of a member company, of the network office, or a guest."""

    code = CodeField()
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    function = models.CharField(_("function"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    email_visibility = models.CharField(
        _("who sees the e-mail"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    phone_visibility = models.CharField(
        _("who sees the phone"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    mobile = models.CharField(_("mobile"), max_length=40, blank=True)
    mobile_visibility = models.CharField(
        _("who sees the mobile"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.GROUP,
    )
    languages = models.CharField(
        _("languages"), max_length=200, blank=True, help_text=_("For example: Deutsch, English")
    )
    expertise = models.TextField(_("expertise"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="photos/", blank=True)
    is_company_admin = models.BooleanField(_("company admin"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return str(self)
