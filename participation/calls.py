"""The application form of a call for expressions of interest (from the seed call)."""

from django import forms
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_ratelimit.core import is_ratelimited

from .forms import MultipleFileField
from .models import ANSWER_LIMIT, CallApplication, CallAttachment
from .uploads import check_document


class ApplicationForm(forms.ModelForm):
    attachments = MultipleFileField(
        label=gettext_lazy("Attachments (optional: PDF, ODT, DOCX or XLSX)"), required=False,
        check=check_document, help_text=gettext_lazy("Up to 3, 15 MB each."))
    nickname = forms.CharField(required=False, label=gettext_lazy("Leave this empty"))

    class Meta:
        model = CallApplication
        fields = ["applicant_name", "applicant_email", "territory", "collectivity",
                  "operational_leads", "local_group_referents", "technical_referents",
                  "technical_contact", "actions", "motivations", "themes"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in (
            "territory", "collectivity", "operational_leads", "local_group_referents",
            "technical_referents", "technical_contact")} | {
            name: forms.Textarea(attrs={"rows": 10, "maxlength": ANSWER_LIMIT})
            for name in ("actions", "motivations", "themes")}
        help_texts = {name: gettext_lazy("At most one page (3,000 characters).")
                      for name in ("actions", "motivations", "themes")}

    @property
    def is_spam(self):
        return bool(self.data.get("nickname"))


def acknowledge(application):
    send_mail(_("Your application to “%(call)s”") % {"call": application.call.title},
              render_to_string("participation/email_application.txt",
                               {"application": application}),
              settings.DEFAULT_FROM_EMAIL, [application.applicant_email])


def serve_call(call, request):
    state = call.state()
    form = ApplicationForm()
    status = 200
    if request.method == "POST":
        if state != "open":  # the server refuses, whatever the HTML showed
            status = 403
        elif is_ratelimited(request, group="call", key="ip", rate=settings.KB_PUBLIC_FORM_RATE,
                            method="POST", increment=True):
            return TemplateResponse(request, "core/rate_limited.html", status=429)
        else:
            form = ApplicationForm(request.POST, request.FILES)
            if form.is_spam:
                return redirect(f"{call.url}?sent=1")
            if form.is_valid():
                with transaction.atomic():
                    application = form.save(commit=False)
                    application.call = call
                    application.save()
                    CallAttachment.store(form.cleaned_data["attachments"],
                                         application=application)
                acknowledge(application)
                return redirect(f"{call.url}?sent=1")
            status = 400
    return TemplateResponse(request, call.template, {
        "page": call, "self": call, "form": form, "state": state,
        "sent": request.GET.get("sent") == "1", "files_lost": bool(request.FILES),
        "milestones": call.milestones.all(),
    }, status=status)
