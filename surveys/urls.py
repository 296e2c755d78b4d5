from django.urls import path

from .views import answer, compare, inventory, manage, results

app_name = "surveys"

urlpatterns = [
    path("", manage.index, name="index"),
    path("svar/<str:token>/", answer.answer, name="answer"),
    path("oppen/<slug:slug>/", answer.answer_open, name="answer_open"),
    path("<slug:slug>/", manage.survey_page, name="survey"),
    path("<slug:slug>/resultat/", results.results, name="results"),
    path("<slug:slug>/resultat/export/<str:fmt>/", results.results_export, name="results_export"),
    path("<slug:slug>/jamfor/", compare.compare, name="compare"),
    path("<slug:slug>/inventering/", inventory.inventory, name="inventory"),
    path("<slug:slug>/<str:action>/", manage.survey_state, name="survey_state"),
]
