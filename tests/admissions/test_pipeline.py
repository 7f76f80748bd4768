"""The admission pipeline: exact figures per month (Europe/Berlin month boundaries), the page
with its chart, the CSV and XLSX export and the API, for the office and the board only."""

import csv
import datetime
import io

import pytest
from django.utils import formats, timezone, translation
from openpyxl import load_workbook

from tests import factories as f
from tests.admissions.conftest import ApplicationFactory
from tests.api.conftest import API, forbidden_body, get, unauthenticated_body
from tests.conftest import client_for
from tests.pages.html import Element, de, definitions, element, rows, text
from verbund.admissions.models import (
    Application,
    BoardCase,
    Guest,
    GuestKind,
    GuestVisit,
    Stage,
    VisitStatus,
)
from verbund.admissions.pipeline import admission_pipeline, month_starts

UTC = datetime.UTC
PAGE = "/applications/pipeline/"
EXPORT = "/applications/pipeline/export"


def _noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _last_day(month: datetime.date) -> datetime.date:
    return (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)


def _guest(created_at, kind=GuestKind.CANDIDATE, visits=()):
    guest = f.GuestFactory(kind=kind)
    Guest.objects.filter(pk=guest.pk).update(created_at=created_at)
    group = f.GroupFactory()
    for visited_on, status in visits:
        GuestVisit.objects.create(guest=guest, group=group, visited_on=visited_on, status=status)
    return guest


def _application(stage, submitted, vote_closed=None, escalated=None, decided=None):
    application = ApplicationFactory(stage=stage)
    Application.objects.filter(pk=application.pk).update(
        created_at=submitted, vote_closed_at=vote_closed, decided_at=decided
    )
    if escalated is not None:
        case = BoardCase.objects.create(application=application)
        BoardCase.objects.filter(pk=case.pk).update(opened_at=escalated)
    return application


@pytest.fixture
def months():
    return month_starts(timezone.localdate())


@pytest.fixture
def history(network, months):
    """Guests and applications placed in chosen months of the last twelve."""
    m = [month + datetime.timedelta(days=14) for month in months]  # mid-month days
    before = months[0] - datetime.timedelta(days=1)
    attended, no_show = VisitStatus.ATTENDED, VisitStatus.NO_SHOW
    _guest(_noon(m[0]), visits=[(m[0], attended), (m[2], attended)])
    # 23:30 UTC on a month's last day is already the next month in Berlin.
    late = datetime.datetime.combine(_last_day(months[10]), datetime.time(23, 30), tzinfo=UTC)
    _guest(late, visits=[(months[10], no_show), (months[11], attended)])
    _guest(_noon(before), visits=[(before, attended), (m[1], attended)])  # first visit before
    _guest(_noon(m[11]), kind=GuestKind.VENDOR, visits=[(months[11], attended)])  # no candidate
    _application(Stage.ADMITTED, _noon(m[3]), vote_closed=_noon(m[4]), decided=_noon(m[4]))
    _application(
        Stage.REJECTED,
        _noon(m[4]),
        vote_closed=_noon(m[5]),
        escalated=_noon(m[5]),
        decided=_noon(m[6]),
    )
    _application(Stage.SUBMITTED, _noon(months[11]))
    _application(Stage.VOTING, _noon(months[11]))
    _application(Stage.WITHDRAWN, _noon(m[6]), decided=_noon(m[6]))
    _application(Stage.BOARD, _noon(m[7]), vote_closed=_noon(m[8]), escalated=_noon(m[8]))
    _application(Stage.SUBMITTED, _noon(before))  # before the window: only open now


# new guests, first visits, submitted, votes, to the board, admitted, rejected, withdrawn
EXPECTED = [
    [1, 1, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 1, 0, 0, 0, 0, 0],
    [0, 0, 1, 1, 0, 1, 0, 0],
    [0, 0, 0, 1, 1, 0, 0, 0],
    [0, 0, 1, 0, 0, 0, 1, 1],
    [0, 0, 1, 0, 0, 0, 0, 0],
    [0, 0, 0, 1, 1, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0, 0],
    [1, 1, 2, 0, 0, 0, 0, 0],
]
TOTALS = [2, 2, 6, 3, 2, 1, 1, 1]


def _de(*messages: str) -> list[str]:
    with translation.override("de"):
        return [translation.gettext(message) for message in messages]


def _header() -> list[str]:
    with translation.override("de"):
        month = translation.pgettext("pipeline", "Month")
    return [
        month,
        *_de(
            "New guests",
            "First visits",
            "Applications submitted",
            "Votes held",
            "To the advisory board",
            "Admitted",
            "Rejected",
            "Withdrawn",
        ),
    ]


# ---------------------------------------------------------------- the figures


def test_pipeline_counts_each_month_by_berlin_boundaries(history, months):
    pipeline = admission_pipeline()
    assert [row.month for row in pipeline.rows] == months
    assert [row.values() for row in pipeline.rows] == EXPECTED
    assert list(pipeline.totals.values()) == TOTALS
    assert pipeline.open_now == {"submitted": 2, "voting": 1, "board": 1}
    assert str(pipeline.average_submitted) == "0.5"


def test_pipeline_months_cross_the_year():
    assert month_starts(datetime.date(2026, 2, 28), 4) == [
        datetime.date(2025, 11, 1),
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
    ]


def test_pipeline_of_an_empty_network_is_all_zero(network):
    pipeline = admission_pipeline(datetime.date(2026, 11, 25))
    assert [row.values() for row in pipeline.rows] == [[0] * 8] * 12
    assert (pipeline.open_now, str(pipeline.average_submitted)) == (
        {"submitted": 0, "voting": 0, "board": 0},
        "0.0",
    )


@pytest.mark.parametrize("size", [1, 3])
def test_pipeline_queries_do_not_grow_with_the_data(
    network, months, size, django_assert_num_queries
):
    for index in range(size):
        _guest(_noon(months[index]), visits=[(months[index], VisitStatus.ATTENDED)])
        _application(Stage.REJECTED, _noon(months[index]), decided=_noon(months[index + 1]))
    # One query per figure (new guests, first visits, submitted, votes, board, decided)
    # and one for the open applications.
    with django_assert_num_queries(7):
        admission_pipeline()


# ---------------------------------------------------------------- the page


@pytest.mark.parametrize(
    ("who", "status"),
    [("office", 200), ("board", 200), ("moderator", 403), ("member", 403), ("guest", 403)],
)
def test_pipeline_page_cast(cast, who, status):
    assert client_for(cast[who]).get(PAGE).status_code == status


def test_pipeline_page_anonymous_goes_to_login(network):
    response = client_for(None).get(PAGE)
    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={PAGE}")


def test_pipeline_page_shows_the_table_the_average_and_the_open_stages(office, history, months):
    response = client_for(office).get(PAGE)
    with translation.override("de"):
        labels = [formats.date_format(month, "YEAR_MONTH_FORMAT") for month in months]
        average = translation.gettext(
            "Applications submitted per month, on average over the last twelve months: %(average)s"
        ) % {"average": "0,5"}
    assert rows(response, "pipeline") == [
        [label, *(str(value) for value in line)]
        for label, line in zip(labels, EXPECTED, strict=True)
    ]
    total = element(response, "pipeline-total")
    assert [cell.text() for cell in total.children if isinstance(cell, Element)] == [
        de("Total"),
        *map(str, TOTALS),
    ]
    assert text(response, "serious-candidates") == average
    assert definitions(response, "open-now") == {
        de("Submitted"): "2",
        de("Voting"): "1",
        de("Advisory board"): "1",
    }


def test_pipeline_page_draws_a_bar_per_month(office, history):
    chart = element(client_for(office).get(PAGE), "pipeline-chart")
    heights = [int(rect.attrs["height"]) for rect in chart.find_all("rect")]
    # The highest month (2 applications) reaches the top: 150 units of the drawing area.
    assert heights == [0, 0, 0, 75, 75, 0, 75, 75, 0, 0, 0, 150]
    assert [line.attrs["y1"] for line in chart.find_all("line")] == ["170", "132"]


def test_pipeline_page_has_no_inline_style_or_script(office, history):
    content = client_for(office).get(PAGE).content.decode()
    assert ("style=" in content, "<script>" in content) == (False, False)


@pytest.mark.parametrize(("who", "shown"), [("office", True), ("board", True), ("member", False)])
def test_application_list_links_the_pipeline(cast, who, shown):
    link = element(client_for(cast[who]).get("/applications/"), "pipeline-link")
    assert (link.attrs["href"] if link else None) == (PAGE if shown else None)


# ---------------------------------------------------------------- the export


def test_pipeline_export_csv_is_the_table(office, history, months):
    response = client_for(office).get(EXPORT + "?format=csv")
    today = timezone.localdate().isoformat()
    assert (response.status_code, response["Content-Type"], response["Content-Disposition"]) == (
        200,
        "text/csv; charset=utf-8",
        f'attachment; filename="admission-pipeline-{today}.csv"',
    )
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM German Excel needs
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert lines == [
        _header(),
        *[
            [month.strftime("%Y-%m"), *map(str, line)]
            for month, line in zip(months, EXPECTED, strict=True)
        ],
        [de("Total"), *map(str, TOTALS)],
    ]


def test_pipeline_export_xlsx_reads_back(office, history, months):
    response = client_for(office).get(EXPORT + "?format=xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert (response.status_code, sheet.title) == (200, de("Admission pipeline")[:31])
    assert [list(line) for line in sheet.iter_rows(values_only=True)] == [
        _header(),
        *[[month.strftime("%Y-%m"), *line] for month, line in zip(months, EXPECTED, strict=True)],
        [de("Total"), *TOTALS],
    ]


def test_pipeline_export_unknown_format_is_refused(office):
    response = client_for(office).get(EXPORT + "?format=pdf")
    assert (response.status_code, response.content.decode()) == (
        400,
        de("Choose the format csv or xlsx."),
    )


@pytest.mark.parametrize(("who", "status"), [("board", 200), ("member", 403), ("guest", 403)])
def test_pipeline_export_cast(cast, who, status):
    assert client_for(cast[who]).get(EXPORT + "?format=csv").status_code == status


def test_pipeline_export_anonymous_goes_to_login(network):
    response = client_for(None).get(EXPORT)
    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/login/?next={EXPORT}",
    )


# ---------------------------------------------------------------- the API


def test_pipeline_api_gives_the_same_figures(office, history, months):
    response = get(office, "/applications/pipeline")
    keys = [
        "new_guests",
        "first_visits",
        "submitted",
        "votes",
        "escalated",
        "admitted",
        "rejected",
        "withdrawn",
    ]
    assert (response.status_code, response.json()) == (
        200,
        {
            "months": [
                {"month": month.isoformat(), **dict(zip(keys, line, strict=True))}
                for month, line in zip(months, EXPECTED, strict=True)
            ],
            "totals": dict(zip(keys, TOTALS, strict=True)),
            "average_submitted": 0.5,
            "open_now": {"submitted": 2, "voting": 1, "board": 1},
        },
    )


@pytest.mark.parametrize(("who", "status"), [("board", 200), ("moderator", 403), ("member", 403)])
def test_pipeline_api_cast(cast, who, status):
    response = get(cast[who], "/applications/pipeline")
    assert response.status_code == status
    if status == 403:
        assert response.json() == forbidden_body()


def test_pipeline_api_anonymous_is_401(network):
    response = get(None, "/applications/pipeline")
    assert (response.status_code, response.json()) == (401, unauthenticated_body())


def test_pipeline_api_is_not_taken_for_an_application_code(office, network):
    assert client_for(office).get(API + "/applications/pipeline").json()["open_now"] == {
        "submitted": 0,
        "voting": 0,
        "board": 0,
    }
