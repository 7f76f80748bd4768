"""The member-facing people pages: the directory list, a person's profile and photo."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from verbund.common.http import check_perm, get_visible_or_404, page_or_partial, paginate
from verbund.members.models import Person
from verbund.members.queries import people_visible_to, visible_contact
from verbund.network.queries import roles_of


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    """The people the viewer may see, searchable by name, company and function."""
    check_perm(request, "members.view_directory")
    query = request.GET.get("q", "").strip()
    page = paginate(request, _search(people_visible_to(request.user), query))
    rows = [(person, visible_contact(person, request.user)) for person in page]
    context = {"page": page, "rows": rows, "q": query}
    template = page_or_partial(request, "members/person_list.html", "results")
    return render(request, template, context)


def _search(people: QuerySet[Person], query: str) -> QuerySet[Person]:
    """Every word must match the name, the company or the function ("maria huber" works)."""
    for word in query.split():
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(company__name__icontains=word)
            | Q(function__icontains=word)
        )
    return people


@login_required
def person_detail(request: HttpRequest, code: str) -> HttpResponse:
    """A person's profile with the contact fields this viewer may see."""
    person = get_visible_or_404(people_visible_to(request.user), code=code)
    viewer = roles_of(request.user).person
    context = {
        "person": person,
        "contact": visible_contact(person, request.user),
        "groups": [membership.group for membership in person.group_memberships.all()],
        "is_self": viewer is not None and viewer.pk == person.pk,
        "can_manage": request.user.has_perm("members.change_person_admin", person),
        "link_company": request.user.has_perm("members.view_directory"),
    }
    return render(request, "members/person_detail.html", context)


@login_required
def person_photo(request: HttpRequest, code: str) -> HttpResponse:
    """The person's photo, streamed only to viewers who may see the person (not public media)."""
    person = get_visible_or_404(people_visible_to(request.user), code=code)
    if not person.photo:
        raise Http404
    try:
        photo = person.photo.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(photo)
    response["Cache-Control"] = "private, max-age=3600"
    return response
