from django.urls import path

from . import views

app_name = "participation"

# Under the language prefix (/fr/proposer/ is /fr/propose/: one path for every language).
urlpatterns = [
    path("propose/", views.propose, name="propose"),
    path("propose/thanks/", views.propose_thanks, name="propose-thanks"),
    path("contact/<int:page_id>/", views.contact_owner, name="contact"),
    path("contact/<int:page_id>/sent/", views.contact_sent, name="contact-sent"),
    path("reuse/<int:page_id>/", views.reuse_practice, name="reuse"),
    path("reuse/<int:page_id>/sent/", views.reuse_sent, name="reuse-sent"),
    path("introduction/<int:territory_id>/", views.introduction, name="introduction"),
    path("introduction/<int:territory_id>/sent/", views.introduction_sent,
         name="introduction-sent"),
    path("events/<int:event_id>/register/", views.register, name="register"),
    path("events/<int:event_id>/register/sent/", views.register_sent, name="register-sent"),
    path("events/registration/<str:token>/", views.registration, name="registration"),
    path("privacy/", views.privacy, name="privacy"),
]
