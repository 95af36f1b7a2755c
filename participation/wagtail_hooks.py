from django.middleware.csrf import get_token
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from practices.hooks import EVENT_CONTEXT, PRACTICE_CONTEXT, TERRITORY_CONTEXT
from practices.models import PracticePage

from . import admin_views, events
from .dashboard import EditorialPanel
from .models import CallApplication, IntroductionRequest, Registration, Submission


@hooks.register(TERRITORY_CONTEXT)
def introduction_link(page):
    """Where a visitor asks to meet a territory open to exchange (the form's own page)."""
    return {"introduction_url": reverse("participation:introduction", args=[page.pk])
            if page.open_to_exchange else None}


@hooks.register(EVENT_CONTEXT)
def registration_link(page):
    """The places left and the registration form's own page (the event page stays the same
    for every visitor: the page cache serves it; a registration moves its stamp)."""
    return {"places_left": events.places_left(page),
            "register_url": reverse("participation:register", args=[page.pk])
            if page.accepts_registrations() else None}


@hooks.register(PRACTICE_CONTEXT)
def contact_link(page):
    """Where a visitor writes to a practice's contact without seeing the address: the form's
    own page (its CSRF token is the visitor's own; the practice page, the same for every
    visitor, is served from the page cache)."""
    return {"contact_url": reverse("participation:contact", args=[page.pk])
            if page.contact_email else None,
            "reuse_url": reverse("participation:reuse", args=[page.pk])}


class SubmissionInspectView(InspectView):
    def get_object(self, queryset=None):
        submission = super().get_object(queryset)
        submission.csrf_token = get_token(self.request)  # for the "add the files" form
        return submission


class ProposalPermissionPolicy(ModelPermissionPolicy):
    """Proposals come only from the public form: nobody, not even a superuser, adds one in
    the admin (no "Add" button, and the add view answers 403)."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def proposal_url(submission):
    return reverse("submissions:inspect", args=[submission.pk])


class SubmissionViewSet(ModelViewSet):
    """Proposals from the public form, for Editors (read-only; the practice itself is edited
    as a page and moves through the Editorial review workflow). Each row opens the proposal:
    its files, and the button that adds them to the draft."""

    model = Submission
    icon = "mail"
    menu_label = _("Proposed practices")
    add_to_admin_menu = True
    menu_order = 280
    list_display = [TitleColumn("page", label=_("practice"), get_url=proposal_url),
                    Column("name", label=_("proposed by")), "organisation", "language",
                    DateColumn("created_at", label=_("received"))]
    list_filter = ["language"]
    search_fields = ["name", "organisation", "email"]
    inspect_view_enabled = True
    inspect_view_class = SubmissionInspectView
    inspect_view_fields = ["created_at", "name", "email", "organisation", "language", "page",
                           "attachments", "attach_button"]
    form_fields = ["name", "email", "organisation"]


register_permission_policy(Submission, ProposalPermissionPolicy(Submission))
submission_viewset = SubmissionViewSet("submissions")


class ApplicationViewSet(ModelViewSet):
    """Applications to calls, for the selection group (Editors): one screen each, status and
    comments editable, CSV/XLSX export, attachments downloadable by editors only."""

    model = CallApplication
    icon = "form"
    menu_label = _("Applications to calls")
    add_to_admin_menu = True
    menu_order = 290
    list_display = ["territory", "applicant_name", "call", "status",
                    DateColumn("created_at", label=_("received"))]
    list_filter = ["status", "call"]
    search_fields = ["territory", "applicant_name", "applicant_email"]
    list_export = ["created_at", "call", "status", "applicant_name", "applicant_email",
                   "territory", "collectivity", "operational_leads", "local_group_referents",
                   "technical_referents", "technical_contact", "actions", "motivations",
                   "themes", "reviewer_comments"]
    export_filename = "applications"
    inspect_view_enabled = True
    inspect_view_fields = ["call", "created_at", "status", "reviewer_comments",
                           "applicant_name", "applicant_email", *list_export[5:14],
                           "attachments"]
    form_fields = ["status", "reviewer_comments"]


application_viewset = ApplicationViewSet("applications")


class IntroductionViewSet(ModelViewSet):
    """Introduction requests between territories, for Editors: those still open (the
    territory has no contact address) to forward by hand, the relayed ones for the record."""

    model = IntroductionRequest
    icon = "group"
    menu_label = _("Introduction requests")
    add_to_admin_menu = True
    menu_order = 285
    list_display = ["__str__", "organisation", "status", DateColumn("created_at",
                                                                    label=_("received"))]
    list_filter = ["status"]
    search_fields = ["from_territory", "organisation", "name"]
    inspect_view_enabled = True
    inspect_view_fields = ["created_at", "territory", "from_territory", "organisation", "name",
                           "email", "message", "status", "relayed_at", "editor_note"]
    form_fields = ["status", "editor_note"]


introduction_viewset = IntroductionViewSet("introductions")


class RegistrationViewSet(ModelViewSet):
    """Event participants for the editors: filtered by event and status, exported as CSV or
    XLSX (the list of attendees), deleted after the retention period."""

    model = Registration
    icon = "date"
    menu_label = _("Event registrations")
    add_to_admin_menu = True
    menu_order = 287
    list_display = ["name", "event", "status", "organisation",
                    DateColumn("created_at", label=_("registered"))]
    list_filter = ["event", "status"]
    search_fields = ["name", "email", "organisation"]
    list_export = ["event", "status", "name", "email", "organisation", "language",
                   "created_at", "promoted_at", "cancelled_at"]
    export_filename = "attendees"
    inspect_view_enabled = True
    inspect_view_fields = [*list_export, "consent_at", "reminded_at"]
    form_fields = ["status"]


registration_viewset = RegistrationViewSet("registrations")


@hooks.register("register_admin_viewset")
def register_registrations():
    return registration_viewset


@hooks.register("register_admin_viewset")
def register_introductions():
    return introduction_viewset


@hooks.register("register_admin_viewset")
def register_applications():
    return application_viewset


@hooks.register("register_admin_viewset")
def register_submissions():
    return submission_viewset


@hooks.register("register_admin_urls")
def participation_urls():
    return [
        path("submissions/file/<int:file_id>/", admin_views.download_file,
             name="kb_submission_file"),
        path("applications/file/<int:file_id>/", admin_views.download_application_file,
             name="kb_application_file"),
        path("submissions/<int:submission_id>/attach/", admin_views.attach_files,
             name="kb_attach_files"),
        path("validate-practice/<int:page_id>/", admin_views.validate_practice,
             name="kb_validate_practice"),
    ]


@hooks.register("construct_homepage_panels")
def editorial_panel(request, panels):
    if request.user.has_perm("participation.view_submission") or request.user.is_superuser:
        panels.insert(0, EditorialPanel(request))


class ValidateButton(PageMenuItem):
    label = _("Validate")
    icon_name = "tick-inverse"
    priority = 60

    def is_shown(self, user):
        return (self.page.live and isinstance(self.page.specific_deferred, PracticePage)
                and user.has_perm("practices.validate_practice"))

    @property
    def url(self):
        return reverse("kb_validate_practice", args=[self.page.pk])


@hooks.register("register_page_listing_more_buttons")
def validate_button(page, user, next_url=None, **kwargs):
    yield ValidateButton(page=page, next_url=next_url)


class ProposalButton(PageMenuItem):
    """From a practice that came from the public form back to its proposal (files, sender)."""

    icon_name = "mail"
    priority = 5

    def __init__(self, submission, **kwargs):
        super().__init__(label=_("Proposal from %(name)s") % {"name": submission.name},
                         url=proposal_url(submission), **kwargs)


@hooks.register("register_page_header_buttons")
def proposal_buttons(page, user, view_name=None, next_url=None, **kwargs):
    if not user.has_perm("participation.view_submission"):
        return
    for submission in Submission.objects.filter(page_id=page.pk):
        yield ProposalButton(submission, page=page, next_url=next_url)


@hooks.register("register_log_actions")
def validation_log_action(actions):
    actions.register_action("kb.validate", _("Validate"), _("Validation changed"))
