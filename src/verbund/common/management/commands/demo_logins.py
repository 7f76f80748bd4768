"""`verbund demo_logins`: print the demo logins with their roles, password and TOTP secret."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from verbund.common.demo.logins import DEMO_LOGINS, DEMO_PASSWORD, DEMO_TOTP_SECRET
from verbund.members.models import Person


class Command(BaseCommand):
    help = "Print the demo logins (e-mail, role, password, TOTP secret)."

    def handle(self, *args, **options):
        emails = [login.email for login in DEMO_LOGINS]
        present = set(
            Person.objects.filter(user__email__in=emails).values_list("user__email", flat=True)
        )
        if not present:
            self.stdout.write(_("No demo logins in this database; run `verbund demo` first."))
            return
        rows = [(_("Demo login"), _("Role"), _("TOTP secret"))] + [
            (login.email, str(login.role), DEMO_TOTP_SECRET if login.totp else "-")
            for login in DEMO_LOGINS
            if login.email in present
        ]
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        self.stdout.write(
            _("Demo logins (password for all: %(password)s)") % {"password": DEMO_PASSWORD}
        )
        for row in rows:
            self.stdout.write(
                "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            )
        self.stdout.write(
            _(
                "Office and board log in with a second factor: add the TOTP secret to an "
                "authenticator app."
            )
        )
