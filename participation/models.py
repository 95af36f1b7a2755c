"""Public submissions of practices and the files that came with them.

Uploaded files are kept in private storage (KB_PRIVATE_MEDIA_ROOT, never served by the web
server); editors download them through the admin until the practice is published."""

import os
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from core.pages import PublicPage


class PrivateStorage(FileSystemStorage):
    """Files under KB_PRIVATE_MEDIA_ROOT (read when used), with no public URL."""

    @property
    def base_location(self):
        return str(settings.KB_PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("private files have no URL; editors download them in the admin")


def private_storage():
    return PrivateStorage()


def private_name(instance, filename):
    suffix = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"submissions/{secrets.token_hex(16)}.{suffix}"


def download_links(files, url_name):
    """Links to download private files in the admin (editors only), or a dash."""
    from django.urls import reverse
    from django.utils.html import format_html_join

    return format_html_join(
        ", ", '<a href="{}">{}</a> ({} kB)',
        ((reverse(url_name, args=[f.pk]), f.original_name, f.size // 1000) for f in files)
    ) or "—"


class PrivateFile(models.Model):
    """A file sent with a public form, kept in private storage."""

    file = models.FileField(storage=private_storage, upload_to=private_name)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name

    @classmethod
    def store(cls, checked_uploads, **owner):
        """Save the (upload, content type) pairs a MultipleFileField returns."""
        for upload, content_type in checked_uploads:
            cls.objects.create(file=upload, original_name=upload.name[:200],
                               content_type=content_type, size=upload.size, **owner)


class Submission(models.Model):
    """A practice proposed through the public form; its draft page is under review."""

    created_at = models.DateTimeField(auto_now_add=True)
    language = models.CharField(max_length=5)
    name = models.CharField(_("your name"), max_length=120)
    email = models.EmailField(_("your e-mail"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    page = models.ForeignKey("practices.PracticePage", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="submissions")
    published_notice_sent_at = models.DateTimeField(
        _("proposer told of publication"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposed practice")

    def __str__(self):
        return f"{self.page.title if self.page else '—'} ({self.name})"

    def attachments(self):
        """Download links for editors (the files are private)."""
        return download_links(self.files.all(), "kb_submission_file")

    attachments.short_description = _("files")

    def attach_button(self):
        from django.urls import reverse
        from django.utils.html import format_html

        if not self.page_id or not self.files.filter(attached=False).exists():
            return "—"
        return format_html(
            '<form method="post" action="{}"><input type="hidden" name="csrfmiddlewaretoken" '
            'value="{}"><button class="button button-small" type="submit">{}</button></form>',
            reverse("kb_attach_files", args=[self.pk]), getattr(self, "csrf_token", ""),
            _("Add the files to the practice's draft"))

    attach_button.short_description = _("files for the practice")


class SubmissionFile(PrivateFile):
    IMAGE, DOCUMENT = "image", "document"
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=10, choices=[(IMAGE, _("image")),
                                                    (DOCUMENT, _("document"))])
    attached = models.BooleanField(default=False,
                                   help_text=_("Added to the practice's draft by an editor."))


class ContactMessage(models.Model):
    """A visitor's message relayed to a practice's owner; purged after
    KB_CONTACT_RETENTION_DAYS (manage.py purge_contact_messages)."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    page = models.ForeignKey("practices.PracticePage", null=True, on_delete=models.SET_NULL,
                             related_name="contact_messages")
    name = models.CharField(_("your name"), max_length=120)
    email = models.EmailField(_("your e-mail"))
    message = models.TextField(_("message"), max_length=3000)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contact message")

    def __str__(self):
        return f"{self.name} → {self.page}"


class IntroductionRequest(models.Model):
    """"Ask for an introduction": a territory's request to meet another, relayed to the other
    territory's contact (never shown) or, without one, left open for the editors to forward.
    Purged with the contact messages (KB_CONTACT_RETENTION_DAYS)."""

    OPEN, RELAYED, CLOSED = "open", "relayed", "closed"
    STATUSES = [(OPEN, _("open: to forward")), (RELAYED, _("relayed")),
                (CLOSED, _("closed"))]

    created_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)
    territory = models.ForeignKey("practices.TerritoryPage", on_delete=models.CASCADE,
                                  related_name="introduction_requests",
                                  verbose_name=_("territory asked"))
    name = models.CharField(_("your name"), max_length=120)
    email = models.EmailField(_("your e-mail"))
    organisation = models.CharField(_("your organisation"), max_length=200)
    from_territory = models.CharField(_("your territory"), max_length=160)
    message = models.TextField(_("message"), max_length=3000)
    language = models.CharField(max_length=5)
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=OPEN)
    relayed_at = models.DateTimeField(_("relayed at"), null=True, blank=True)
    editor_note = models.TextField(_("editors' note"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("introduction request")

    def __str__(self):
        return f"{self.from_territory} → {self.territory}"


# --- calls for expressions of interest -----------------------------------------------------

ANSWER_LIMIT = 3000  # "max one page"


class CallPage(PublicPage, Page):
    """A call for expressions of interest, with the application form of the seed call.

    Outside [opens_at, closes_at) the page says so and the server refuses applications."""

    summary = models.TextField(_("summary"), blank=True, max_length=1000)
    body = RichTextField(_("text of the call"), blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    contact = models.TextField(_("contact"), blank=True,
                               help_text=_("Who answers questions about the call."))

    content_panels = Page.content_panels + [
        FieldPanel("summary"), FieldPanel("body"),
        MultiFieldPanel([FieldPanel("opens_at"), FieldPanel("closes_at")],
                        heading=_("Submission period")),
        InlinePanel("milestones", label=_("Selection calendar")),
        FieldPanel("contact"),
    ]
    parent_page_types = ["practices.HomePage"]
    subpage_types = []
    template = "participation/call_page.html"

    class Meta:
        verbose_name = _("call for expressions of interest")

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The call must close after it opens.")})

    def state(self, now=None):
        now = now or timezone.now()
        if now < self.opens_at:
            return "upcoming"
        return "open" if now < self.closes_at else "closed"

    def serve(self, request, *args, **kwargs):
        from .calls import serve_call

        return serve_call(self, request)


class CallMilestone(Orderable):
    page = ParentalKey(CallPage, related_name="milestones", on_delete=models.CASCADE)
    date = models.DateField(_("date"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    label = models.CharField(_("step"), max_length=200)

    panels = [FieldPanel("date"), FieldPanel("end_date"), FieldPanel("label")]


class CallApplication(models.Model):
    """An application to a call, read by the selection group in the admin."""

    RECEIVED, REVIEW, SELECTED, NOT_SELECTED = "received", "under_review", "selected", \
        "not_selected"
    STATUSES = [(RECEIVED, _("received")), (REVIEW, _("under review")),
                (SELECTED, _("selected")), (NOT_SELECTED, _("not selected"))]

    call = models.ForeignKey(CallPage, on_delete=models.PROTECT, related_name="applications")
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=STATUSES, default=RECEIVED)
    reviewer_comments = models.TextField(_("reviewer comments"), blank=True)
    applicant_name = models.CharField(_("your name"), max_length=120)
    applicant_email = models.EmailField(_("your e-mail"))
    territory = models.TextField(_("name and perimeter of the pilot territory"), max_length=1000)
    collectivity = models.TextField(_("details of the committed local authority"),
                                    max_length=1000)
    operational_leads = models.TextField(_("names and roles of the operational leads"),
                                         max_length=1000)
    local_group_referents = models.TextField(
        _("referents for the local group (elected officials or local actors)"), max_length=1000)
    technical_referents = models.TextField(
        _("technical referents, internal or external to the local authority"), max_length=1000)
    technical_contact = models.TextField(_("technical contact point for the programme"),
                                         max_length=500)
    actions = models.TextField(_("actions already engaged that you would like to highlight"),
                               max_length=ANSWER_LIMIT)
    motivations = models.TextField(
        _("motivations of local decision-makers and actors to commit"), max_length=ANSWER_LIMIT)
    themes = models.TextField(_("themes and work tracks you envisage"), max_length=ANSWER_LIMIT)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("application")

    def __str__(self):
        return f"{self.territory[:60]} ({self.applicant_name})"

    def attachments(self):
        return download_links(self.files.all(), "kb_application_file")

    attachments.short_description = _("files")


class CallAttachment(PrivateFile):
    application = models.ForeignKey(CallApplication, on_delete=models.CASCADE,
                                    related_name="files")


# --- event registrations ---------------------------------------------------------------------

class Registration(models.Model):
    """A place at an event (its translation group: one capacity whatever the language), or on
    its waiting list; cancelled through the secret link of the confirmation e-mail. Deleted
    KB_EVENT_ATTENDEE_RETENTION_DAYS after the event (purge_registrations)."""

    CONFIRMED, WAITING, CANCELLED = "confirmed", "waiting", "cancelled"
    STATUSES = [(CONFIRMED, _("confirmed")), (WAITING, _("waiting list")),
                (CANCELLED, _("cancelled"))]

    event = models.ForeignKey("practices.EventPage", on_delete=models.CASCADE,
                              related_name="registrations", verbose_name=_("event"))
    event_key = models.UUIDField(db_index=True)  # the event's translation group
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=5)
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=CONFIRMED)
    consent_at = models.DateTimeField(_("consent given at"))
    token = models.CharField(max_length=43, unique=True, default=secrets.token_urlsafe)
    promoted_at = models.DateTimeField(_("moved from the waiting list at"), null=True,
                                       blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("event registration")
        indexes = [models.Index(fields=["event_key", "status"], name="registration_event")]

    def __str__(self):
        return f"{self.name} — {self.event}"
