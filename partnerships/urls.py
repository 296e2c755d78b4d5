from django.urls import path

from portal.views import placeholder

from .urls_agreements import urlpatterns as agreement_urls

app_name = "partnerships"

urlpatterns = [
    path("", placeholder, {"section": "partnerships"}, name="index"),
    *agreement_urls,
]
