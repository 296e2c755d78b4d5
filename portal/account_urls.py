from django.urls import path

from . import views

urlpatterns = [
    path("", views.placeholder, {"section": "account"}, name="account_profile"),
]
