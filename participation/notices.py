"""E-mails that follow a proposal after the form: the proposer hears when it is published."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Submission


def tell_proposers(sender, instance, made_in_bulk=False, **kwargs):
    """On a practice's first publication, e-mail whoever proposed it, in their language,
    with the public address. Once per proposal, and only when the publication commits.
    (A page an import has just made in bulk has no proposal: one query less per record.)"""
    if made_in_bulk:
        return
    pending = list(Submission.objects.filter(page_id=instance.pk,
                                             published_notice_sent_at__isnull=True))
    if not pending:
        return
    Submission.objects.filter(pk__in=[s.pk for s in pending]).update(
        published_notice_sent_at=timezone.now())
    url = instance.get_full_url()
    for submission in pending:
        transaction.on_commit(lambda s=submission: send_published_notice(s, instance, url))


def send_published_notice(submission, page, url):
    with translation.override(submission.language or settings.LANGUAGE_CODE):
        send_mail(_("Your practice is published: %(title)s") % {"title": page.title},
                  render_to_string("participation/email_published.txt",
                                   {"submission": submission, "page": page, "url": url}),
                  settings.DEFAULT_FROM_EMAIL, [submission.email])
