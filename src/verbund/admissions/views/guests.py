"""Guest pages: the list, inviting, a guest's page, the guests on a meeting's register, the
vendor guest form, the public visit page of a group (no login) and the office's consent text.

Who sees a guest is `guests_visible_to`; their e-mail and phone only the office, the
group's moderators and secretaries and the inviter (`admissions.view_guest_contact`).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.admissions.forms_guests import (
    ActionForm,
    ConsentForm,
    InviteForm,
    RegistrationForm,
    VendorGuestForm,
    VisitStatusForm,
    WalkInForm,
)
from verbund.admissions.models import OPEN_STAGES, Guest, GuestConsent, GuestVisit, VisitStatus
from verbund.admissions.queries import (
    current_consent,
    guest_visits_of,
    guests_visible_to,
    invitable_meetings,
    next_public_meetings,
    with_visit_counts,
)
from verbund.admissions.services import (
    TooManyRegistrations,
    add_walk_in,
    confirm_registration,
    count_registration,
    give_guest_login,
    invite_guest,
    invite_vendor_guest,
    publish_consent,
    read_registration,
    record_visit,
    request_registration,
)
from verbund.admissions.services.guests_public import confirmation_sent
from verbund.common.http import (
    check_perm,
    client_ip,
    get_visible_or_404,
    paginate,
    run_service,
)
from verbund.meetings.models import Meeting
from verbund.meetings.queries import meetings_visible_to
from verbund.network.models import Group
from verbund.network.queries import get_network

REGISTER_PARTIAL = "admissions/guests/register_guests.html"
RECORD = "admissions.record_guest_visit"
CONFIRM_TEMPLATE = "admissions/guests/public_visit_confirm.html"


def _list_groups(guests: QuerySet[Guest]) -> QuerySet[Group]:
    """The groups the visible guests visit: the filter's choices."""
    return Group.objects.filter(guest_visits__guest__in=guests.values("pk")).distinct()


@login_required
def guest_list(request: HttpRequest) -> HttpResponse:
    """The guests the viewer may see, with attended visits against the limit; `?group=`."""
    guests = guests_visible_to(request.user)
    groups = _list_groups(guests)
    group = groups.filter(code=request.GET.get("group", "")).first()
    if group is not None:
        guests = guests.filter(pk__in=GuestVisit.objects.filter(group=group).values("guest_id"))
    page = paginate(request, with_visit_counts(guests).order_by("person__last_name", "pk"))
    context = {
        "page": page,
        "groups": groups.order_by("name"),
        "group": group,
        "limit": get_network().guest_visit_limit,
        "may_invite": request.user.has_perm("admissions.invite_guests"),
    }
    return render(request, "admissions/guests/guest_list.html", context)


@login_required
def guest_create(request: HttpRequest) -> HttpResponse:
    """A member invites a guest to one of the next meetings of their groups."""
    check_perm(request, "admissions.invite_guests")
    form = InviteForm(request.POST or None, meetings=invitable_meetings(request.user))
    if request.method == "POST" and form.is_valid():
        meeting = form.cleaned_data["meeting"]
        data = form.guest_data() | {"language": form.cleaned_data["language"]}
        call = partial(invite_guest, data=data, meeting=meeting, actor=request.user)
        visit = run_service(form, call)
        if visit is not None:
            messages.success(
                request,
                _("%(guest)s is invited; the invitation is on its way.")
                % {"guest": visit.guest.person},
            )
            # The guest's page shows only what the inviter may see (a known guest's contact
            # data stays with those who may see it); the list if they may not see the page.
            if guests_visible_to(request.user).filter(pk=visit.guest.pk).exists():
                return redirect("admissions:guest_detail", code=visit.guest.person.code)
            return redirect("admissions:guest_list")
    return render(request, "admissions/guests/guest_form.html", {"form": form})


def visible_guest(request: HttpRequest, code: str) -> Guest:
    """The guest if the viewer may see them, else 404."""
    return get_visible_or_404(guests_visible_to(request.user), person__code=code)


@login_required
def guest_detail(request: HttpRequest, code: str) -> HttpResponse:
    """A guest's visits, consent and inviter; contact data for those who may see it."""
    return _render_detail(request, visible_guest(request, code))


def _render_detail(request: HttpRequest, guest: Guest, login_form: Form | None = None):
    user = request.user
    application = guest.application
    may_submit = user.has_perm("admissions.submit_application") and (
        application is None or application.stage not in OPEN_STAGES
    )
    context = {
        "guest": guest,
        "visits": list(guest.visits.select_related("group", "meeting")),
        "attended": guest.visits.filter(status=VisitStatus.ATTENDED).count(),
        "limit": get_network().guest_visit_limit,
        "may_see_contact": user.has_perm("admissions.view_guest_contact", guest),
        "may_see_application": application is not None
        and user.has_perm("admissions.view_application", application),
        "may_submit": may_submit and guest.kind == "candidate",
        "may_give_login": user.has_perm("admissions.give_guest_login", guest)
        and guest.person.user_id is None,
        "login_form": login_form or ActionForm(),
    }
    return render(request, "admissions/guests/guest_detail.html", context)


@require_POST
@login_required
def guest_login(request: HttpRequest, code: str) -> HttpResponse:
    """The office gives a guest a login (invited by e-mail to set a password)."""
    guest = visible_guest(request, code)
    check_perm(request, "admissions.give_guest_login", guest)
    form = ActionForm(request.POST)
    form.is_valid()  # no fields: valid; the service's refusal goes on it
    if run_service(form, partial(give_guest_login, guest=guest, actor=request.user)) is None:
        return _render_detail(request, guest, form)
    messages.success(request, _("%(guest)s has a login now.") % {"guest": guest.person})
    return redirect("admissions:guest_detail", code=code)


# ---------------------------------------------------------------- the meeting's register


def register_context(request: HttpRequest, meeting: Meeting, form: Form | None = None):
    """The guests part of a meeting's register page (meetings/views/register.py)."""
    return {
        "guest_visits": list(guest_visits_of(meeting)),
        "visit_statuses": VisitStatus.choices,
        "may_record_guests": request.user.has_perm(RECORD, meeting),
        "walk_in_form": form or WalkInForm(),
    }


@require_POST
@login_required
def visit_record(request: HttpRequest, pk: int) -> HttpResponse:
    """One tap on the register: a guest came or did not; HTMX swaps only that row."""
    visible = meetings_visible_to(request.user).values("pk")
    queryset = GuestVisit.objects.select_related("guest__person", "guest__invited_by", "meeting")
    visit = get_object_or_404(queryset, pk=pk, meeting__in=visible)
    check_perm(request, RECORD, visit.meeting)
    form = VisitStatusForm(request.POST)
    saved = form.is_valid() and run_service(
        form,
        partial(record_visit, visit=visit, status=form.cleaned_data["status"], actor=request.user),
    )
    visit.refresh_from_db(fields=["status"])
    if request.htmx:
        context = {
            "visit": visit,
            "visit_statuses": VisitStatus.choices,
            "may_record_guests": True,
            "visit_errors": [] if saved else [e for errs in form.errors.values() for e in errs],
        }
        return render(request, f"{REGISTER_PARTIAL}#visit", context)
    for error in [] if saved else [e for errs in form.errors.values() for e in errs]:
        messages.error(request, error)
    url = reverse("meetings:register", args=[visit.meeting.code])
    return redirect(f"{url}#guest-visit-{visit.pk}")


@require_POST
@login_required
def walk_in(request: HttpRequest, code: str) -> HttpResponse:
    """A guest who came unannounced, added to the meeting's guests."""
    from verbund.meetings.views.register import _render_register

    meeting = get_visible_or_404(meetings_visible_to(request.user), code=code)
    check_perm(request, RECORD, meeting)
    form = WalkInForm(request.POST)
    if form.is_valid():
        call = partial(add_walk_in, meeting=meeting, data=form.guest_data(), actor=request.user)
        visit = run_service(form, call)
        if visit is not None:
            messages.success(
                request, _("%(guest)s is recorded as a guest.") % {"guest": visit.guest.person}
            )
            return redirect(reverse("meetings:register", args=[meeting.code]) + "#guests")
    return _render_register(request, meeting, walk_in_form=form)


@login_required
def vendor_guest(request: HttpRequest, code: str) -> HttpResponse:
    """The moderator invites a vendor guest to the meeting's vendor slot."""
    meeting = get_visible_or_404(meetings_visible_to(request.user), code=code)
    check_perm(request, "admissions.invite_vendor_guest", meeting)
    form = VendorGuestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.guest_data() | {"language": form.cleaned_data["language"]}
        call = partial(
            invite_vendor_guest,
            data=data,
            meeting=meeting,
            title=form.cleaned_data["title"],
            actor=request.user,
        )
        visit = run_service(form, call)
        if visit is not None:
            messages.success(
                request,
                _("%(guest)s is invited to the vendor slot.") % {"guest": visit.guest.person},
            )
            return redirect("meetings:meeting_detail", code=meeting.code)
    return render(
        request, "admissions/guests/vendor_guest_form.html", {"form": form, "meeting": meeting}
    )


# ---------------------------------------------------------------- public and office pages


def public_visit(request: HttpRequest, code: str) -> HttpResponse:
    """A group's public page (no login): its next meetings and the registration with
    consent. Shows no member data; a valid form gets the same answer for any address (the
    link to confirm is mailed to it)."""
    group = get_object_or_404(Group, code=code)
    shown = list(next_public_meetings(group))
    meetings = Meeting.objects.filter(pk__in=[m.pk for m in shown]).select_related("group")
    consent = current_consent()
    form = RegistrationForm(request.POST or None, meetings=meetings, consent=consent)
    context = {"group": group, "meetings": shown, "consent": consent, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            # Counted before the service, outside any transaction: refusals count too.
            count_registration(client_ip(request))
        except TooManyRegistrations as refused:
            context["refused"] = str(refused)
            return render(request, "admissions/guests/public_visit.html", context, status=429)
        call = partial(
            request_registration,
            data=form.guest_data(),
            meeting=form.cleaned_data["meeting"],
            consent=form.agreed_version(),
            language=get_language() or "de",
        )
        email = run_service(form, call)
        if email is not None:
            context["sent"] = confirmation_sent(email)
            return render(request, "admissions/guests/public_visit_sent.html", context)
        if "consent" in form.errors:
            form.show_current_consent(consent)
    return render(request, "admissions/guests/public_visit.html", context)


def public_visit_confirm(request: HttpRequest, code: str, token: str) -> HttpResponse:
    """The link mailed to a registering guest: shows the registration; the button (a POST,
    so that mail systems' link scanners confirm nothing) registers the visit."""
    group = get_object_or_404(Group, code=code)
    # The button sends no fields: an empty POST still binds the form.
    form = ActionForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {"group": group, "form": form}
    try:
        pending = read_registration(token)
        if pending.meeting.group_id != group.pk:
            raise ValidationError(_("This confirmation link is not valid. Please register again."))
    except ValidationError as invalid:
        context["invalid"] = invalid.messages
        return render(request, CONFIRM_TEMPLATE, context, status=400)
    context["pending"] = pending
    if request.method == "POST" and form.is_valid():
        visit = run_service(form, partial(confirm_registration, token=token))
        if visit is not None:
            context["visit"] = visit
            return render(request, "admissions/guests/public_visit_done.html", context)
    return render(request, CONFIRM_TEMPLATE, context)


@login_required
def office_consent(request: HttpRequest) -> HttpResponse:
    """The office: the versions of the guests' consent text, and a new one to publish."""
    check_perm(request, "admissions.publish_guest_consent")
    current = current_consent()
    initial = {"text_de": current.text_de, "text_en": current.text_en} if current else None
    form = ConsentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = partial(
            publish_consent, text_de=data["text_de"], text_en=data["text_en"], actor=request.user
        )
        consent = run_service(form, call)
        if consent is not None:
            messages.success(
                request,
                _("Version %(version)d of the consent text is published.")
                % {"version": consent.version},
            )
            return redirect("office:guest_consent")
    versions = GuestConsent.objects.annotate(agreed=Count("guests")).order_by("-version")
    context = {"versions": versions, "form": form}
    return render(request, "admissions/guests/office_consent.html", context)


def applying_guest(request: HttpRequest) -> Guest | None:
    """The guest named by `?guest=` (a person's code) on the application form, if the viewer
    sees them; 404 for a guest they do not see."""
    code = request.GET.get("guest", "")
    return visible_guest(request, code) if code else None
