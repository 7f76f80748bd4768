"""Asking for help once: the same request (asker, need, companies) sent again within ten
minutes while open is refused without mail (a double click); the ask page ranks the
suggestions once per send."""

# The directory fixtures (and the help request ones) are imported, not in a conftest.
# ruff: noqa: F811

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from tests.conftest import client_for
from tests.directory.conftest import directory_data, skills, westpark  # noqa: F401
from tests.referrals.test_help_services import NEED, _english, helpers  # noqa: F401
from verbund.referrals import queries
from verbund.referrals.models import HelpAnswer, HelpRequest, HelpRequestStatus
from verbund.referrals.services import ask_for_help
from verbund.referrals.services import help_requests as services
from verbund.referrals.views import help_requests as views

AGAIN = (
    "You sent this help request to the same companies a few minutes ago; it has not been "
    "sent again. You find it under your help requests."
)


def _ask(helpers, companies=("westpark", "isar"), need=NEED):
    return ask_for_help(
        need=need, companies=[helpers[name] for name in companies], actor=helpers["member"]
    )


def test_the_same_request_again_is_refused_without_mail(
    helpers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = _ask(helpers)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as error:
        # The same need with other spaces around it, the companies in another order.
        _ask(helpers, companies=("isar", "westpark", "isar"), need=f"  {NEED} ")
    assert error.value.message_dict == {"__all__": [AGAIN]}
    assert (list(HelpRequest.objects.all()), HelpAnswer.objects.count(), mail.outbox) == (
        [first],
        2,
        [],
    )


@pytest.mark.parametrize(
    "change",
    ["other companies", "other need", "closed", "eleven minutes ago", "another asker"],
)
def test_a_request_that_differs_is_sent(helpers, change):
    first = _ask(helpers)
    if change == "closed":
        HelpRequest.objects.filter(pk=first.pk).update(status=HelpRequestStatus.CLOSED)
    if change == "eleven minutes ago":
        earlier = timezone.now() - datetime.timedelta(minutes=11)
        HelpRequest.objects.filter(pk=first.pk).update(created_at=earlier)
    if change == "another asker":
        second = ask_for_help(
            need=NEED, companies=[helpers["westpark"], helpers["isar"]], actor=helpers["colleague"]
        )
    else:
        second = _ask(
            helpers,
            companies=("westpark",) if change == "other companies" else ("westpark", "isar"),
            need=NEED + " und VPN" if change == "other need" else NEED,
        )
    assert HelpRequest.objects.count() == 2
    assert second.pk != first.pk


def test_ask_page_sent_twice_makes_one_request(helpers):
    member = client_for(helpers["member2"])
    data = {"need": NEED, "region": "", "companies": [helpers["westpark"].code]}
    first = member.post("/help-requests/new/", data)
    help_request = HelpRequest.objects.get()
    assert (first.status_code, first["Location"]) == (302, f"/help-requests/{help_request.code}/")
    again = member.post("/help-requests/new/", data)
    assert again.status_code == 200
    with translation.override("de"):
        expected = translation.gettext(AGAIN)
    assert again.context["form"].non_field_errors() == [expected]
    assert HelpRequest.objects.count() == 1


def test_ask_page_ranks_once_and_keeps_the_reasons(helpers, monkeypatch):
    calls = []

    def counted(*args, **kwargs):
        calls.append(args[1:])
        return queries.suggest_helpers(*args, **kwargs)

    monkeypatch.setattr(views, "suggest_helpers", counted)
    monkeypatch.setattr(services, "suggest_helpers", counted)
    data = {"need": NEED, "region": "", "companies": [helpers["westpark"].code]}
    response = client_for(helpers["member2"]).post("/help-requests/new/", data)
    assert (response.status_code, calls) == (302, [(NEED, "")])
    with translation.override("de"):
        reasons = queries.suggest_helpers(helpers["member2"], NEED)[0].reasons
    assert HelpAnswer.objects.get().reason == "; ".join(reasons)
