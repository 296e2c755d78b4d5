"""Routes for representatives, included by organisations/urls.py (no app_name here:
they live in the "organisations" namespace). Include these BEFORE "<slug:slug>/"."""

from django.urls import path

from . import manage_views as views

urlpatterns = [
    path("registrera/", views.RegisterView.as_view(), name="register"),
    path(
        "registrera/ga-med/<str:token>/",
        views.JoinMatchView.as_view(),
        name="join_request_match",
    ),
    path("mina-foreningar/", views.MineView.as_view(), name="mine"),
    path("inbjudan/<str:token>/", views.InvitationAcceptView.as_view(), name="invitation_accept"),
    path("aktiviteter/<int:pk>/redigera/", views.ActivityEditView.as_view(), name="activity_edit"),
    path(
        "aktiviteter/<int:pk>/stall-in/", views.ActivityCancelView.as_view(), name="activity_cancel"
    ),
    path("<slug:slug>/redigera/", views.EditView.as_view(), name="edit"),
    path("<slug:slug>/bekrafta/", views.ConfirmView.as_view(), name="confirm"),
    path("<slug:slug>/representanter/", views.MembersView.as_view(), name="members"),
    path(
        "<slug:slug>/representanter/<int:pk>/roll/",
        views.MembershipActionView.as_view(action="role"),
        name="member_role",
    ),
    path(
        "<slug:slug>/representanter/<int:pk>/ta-bort/",
        views.MembershipActionView.as_view(action="remove"),
        name="member_remove",
    ),
    path("<slug:slug>/lamna/", views.LeaveView.as_view(), name="leave"),
    path("<slug:slug>/ga-med/", views.JoinRequestView.as_view(), name="join_request"),
    path(
        "<slug:slug>/ga-med/<int:pk>/beslut/",
        views.JoinRequestDecideView.as_view(),
        name="join_request_decide",
    ),
    path("<slug:slug>/hantera-aktiviteter/", views.ActivityListView.as_view(), name="activities"),
    path("<slug:slug>/aktiviteter/ny/", views.ActivityCreateView.as_view(), name="activity_create"),
]
