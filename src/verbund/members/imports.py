"""Import of an existing member list (CSV or XLSX): read, plan (validate every row), apply.

All or nothing: `apply_import` writes every row through the members services in one
transaction, or nothing at all. Rows match existing companies on the `key` column (the
network's member number) or, without that column, on the normalised company name, so
importing the same file again changes nothing. Revenue is never imported (confidential).
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verbund.common.permissions import require_perm
from verbund.members.models import Company, CompanyStatus, Person, Skill
from verbund.members.services import (
    create_company,
    create_person,
    set_company_skills,
    update_company,
    update_person,
)
from verbund.network.models import Group, GroupKind

MAX_ROWS = 5000
# column → (English header, German header, further accepted spellings), all normalised.
COLUMNS: dict[str, tuple[str, ...]] = {
    "key": ("key", "mitgliedsnummer", "member_number", "schluessel", "schlüssel"),
    "name": ("name", "firma", "company", "firmenname"),
    "street": ("street", "straße", "strasse"),
    "postal_code": ("postal_code", "plz", "postleitzahl"),
    "city": ("city", "ort", "stadt"),
    "region": ("region",),
    "website": ("website", "webseite", "internet"),
    "employees": ("employees", "mitarbeitende", "mitarbeiter"),
    "home_group": ("home_group", "stammgruppe", "heimatgruppe"),
    "skills": ("skills", "kompetenzen", "fähigkeiten", "faehigkeiten"),
    "contact_first_name": ("contact_first_name", "vorname", "ansprechpartner_vorname"),
    "contact_last_name": ("contact_last_name", "nachname", "ansprechpartner_nachname"),
    "contact_email": ("contact_email", "e_mail", "email", "ansprechpartner_e_mail"),
    "contact_function": ("contact_function", "funktion", "ansprechpartner_funktion"),
}
COLUMN_LABELS = {
    "key": gettext_lazy("member number"),
    "external_key": gettext_lazy("member number"),
    "name": gettext_lazy("name"),
    "street": gettext_lazy("street"),
    "postal_code": gettext_lazy("postal code"),
    "city": gettext_lazy("city"),
    "region": gettext_lazy("region"),
    "website": gettext_lazy("website"),
    "employees": gettext_lazy("employees"),
    "home_group": gettext_lazy("home group"),
    "skills": gettext_lazy("skills"),
    "contact_first_name": gettext_lazy("contact first name"),
    "contact_last_name": gettext_lazy("contact last name"),
    "contact_email": gettext_lazy("contact e-mail"),
    "contact_function": gettext_lazy("contact function"),
    "file": gettext_lazy("file"),
}
ACTIONS = ("create", "update", "unchanged")
TEXT_FIELDS = {"name": 200, "street": 200, "postal_code": 10, "city": 100, "region": 100}
CONTACT_FIELDS = {"first_name": 100, "last_name": 100, "email": 254, "function": 100}


@dataclass
class RowError:
    """One problem in the file: the row as the user sees it (header = 1), column, message."""

    row: int
    field: str
    message: str

    @property
    def label(self) -> str:
        return str(COLUMN_LABELS.get(self.field, self.field))

    def __str__(self) -> str:
        if not self.field:  # about the row as a whole, e.g. "the network is full"
            return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}
        return _("Row %(row)d, %(field)s: %(message)s") % {
            "row": self.row,
            "field": self.label,
            "message": self.message,
        }


@dataclass
class RowPlan:
    """What importing one row does: create, update (which fields) or leave unchanged."""

    row: int
    name: str
    company: Company | None = None
    data: dict[str, Any] = field(default_factory=dict)  # company fields to set
    skills: list[Skill] | None = None  # None: leave the skills as they are
    contact: dict[str, str] | None = None  # contact fields to set
    person: Person | None = None  # the existing contact, if any

    @property
    def action(self) -> str:
        if self.company is None:
            return "create"
        return "update" if self.changes else "unchanged"

    @property
    def changes(self) -> list[str]:
        names = [str(COLUMN_LABELS[key]) for key in self.data]
        if self.skills is not None:
            names.append(str(COLUMN_LABELS["skills"]))
        if self.contact is not None:
            names.append(_("contact person"))
        return names


@dataclass
class ImportPlan:
    """Every row's plan and every error; only an error-free plan may be applied."""

    rows: list[RowPlan] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {action: self.count(action) for action in ACTIONS}

    @property
    def people_counts(self) -> dict[str, int]:
        """The rows' contact people: added, updated, or found as they are (rows without a
        contact are not counted)."""
        counts = dict.fromkeys(ACTIONS, 0)
        for row in self.rows:
            if row.contact is not None:  # the plan keeps only the contact fields that change
                counts["create" if row.person is None else "update"] += 1
            elif row.person is not None:
                counts["unchanged"] += 1
        return counts


# ---------------------------------------------------------------- reading


def _normalise_header(header: Any) -> str:
    return "_".join(str(header or "").strip().lower().replace("-", " ").split())


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).strip()


def _read_csv(file: IO[bytes]) -> list[list[Any]]:
    try:
        text = file.read().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _file_error(_("The file is not UTF-8 text. Save it as “CSV UTF-8”.")) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _read_xlsx(file: IO[bytes]) -> list[list[Any]]:
    from openpyxl import load_workbook  # only the import needs it

    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise _file_error(_("The file cannot be read as an Excel workbook (XLSX).")) from error
    sheet = workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def _file_error(message: str) -> ValidationError:
    return ValidationError({"file": message})


def read_rows(file: IO[bytes], filename: str) -> list[dict[str, Any]]:
    """The file's data rows as {column: text} plus "_row" (the row number the user sees).

    Raises ValidationError({"file": ...}) for an unknown type, an empty file or no name column.
    Unknown columns (e.g. revenue) are ignored.
    """
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if suffix == "csv":
        table = _read_csv(file)
    elif suffix == "xlsx":
        table = _read_xlsx(file)
    else:
        raise _file_error(_("Upload a CSV or XLSX file."))
    if not table or not any(_cell(value) for value in table[0]):
        raise _file_error(_("The file is empty."))
    aliases = {alias: column for column, names in COLUMNS.items() for alias in names}
    columns = [aliases.get(_normalise_header(header)) for header in table[0]]
    if "name" not in columns:
        raise _file_error(_("The file has no column “name” (or “Firma”) in its first row."))
    rows = []
    for number, values in enumerate(table[1:], start=2):
        row = {col: _cell(value) for col, value in zip(columns, values, strict=False) if col}
        if any(row.values()):
            rows.append({**row, "_row": number})
    if not rows:
        raise _file_error(_("The file has no rows below the header."))
    if len(rows) > MAX_ROWS:
        raise _file_error(_("Import at most %(max)d rows at a time.") % {"max": MAX_ROWS})
    return rows


# ---------------------------------------------------------------- planning


def normalise_name(name: str) -> str:
    """The company name as matched: case, spacing and punctuation around it ignored."""
    return " ".join(name.casefold().split()).strip(" .,")


@dataclass
class _Lookups:
    groups: dict[str, Group]
    skills: dict[str, Skill]
    by_key: dict[str, Company]
    by_name: dict[str, Company]


def _lookups() -> _Lookups:
    skills: dict[str, Skill] = {}
    for skill in Skill.objects.all():
        for word in [skill.label_de, skill.label_en, *skill.synonyms.split(",")]:
            if word.strip():
                skills.setdefault(word.strip().casefold(), skill)
    companies = list(Company.objects.prefetch_related("skills", "people"))
    return _Lookups(
        groups={normalise_name(group.name): group for group in Group.objects.all()},
        skills=skills,
        by_key={company.external_key: company for company in companies if company.external_key},
        by_name={normalise_name(company.name): company for company in companies},
    )


def _match(row: dict[str, Any], has_key: bool, lookups: _Lookups) -> Company | None:
    if has_key and row.get("key"):
        company = lookups.by_key.get(row["key"])
        if company is not None:
            return company
        # A company entered before it had a number takes it on by its name.
        company = lookups.by_name.get(normalise_name(row.get("name", "")))
        return company if company is not None and not company.external_key else None
    return lookups.by_name.get(normalise_name(row.get("name", "")))


def _company_data(row: dict[str, Any], errors: list[RowError], lookups: _Lookups) -> dict:
    number = row["_row"]
    data: dict[str, Any] = {}
    for column, limit in TEXT_FIELDS.items():
        if row.get(column):
            if len(row[column]) > limit:
                message = _("At most %(limit)d characters.") % {"limit": limit}
                errors.append(RowError(number, column, message))
            data[column] = row[column]
    if row.get("key"):
        if len(row["key"]) > 50:
            errors.append(RowError(number, "key", _("At most 50 characters.")))
        data["external_key"] = row["key"]
    if row.get("website"):
        website = row["website"]
        website = website if "://" in website else f"https://{website}"
        try:
            URLValidator()(website)
            data["website"] = website
        except ValidationError:
            errors.append(RowError(number, "website", _("Enter a web address.")))
    if row.get("employees"):
        if row["employees"].isdigit():
            data["employees"] = int(row["employees"])
        else:
            message = _("Enter a whole number, e.g. 25.")
            errors.append(RowError(number, "employees", message))
    if row.get("home_group"):
        group = lookups.groups.get(normalise_name(row["home_group"]))
        if group is None:
            message = _("There is no group “%(name)s”.") % {"name": row["home_group"]}
            errors.append(RowError(number, "home_group", message))
        elif group.kind != GroupKind.REGIONAL:
            message = _("Only a regional group can be a home group.")
            errors.append(RowError(number, "home_group", message))
        else:
            data["home_group"] = group
    return data


def _skills(row: dict[str, Any], errors: list[RowError], lookups: _Lookups) -> list[Skill] | None:
    if not row.get("skills"):
        return None
    words = [word.strip() for word in row["skills"].split(",") if word.strip()]
    unknown = [word for word in words if word.casefold() not in lookups.skills]
    if unknown:
        message = _("Unknown skill: %(names)s.") % {"names": ", ".join(unknown)}
        errors.append(RowError(row["_row"], "skills", message))
        return None
    found = [lookups.skills[word.casefold()] for word in words]
    return list({skill.pk: skill for skill in found}.values())


def _contact(row: dict[str, Any], errors: list[RowError]) -> dict[str, str] | None:
    contact = {name: row.get(f"contact_{name}", "") for name in CONTACT_FIELDS}
    if not any(contact.values()):
        return None
    number = row["_row"]
    for name in ("first_name", "last_name"):
        if not contact[name]:
            errors.append(RowError(number, f"contact_{name}", _("A contact needs a name.")))
    for name, limit in CONTACT_FIELDS.items():
        if len(contact[name]) > limit:
            message = _("At most %(limit)d characters.") % {"limit": limit}
            errors.append(RowError(number, f"contact_{name}", message))
    if contact["email"]:
        try:
            EmailValidator()(contact["email"])
        except ValidationError:
            errors.append(RowError(number, "contact_email", _("Enter a valid e-mail address.")))
    return contact


def _find_person(company: Company | None, contact: dict[str, str]) -> Person | None:
    if company is None:
        return None
    for person in company.people.all():
        same_email = contact["email"] and person.email.lower() == contact["email"].lower()
        same_name = (person.first_name, person.last_name) == (
            contact["first_name"],
            contact["last_name"],
        )
        if same_email or same_name:
            return person
    return None


def _stored(company: Company, key: str) -> Any:
    return company.home_group_id if key == "home_group" else getattr(company, key)


def _plain(value: Any) -> Any:
    return value.pk if isinstance(value, Group) else value


def _only_changes(plan: RowPlan) -> None:
    """Drop from the plan what the existing company (and contact) already hold."""
    company = plan.company
    if company is None:
        return
    plan.data = {
        key: value for key, value in plan.data.items() if _stored(company, key) != _plain(value)
    }
    if plan.skills is not None and {s.pk for s in plan.skills} == {
        s.pk for s in company.skills.all()
    }:
        plan.skills = None
    if plan.contact is not None and plan.person is not None:
        plan.contact = {
            key: value
            for key, value in plan.contact.items()
            if value and getattr(plan.person, key) != value
        } or None


def plan_import(rows: list[dict[str, Any]]) -> ImportPlan:
    """Validate every row and say, per row, what importing it would create or change."""
    lookups = _lookups()
    has_key = any(row.get("key") for row in rows)
    plan = ImportPlan()
    seen: dict[str, int] = {}
    for row in rows:
        number = row["_row"]
        if not row.get("name"):
            plan.errors.append(RowError(number, "name", _("Every company needs a name.")))
        identity = (
            row.get("key") if has_key and row.get("key") else normalise_name(row.get("name", ""))
        )
        if identity and identity in seen:
            message = _("The company appears twice: also in row %(row)d.") % {"row": seen[identity]}
            plan.errors.append(RowError(number, "key" if has_key else "name", message))
        seen.setdefault(identity, number)
        company = _match(row, has_key, lookups)
        contact = _contact(row, plan.errors)
        row_plan = RowPlan(
            row=number,
            name=row.get("name", ""),
            company=company,
            data=_company_data(row, plan.errors, lookups),
            skills=_skills(row, plan.errors, lookups),
            contact=contact,
            person=_find_person(company, contact) if contact else None,
        )
        _only_changes(row_plan)
        plan.rows.append(row_plan)
    plan.errors.sort(key=lambda error: error.row)
    return plan


# ---------------------------------------------------------------- applying


def _apply_row(row: RowPlan, actor: Any) -> None:
    company = row.company
    if company is None:
        company = create_company(data={**row.data, "status": CompanyStatus.ACTIVE}, actor=actor)
    elif row.data:
        update_company(company=company, data=row.data, actor=actor)
    if row.skills is not None:
        set_company_skills(company=company, skills=row.skills, actor=actor)
    if row.contact is not None and row.person is not None:
        update_person(person=row.person, data=row.contact, actor=actor)
    elif row.contact is not None:
        create_person(data={**row.contact, "company": company}, actor=actor, invite=False)


class ImportRefused(ValidationError):
    """A service refused rows while importing; nothing was written. `row_errors` name them."""

    def __init__(self, row_errors: list[RowError]) -> None:
        super().__init__([str(error) for error in row_errors])
        self.row_errors = row_errors


def _refused_row(row: int, error: ValidationError) -> list[RowError]:
    """A service's refusal as row errors; a field that is no column of the file (such as
    the status a full network refuses) is left out, the message says the rest."""
    messages = getattr(error, "message_dict", {"": error.messages})
    return [
        RowError(row, key if key in COLUMN_LABELS else "", message)
        for key, texts in messages.items()
        for message in texts
    ]


@transaction.atomic
def apply_import(plan: ImportPlan, actor: Any) -> dict[str, int]:
    """Write the whole plan through the members services, or nothing. Returns the counts.

    Raises ImportRefused (a ValidationError) listing every failing row (nothing is then
    written). Side
    effects: those of the services (audit entries, status history, search index); rows
    without a change write nothing at all.
    """
    require_perm(actor, "members.add_company")
    errors = list(plan.errors)
    if not errors:
        for row in plan.rows:
            try:
                with transaction.atomic():
                    _apply_row(row, actor)
            except ValidationError as error:
                errors += _refused_row(row.row, error)
    if errors:  # leaving the transaction by the exception undoes every row written
        raise ImportRefused(errors)
    return plan.counts
