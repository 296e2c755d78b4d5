from django.urls import path

from portal.views import placeholder

app_name = "surveys"

urlpatterns = [
    path("", placeholder, {"section": "surveys"}, name="index"),
    path("<slug:slug>/", placeholder, {"section": "surveys"}, name="survey"),
]
