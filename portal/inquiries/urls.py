from django.urls import path

from . import case_views, views

app_name = "inquiries"

urlpatterns = [
    path("", views.start, name="start"),
    path("kvitto/<str:reference>/", views.receipt, name="receipt"),
    path("arende/<str:token>/", views.follow, name="follow"),
    path("arende/<str:token>/ny-lank/", views.renew, name="renew"),
    path("arende/<str:token>/bilaga/<int:pk>/", views.follow_attachment, name="follow_attachment"),
    path("mina/", views.mine, name="mine"),
    path("mina/<str:reference>/", views.mine_detail, name="mine_detail"),
    path("mina/<str:reference>/bilaga/<int:pk>/", views.mine_attachment, name="mine_attachment"),
    path("arenden/", case_views.case_list, name="list"),
    path("statistik/", case_views.statistics, name="statistics"),
    path("arenden/<str:reference>/", case_views.case, name="case"),
    path("arenden/<str:reference>/tilldela/", case_views.assign, name="assign"),
    path("arenden/<str:reference>/svara/", case_views.reply, name="reply"),
    path("arenden/<str:reference>/anteckning/", case_views.note, name="note"),
    path("arenden/<str:reference>/avsluta/", case_views.close, name="close"),
    path("arenden/<str:reference>/forsening/", case_views.delay, name="delay"),
    path("arenden/<str:reference>/ny-lank/", case_views.new_link, name="new_link"),
    path("arenden/<str:reference>/bilaga/<int:pk>/", case_views.attachment, name="attachment"),
]
