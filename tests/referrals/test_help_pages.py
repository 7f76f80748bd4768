"""Help request pages: the cast of answer, accept and close (as the API's), and the list that
says when it shows only part."""

# The directory fixtures (and the help request ones) are imported, not in a conftest.
# ruff: noqa: F811

import re

import pytest

from tests.api.conftest import de
from tests.conftest import client_for
from tests.directory.conftest import directory_data, skills, westpark  # noqa: F401
from tests.referrals.test_help_services import (  # noqa: F401
    CUSTOMER,
    NEED,
    _answer,
    _english,
    asked,
    helpers,
)
from verbund.referrals.models import AnswerStatus, HelpRequestStatus, Referral
from verbund.referrals.services import answer_help, ask_for_help
from verbund.referrals.views import help_requests as views

NOBODY = ["colleague", "member2", "board", "office"]


def _unchanged(asked):
    asked.refresh_from_db()
    answers = sorted(a.status for a in asked.answers.all())
    return (asked.status, answers, Referral.objects.count())


UNCHANGED = (HelpRequestStatus.OPEN, [AnswerStatus.ASKED, AnswerStatus.ASKED], 0)


@pytest.mark.parametrize(("who", "status"), [("member", 404)] + [(who, 404) for who in NOBODY])
def test_answer_page_cast(asked, helpers, who, status):
    response = client_for(helpers[who]).post(
        f"/help-requests/{asked.code}/answer/", {"can_help": "yes"}
    )
    assert (response.status_code, _unchanged(asked)) == (status, UNCHANGED)


@pytest.mark.parametrize(
    ("who", "status"),
    [("westpark_admin", 403), ("moderator", 403)] + [(who, 404) for who in NOBODY],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_accept_page_cast(asked, helpers, who, status, method):
    answer_help(
        answer=_answer(asked, helpers["westpark"]), can_help=True, actor=helpers["westpark_admin"]
    )
    client = client_for(helpers[who])
    path = f"/help-requests/{asked.code}/accept/{helpers['westpark'].code}/"
    response = getattr(client, method)(path, {"temperature": "3", **CUSTOMER})
    asked.refresh_from_db()
    assert (response.status_code, asked.status, Referral.objects.count()) == (
        status,
        HelpRequestStatus.OPEN,
        0,
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [("westpark_admin", 403), ("moderator", 403)] + [(who, 404) for who in NOBODY],
)
def test_close_page_cast(asked, helpers, who, status):
    response = client_for(helpers[who]).post(f"/help-requests/{asked.code}/close/")
    assert (response.status_code, _unchanged(asked)) == (status, UNCHANGED)


# ---------------------------------------------------------------- the list


def _ask(helpers, count):
    for number in range(count):
        ask_for_help(
            need=f"{NEED} ({number + 1})",
            companies=[helpers["westpark"]],
            actor=helpers["member"],
            mail=False,
        )


def _items(html, section):
    """How many requests the section lists."""
    found = re.search(rf'<ul[^>]* id="{section}">(.*?)</ul>', html, re.S)
    return found.group(1).count('href="/help-requests/') if found else None


def _more(html, section):
    found = re.search(rf'<p[^>]* id="{section}-more">(.*?)</p>', html, re.S)
    return " ".join(found.group(1).split()) if found else None


def test_list_says_when_it_shows_only_the_first(helpers, monkeypatch):
    monkeypatch.setattr(views, "LIST_LIMIT", 2)
    _ask(helpers, 3)
    text = (
        "Showing the first %(shown)s of %(total)s help requests: open ones first, then the newest."
    )
    figures = {"shown": 2, "total": 3}
    mine = client_for(helpers["member"]).get("/help-requests/").content.decode()
    # Westpark's admin reads Verbund in English (their saved language).
    asked_of_us = client_for(helpers["westpark_admin"]).get("/help-requests/").content.decode()
    assert (_items(mine, "asked-by-me"), _more(mine, "asked-by-me")) == (2, de(text) % figures)
    assert (_more(mine, "asked-of-us"), _more(asked_of_us, "asked-of-us")) == (None, text % figures)


def test_list_of_no_more_than_the_limit_says_nothing(helpers, monkeypatch):
    monkeypatch.setattr(views, "LIST_LIMIT", 2)
    _ask(helpers, 2)
    mine = client_for(helpers["member"]).get("/help-requests/").content.decode()
    assert (_items(mine, "asked-by-me"), _more(mine, "asked-by-me")) == (2, None)


@pytest.mark.parametrize("count", [1, 3])
def test_list_takes_the_same_queries(helpers, count, django_assert_num_queries):
    _ask(helpers, count)
    client = client_for(helpers["member"])
    client.get("/help-requests/")
    with django_assert_num_queries(9):
        response = client.get("/help-requests/")
    html = response.content.decode()
    assert (_items(html, "asked-by-me"), _items(html, "asked-of-us")) == (count, 0)
