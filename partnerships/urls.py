from django.urls import path

from . import overview, views
from .urls_agreements import urlpatterns as agreement_urls
from .views import collaborations as collaboration_views
from .views import reports

app_name = "partnerships"

urlpatterns = [
    path("", views.index, name="index"),
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
    path("rapporter/", reports.report_list, name="reports"),
    path("rapporter/<int:pk>/", reports.report, name="report"),
    path("rapporter/<int:pk>/granskning/", reports.review, name="report_review"),
    path("rapporter/bilagor/<int:pk>/", reports.attachment, name="report_attachment"),
]
