"""`verbund evaluate_attendance`: run the attendance rule for every group (nightly)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from verbund.meetings.services import evaluate_all_groups


class Command(BaseCommand):
    help = "Run the attendance rule for all groups; each notice is sent once."

    def add_arguments(self, parser):
        parser.add_argument("--on", help="Evaluate as of this day (YYYY-MM-DD); default today.")

    def handle(self, *args, on: str | None = None, **options):
        notices = evaluate_all_groups(on=self._day(on))
        self.stdout.write(_("%(count)d attendance notices sent.") % {"count": len(notices)})

    @staticmethod
    def _day(value: str | None) -> datetime.date | None:
        if value is None:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise CommandError(_("Please give the day as YYYY-MM-DD.")) from None
