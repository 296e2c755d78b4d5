from django.urls import path

from portal.views import placeholder

from .views import reports

app_name = "partnerships"

urlpatterns = [
    path("", placeholder, {"section": "partnerships"}, name="index"),
    path("rapporter/", reports.report_list, name="reports"),
    path("rapporter/<int:pk>/", reports.report, name="report"),
    path("rapporter/<int:pk>/granskning/", reports.review, name="report_review"),
    path("rapporter/bilagor/<int:pk>/", reports.attachment, name="report_attachment"),
]
