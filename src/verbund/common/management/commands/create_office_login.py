"""`verbund create_office_login EMAIL FIRST LAST`: the first login of a new installation."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.members.services import create_person
from verbund.network.models import NetworkRoleKind
from verbund.network.services import assign_network_role


class Command(BaseCommand):
    help = "Create a network-office login and send its invitation (set a password, then TOTP)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("first_name")
        parser.add_argument("last_name")

    def handle(self, *args, email, first_name, last_name, **options):
        try:
            with transaction.atomic():
                person = create_person(
                    data={"first_name": first_name, "last_name": last_name, "email": email},
                    login_email=email,
                    actor=None,
                )
                assign_network_role(
                    person=person,
                    kind=NetworkRoleKind.OFFICE,
                    starts_on=timezone.localdate(),
                    actor=None,
                )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            _("Office login %(email)s created; the invitation to set a password was sent.")
            % {"email": person.user.email}
        )
