"""Who sees which application and its veto reasons; the skill overlap shown for the vote."""

import pytest

from tests import factories as f
from tests.admissions.conftest import ApplicationFactory
from verbund.admissions.queries import applications_visible_to, skill_overlap


@pytest.fixture
def other_application(group_b):
    """An application for group B, which group A's members must not see."""
    return ApplicationFactory(
        company__name="Lechfeld IT", company__home_group=group_b, company__status="candidate"
    )


@pytest.mark.parametrize(
    ("who", "visible"),
    [
        ("office", ["Lechfeld IT", "Neuland IT GmbH"]),
        ("board", ["Lechfeld IT", "Neuland IT GmbH"]),
        ("moderator", ["Neuland IT GmbH"]),
        ("member", ["Neuland IT GmbH"]),
        ("colleague", ["Neuland IT GmbH"]),
        ("member2", ["Lechfeld IT"]),
        ("guest", []),
        ("anonymous", []),
    ],
)
def test_applications_visible_to_cast(cast, application, other_application, who, visible):
    names = sorted(a.company.name for a in applications_visible_to(cast[who]))
    assert names == visible


def test_candidate_sees_own_application_only(application, other_application, candidate):
    user = candidate.people.get().user
    assert list(applications_visible_to(user)) == [application]


@pytest.mark.parametrize(
    ("who", "view", "details", "veto_reasons", "manage_vote"),
    [
        ("office", True, True, False, True),
        ("board", True, True, True, False),
        ("moderator", True, True, False, True),
        ("member", True, True, False, False),
        ("member2", False, False, False, False),
        ("guest", False, False, False, False),
    ],
)
def test_application_permissions_cast(
    cast, application, who, view, details, veto_reasons, manage_vote
):
    user = cast[who]
    assert [
        user.has_perm("admissions.view_application", application),
        user.has_perm("admissions.view_application_details", application),
        user.has_perm("admissions.view_veto_reasons", application),
        user.has_perm("admissions.manage_vote", application),
    ] == [view, details, veto_reasons, manage_vote]


def test_candidate_sees_status_but_not_details(application, candidate):
    user = candidate.people.get().user
    assert [
        user.has_perm("admissions.view_application", application),
        user.has_perm("admissions.view_application_details", application),
        user.has_perm("admissions.submit_application"),
    ] == [True, False, False]


def test_skill_overlap_lists_active_companies_of_home_group(
    application, company_a, moderator, company_b, group_a
):
    security, cloud, printing = (
        f.SkillFactory(label_de=label, label_en=label)
        for label in ("IT-Sicherheit", "Cloud", "MPS")
    )
    application.company.skills.set([security, cloud])
    company_a.skills.set([security, cloud, printing])
    moderator.person.company.skills.set([security])
    company_b.skills.set([cloud])  # another group: not a competitor at the table
    f.CompanyFactory(name="Ruhend GmbH", status="suspended", home_group=group_a).skills.set(
        [security]
    )
    overlap = [(str(skill), names) for skill, names in skill_overlap(application)]
    assert overlap == [
        ("Cloud", ["Alpen IT Service GmbH"]),
        ("IT-Sicherheit", ["Alpen IT Service GmbH", "Isar Netzwerke GmbH"]),
    ]
