"""The three editorial roles and the "Editorial review" workflow.

Groups, their permissions and the workflow are seeded after every `migrate` by a post_migrate
handler (seed_roles), idempotently, with today's models — never by a migration. Page
permissions and the workflow's assignment need the practice catalogues, which `migrate` has
built by then (practices.site_structure runs first: practices comes first in INSTALLED_APPS).
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from practices.models import PracticeIndexPage

CONTRIBUTORS, EDITORS, VALIDATORS = "Contributors", "Editors", "Validators"
WORKFLOW = "Editorial review"
PAGE_PERMISSIONS = {
    CONTRIBUTORS: ["add_page"],  # create drafts and edit their own, submit for review
    EDITORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    VALIDATORS: [],
}
MODEL_PERMISSIONS = {
    CONTRIBUTORS: ["wagtailadmin.access_admin"],
    EDITORS: ["wagtailadmin.access_admin", "participation.view_submission",
              "participation.change_submission", "participation.view_callapplication",
              "participation.change_callapplication",
              "participation.view_introductionrequest",
              "participation.change_introductionrequest", "assessment.view_assessment",
              "assessment.change_assessment", "assessment.add_question",
              "assessment.change_question", "assessment.add_scalelevel",
              "assessment.change_scalelevel", "assessment.add_dimensionadvice",
              "assessment.change_dimensionadvice", "assessment.change_assessmentsettings",
              # the taxonomy labels, the glossary and the footer logos
              "practices.add_dimension", "practices.change_dimension",
              "practices.add_challenge", "practices.change_challenge",
              "practices.add_fundingsource", "practices.change_fundingsource",
              "kbsearch.add_glossaryconcept", "kbsearch.change_glossaryconcept",
              "kbsearch.delete_glossaryconcept", "practices.add_footerlogo",
              "practices.change_footerlogo", "practices.delete_footerlogo",
              # who reused which practice
              "practices.add_transfer", "practices.change_transfer",
              "practices.delete_transfer"],
    VALIDATORS: ["wagtailadmin.access_admin", "practices.validate_practice"],
}
COLLECTION_PERMISSIONS = {
    CONTRIBUTORS: ["add_image", "choose_image", "add_document", "choose_document"],
    EDITORS: ["add_image", "change_image", "choose_image", "add_document", "change_document",
              "choose_document"],
    VALIDATORS: [],
}


def seed_roles(sender=None, **kwargs):
    """After every `migrate` (post_migrate): the groups with today's permissions, the workflow,
    and their place on every practice catalogue. Idempotent; editors' own additions stay."""
    create_roles()
    attach_roles_to_catalogues()


def create_roles():
    """Groups with their permissions, and the workflow whose one task Editors approve."""
    for config in global_apps.get_app_configs():  # permissions are made after migrations
        config.models_module = True
        create_permissions(config, verbosity=0)
    root_collection = Collection.get_first_root_node()
    groups = {}
    for name in (CONTRIBUTORS, EDITORS, VALIDATORS):
        group, _created = Group.objects.get_or_create(name=name)
        groups[name] = group
        for label in MODEL_PERMISSIONS[name]:
            app_label, codename = label.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label,
                                                         codename=codename))
        if root_collection is not None:
            for codename in COLLECTION_PERMISSIONS[name]:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection,
                    permission=Permission.objects.get(codename=codename))
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW)
    task = GroupApprovalTask.objects.filter(name="Editors' review").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="Editors' review")
        task.groups.set([groups[EDITORS]])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})


def attach_roles_to_catalogues():
    """Page permissions on every practice catalogue, and the workflow on each of them."""
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is None:
        return
    with transaction.atomic():
        for index in PracticeIndexPage.objects.all():
            WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
            for name, types in PAGE_PERMISSIONS.items():
                group = Group.objects.filter(name=name).first()
                for codename in types if group else ():
                    permission = Permission.objects.get(content_type__app_label="wagtailcore",
                                                        codename=codename)
                    GroupPagePermission.objects.get_or_create(group=group, page=index,
                                                              permission=permission)
