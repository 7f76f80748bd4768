"""API: the office imports an existing member list (CSV or XLSX), all or nothing.

One request does what the office's import page does in two steps: with `dry_run` it shows
the plan (the page's preview), without it the plan is applied at once. The upload form,
reader, planner and service are the page's and the command's (`members/imports.py`), so a
file the page refuses is refused here with the same messages.
"""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import ngettext
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile

from verbund.common.http import check_perm
from verbund.members.forms.office_import import ImportUploadForm
from verbund.members.imports import (
    ACTIONS,
    ImportRefused,
    RowError,
    RowPlan,
    apply_import,
    plan_import,
    read_rows,
)

router = Router(tags=["imports"])


class CountsOut(Schema):
    create: int
    update: int
    unchanged: int


class RowOut(Schema):
    """What importing one row does; `changes` names the changed columns of an update."""

    row: int
    name: str
    action: str = Field(..., json_schema_extra={"enum": list(ACTIONS)})
    changes: list[str]


class ImportOut(Schema):
    """The plan (`dry_run`) or what was imported: companies and contact people to create,
    update or leave unchanged, and each row (numbered as the spreadsheet shows it)."""

    dry_run: bool
    companies: CountsOut
    people: CountsOut
    rows: list[RowOut]


class ImportErrorOut(Schema):
    """One problem: the row as the spreadsheet numbers it (header = 1) and the column, also
    named in the message in the caller's language; `row` is null for the file as a whole."""

    row: int | None = None
    field: str | None
    message: str


class ImportErrorsOut(Schema):
    message: str
    errors: list[ImportErrorOut]


def _rows(file: UploadedFile | None) -> list[dict]:
    """The uploaded file's rows, checked by the page's upload form first (type, size)."""
    form = ImportUploadForm(data={}, files={"file": file} if file is not None else {})
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    upload = form.cleaned_data["file"]
    return read_rows(upload, upload.name)


def _row(row: RowPlan) -> dict:
    # As on the page: the changed columns of an update only.
    changes = row.changes if row.action == "update" else []
    return {"row": row.row, "name": row.name, "action": row.action, "changes": changes}


def _error(error: RowError) -> dict:
    return {"row": error.row, "field": error.field or None, "message": str(error)}


def _refusal(messages: list[dict]) -> Status:
    """422 listing every problem at once, so one correction round is enough."""
    count = len(messages)
    summary = ngettext(
        "The file has %(counter)s error. Correct it and upload the file again; "
        "nothing will be imported until then.",
        "The file has %(counter)s errors. Correct them and upload the file again; "
        "nothing will be imported until then.",
        count,
    ) % {"counter": count}
    return Status(422, {"message": summary, "errors": messages})


@router.post("/imports", response={200: ImportOut, 422: ImportErrorsOut})
def import_members(
    request: HttpRequest,
    file: File[UploadedFile | None] = None,
    dry_run: Form[bool] = False,
):
    """Import a member list (multipart: `file`, CSV or XLSX; `dry_run` true to see the plan
    only). Network office only. All or nothing: with any error nothing is imported and the
    answer (422) lists every error by row and column. Importing the same file again
    changes nothing (every row `unchanged`). Revenue is never imported."""
    check_perm(request, "members.add_company")
    plan = plan_import(_rows(file))
    if plan.errors:
        return _refusal([_error(e) for e in plan.errors])
    if not dry_run:
        try:
            apply_import(plan, actor=request.user)
        except ImportRefused as refused:  # a service refused a row: nothing was written
            return _refusal([_error(e) for e in refused.row_errors])
    return {
        "dry_run": dry_run,
        "companies": plan.counts,
        "people": plan.people_counts,
        "rows": [_row(row) for row in plan.rows],
    }
