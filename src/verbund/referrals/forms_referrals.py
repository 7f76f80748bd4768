"""Forms of referrals: passing one, a status step, the closed business. The services decide;
these forms only collect the input (and read German amounts such as "12.500,00")."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _

from verbund.common.forms import BootstrapMixin, bootstrap_class
from verbund.meetings.models import Meeting
from verbund.members.models import MEMBER_STATUSES, Person
from verbund.network.queries import Roles
from verbund.referrals.models import PartyRole, ReferralKind, ReferralStatus
from verbund.referrals.services.referrals import JOINT_ROLES, MEETINGS_BACK

RECEIVER_ROWS = 3
TEMPERATURES = [(n, str(n)) for n in range(1, 6)]


class AmountField(forms.DecimalField):
    """A localized amount: "12.500,00" in German, "12,500.00" in English.

    Django's own localized field drops thousand separators only with USE_THOUSAND_SEPARATOR;
    people type them anyway, so they are dropped here in any case.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(localize=True, decimal_places=2, **kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            thousands = str(get_format("THOUSAND_SEPARATOR"))
            decimal = str(get_format("DECIMAL_SEPARATOR"))
            value = value.strip().replace(" ", "").replace("\xa0", "")
            value = value.replace(thousands, "").replace(decimal, ".")
        return super().to_python(value)


class ReferralForm(BootstrapMixin, forms.Form):
    """Receiver, need and contact person are enough; the rest is optional or defaulted."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=ReferralKind.choices,
        initial=ReferralKind.INTRODUCTION,
        widget=forms.RadioSelect,
    )
    need = forms.CharField(label=_("The customer's need"), widget=forms.Textarea(attrs={"rows": 3}))
    temperature = forms.TypedChoiceField(
        label=_("Temperature"),
        choices=TEMPERATURES,
        coerce=int,
        initial=3,
        widget=forms.RadioSelect,
        help_text=_("How well prepared: 1 a name only, 5 the customer expects your call."),
    )
    customer_name = forms.CharField(label=_("Contact person"), max_length=200)
    customer_company = forms.CharField(label=_("Customer"), max_length=200, required=False)
    # A text field: the service checks the address and says so in its own words.
    customer_email = forms.CharField(label=_("E-mail"), max_length=254, required=False)
    customer_phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    meeting = forms.ModelChoiceField(
        label=_("Passed at meeting (optional)"),
        queryset=Meeting.objects.none(),
        to_field_name="code",
        required=False,
    )

    def __init__(self, *args: Any, roles: Roles, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        receivers = receiver_choices(roles)
        role_choices = [("", _("Role (joint deal)")), *[(r.value, r.label) for r in JOINT_ROLES]]
        for row in range(1, RECEIVER_ROWS + 1):
            self.fields[f"receiver_{row}"] = forms.ChoiceField(
                label=_("Receiver") if row == 1 else _("Further partner (joint deal)"),
                choices=[("", "—"), *receivers],
                required=row == 1,
            )
            self.fields[f"role_{row}"] = forms.ChoiceField(
                label=_("Role"), choices=role_choices, required=False
            )
            self.fields[f"share_{row}"] = AmountField(
                label=_("Share (%)"), required=False, max_digits=5
            )
        meeting = self.fields["meeting"]
        assert isinstance(meeting, forms.ModelChoiceField)
        meeting.queryset = recent_meetings(roles)
        # BootstrapMixin styled the declared fields only: the rows were added after it.
        for field in self.fields.values():
            field.widget.attrs["class"] = bootstrap_class(field.widget)

    def receiver_rows(self) -> list[tuple[Any, Any, Any]]:
        """The bound fields of each receiver row, for the template."""
        return [
            (self[f"receiver_{row}"], self[f"role_{row}"], self[f"share_{row}"])
            for row in range(1, RECEIVER_ROWS + 1)
        ]

    def parties(self) -> list[tuple[Person, str, Decimal | None]]:
        """(person, role, share) of the filled rows; an empty share leaves the split equal."""
        data = self.cleaned_data
        codes = [data[f"receiver_{row}"] for row in range(1, RECEIVER_ROWS + 1)]
        people = {p.code: p for p in _receivers().filter(code__in=[c for c in codes if c])}
        return [
            (
                people[code],
                data[f"role_{row}"] or PartyRole.RECEIVER,
                data[f"share_{row}"],
            )
            for row, code in enumerate(codes, start=1)
            if code in people
        ]


def _receivers() -> Any:
    return Person.objects.filter(company__status__in=MEMBER_STATUSES).select_related("company")


def receiver_choices(roles: Roles) -> list[tuple[str, list[tuple[str, str]]]]:
    """People of active member companies grouped by company, not the giver's own: the
    companies of the giver's groups first, then the others, each by name."""
    people = (
        _receivers()
        .exclude(company_id=roles.company_id)
        .order_by("company__name", "last_name", "first_name")
    )
    groups: dict[int, tuple[bool, str, list[tuple[str, str]]]] = {}
    for person in people:
        company = person.company
        assert company is not None
        near = company.home_group_id in roles.group_ids
        groups.setdefault(company.pk, (not near, company.name, []))[2].append(
            (person.code, person.full_name)
        )
    return [(name, rows) for _far, name, rows in sorted(groups.values(), key=lambda g: g[:2])]


def recent_meetings(roles: Roles) -> Any:
    """The giver's groups' meetings of today and the last eight weeks, newest first."""
    today = timezone.localdate()
    return (
        Meeting.objects.filter(
            group_id__in=roles.group_ids,
            is_cancelled=False,
            occurrence_date__range=(today - MEETINGS_BACK, today),
        )
        .select_related("group")
        .order_by("-occurrence_date", "-starts_at")
    )


class StatusForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(choices=ReferralStatus.choices)
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only the parties see it."),
    )


class ClosedBusinessForm(BootstrapMixin, forms.Form):
    value = AmountField(
        label=_("Value (EUR)"),
        max_digits=12,
        help_text=_("For example 12.500,00. Credited to the giver's record."),
    )
    thank_you = forms.CharField(
        label=_("Thank-you note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
