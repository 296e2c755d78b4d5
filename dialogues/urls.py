from django.urls import path

from portal.views import placeholder

app_name = "dialogues"

urlpatterns = [
    path("", placeholder, {"section": "dialogues"}, name="index"),
    path("<slug:slug>/", placeholder, {"section": "dialogues"}, name="forum"),
    path("<slug:slug>/moten/<int:pk>/", placeholder, {"section": "dialogues"}, name="meeting"),
]
