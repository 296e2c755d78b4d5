"""Routes for representatives, included by organisations/urls.py (no app_name here:
they live in the "organisations" namespace). Include these BEFORE "<slug:slug>/"."""

from django.urls import path

from . import manage_views as views
from . import member_views, registration

urlpatterns = [
    path("registrera/", registration.RegisterView.as_view(), name="register"),
    path("registrera/granska/", registration.ReviewView.as_view(), name="register_review"),
    path("registrera/<slug:step>/", registration.RegisterView.as_view(), name="register_step"),
    path(
        "registrera/ga-med/<str:token>/",
        views.JoinMatchView.as_view(),
        name="join_request_match",
    ),
    path("mina-foreningar/", views.MineView.as_view(), name="mine"),
    path(
        "inbjudan/<str:token>/",
        member_views.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
    path("aktiviteter/<int:pk>/redigera/", views.ActivityEditView.as_view(), name="activity_edit"),
    path(
        "aktiviteter/<int:pk>/stall-in/", views.ActivityCancelView.as_view(), name="activity_cancel"
    ),
    path("<slug:slug>/redigera/", views.EditView.as_view(), name="edit"),
    path("<slug:slug>/bekrafta/", views.ConfirmView.as_view(), name="confirm"),
    path("<slug:slug>/representanter/", member_views.MembersView.as_view(), name="members"),
    path(
        "<slug:slug>/representanter/<int:pk>/roll/",
        member_views.MembershipRoleView.as_view(),
        name="member_role",
    ),
    path(
        "<slug:slug>/representanter/<int:pk>/ta-bort/",
        member_views.MemberRemoveView.as_view(),
        name="member_remove",
    ),
    path(
        "<slug:slug>/inbjudningar/<int:pk>/skicka-igen/",
        member_views.InvitationResendView.as_view(),
        name="invitation_resend",
    ),
    path(
        "<slug:slug>/inbjudningar/<int:pk>/aterkalla/",
        member_views.InvitationWithdrawView.as_view(),
        name="invitation_withdraw",
    ),
    path("<slug:slug>/lamna/", member_views.LeaveView.as_view(), name="leave"),
    path("<slug:slug>/ga-med/", views.JoinRequestView.as_view(), name="join_request"),
    path(
        "<slug:slug>/ga-med/<int:pk>/beslut/",
        member_views.JoinRequestDecideView.as_view(),
        name="join_request_decide",
    ),
    path("<slug:slug>/hantera-aktiviteter/", views.ActivityListView.as_view(), name="activities"),
    path("<slug:slug>/aktiviteter/ny/", views.ActivityCreateView.as_view(), name="activity_create"),
]
