from django.urls import include, path

from . import activity_views, api, api_registry, api_schema, views

app_name = "organisations"

# What representatives and coordinators do lives in manage_urls.py (first, so its
# fixed paths win over "<slug>/"); the public pages, feeds and open data follow.
urlpatterns = [
    path("", include("organisations.manage_urls")),
    path("", views.directory, name="directory"),
    path("kalender/", views.calendar, name="calendar"),
    path("kalender.ics", views.calendar_ics, name="calendar_ics"),
    path("aktiviteter/<int:pk>/", activity_views.activity, name="activity"),
    path("aktiviteter/<int:pk>/kalender.ics", activity_views.activity_ics, name="activity_ics"),
    path("export/", views.export, name="export"),
    path("api/", api.docs, name="api_docs"),
    path("api/openapi.json", api_schema.openapi, name="api_openapi"),
    path("api/foreningar/", api.organisations, name="api_organisations"),
    path("api/aktiviteter/", api.activities, name="api_activities"),
    path("api/kategorier/", api.categories, name="api_categories"),
    path("api/kommundelar/", api.districts, name="api_districts"),
    path("api/omraden/", api.areas, name="api_areas"),
    *api_registry.urlpatterns(),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/kalender.ics", views.organisation_ics, name="organisation_ics"),
]
