from django.urls import path

from . import views

app_name = "participation"

# Under the language prefix (/fr/proposer/ is /fr/propose/: one path for every language).
urlpatterns = [
    path("propose/", views.propose, name="propose"),
    path("propose/thanks/", views.propose_thanks, name="propose-thanks"),
]
