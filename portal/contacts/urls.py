from django.urls import path

from . import manage_views, views

app_name = "contacts"

# The officials' fixed paths first, so that they win over "<slug>/".
urlpatterns = [
    path("", views.index, name="index"),
    path("hantera/", manage_views.ManageView.as_view(), name="manage"),
    path("hantera/ny/", manage_views.CreateView.as_view(), name="create"),
    path("hantera/<int:pk>/redigera/", manage_views.EditView.as_view(), name="edit"),
    path("hantera/<int:pk>/granskad/", manage_views.ReviewView.as_view(), name="review"),
    path("<slug:slug>/", views.detail, name="detail"),
]
