"""`verbund demo`: fill an empty database with the demo network (SPEC section 14)."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.utils.translation import gettext as _

from verbund.common.demo.builder import build_demo, database_has_companies, demo_exists
from verbund.meetings.models import AttendanceRecord, Meeting, RegisterState
from verbund.members.models import SEAT_STATUSES, Company, CompanyStatus, Person
from verbund.network.models import Group


class Command(BaseCommand):
    help = "Fill an empty database with the demo network and its six demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (and succeed) if the database already holds any company.",
        )

    def handle(self, *args, if_empty: bool = False, **options):
        if demo_exists():
            self.stdout.write(_("The demo network is already in this database; nothing changed."))
            return
        if database_has_companies():
            if if_empty:
                self.stdout.write(_("The database already holds companies; no demo data added."))
                return
            raise CommandError(
                _("The database already holds companies; the demo fills only an empty database.")
            )
        build_demo()
        self.stdout.write(self.style.SUCCESS(self._summary()))
        self.stdout.write(self._meetings())
        self.stdout.write(_("Run `verbund demo_logins` to see the demo logins."))

    @staticmethod
    def _summary() -> str:
        kinds = dict(Group.objects.values_list("kind").annotate(n=Count("pk")).order_by())
        return _(
            "Demo network created: %(members)d member companies, %(candidates)d candidates, "
            "%(people)d people, %(groups)d groups (%(regional)d regional)."
        ) % {
            "members": Company.objects.filter(status__in=SEAT_STATUSES).count(),
            "candidates": Company.objects.filter(status=CompanyStatus.CANDIDATE).count(),
            "people": Person.objects.count(),
            "groups": sum(kinds.values()),
            "regional": kinds.get("regional", 0),
        }

    @staticmethod
    def _meetings() -> str:
        meetings = Meeting.objects.all()
        return _(
            "%(meetings)d meetings, %(completed)d of them with a completed register "
            "(%(records)d attendance records)."
        ) % {
            "meetings": meetings.count(),
            "completed": meetings.filter(register_state=RegisterState.COMPLETED).count(),
            "records": AttendanceRecord.objects.count(),
        }
