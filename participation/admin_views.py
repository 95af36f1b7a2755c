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


def attach_files(request, submission_id):
    """Editors turn a proposal's private files into the draft's images and documents.

    The first picture becomes the practice's main image, the others image blocks, documents
    become document links; a new draft revision holds them, for review before publishing."""
    from django.core.files import File
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    from .models import Submission

    submission = get_object_or_404(Submission, pk=submission_id)
    page = submission.page
    if request.method != "POST" or page is None or not page.permissions_for_user(
            request.user).can_edit():
        raise PermissionDenied
    collection = Collection.get_first_root_node()
    draft = page.get_latest_revision_as_object()
    blocks = list(draft.body.raw_data)
    pending = submission.files.filter(attached=False)
    for stored in pending:
        with stored.file.open("rb") as handle:
            content = File(handle, name=stored.original_name)
            if stored.kind == stored.IMAGE:
                image = get_image_model().objects.create(
                    title=f"{page.title} — {stored.original_name}"[:255], file=content,
                    collection=collection)
                if draft.image_id is None:
                    draft.image = image
                else:
                    blocks.append({"type": "image", "value": {
                        "image": image.pk, "alt_text": "", "caption": "", "credit": ""}})
            else:
                document = get_document_model().objects.create(
                    title=stored.original_name[:255], file=content, collection=collection)
                blocks.append({"type": "document", "value": {"document": document.pk,
                                                             "title": stored.original_name}})
    attached = pending.update(attached=True)
    draft.body = blocks
    draft.save_revision(user=request.user)
    messages.success(request, _("%(n)d file(s) added to the draft of “%(title)s”; review and "
                                "publish it.") % {"n": attached, "title": page.title})
    return redirect("wagtailadmin_pages:edit", page.pk)
