"""The agreements' pages, under /samverkan/avtal/ (included by urls.py)."""

from django.urls import path

from .views import agreements as views

urlpatterns = [
    path("avtal/", views.agreement_list, name="agreement_list"),
    path("avtal/nytt/", views.agreement_edit, name="agreement_create"),
    path("avtal/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("avtal/<int:pk>/andra/", views.agreement_edit, name="agreement_edit"),
    path(
        "avtal/<int:pk>/steg/<str:step>/",
        views.agreement_step,
        name="agreement_step",
    ),
    path("avtal/<int:pk>/dokument/", views.agreement_document_upload, name="agreement_upload"),
    path(
        "avtal/<int:pk>/dokument/<int:document_pk>/",
        views.agreement_document,
        name="agreement_document",
    ),
    path(
        "avtal/<int:pk>/dokument/<int:document_pk>/ta-bort/",
        views.agreement_document_delete,
        name="agreement_document_delete",
    ),
]
