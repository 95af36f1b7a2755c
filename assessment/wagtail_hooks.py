from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from practices.hooks import TERRITORY_CONTEXT

from . import admin_views, neighbours
from .models import Assessment, DimensionAdvice, Question, ScaleLevel


@hooks.register(TERRITORY_CONTEXT)
def territory_matches(page):
    """Territories like this one, and territories that can help it (assessment.neighbours),
    and the self-assessment started from this profile (its facts filled in)."""
    with translation.override(page.locale.language_code):
        url = f"{reverse('assessment:start')}?territory={page.pk}"
    return {**neighbours.for_profile(page), "assessment_url": url}


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions")
    list_display = ["text", "dimension", "code", BooleanColumn("active", label=_("asked"))]
    list_filter = ["dimension", "active", "locale"]
    search_fields = ["text", "code"]


class ScaleLevelViewSet(SnippetViewSet):
    model = ScaleLevel
    icon = "list-ol"
    menu_label = _("Answer levels")
    list_display = ["level", "label", "description"]
    list_filter = ["locale"]


class AdviceViewSet(SnippetViewSet):
    model = DimensionAdvice
    icon = "pick"
    menu_label = _("Advice")
    list_display = ["dimension", "text"]
    list_filter = ["locale"]


class NoAddPolicy(ModelPermissionPolicy):
    """Assessments are made by territories on the public site, never in the admin."""

    def user_has_permission(self, user, action):
        return action not in ("add", "copy") and super().user_has_permission(user, action)


register_permission_policy(Assessment, NoAddPolicy(Assessment))


class AssessmentViewSet(ModelViewSet):
    """Assessments as editors see them: read the result, attach one to a pilot territory and
    publish it there. Answers are never edited here."""

    model = Assessment
    icon = "table"
    menu_label = _("Assessments")
    list_display = ["territory_name", "country", Column("pilot", label=_("pilot territory")),
                    BooleanColumn("published", label=_("on the pilot page")),
                    DateColumn("completed_at", label=_("completed"))]
    list_filter = ["country", "published", "body_type"]
    search_fields = ["territory_name"]
    form_fields = ["pilot", "published"]
    inspect_view_enabled = True
    inspect_view_fields = ["territory_name", "country", "population", "altitude_m",
                           "body_type", "language", "created_at", "completed_at", "pilot",
                           "published"]
    add_to_admin_menu = False
    copy_view_enabled = False


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("assessment.view_assessment")


class StatisticsViewSet(ViewSet):
    icon = "table"
    menu_label = _("Statistics")
    menu_item_class = StatisticsMenuItem

    def get_urlpatterns(self):
        return [path("", admin_views.statistics, name="index"),
                path("export.csv", admin_views.statistics_csv, name="export")]


class SelfAssessmentGroup(ViewSetGroup):
    menu_label = _("Self-assessment")
    menu_icon = "tasks"
    menu_order = 295
    items = (QuestionViewSet, ScaleLevelViewSet, AdviceViewSet,
             AssessmentViewSet("assessments"), StatisticsViewSet("assessment-statistics"))


@hooks.register("register_admin_viewset")
def register_self_assessment():
    return SelfAssessmentGroup()
