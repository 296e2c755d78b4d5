from django.urls import path

from .views import forums, meetings, my_meetings, participants

app_name = "dialogues"

MEETING = "<slug:slug>/moten/<int:pk>/"

urlpatterns = [
    path("", forums.forum_map, name="index"),
    # Fixed paths before "<slug>/", which would take them for a forum.
    path("mina-moten/", my_meetings.my_meetings, name="my_meetings"),
    path("mina-moten/kalenderadress/", my_meetings.renew_feed, name="renew_feed"),
    path("mina-moten/<str:token>.ics", my_meetings.my_meetings_ics, name="my_meetings_ics"),
    path("<slug:slug>/", forums.forum_detail, name="forum"),
    path("<slug:slug>/kalender.ics", forums.forum_ics, name="forum_ics"),
    path(MEETING, meetings.meeting_detail, name="meeting"),
    path(f"{MEETING}kalender.ics", meetings.meeting_ics, name="meeting_ics"),
    path(f"{MEETING}anmalan/", meetings.sign_up, name="sign_up"),
    path(
        f"{MEETING}anmalan/<int:registration_pk>/",
        meetings.change_registration,
        name="change_registration",
    ),
    path(
        f"{MEETING}anmalan/<int:registration_pk>/avboka/",
        meetings.cancel_registration,
        name="cancel_registration",
    ),
    path(f"{MEETING}fragor/", meetings.send_question, name="send_question"),
    path(f"{MEETING}deltagare/", participants.participants, name="participants"),
    path(
        f"{MEETING}deltagare.csv",
        participants.participants_export,
        {"file_format": "csv"},
        name="participants_csv",
    ),
    path(
        f"{MEETING}deltagare.xlsx",
        participants.participants_export,
        {"file_format": "xlsx"},
        name="participants_xlsx",
    ),
]
