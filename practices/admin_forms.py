import zoneinfo

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .models.place import PLACE_FACTS


class TaxonomyAdminForm(WagtailAdminPageForm):
    """Offers the taxonomy of the page's own language and keeps links made in another one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id
        if not locale_id and self.parent_page is not None:
            locale_id = self.parent_page.locale_id
        for name in ("dimensions", "challenges", "funding"):
            field = self.fields.get(name)
            if field is None or not locale_id:
                continue
            field.queryset = field.queryset.filter(locale_id=locale_id)
            if self.instance.pk and not self.is_bound:
                slugs = getattr(self.instance, name).values_list("slug", flat=True)
                self.initial[name] = list(field.queryset.filter(slug__in=list(slugs)))


class PracticeAdminForm(TaxonomyAdminForm):
    """The taxonomy of its language, and the place's facts of its territory's profile."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.territory_page_id:  # the place's facts are edited on the profile
            for name in PLACE_FACTS:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _("From the territory's profile: edit it "
                                                    "there.")


class EventAdminForm(TaxonomyAdminForm):
    """An event's times are entered and shown as the wall-clock time of its own time zone
    (the admin's widgets would use the editor's)."""

    TIMES = ("start", "end", "registration_deadline")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            zone = zoneinfo.ZoneInfo(self.instance.time_zone)
            for name in self.TIMES:
                value = getattr(self.instance, name)
                if value is not None and name in self.fields:
                    self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)

    def clean(self):
        data = super().clean()
        zone = data.get("time_zone")
        if zone:
            for name in self.TIMES:
                value = data.get(name)
                if value is not None:  # the editor's wall-clock time, in the event's zone
                    wall = timezone.localtime(value).replace(tzinfo=None)
                    data[name] = timezone.make_aware(wall, zoneinfo.ZoneInfo(zone))
            if data.get("start") and data.get("end") and data["end"] < data["start"]:
                self.add_error("end", _("The event ends before it starts."))
        return data


class LinkedPracticesForm(WagtailAdminPageForm):
    """A pilot result links practices: one line per practice, in the result's language when it
    exists there (else its original), alphabetical, each marked with its language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("practices")
        if field is None:
            return
        from .catalogue import localized_pages

        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        linked = set(self.instance.practices.values_list("pk", flat=True)) \
            if self.instance.pk else set()
        versions = localized_pages(field.queryset.select_related("locale"), locale_id)
        keep = {page.pk for page in versions} | linked  # never drop a link already made
        field.queryset = field.queryset.filter(pk__in=keep).select_related("locale") \
            .order_by("title")
        field.label_from_instance = lambda page: \
            f"{page.title} ({page.locale.language_code.upper()})"
