from django.urls import path

from verbund.members.views import (
    companies,
    office,
    office_import,
    office_people,
    office_skills,
    people,
    skills,
)

app_name = "members"

urlpatterns = [
    path("companies/", companies.company_list, name="company_list"),
    path("companies/<str:code>/", companies.company_detail, name="company_detail"),
    path("companies/<str:code>/edit/", companies.company_edit, name="company_edit"),
    path("companies/<str:code>/skills/", skills.company_skills, name="company_skills"),
    path("people/", people.person_list, name="person_list"),
    path("people/<str:code>/", people.person_detail, name="person_detail"),
    path("people/<str:code>/photo/", people.person_photo, name="person_photo"),
]

# Mounted under /office/ in the "office" namespace by verbund/urls.py.
office_patterns = [
    path("companies/", office.company_list, name="company_list"),
    path("companies/new/", office.company_create, name="company_create"),
    path("companies/<str:code>/", office.company_manage, name="company_manage"),
    path("import/", office_import.import_members, name="import_members"),
    path("skills/", office_skills.skill_list, name="skill_list"),
    path("skills/<str:code>/", office_skills.skill_edit, name="skill_edit"),
    path("people/", office_people.person_list, name="person_list"),
    path("people/new/", office_people.person_create, name="person_create"),
    path("people/<str:code>/", office_people.person_manage, name="person_manage"),
]
