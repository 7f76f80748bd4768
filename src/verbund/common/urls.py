from django.urls import path

from verbund.common import views

# Mounted under /office/ in the "office" namespace by verbund/urls.py.
office_patterns = [path("audit/", views.audit_log, name="audit_log")]
