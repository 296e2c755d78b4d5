from django.urls import path

from portal.views import placeholder

from . import collaboration_views, overview
from .urls_agreements import urlpatterns as agreement_urls

app_name = "partnerships"

urlpatterns = [
    path("", placeholder, {"section": "partnerships"}, name="index"),
    path("samarbeten/", collaboration_views.collaboration_list, name="collaborations"),
    path(
        "samarbeten/ny/",
        collaboration_views.collaboration_create_view,
        name="collaboration_create",
    ),
    path("samarbeten/<int:pk>/", collaboration_views.collaboration_detail, name="collaboration"),
    path(
        "samarbeten/<int:pk>/redigera/",
        collaboration_views.collaboration_edit_view,
        name="collaboration_edit",
    ),
    path("oversikt/", overview.overview, name="overview"),
    *agreement_urls,
]
