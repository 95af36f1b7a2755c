from django.apps import AppConfig
from django.conf import settings


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from wagtail.admin.views.mixins import SpreadsheetExportMixin

        from . import pagecache, routing
        from .pages import connect
        from .spreadsheets import NeutralisingDictWriter

        connect()  # the restricted pages kept in memory are read again after a change
        routing.connect()  # and the routes to pages
        pagecache.connect()  # and the pages kept for visitors

        # Every CSV export of the Wagtail admin (listings, reports, applications to calls)
        # writes its rows here: neutralise formula-like text once, for all of them.
        write_row = SpreadsheetExportMixin.write_csv_row

        def write_csv_row(view, writer, row_dict):
            return write_row(view, NeutralisingDictWriter(writer), row_dict)

        SpreadsheetExportMixin.write_csv_row = write_csv_row

        if any(db["ENGINE"].endswith("postgresql") for db in settings.DATABASES.values()):
            from .postgres import register

            register()  # PostgreSQL's bulk inserts, written faster
