"""Guests visiting groups before a decision (applications and votes come with admissions)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Guest(models.Model):
    """A newcomer visiting breakfasts; the inviting member is credited."""

    person = models.OneToOneField("members.Person", on_delete=models.CASCADE, related_name="guest")
    company_name = models.CharField(_("company"), max_length=200, blank=True)
    invited_by = models.ForeignKey(
        "members.Person",
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invited_guests",
    )
    consent_at = models.DateTimeField(_("consent to data processing"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("guest")
        verbose_name_plural = _("guests")

    def __str__(self) -> str:
        return str(self.person)


class GuestVisit(models.Model):
    """A guest's visit to a group's meeting; the count is held against the visit limit."""

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
