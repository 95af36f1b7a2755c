"""Public submissions of practices and the files that came with them.

Uploaded files are kept in private storage (KB_PRIVATE_MEDIA_ROOT, never served by the web
server); editors download them through the admin until the practice is published."""

import os
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _


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


class Submission(models.Model):
    """A practice proposed through the public form; its draft page is under review."""

    created_at = models.DateTimeField(auto_now_add=True)
    language = models.CharField(max_length=5)
    name = models.CharField(_("your name"), max_length=120)
    email = models.EmailField(_("your e-mail"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    page = models.ForeignKey("practices.PracticePage", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="submissions")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposed practice")

    def __str__(self):
        return f"{self.page.title if self.page else '—'} ({self.name})"

    def attachments(self):
        """Download links for editors (the files are private)."""
        from django.urls import reverse
        from django.utils.html import format_html_join

        return format_html_join(
            ", ", '<a href="{}">{}</a> ({} kB)',
            ((reverse("kb_submission_file", args=[f.pk]), f.original_name, f.size // 1000)
             for f in self.files.all())) or "—"

    attachments.short_description = _("files")


class SubmissionFile(models.Model):
    IMAGE, DOCUMENT = "image", "document"
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=10, choices=[(IMAGE, _("image")),
                                                    (DOCUMENT, _("document"))])
    file = models.FileField(storage=private_storage, upload_to=private_name)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    def __str__(self):
        return self.original_name


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
