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
    # The member number from the network's own records; the import matches rows on it.
    external_key = models.CharField(_("member number"), max_length=50, blank=True, db_index=True)
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
    skills = models.ManyToManyField(
        "Skill", verbose_name=_("skills"), blank=True, related_name="companies"
    )
    industries = models.ManyToManyField(
        "Industry", verbose_name=_("industries served"), blank=True, related_name="companies"
    )
    customer_sizes = models.JSONField(_("customer sizes served"), default=list, blank=True)
    regions_served = models.JSONField(_("regions served"), default=list, blank=True)
    public_finder = models.BooleanField(
        _("listed in the public partner finder"),
        default=False,
        help_text=_("Customers may find the company's public profile and send it requests."),
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
        constraints = [
            models.UniqueConstraint(
                fields=["external_key"],
                condition=~models.Q(external_key=""),
                name="members_company_unique_external_key",
            )
        ]

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


class Resignation(models.Model):
    """A company's notice to leave the network; it takes effect after the notice period."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="resignations")
    given_at = models.DateTimeField(_("notice given at"), auto_now_add=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    effective_on = models.DateField(_("takes effect on"))
    reason = models.TextField(_("reason"), blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    carried_out_at = models.DateTimeField(_("carried out at"), null=True, blank=True)

    class Meta:
        ordering = ["-given_at", "-id"]
        verbose_name = _("resignation")
        verbose_name_plural = _("resignations")

    def __str__(self) -> str:
        return f"{self.company} ({self.effective_on})"


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


class Skill(models.Model):
    """A skill from the network's shared taxonomy, kept by the office."""

    code = CodeField()
    label_de = models.CharField(_("label (German)"), max_length=100, unique=True)
    label_en = models.CharField(_("label (English)"), max_length=100, unique=True)
    synonyms = models.TextField(
        _("synonyms"), blank=True, help_text=_("Other words people use for it, comma-separated.")
    )

    class Meta:
        ordering = ["label_de"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.label_de

    @property
    def synonym_list(self) -> list[str]:
        return [word.strip() for word in self.synonyms.split(",") if word.strip()]


class Industry(models.Model):
    """An industry a company serves (e.g. Gesundheitswesen, Handwerk)."""

    label_de = models.CharField(_("label (German)"), max_length=100, unique=True)
    label_en = models.CharField(_("label (English)"), max_length=100, unique=True)

    class Meta:
        ordering = ["label_de"]
        verbose_name = _("industry")
        verbose_name_plural = _("industries")

    def __str__(self) -> str:
        return self.label_de


class CustomerSize(models.TextChoices):
    SMALL = "small", _("Small businesses (1-49)")
    MEDIUM = "medium", _("Medium-sized businesses (50-249)")
    LARGE = "large", _("Large enterprises (250+)")
    PUBLIC = "public", _("Public sector")


class Vendor(models.Model):
    """A manufacturer or software vendor member companies partner with (HP, Microsoft …)."""

    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("vendor")
        verbose_name_plural = _("vendors")

    def __str__(self) -> str:
        return self.name


class PartnerLevel(models.TextChoices):
    REGISTERED = "registered", _("Registered partner")
    SILVER = "silver", _("Silver partner")
    GOLD = "gold", _("Gold partner")
    PLATINUM = "platinum", _("Platinum partner")


class VendorPartnership(models.Model):
    """A company's partnership with a vendor, with its level and certifications."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="partnerships")
    vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="partnerships")
    level = models.CharField(_("level"), max_length=16, choices=PartnerLevel.choices)
    certifications = models.CharField(_("certifications"), max_length=300, blank=True)

    class Meta:
        ordering = ["vendor__name"]
        verbose_name = _("vendor partnership")
        verbose_name_plural = _("vendor partnerships")
        constraints = [
            models.UniqueConstraint(fields=["company", "vendor"], name="unique_partnership")
        ]

    def __str__(self) -> str:
        return f"{self.company}: {self.vendor} ({self.get_level_display()})"


class Offering(models.Model):
    """One entry of a company's service catalogue."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="offerings")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["company", "position", "id"]
        verbose_name = _("offering")
        verbose_name_plural = _("service catalogue")

    def __str__(self) -> str:
        return self.title
