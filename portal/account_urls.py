from django.urls import path

from . import views

urlpatterns = [
    path("", views.account_profile, name="account_profile"),
    path("mina-uppgifter/", views.account_data, name="account_data"),
    path("mina-uppgifter.json", views.account_export, name="account_export"),
    path("radera/", views.account_delete, name="account_delete"),
]
