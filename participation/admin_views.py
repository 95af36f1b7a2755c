"""Admin views: private files of submissions, and the validators' "validate" action."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from practices.models import PracticePage

from .models import CallAttachment, SubmissionFile


def private_download(model, permission):
    """A view for editors holding `permission` to download one private file."""

    def view(request, file_id):
        if not request.user.has_perm(permission):
            raise PermissionDenied
        stored = get_object_or_404(model, pk=file_id)
        return FileResponse(stored.file.open("rb"), as_attachment=True,
                            filename=stored.original_name, content_type=stored.content_type)

    return view


download_file = private_download(SubmissionFile, "participation.view_submission")
download_application_file = private_download(CallAttachment,
                                             "participation.view_callapplication")


class ValidationForm(forms.Form):
    validated_at = forms.DateField(label=gettext_lazy("Validated on"),
                                   widget=forms.DateInput(attrs={"type": "date"}))
    validation_note = forms.CharField(label=gettext_lazy("Expert note (public)"),
                                      max_length=2000, widget=forms.Textarea(attrs={"rows": 5}))
    withdraw = forms.BooleanField(label=gettext_lazy("Withdraw the validation"),
                                  required=False)


def validate_practice(request, page_id):
    """Validators mark a published practice as validated: a public note and a date.

    The change is published as a new revision of the live practice, outside the editorial
    workflow (it touches only the validation fields); a practice with an unpublished draft
    must have that draft published or discarded first, so nobody's edits are overwritten."""
    if not request.user.has_perm("practices.validate_practice"):
        raise PermissionDenied
    page = get_object_or_404(PracticePage, pk=page_id, live=True)
    form = ValidationForm(request.POST or None, initial={
        "validated_at": page.validated_at or timezone.localdate(),
        "validation_note": page.validation_note})
    if request.method == "POST" and form.is_valid():
        if page.has_unpublished_changes:
            messages.error(request, _("This practice has an unpublished draft: ask an editor "
                                      "to publish or discard it first."))
        else:
            withdraw = form.cleaned_data["withdraw"]
            page.validated_at = None if withdraw else form.cleaned_data["validated_at"]
            page.validation_note = "" if withdraw else form.cleaned_data["validation_note"]
            page.save_revision(user=request.user, log_action="kb.validate").publish(
                user=request.user, skip_permission_checks=True)
            messages.success(request, _("Validation saved and published."))
            return redirect("wagtailadmin_explore", page.get_parent().pk)
    return render(request, "participation/admin_validate.html", {
        "page": page, "form": form, "page_title": _("Validate a practice"),
        "header_icon": "tick-inverse"})
