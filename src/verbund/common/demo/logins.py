"""The six fixed demo logins: one per role, all with the same password."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

DEMO_PASSWORD = "verbund-demo"
DEMO_TOTP_SECRET = "VERBUNDDEMOTOTPA"


@dataclass(frozen=True)
class DemoLogin:
    """A login for one role; `slot` is (regional group, seniority) of the person's company."""

    key: str
    email: str
    first_name: str
    last_name: str
    female: bool
    role: Promise
    slot: tuple[int, int] | None = None
    totp: bool = False


DEMO_LOGINS = (
    DemoLogin(
        "office",
        "office@verbund.example",
        "Monika",
        "Hartl",
        True,
        _("Network office (no company)"),
        totp=True,
    ),
    DemoLogin(
        "board",
        "board@verbund.example",
        "Claudia",
        "Reisinger",
        True,
        _("Advisory board member (home group München-Ost)"),
        (2, 3),
        totp=True,
    ),
    DemoLogin(
        "moderator",
        "moderator@verbund.example",
        "Andreas",
        "Brandl",
        False,
        _("Moderator of Ortsgruppe München-Nord"),
        (0, 0),
    ),
    DemoLogin(
        "member",
        "member@verbund.example",
        "Sabine",
        "Wimmer",
        True,
        _("Member of Ortsgruppe München-Nord, company admin"),
        (0, 4),
    ),
    DemoLogin(
        "member2",
        "member2@verbund.example",
        "Markus",
        "Leitner",
        False,
        _("Member of Ortsgruppe Augsburg, company admin"),
        (3, 4),
    ),
    DemoLogin(
        "guest",
        "guest@verbund.example",
        "Florian",
        "Kettner",
        False,
        _("Guest who visited Ortsgruppe München-Nord"),
    ),
)
LOGINS_BY_KEY = {login.key: login for login in DEMO_LOGINS}
RESERVED_NAMES = {(login.first_name, login.last_name) for login in DEMO_LOGINS}


def secure_logins() -> None:
    """Set the demo password on every demo login and TOTP (with recovery codes) where required.

    Runs after the people exist: `create_person` makes logins without a usable password.
    """
    users = get_user_model().objects.filter(email__in=[login.email for login in DEMO_LOGINS])
    for user in users:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        needs_totp = next(login.totp for login in DEMO_LOGINS if login.email == user.email)
        has_totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        if needs_totp and not has_totp:
            TOTP.activate(user, DEMO_TOTP_SECRET)
            RecoveryCodes.activate(user)
