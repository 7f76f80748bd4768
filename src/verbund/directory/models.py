"""The directory's search index: one document per company, rebuilt by the services."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from verbund.common.codes import CodeField


class SearchDocument(models.Model):
    """Everything a company can be found by, as one lowercase text (names, offerings, skills with
    their German and English labels and synonyms, vendors, industries, regions, people's
    functions and expertise).

    PostgreSQL finds the candidates for a search through pg_trgm's index (decision 0004);
    SQLite with an FTS5 trigram table kept in step by triggers (see migrations). A schema
    change of this model rebuilds its table on SQLite, which drops those triggers: such a
    migration must create them again (as 0005 does).
    """

    company = models.OneToOneField(
        "members.Company", on_delete=models.CASCADE, related_name="search_document"
    )
    text = models.TextField()
    # What the public partner finder may match: the public fields only (name, place,
    # description, offerings, skills), never people's expertise or certifications.
    public_text = models.TextField(blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.company_id}: {self.text[:60]}"


class Lead(models.Model):
    """A customer's request from the public partner finder, sent to chosen member companies.

    The customer's contact data is seen only by the people of the recipient companies.
    """

    code = CodeField()
    created_at = models.DateTimeField(auto_now_add=True)
    customer_name = models.CharField(_("name"), max_length=200)
    customer_company = models.CharField(_("company"), max_length=200, blank=True)
    customer_email = models.EmailField(_("e-mail"))
    customer_phone = models.CharField(_("phone"), max_length=40, blank=True)
    need = models.TextField(_("need"))
    region = models.CharField(_("region"), max_length=100, blank=True)
    consent_at = models.DateTimeField(_("consent given at"))
    language = models.CharField(_("language"), max_length=8, default="de")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("lead")
        verbose_name_plural = _("leads")

    def __str__(self) -> str:
        # Only the code: the audit log's readers must not see the customer's data.
        return self.code


class LeadRecipient(models.Model):
    """One member company a lead was sent to; `seen_at` once one of its people opened it."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="recipients")
    company = models.ForeignKey(
        "members.Company", on_delete=models.CASCADE, related_name="lead_recipients"
    )
    seen_at = models.DateTimeField(_("seen at"), null=True, blank=True)

    class Meta:
        ordering = ["lead", "company"]
        constraints = [
            models.UniqueConstraint(fields=["lead", "company"], name="unique_lead_recipient")
        ]

    def __str__(self) -> str:
        return f"{self.lead_id} → {self.company_id}"
