from django.urls import path

from portal.views import placeholder

app_name = "organisations"

urlpatterns = [
    path("", placeholder, {"section": "organisations"}, name="directory"),
    path("kalender/", placeholder, {"section": "calendar"}, name="calendar"),
]
