from django.urls import path

from portal.views import placeholder

app_name = "partnerships"

urlpatterns = [
    path("", placeholder, {"section": "partnerships"}, name="index"),
]
