"""`verbund apply_status_terms`: end suspensions whose term is over and carry out resignations
whose notice has run out (daily). Idempotent: a second run changes nothing."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.conduct.services import end_suspensions
from verbund.members.services import carry_out_resignations


class Command(BaseCommand):
    help = "End suspensions whose term is over; carry out resignations that are due."

    def add_arguments(self, parser):
        parser.add_argument("--on", help="Apply as of this day (YYYY-MM-DD); default today.")

    def handle(self, *args, on: str | None = None, **options):
        today = self._day(on) or timezone.localdate()
        ended = end_suspensions(today=today)
        resigned = carry_out_resignations(today=today)
        self.stdout.write(
            _("%(ended)d suspensions ended, %(resigned)d resignations carried out.")
            % {"ended": ended, "resigned": resigned}
        )

    @staticmethod
    def _day(value: str | None) -> datetime.date | None:
        if value is None:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise CommandError(_("Please give the day as YYYY-MM-DD.")) from None
