"""Factories for pages the tests build themselves (the demo corpus covers the rest)."""

import factory
import wagtail_factories
from wagtail.models import Locale

from practices.models import Challenge, Dimension, PracticeIndexPage, PracticePage


class PracticePageFactory(wagtail_factories.PageFactory):
    """A practice under the catalogue of its language, published unless live=False.

    `dimensions`, `challenges` take slugs and `tags` names.
    """

    class Meta:
        model = PracticePage

    title = factory.Sequence(lambda n: f"Test practice {n}")
    summary = "A practice made by a test."
    country = "FR"
    contact_email = "owner@example.org"

    @classmethod
    def _create(cls, model_class, *args, parent=None, language="en", live=True,
                dimensions=("mobility",), challenges=(), tags=(), **kwargs):
        locale = Locale.objects.get(language_code=language)
        parent = parent or PracticeIndexPage.objects.get(locale=locale)
        page = model_class(*args, locale=locale, live=False, **kwargs)
        parent.add_child(instance=page)
        page.dimensions.set(Dimension.objects.filter(locale=locale, slug__in=dimensions))
        page.challenges.set(Challenge.objects.filter(locale=locale, slug__in=challenges))
        page.tags.set(list(tags))
        revision = page.save_revision()
        if live:
            revision.publish()
        else:
            page.save()
        return model_class.objects.get(pk=page.pk)
