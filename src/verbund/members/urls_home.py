from django.urls import path

from verbund.members.views import home

urlpatterns = [path("", home.start_page, name="home")]
