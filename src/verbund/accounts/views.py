"""The own account: profile, company shortcut, API tokens and the language preference.

Password, e-mail, two-factor and sessions are allauth's pages (styled by our templates).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from verbund.accounts.forms.profile import LanguageForm, ProfileForm
from verbund.accounts.forms.tokens import TokenForm
from verbund.accounts.models import ApiToken
from verbund.accounts.services import create_api_token, revoke_api_token, set_language
from verbund.common.http import run_service, safe_next
from verbund.members.services import update_person
from verbund.network.queries import roles_of


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """Edit one's own person; beside it the language and links to the security pages."""
    person = roles_of(request.user).person
    form = None
    if person is not None:
        posted = request.method == "POST"
        form = ProfileForm.for_person(
            person, request.POST if posted else None, request.FILES if posted else None
        )
        if posted and form.is_valid():
            data = form.changes(person)
            saved = run_service(
                form, lambda: update_person(person=person, data=data, actor=request.user)
            )
            if saved is not None:
                text = _("Your profile has been saved.") if data else _("Nothing was changed.")
                messages.success(request, text)
                return redirect("accounts:profile")
            person.refresh_from_db()  # the service set values in memory before it refused
    context = {
        "person": person,
        "form": form,
        "language_form": LanguageForm(initial={"language": request.user.language}),
    }
    return render(request, "accounts/profile_edit.html", context)


@login_required
def company_redirect(request: HttpRequest) -> HttpResponse:
    """Send the user to their company: the edit page if they may edit it, else its page."""
    person = roles_of(request.user).person
    company = person.company if person is not None else None
    if company is None:
        raise Http404
    if request.user.has_perm("members.change_company", company):
        return redirect("members:company_edit", code=company.code)
    return redirect("members:company_detail", code=company.code)


@never_cache  # the response may carry a new token's secret
@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    """List one's API tokens and create one; a new token's secret is shown on this response only."""
    form = TokenForm(request.POST or None)
    new_token = raw = None
    if request.method == "POST" and form.is_valid():
        created = run_service(
            form,
            lambda: create_api_token(
                user=request.user, name=form.cleaned_data["name"], actor=request.user
            ),
        )
        if created is not None:
            new_token, raw = created
            form = TokenForm()
    context = {
        "form": form,
        "tokens": ApiToken.objects.filter(user=request.user),
        "new_token": new_token,
        "raw_token": raw,
        "api_me_url": f"{settings.SITE_URL}/api/v1/me",
    }
    return render(request, "accounts/token_list.html", context)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of one's own tokens (another user's token: 404)."""
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    revoke_api_token(token=token, actor=request.user)
    messages.success(request, _("The token “%(name)s” has been revoked.") % {"name": token.name})
    return redirect("accounts:tokens")


@login_required
@require_POST
def language(request: HttpRequest) -> HttpResponse:
    """Save the language for pages and e-mails and use it from this response on."""
    form = LanguageForm(request.POST)
    if form.is_valid():
        run_service(
            form,
            lambda: set_language(
                user=request.user, language=form.cleaned_data["language"], actor=request.user
            ),
        )
    response = redirect(_next_url(request))
    if form.errors:
        errors = form.errors.get("language") or form.non_field_errors()
        messages.error(request, " ".join(errors))
        return response
    code = form.cleaned_data["language"]
    translation.activate(code)
    request.LANGUAGE_CODE = code
    messages.success(request, _("Your language has been saved."))  # already in the new one
    # The cookie keeps the language on the login page after logging out.
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def _next_url(request: HttpRequest) -> str:
    """The page to return to: the posted `next` if it is on this site, else the profile."""
    return safe_next(request, request.POST.get("next", ""), reverse("accounts:profile"))
