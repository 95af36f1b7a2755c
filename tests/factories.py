"""Factories for pages the tests build themselves (the demo corpus covers the rest)."""

import factory
import wagtail_factories
from wagtail.models import Locale

from practices.models import Challenge, Dimension, PracticeIndexPage, PracticePage


class PracticePageFactory(wagtail_factories.PageFactory):
    """A published practice under the catalogue of its language.

    `dimensions`, `challenges` and `tags` take slugs / names.
    """

    class Meta:
        model = PracticePage

    title = factory.Sequence(lambda n: f"Test practice {n}")
    summary = "A practice made by a test."
    country = "FR"
    contact_email = "owner@example.org"

    @classmethod
    def _create(cls, model_class, *args, parent=None, language="en", live=True, **kwargs):
        locale = Locale.objects.get(language_code=language)
        parent = parent or PracticeIndexPage.objects.get(locale=locale)
        page = model_class(*args, locale=locale, live=live, **kwargs)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        return page

    @factory.post_generation
    def dimensions(page, create, slugs, **kwargs):
        page.dimensions.set(Dimension.objects.filter(locale=page.locale,
                                                     slug__in=slugs or ["mobility"]))

    @factory.post_generation
    def challenges(page, create, slugs, **kwargs):
        if slugs:
            page.challenges.set(Challenge.objects.filter(locale=page.locale, slug__in=slugs))

    @factory.post_generation
    def tags(page, create, names, **kwargs):
        if names:
            page.tags.set(names)
            revision = page.save_revision()
            if page.live:
                revision.publish()
