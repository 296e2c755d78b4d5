from django.urls import include, path

from portal.views import placeholder

app_name = "organisations"

# Public pages (directory, detail, calendar, feeds, open data) live in views.py;
# what representatives and coordinators do lives in manage_views.py / manage_urls.py.
urlpatterns = [
    path("", placeholder, {"section": "organisations"}, name="directory"),
    path("kalender/", placeholder, {"section": "calendar"}, name="calendar"),
    path("", include("organisations.manage_urls")),
]
