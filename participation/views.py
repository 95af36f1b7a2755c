"""Public participation: propose a practice (draft + editorial workflow + e-mails)."""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit
from wagtail.models import Locale

from core.ratelimit import form_rate
from practices.catalogue import published_by_id
from practices.exchange import RowFailed, write_record
from practices.models import (
    PracticeIndexPage,
    PracticePage,
    TerritoryPage,
    Transfer,
    TransferStatus,
)
from practices.territories import Profiles

from . import events
from .forms import ContactForm, IntroductionForm, ProposeForm, RegistrationForm, ReuseForm
from .models import (
    ContactMessage,
    IntroductionRequest,
    Registration,
    Submission,
    SubmissionFile,
)

logger = logging.getLogger("kb.participation")


def create_submission(form, language):
    """The draft practice, its files and the start of the editorial workflow."""
    data = form.cleaned_data
    with transaction.atomic():
        submission = Submission.objects.create(
            language=language, name=data["name"], email=data["email"],
            organisation=data["organisation"])
        record = form.record(language, f"proposal-{submission.pk}")
        locales = {loc.language_code: loc for loc in Locale.objects.all()}
        indexes = {i.locale.language_code: i
                   for i in PracticeIndexPage.objects.select_related("locale")}
        write_record(record, locales, indexes)
        page = PracticePage.objects.get(external_id=record["external_id"])
        submission.page = page
        submission.save(update_fields=["page"])
        for name, kind in (("images", SubmissionFile.IMAGE),
                           ("documents", SubmissionFile.DOCUMENT)):
            SubmissionFile.store(data[name], submission=submission, kind=kind)
        workflow = page.get_workflow()
        if workflow is not None:
            # Wagtail e-mails the reviewers in their preferred language, else the current
            # one: the site's default, not the language of the visitor who proposed.
            with translation.override(settings.LANGUAGE_CODE):
                workflow.start(page, user=None)
    return submission


def confirm(submission):
    """E-mail the person who proposed. Editors are told by the workflow's own notification
    (Wagtail e-mails the Editors group when a page reaches their review task)."""
    page = submission.page
    send_mail(_("We received your practice: %(title)s") % {"title": page.title},
              render_to_string("participation/email_confirmation.txt",
                               {"submission": submission, "page": page}),
              settings.DEFAULT_FROM_EMAIL, [submission.email])


@ratelimit(key="ip", rate=form_rate, method="POST", block=True, group="propose")
def propose(request):
    language = translation.get_language()
    if request.method == "POST":
        form = ProposeForm(request.POST, request.FILES, language=language)
        if form.is_spam:  # looks like success to the robot, creates nothing
            logger.info("Honeypot filled: proposal dropped")
            return redirect("participation:propose-thanks")
        if form.is_valid():
            try:
                submission = create_submission(form, language)
            except RowFailed as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                confirm(submission)
                request.session["kb_proposed"] = submission.page.title
                return redirect("participation:propose-thanks")
        files_lost = bool(request.FILES)
    else:
        form, files_lost = ProposeForm(language=language), False
    return render(request, "participation/propose.html",
                  {"form": form, "files_lost": files_lost}, status=400 if form.errors else 200)


def propose_thanks(request):
    return render(request, "participation/propose_thanks.html",
                  {"title": request.session.pop("kb_proposed", "")})


def relay(contact, page, transfer=None):
    """Owner: the message, replies go to the visitor. Visitor: a copy, which names nobody
    but the visitor (the owner's address appears in no header or body sent to them). With a
    `transfer`: a territory wants to reuse the practice (a practice without a contact
    address: the visitor's copy only, the editors see the pending transfer)."""
    context = {"contact": contact, "page": page, "transfer": transfer}
    if page.contact_email:
        with translation.override(page.locale.language_code):
            subject = (_("Smart Villages: a territory wants to reuse “%(title)s”") if transfer
                       else _("Smart Villages: a message about “%(title)s”"))
            EmailMessage(subject % {"title": page.title},
                         render_to_string("participation/email_contact_owner.txt", context),
                         settings.DEFAULT_FROM_EMAIL, [page.contact_email],
                         reply_to=[contact.email]).send()
    EmailMessage(
        _("Copy of your message about “%(title)s”") % {"title": page.title},
        render_to_string("participation/email_contact_copy.txt", context),
        settings.DEFAULT_FROM_EMAIL, [contact.email],
    ).send()


@dataclass(frozen=True)
class Relayed:
    """A public form about a page (a practice, a territory) whose message is relayed by
    e-mail, no address shown: its texts, the pages it is open for and what it writes
    (`write(form, page, language)`, which may refuse with a ValidationError)."""

    name: str  # its URLs: participation:<name> and participation:<name>-sent
    form: type
    pages: Callable  # pk -> queryset of the page(s) the form is open for
    write: Callable
    heading: str
    intro: str
    note: str
    submit: str
    sent: str  # the confirmation, under sent_heading
    sent_heading: str = gettext_lazy("Thank you")


def relayed_form(request, kind, pk):
    target = kind.pages(pk).first()
    if target is None:
        raise Http404
    form = kind.form(request.POST or None)
    if request.method == "POST":
        if form.is_spam:  # looks like success to the robot, writes and sends nothing
            logger.info("Honeypot filled: %s dropped", kind.name)
            return redirect(f"participation:{kind.name}-sent", pk)
        if form.is_valid():
            try:
                kind.write(form, target, translation.get_language())
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, messages)
            else:
                return redirect(f"participation:{kind.name}-sent", pk)
    return render(request, "participation/relayed_form.html", {
        "form": form, "target": target, "kind": kind,
        "action": reverse(f"participation:{kind.name}", args=[pk])},
        status=400 if form.errors else 200)


def relayed_sent(request, kind, pk):
    target = kind.pages(pk).first()
    if target is None:
        raise Http404
    return render(request, "participation/relayed_sent.html", {"target": target,
                                                               "kind": kind})


def write_contact(form, page, language):
    contact = ContactMessage.objects.create(page=page, **{
        k: form.cleaned_data[k] for k in ("name", "email", "message")})
    relay(contact, page)


def write_transfer(form, page, language):
    """The pending transfer (its territory's profile found, or made as a draft) and the
    message relayed to the practice's owner, logged like any contact message."""
    data = form.cleaned_data
    with transaction.atomic():
        facts = {"country": data["country"], "region": "", "population": None,
                 "altitude_m": None, "latitude": None, "longitude": None}
        territory = Profiles().id_for(facts, data["territory"], page.locale_id, live=False)
        transfer = Transfer(practice=page, territory_id=territory, stage=data["stage"],
                            adaptation=data["message"], organisation=data["organisation"],
                            contact_name=data["name"], contact_email=data["email"],
                            language=language, status=TransferStatus.PENDING)
        transfer.full_clean(exclude=["external_id"])
        transfer.save()
        contact = ContactMessage.objects.create(page=page, name=data["name"],
                                                email=data["email"], message=data["message"])
    relay(contact, page, transfer)


def write_introduction(form, territory, language):
    row = IntroductionRequest.objects.create(territory=territory, language=language, **{
        name: form.cleaned_data[name]
        for name in ("name", "email", "organisation", "from_territory", "message")})
    relay_introduction(row, territory)


def relay_introduction(request_row, territory):
    """The territory's contact gets the request (replies go to the requester), the requester
    a copy naming no one else; without a contact address the request stays open for the
    editors (their admin list of introduction requests)."""
    context = {"request": request_row, "territory": territory}
    if territory.contact_email:
        with translation.override(territory.locale.language_code):
            EmailMessage(
                _("Smart Villages: %(territory)s would like to meet you")
                % {"territory": request_row.from_territory},
                render_to_string("participation/email_introduction.txt", context),
                settings.DEFAULT_FROM_EMAIL, [territory.contact_email],
                reply_to=[request_row.email]).send()
        request_row.status, request_row.relayed_at = IntroductionRequest.RELAYED, timezone.now()
        request_row.save(update_fields=["status", "relayed_at"])
    EmailMessage(
        _("Your introduction request to %(territory)s") % {"territory": territory.title},
        render_to_string("participation/email_introduction_copy.txt", context),
        settings.DEFAULT_FROM_EMAIL, [request_row.email]).send()


CONTACT = Relayed(
    "contact", ContactForm,
    lambda pk: published_by_id(PracticePage, pk).exclude(contact_email=""), write_contact,
    heading=gettext_lazy("Contact the practice owner"), intro="",
    note=gettext_lazy("Your message is forwarded by e-mail; the owner's address stays private."),
    submit=gettext_lazy("Send the message"),
    sent=gettext_lazy("Your message was forwarded to the owner of the practice; a copy was "
                      "sent to you."), sent_heading=gettext_lazy("Message sent"))
REUSE = Relayed(
    "reuse", ReuseForm, lambda pk: published_by_id(PracticePage, pk), write_transfer,
    heading=gettext_lazy("We want to reuse this practice"),
    intro=gettext_lazy("Tell the practice's owner and the programme's editors about your "
                       "territory. Once the editors validate it, your territory appears on "
                       "the practice among those reusing it; your name and e-mail address "
                       "are never published."),
    note="", submit=gettext_lazy("Send"),
    sent=gettext_lazy("Your message was forwarded to the practice's owner, and a copy sent to "
                      "you. The programme's editors will check your transfer before it "
                      "appears on the practice."))
INTRODUCTION = Relayed(
    "introduction", IntroductionForm, lambda pk: published_by_id(TerritoryPage, pk),
    write_introduction, heading=gettext_lazy("Ask for an introduction"),
    intro=gettext_lazy("Your request is forwarded to the territory's contact, who answers you "
                       "by e-mail; their address stays private, and so does yours until they "
                       "answer. The programme's editors see the requests to help when a "
                       "territory has no contact yet."),
    note="", submit=gettext_lazy("Send"),
    sent=gettext_lazy("Your request was sent; a copy is in your mailbox. The territory will "
                      "answer you by e-mail."))


REGISTRATION = Relayed(
    "register", RegistrationForm, events.open_events, events.register,
    heading=gettext_lazy("Register"),
    intro=gettext_lazy("No account needed. When all places are taken, you join the waiting "
                       "list and get the first place that frees up, by e-mail."),
    note="", submit=gettext_lazy("Register"),
    sent=gettext_lazy("Check your mailbox: we sent you your place, or your position on the "
                      "waiting list, with a link to cancel."),
    sent_heading=gettext_lazy("Registration received"))


@ratelimit(key="ip", rate=form_rate, method="POST", block=True, group="register")
def register(request, event_id):
    return relayed_form(request, REGISTRATION, event_id)


def register_sent(request, event_id):
    return relayed_sent(request, REGISTRATION, event_id)


@never_cache  # (a person's registration, behind a secret link: never kept by a cache)
@ratelimit(key="ip", rate=form_rate, method="POST", block=True, group="registration")
def registration(request, token):
    """A registration seen and cancelled from the link of its e-mails (a GET never cancels:
    mail scanners follow links)."""
    row = Registration.objects.filter(token=token).select_related("event").first()
    if row is None:
        raise Http404
    if request.method == "POST" and row.status != Registration.CANCELLED:
        events.cancel(row)
        row.refresh_from_db()
    return render(request, "participation/registration.html", {
        "registration": row, "event": events.version_for(row),
        "cancelled": request.method == "POST"})


@ratelimit(key="ip", rate=form_rate, method="POST", block=True, group="contact")
def contact_owner(request, page_id):
    return relayed_form(request, CONTACT, page_id)


def contact_sent(request, page_id):
    return relayed_sent(request, CONTACT, page_id)


@ratelimit(key="ip", rate=form_rate, method="POST", block=True, group="reuse")
def reuse_practice(request, page_id):
    return relayed_form(request, REUSE, page_id)


def reuse_sent(request, page_id):
    return relayed_sent(request, REUSE, page_id)


@ratelimit(key="ip", rate=form_rate, method="POST", block=True, group="introduction")
def introduction(request, territory_id):
    return relayed_form(request, INTRODUCTION, territory_id)


def introduction_sent(request, territory_id):
    return relayed_sent(request, INTRODUCTION, territory_id)


def privacy(request):
    return render(request, "participation/privacy.html", {
        "retention": settings.KB_CONTACT_RETENTION_DAYS})
