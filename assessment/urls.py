from django.urls import path

from . import views

app_name = "assessment"

# Under the language prefix: the same assessment reads in any of the five languages.
urlpatterns = [
    path("assessment/", views.start, name="start"),
    path("assessment/methodology/", views.methodology, name="methodology"),
    path("assessment/<slug:token>/", views.resume, name="resume"),
    path("assessment/<slug:token>/step/<int:number>/", views.step, name="step"),
    path("assessment/<slug:token>/result/", views.result, name="result"),
    path("assessment/<slug:token>/answers.csv", views.answers_csv, name="csv"),
    path("assessment/<slug:token>/delete/", views.delete, name="delete"),
    path("assessment/<slug:token>/again/", views.again, name="again"),
]
