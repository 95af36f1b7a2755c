"""Events of the programme (workshops, study visits, webinars, conferences, local group
sessions): when and where, who may come and how many, and what stays afterwards (minutes,
slides, recording). Registration lives in participation (EVENT_CONTEXT); listing logic in
practices/agenda.py."""

import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseBadRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from ..admin_forms import EventAdminForm
from ..blocks import BodyBlock
from ..hooks import EVENT_CONTEXT, extra_context
from .attachments import Attachment
from .pages import BasePage, SectionIndexPage
from .place import Coordinates, coordinates_panel


class EventKind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    STUDY_VISIT = "study-visit", _("Study visit")
    WEBINAR = "webinar", _("Webinar")
    CONFERENCE = "conference", _("Conference")
    LOCAL_GROUP = "local-group", _("Local group session")


class EventIndexPage(RoutablePageMixin, SectionIndexPage):
    """The agenda of one language: upcoming events first, then past ones; its iCalendar
    feed (`ics/`) takes the same filters."""

    subpage_types = ["practices.EventPage"]

    class Meta:
        verbose_name = _("agenda")

    def listing(self, params):
        from ..agenda import agenda_listing

        return agenda_listing(self, params)

    @path("ics/", name="feed")
    def calendar_feed(self, request):
        from ..agenda import calendar_response, events_for, filters_from

        chosen, errors = filters_from(self, request.GET)
        if errors:
            return HttpResponseBadRequest("; ".join(errors), content_type="text/plain")
        events = events_for(self.locale_id, chosen, upcoming=True)
        return calendar_response(events, f"{self.slug}.ics", name=self.title)


class EventPage(RoutablePageMixin, BasePage, Coordinates):
    """One event, in one language (its translations share the practical facts)."""

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    # (no choices here: the machine's time zone database would change the migrations)
    time_zone = models.CharField(_("time zone"), max_length=40, default="Europe/Rome",
                                 help_text=_("Where the event happens: start and end are "
                                             "entered and shown in this time zone."))
    venue = models.CharField(_("venue"), max_length=200, blank=True,
                             help_text=_("Name of the place; empty for an online event."))
    address = models.CharField(_("address"), max_length=300, blank=True)
    country = CountryField(_("country"), blank=True)
    online_url = models.URLField(_("online link"), blank=True, help_text=_(
        "Where participants join (video conference); sent to registered participants and "
        "shown on the page."))
    languages = ParentalManyToManyField("wagtailcore.Locale", blank=True, related_name="+",
                                        verbose_name=_("languages spoken"))
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True, help_text=_(
        "Places; empty for no limit. When it is reached, visitors join a waiting list."))
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True,
                                                 blank=True)
    registration_open = models.BooleanField(_("registration open"), default=True, help_text=_(
        "Untick for an event without registration (or to close it early)."))
    image = models.ForeignKey("wagtailimages.Image", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("programme"))
    practices = ParentalManyToManyField("practices.PracticePage", blank=True,
                                        related_name="events",
                                        verbose_name=_("practices presented"))
    territories = ParentalManyToManyField("practices.PilotTerritoryPage", blank=True,
                                          related_name="events",
                                          verbose_name=_("pilot territories"))
    dimensions = ParentalManyToManyField("practices.Dimension", blank=True,
                                         related_name="events",
                                         verbose_name=_("smart dimensions"))
    minutes = RichTextField(_("minutes"), blank=True,
                            features=["h3", "bold", "italic", "link", "ol", "ul"])
    recording_url = models.URLField(_("recording"), blank=True, help_text=_(
        "A video (PeerTube, YouTube, Vimeo or a video file): shown on the page after the "
        "event."))

    content_panels = Page.content_panels + [
        FieldPanel("summary"), FieldPanel("kind"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                         FieldPanel("time_zone", widget=forms.Select(choices=[
                             (name, name) for name in sorted(zoneinfo.available_timezones())
                             if name.startswith(("Europe/", "UTC"))]))],
                        heading=_("When")),
        MultiFieldPanel([FieldPanel("venue"), FieldPanel("address"), FieldPanel("country"),
                         coordinates_panel(), FieldPanel("online_url")],
                        heading=_("Where")),
        FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel([FieldPanel("registration_open"),
                         FieldRowPanel([FieldPanel("capacity"),
                                        FieldPanel("registration_deadline")])],
                        heading=_("Registration")),
        FieldPanel("image"), FieldPanel("body"),
        FieldPanel("dimensions", widget=forms.CheckboxSelectMultiple),
        FieldPanel("practices"), FieldPanel("territories"),
        MultiFieldPanel([FieldPanel("minutes"),
                         InlinePanel("documents", label=_("Slides and documents")),
                         FieldPanel("recording_url")], heading=_("After the event")),
    ]
    base_form_class = EventAdminForm
    parent_page_types = ["practices.EventIndexPage"]
    subpage_types = []

    translatable_fields = [
        TranslatableField("title"), TranslatableField("slug"), TranslatableField("summary"),
        TranslatableField("body"), TranslatableField("minutes"), TranslatableField("venue"),
        TranslatableField("seo_title"), TranslatableField("search_description"),
        *[SynchronizedField(name) for name in (
            "kind", "start", "end", "time_zone", "address", "country", "latitude",
            "longitude", "online_url", "languages", "capacity", "registration_deadline",
            "registration_open", "image", "practices", "territories", "dimensions",
            "recording_url", "documents")],
    ]

    search_type = "event"  # (its kind of search result)

    class Meta:
        verbose_name = _("event")
        indexes = [models.Index(fields=["start"], name="event_start")]

    def clean(self):
        super().clean()
        if self.time_zone not in zoneinfo.available_timezones():
            raise ValidationError({"time_zone": _("Unknown time zone.")})
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The event ends before it starts.")})
        if self.registration_deadline and self.end and self.registration_deadline > self.end:
            raise ValidationError({"registration_deadline": _(
                "The registration deadline is after the end of the event.")})

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.zone)

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.zone)

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def attendance_mode(self):
        """schema.org's eventAttendanceMode."""
        if self.online_url and self.venue:
            return "MixedEventAttendanceMode"
        return "OnlineEventAttendanceMode" if self.online_url else "OfflineEventAttendanceMode"

    def registration_closes(self):
        return self.registration_deadline or self.start

    def accepts_registrations(self, moment=None):
        return self.registration_open and (moment or timezone.now()) < self.registration_closes()

    def get_context(self, request, *args, **kwargs):
        from ..agenda import event_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(self))
        context.update(extra_context(EVENT_CONTEXT, self))  # the registration
        return context

    @path("ics/", name="ics")
    def calendar_file(self, request):
        from ..agenda import calendar_response

        return calendar_response([self], f"{self.slug}.ics", name=self.title)


class EventDocument(Attachment):
    page = ParentalKey(EventPage, related_name="documents", on_delete=models.CASCADE)
