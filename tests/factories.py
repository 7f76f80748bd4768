"""One factory per model (factory_boy)."""

import datetime
import time
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from verbund.accounts.models import User
from verbund.admissions.models import Guest, GuestVisit
from verbund.common.models import AuditEntry
from verbund.members.models import Company, CompanyStatus, Person
from verbund.network.models import (
    Group,
    GroupKind,
    GroupMembership,
    GroupRole,
    GroupRoleKind,
    Network,
    NetworkRole,
    NetworkRoleKind,
)

PASSWORD = "verbund-test-pw"
TOTP_SECRET = "VERBUNDDEMOTOTPA"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    language = "de"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            EmailAddress.objects.create(user=obj, email=obj.email, primary=True, verified=True)


def totp_code(secret: str = TOTP_SECRET) -> str:
    """The current TOTP code for `secret`, as an authenticator app would show it."""
    counter = int(time.time()) // 30
    return format_hotp_value(hotp_value(secret, counter))


def enable_totp(user: User, secret: str = TOTP_SECRET) -> None:
    """Give a user a TOTP authenticator and recovery codes, as set up on their first login."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)
        RecoveryCodes.activate(user)


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = "Testnetz"
    member_cap = 400
    guest_visit_limit = 3
    annual_fee = Decimal("1200.00")


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"Ortsgruppe {n}")
    kind = GroupKind.REGIONAL
    region = "Oberbayern"


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Systemhaus {n} GmbH")
    city = "München"
    region = "Oberbayern"
    employees = 20
    annual_revenue = Decimal("2500000.00")
    status = CompanyStatus.ACTIVE
    member_since = datetime.date(2020, 1, 1)
    home_group = factory.SubFactory(GroupFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    user = factory.SubFactory(UserFactory)
    company = factory.SubFactory(CompanyFactory)
    first_name = factory.Sequence(lambda n: f"Vorname{n}")
    last_name = factory.Sequence(lambda n: f"Nachname{n}")
    function = "Geschäftsführer"
    email = factory.LazyAttribute(lambda p: p.user.email if p.user else "")
    phone = "+49 89 1234567"
    mobile = "+49 170 1234567"


class GroupMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMembership

    group = factory.SubFactory(GroupFactory)
    person = factory.SubFactory(PersonFactory)
    joined_on = datetime.date(2020, 1, 1)


class GroupRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupRole

    group = factory.SubFactory(GroupFactory)
    person = factory.SubFactory(PersonFactory)
    kind = GroupRoleKind.MODERATOR
    starts_on = datetime.date(2024, 1, 1)


class NetworkRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkRole

    person = factory.SubFactory(PersonFactory)
    kind = NetworkRoleKind.BOARD
    starts_on = datetime.date(2024, 1, 1)


class GuestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guest

    person = factory.SubFactory(PersonFactory, company=None)
    company_name = "Neugier IT GmbH"


class GuestVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuestVisit

    guest = factory.SubFactory(GuestFactory)
    group = factory.SubFactory(GroupFactory)
    visited_on = datetime.date(2026, 10, 2)


class AuditEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditEntry

    actor_repr = "system"
    action = "company.update"
    object_type = "members.company"
    object_id = "abc"
    object_repr = "Systemhaus"


# ---------------------------------------------------------------- meetings
def _berlin(day: datetime.date, hour: int = 7, minute: int = 30) -> datetime.datetime:
    from zoneinfo import ZoneInfo

    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=ZoneInfo("Europe/Berlin")
    )


class MeetingSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.MeetingSeries"

    group = factory.SubFactory(GroupFactory)
    title = "Unternehmerfrühstück"
    first_date = datetime.date(2026, 1, 9)
    interval_weeks = 2
    start_time = datetime.time(7, 30)
    duration_minutes = 120
    venue = "Hotel Nordlicht, München"


class MeetingFactory(factory.django.DjangoModelFactory):
    """A meeting at 07:30-09:30 Berlin time on `occurrence_date`."""

    class Meta:
        model = "meetings.Meeting"

    group = factory.SubFactory(GroupFactory)
    title = "Unternehmerfrühstück"
    occurrence_date = datetime.date(2026, 11, 20)
    starts_at = factory.LazyAttribute(lambda m: _berlin(m.occurrence_date))
    ends_at = factory.LazyAttribute(lambda m: m.starts_at + datetime.timedelta(hours=2))
    venue = "Hotel Nordlicht, München"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.AgendaItem"

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = "talk"
    title = "Produkt-Marketing"
    speaker_name = "Eich und Krenzke"


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.ActionItem"

    meeting = factory.SubFactory(MeetingFactory)
    group = factory.LazyAttribute(lambda a: a.meeting.group)
    title = "Ansprechpartner beim Hersteller klären"
    owner_name = "Partnermanager (Gast)"
    due_on = datetime.date(2026, 12, 4)


class RsvpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.Rsvp"

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    answer = "yes"


class AttendanceRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.AttendanceRecord"

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    status = "present"


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "members.Skill"
        django_get_or_create = ("label_de",)

    label_de = factory.Sequence(lambda n: f"Fähigkeit {n}")
    label_en = factory.Sequence(lambda n: f"Skill {n}")
    synonyms = ""


class IndustryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "members.Industry"
        django_get_or_create = ("label_de",)

    label_de = factory.Sequence(lambda n: f"Branche {n}")
    label_en = factory.Sequence(lambda n: f"Industry {n}")


class VendorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "members.Vendor"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Hersteller {n}")


class VendorPartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "members.VendorPartnership"

    company = factory.SubFactory(CompanyFactory)
    vendor = factory.SubFactory(VendorFactory)
    level = "gold"


class OfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "members.Offering"

    company = factory.SubFactory(CompanyFactory)
    title = factory.Sequence(lambda n: f"Leistung {n}")
    description = ""
