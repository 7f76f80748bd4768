"""`verbund apply_retention`: pseudonymise guests and unsuccessful candidates (nightly)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from verbund.admissions.services.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Pseudonymise guests and rejected or withdrawn candidates past the network's "
        "retention period; running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--on", help="Apply as of this day (YYYY-MM-DD); default today.")

    def handle(self, *args, on: str | None = None, **options):
        result = apply_retention(today=self._day(on))
        self.stdout.write(f"{result}.")

    @staticmethod
    def _day(value: str | None) -> datetime.date | None:
        if value is None:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise CommandError(_("Please give the day as YYYY-MM-DD.")) from None
