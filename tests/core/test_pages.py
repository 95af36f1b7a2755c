"""core.pages: what a visitor may see, with the restricted pages kept in process memory."""

import pytest
from django.core.cache import cache
from wagtail.models import Page, PageViewRestriction

from core.pages import RESTRICTED, published
from practices.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def standard(parent, title):
    page = StandardPage(title=title, summary="A page made by a test.")
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def visible(*pages):
    return set(published(Page.objects.filter(pk__in=[p.pk for p in pages]))
               .values_list("title", flat=True))


def test_a_restricted_section_stays_hidden_where_it_is_moved():
    home = HomePage.objects.get(locale__language_code="en")
    section, other = standard(home, "Members only"), standard(home, "Open section")
    inside = standard(section, "Minutes")
    assert visible(section, other, inside) == {"Members only", "Open section", "Minutes"}
    PageViewRestriction.objects.create(page=section, restriction_type="password",
                                       password="pw1")
    assert visible(section, other, inside) == {"Open section"}  # read again after the change
    Page.objects.get(pk=section.pk).move(other, pos="last-child")
    moved = Page.objects.filter(pk__in=[section.pk, inside.pk])
    assert all(p.path.startswith(other.path) for p in moved)
    assert visible(section, other, inside) == {"Open section"}  # the new paths are known
    PageViewRestriction.objects.filter(page=section).delete()
    assert visible(section, other, inside) == {"Members only", "Open section", "Minutes"}


def test_a_restriction_is_read_again_once_its_transaction_commits(
        django_capture_on_commit_callbacks):
    """Another process that reloads the restricted pages while the restriction is not yet
    committed reads none, under the new stamp: the stamp moves again at the commit."""
    home = HomePage.objects.get(locale__language_code="en")
    section = standard(home, "Board minutes")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=section, restriction_type="login")
        during = cache.get(RESTRICTED.key)
    assert cache.get(RESTRICTED.key) != during
    assert visible(section) == set()
