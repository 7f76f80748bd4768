"""Forms of the office pages for the network: settings, groups, memberships and role terms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from verbund.common.forms import BootstrapMixin, DateInput, ServiceModelForm
from verbund.members.models import CompanyStatus, Person
from verbund.network.models import (
    NETWORK_SETTINGS_FIELDS,
    Group,
    GroupRoleKind,
    Network,
    NetworkRoleKind,
)


class PersonChoiceField(forms.ModelChoiceField):
    """A person, labelled with the company so two people of the same name stay apart."""

    def label_from_instance(self, obj: Person) -> str:
        company = obj.company.name if obj.company_id else _("Network office")
        return f"{obj.last_name}, {obj.first_name} ({company})"


def people_of_active_companies() -> QuerySet[Person]:
    return (
        Person.objects.filter(company__status=CompanyStatus.ACTIVE)
        .select_related("company")
        .order_by("last_name", "first_name")
    )


# The scorecard's thresholds in pairs: a title, the "green from" and the "amber from" field.
SCORECARD_PAIRS = [
    (_("Attendance (%)"), "scorecard_attendance_green", "scorecard_attendance_amber"),
    (_("Referrals given"), "scorecard_referrals_green", "scorecard_referrals_amber"),
    (_("One-to-ones held"), "scorecard_one_to_ones_green", "scorecard_one_to_ones_amber"),
    (_("Guests brought"), "scorecard_guests_green", "scorecard_guests_amber"),
]
SCORECARD_FIELDS = {name for _title, *pair in SCORECARD_PAIRS for name in pair}


class NetworkForm(ServiceModelForm):
    """The network's settings; the scorecard's thresholds shown grouped in pairs."""

    class Meta:
        model = Network
        fields = ["name", *NETWORK_SETTINGS_FIELDS]

    def clean(self) -> dict[str, Any]:
        """Amber may not start above green: a figure between the two would be neither."""
        data = super().clean() or {}
        for _title, green, amber in SCORECARD_PAIRS:
            low, high = data.get(amber), data.get(green)
            if low is not None and high is not None and low > high:
                message = _("Amber must not start above green (%(green)s).") % {"green": high}
                self.add_error(amber, message)
        return data

    def general_fields(self) -> list[Any]:
        return [field for field in self.visible_fields() if field.name not in SCORECARD_FIELDS]

    def scorecard_pairs(self) -> list[tuple[Any, Any, Any]]:
        return [(title, self[green], self[amber]) for title, green, amber in SCORECARD_PAIRS]


class GroupForm(ServiceModelForm):
    """A group's settings, for creating it and for changing it."""

    class Meta:
        model = Group
        fields = ["name", "kind", "description", "region", "capacity", "is_closed"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class MemberAddForm(BootstrapMixin, forms.Form):
    """Add a person of an active company to a group."""

    person = PersonChoiceField(label=_("Person"), queryset=Person.objects.none())

    def __init__(self, *args: Any, group: Group, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        field.queryset = people_of_active_companies()
        # Offer only non-members; a member picked anyway (from a stale page) gets the
        # service's clear message instead of a generic "invalid choice".
        shown = PersonChoiceField(queryset=field.queryset.exclude(group_memberships__group=group))
        field.widget.choices = shown.choices


class GroupRoleAssignForm(BootstrapMixin, forms.Form):
    """Make a member of the group its moderator or secretary for a term."""

    person = PersonChoiceField(label=_("Person"), queryset=Person.objects.none())
    kind = forms.ChoiceField(label=_("Role"), choices=GroupRoleKind.choices)
    starts_on = forms.DateField(label=_("Term starts"), widget=DateInput())
    ends_on = forms.DateField(label=_("Term ends"), required=False, widget=DateInput())

    def __init__(self, *args: Any, group: Group, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            Person.objects.filter(group_memberships__group=group)
            .select_related("company")
            .order_by("last_name", "first_name")
        )
        self.fields["starts_on"].initial = timezone.localdate


class NetworkRoleAssignForm(BootstrapMixin, forms.Form):
    """Seat a person on the advisory board or in the network office for a term."""

    person = PersonChoiceField(label=_("Person"), queryset=Person.objects.none())
    kind = forms.ChoiceField(label=_("Role"), choices=NetworkRoleKind.choices)
    starts_on = forms.DateField(
        label=_("Term starts"), widget=DateInput(), initial=timezone.localdate
    )
    ends_on = forms.DateField(label=_("Term ends"), required=False, widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Guests are people without a company too; they hold no seat.
        self.fields["person"].queryset = (
            Person.objects.filter(guest__isnull=True)
            .select_related("company")
            .order_by("last_name", "first_name")
        )


class RoleEndForm(BootstrapMixin, forms.Form):
    """The last day of a term."""

    ends_on = forms.DateField(label=_("Last day"), widget=DateInput(), initial=timezone.localdate)

    @classmethod
    def for_role(cls, pk: int, data: Any = None) -> RoleEndForm:
        """The form of one role's row; ids stay unique with one form per row on the page."""
        return cls(data, auto_id=f"id_end{pk}_%s")
