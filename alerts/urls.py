from django.urls import path

from . import views

app_name = "alerts"

# Under the language prefix: the pages and the e-mails speak the subscriber's language.
urlpatterns = [
    path("alerts/follow/", views.follow_search, name="follow"),
    path("alerts/follow/practice/<int:page_id>/", views.follow_practice,
         name="follow-practice"),
    path("alerts/follow/sent/", views.sent, name="sent"),
    path("alerts/confirm/<str:token>/", views.confirm, name="confirm"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("alerts/manage/<str:signed>/", views.manage, name="manage"),
]
