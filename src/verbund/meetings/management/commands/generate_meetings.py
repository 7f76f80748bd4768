"""`verbund generate_meetings`: create every series' meetings for the coming weeks (daily)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from verbund.meetings.services import generate_all


class Command(BaseCommand):
    help = "Create the meetings of every series for the coming weeks; idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--weeks", type=int, default=12, help="How many weeks ahead (default 12)."
        )

    def handle(self, *args, weeks: int = 12, **options):
        created = generate_all(weeks_ahead=weeks)
        self.stdout.write(_("%(count)d meetings created.") % {"count": created})
