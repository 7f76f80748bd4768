"""The code of honour (Ehrenkodex), versioned, and each person's acceptance of a version."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


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
