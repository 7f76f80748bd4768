"""The code of honour (Ehrenkodex), versioned, its acceptances, and conduct cases."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from verbund.common.codes import CodeField


class CodeOfHonour(models.Model):
    """One version of the code; the newest is the current one, which every member accepts."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    text_de = models.TextField(_("text (German)"))
    text_en = models.TextField(_("text (English)"))
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-version"]
        verbose_name = _("code of honour")
        verbose_name_plural = _("codes of honour")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.version}"

    @property
    def text(self) -> str:
        """The text in the reader's language (German unless English is active)."""
        return self.text_en if (get_language() or "de").startswith("en") else self.text_de


class HonourAcceptance(models.Model):
    """A person accepted a version of the code, at a time."""

    person = models.ForeignKey(
        "members.Person", on_delete=models.CASCADE, related_name="honour_acceptances"
    )
    code = models.ForeignKey(CodeOfHonour, on_delete=models.PROTECT, related_name="acceptances")
    accepted_at = models.DateTimeField(_("accepted at"), auto_now_add=True)

    class Meta:
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(fields=["person", "code"], name="unique_honour_acceptance")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.code_id}"


class CaseStage(models.TextChoices):
    FILED = "filed", _("Filed")
    REVIEW = "review", _("Under review")
    HEARING = "hearing", _("Hearing")
    DECIDED = "decided", _("Decided")


# The one table of conduct-case stages; `services.cases` is the only writer. A case may be
# decided (e.g. dismissed) from any open stage, but a sanction needs a hearing first.
CASE_TRANSITIONS: dict[str, set[str]] = {
    CaseStage.FILED: {CaseStage.REVIEW, CaseStage.DECIDED},
    CaseStage.REVIEW: {CaseStage.HEARING, CaseStage.DECIDED},
    CaseStage.HEARING: {CaseStage.DECIDED},
    CaseStage.DECIDED: set(),
}


class CaseOutcome(models.TextChoices):
    DISMISSED = "dismissed", _("Dismissed")
    WARNING = "warning", _("Warning")
    SUSPENSION = "suspension", _("Suspension")
    EXPULSION = "expulsion", _("Expulsion")


class ConductCase(models.Model):
    """A complaint against a member company; its contents are for the advisory board only."""

    code = CodeField()
    company = models.ForeignKey(
        "members.Company",
        verbose_name=_("member company"),
        on_delete=models.PROTECT,
        related_name="conduct_cases",
    )
    person = models.ForeignKey(
        "members.Person",
        verbose_name=_("person concerned"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conduct_cases",
    )
    filed_by = models.ForeignKey(
        "members.Person",
        verbose_name=_("filed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="filed_conduct_cases",
    )
    filed_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    allegation = models.TextField(_("what happened"))
    stage = models.CharField(
        _("stage"), max_length=16, choices=CaseStage.choices, default=CaseStage.FILED
    )
    deadline = models.DateField(_("deadline of the stage"))
    statement = models.TextField(_("statement of the member concerned"), blank=True)
    statement_at = models.DateTimeField(_("statement given at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=CaseOutcome.choices, blank=True)
    rationale = models.TextField(_("rationale"), blank=True)
    suspended_until = models.DateField(_("suspended until"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-filed_at", "-id"]
        verbose_name = _("conduct case")
        verbose_name_plural = _("conduct cases")
        indexes = [models.Index(fields=["stage", "filed_at"])]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.code}"


class CaseStep(models.Model):
    """One move of a conduct case from stage to stage, with who moved it and the new deadline."""

    case = models.ForeignKey(ConductCase, on_delete=models.CASCADE, related_name="steps")
    from_stage = models.CharField(_("from"), max_length=16, choices=CaseStage.choices)
    to_stage = models.CharField(_("to"), max_length=16, choices=CaseStage.choices)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moved_at = models.DateTimeField(_("moved at"), auto_now_add=True)

    class Meta:
        ordering = ["moved_at", "id"]
        verbose_name = _("step of a conduct case")
        verbose_name_plural = _("steps of a conduct case")

    def __str__(self) -> str:
        return f"{self.case}: {self.from_stage} → {self.to_stage}"
