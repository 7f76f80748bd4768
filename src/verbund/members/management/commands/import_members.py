"""`verbund import_members PATH [--dry-run]`: import a member list (CSV or XLSX) on the server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from verbund.members.imports import apply_import, plan_import, read_rows


class Command(BaseCommand):
    help = "Import companies from a CSV or XLSX member list (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would happen; write nothing."
        )

    def handle(self, *args: Any, path: Path, dry_run: bool, **options: Any) -> None:
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            with path.open("rb") as file:
                rows = read_rows(file, path.name)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        plan = plan_import(rows)
        counts = plan.counts
        summary = (
            f"{counts['create']} to create, {counts['update']} to update, "
            f"{counts['unchanged']} unchanged"
        )
        self.stdout.write(f"{len(plan.rows)} rows: {summary}.")
        if plan.errors:
            for error in plan.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(plan.errors)} errors: nothing imported.")
        if dry_run:
            self.stdout.write("Dry run: nothing imported.")
            return
        try:
            counts = apply_import(plan, actor=None)
        except ValidationError as error:
            for message in error.messages:
                self.stderr.write(message)
            raise CommandError("Nothing imported.") from error
        self.stdout.write(
            f"Imported: {counts['create']} created, {counts['update']} updated, "
            f"{counts['unchanged']} unchanged."
        )
