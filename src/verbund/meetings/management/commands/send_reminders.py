"""`verbund send_reminders`: e-mail the members of tomorrow's meetings, once (daily)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from verbund.meetings.services import send_reminders


class Command(BaseCommand):
    help = "E-mail a reminder of tomorrow's meetings to their members; each meeting once."

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(_("%(count)d reminders sent.") % {"count": sent})
