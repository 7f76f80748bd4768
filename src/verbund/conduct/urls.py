from django.urls import path

from verbund.conduct.views import cases, honour, resignation

app_name = "conduct"

urlpatterns = [
    path("code-of-honour/", honour.code_of_honour, name="code_of_honour"),
    path("conduct-cases/", cases.case_list, name="case_list"),
    path("conduct-cases/new/", cases.case_create, name="case_create"),
    path("conduct-cases/figures/", cases.case_figures, name="case_figures"),
    path("conduct-cases/<str:code>/", cases.case_detail, name="case_detail"),
    path("conduct-cases/<str:code>/stage/", cases.case_stage, name="case_stage"),
    path("conduct-cases/<str:code>/statement/", cases.case_statement, name="case_statement"),
    path("conduct-cases/<str:code>/decision/", cases.case_decision, name="case_decision"),
    path(
        "companies/<str:code>/resignation/",
        resignation.resignation_create,
        name="resignation_create",
    ),
    path(
        "companies/<str:code>/resignation/withdrawal/",
        resignation.resignation_withdrawal,
        name="resignation_withdrawal",
    ),
]

office_patterns = [
    path("code-of-honour/", honour.office_code, name="code_of_honour"),
]
