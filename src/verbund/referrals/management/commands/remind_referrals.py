"""`verbund remind_referrals`: remind receivers of referrals untouched for 14 days, once (daily)."""

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from verbund.referrals.services import remind_untouched


class Command(BaseCommand):
    help = "Remind the receivers of open referrals whose status has not changed for 14 days; once."

    def handle(self, *args, **options):
        count = remind_untouched()
        message = ngettext(
            "%(count)d referral reminded.", "%(count)d referrals reminded.", count
        ) % {"count": count}
        self.stdout.write(message)
