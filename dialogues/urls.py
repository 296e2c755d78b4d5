from django.urls import path

from portal.views import placeholder

app_name = "dialogues"

urlpatterns = [
    path("", placeholder, {"section": "dialogues"}, name="index"),
]
