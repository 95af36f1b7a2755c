from django.urls import path

from . import feeds, views

app_name = "reuse"

# Language independent: data files, embeds, oEmbed.
urlpatterns = [
    path("exports/practices.<str:fmt>", views.export, name="export"),
    path("exports/transfers.<str:fmt>", views.export_transfers, name="export-transfers"),
    path("exports/<slug:name>.<str:fmt>", views.export_dataset, name="export-dataset"),
    path("data/catalogue.<str:fmt>", views.dcat_catalogue, name="dcat"),
    path("embed/practices/", views.embed_practices, name="embed-practices"),
    path("embed/card/<int:page_id>/", views.embed_card, name="embed-card"),
    path("oembed/", views.oembed, name="oembed"),
]

# Under the language prefix (/fr/feeds/practices.rss), namespace "opendata": feeds and the
# data dictionary.
localized_urlpatterns = [
    path("feeds/practices.rss", feeds.PracticeFeed(), name="practices-rss"),
    path("feeds/practices.atom", feeds.PracticeAtomFeed(), name="practices-atom"),
    path("feeds/pilot-results.rss", feeds.PilotResultFeed(), name="pilot-results-rss"),
    path("feeds/pilot-results.atom", feeds.PilotResultAtomFeed(), name="pilot-results-atom"),
    path("feeds/resources.rss", feeds.ResourceFeed(), name="resources-rss"),
    path("feeds/resources.atom", feeds.ResourceAtomFeed(), name="resources-atom"),
    path("feeds/practices/<int:page_id>/updates.rss", feeds.PracticeUpdatesFeed(),
         name="practice-updates-rss"),
    path("feeds/practices/<int:page_id>/updates.atom", feeds.PracticeUpdatesAtomFeed(),
         name="practice-updates-atom"),
    path("data/", views.data_dictionary, name="data-dictionary"),
]
