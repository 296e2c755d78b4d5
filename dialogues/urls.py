from django.urls import path

from portal.views import placeholder

from .views import meetings, my_meetings, participants

app_name = "dialogues"

MEETING = "<slug:slug>/moten/<int:pk>/"

urlpatterns = [
    path("", placeholder, {"section": "dialogues"}, name="index"),
    # Fixed paths before "<slug>/", which would take them for a forum.
    path("mina-moten/", my_meetings.my_meetings, name="my_meetings"),
    path("mina-moten/kalenderadress/", my_meetings.renew_feed, name="renew_feed"),
    path("mina-moten/<str:token>.ics", my_meetings.my_meetings_ics, name="my_meetings_ics"),
    path("<slug:slug>/", placeholder, {"section": "dialogues"}, name="forum"),
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
