from django.urls import path

from verbund.conduct import views

app_name = "conduct"

urlpatterns = [
    path("code-of-honour/", views.code_of_honour, name="code_of_honour"),
]

office_patterns = [
    path("code-of-honour/", views.office_code, name="code_of_honour"),
]
