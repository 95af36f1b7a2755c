"""core.pages: what a visitor may see, with the restricted pages kept in process memory."""

import pytest
from wagtail.models import Page, PageViewRestriction

from core.pages import published
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
