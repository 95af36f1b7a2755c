"""Extension points of `practices`: how the layers above add to it without it importing them.

An app registers into one in its wagtail_hooks.py, e.g.::

    @hooks.register(PRACTICE_CONTEXT)
    def related(page): return {"related_practices": ...}

CATALOGUE_CONTEXT   fn(request, catalogue_page) -> dict   the catalogue's listing (search)
PRACTICE_CONTEXT    fn(page) -> dict                      more on a practice page (related
                                                          practices, the contact form)
TERRITORY_CONTEXT   fn(page) -> dict                      more on a territory profile
                                                          (territories like it, the
                                                          introduction form)
EVENT_CONTEXT       fn(page) -> dict                      more on an event page (its
                                                          registration)
BULK_IMPORT         fn() -> context manager               wraps an import of many records
                                                          (search indexes each batch once);
                                                          what it yields is called after each
                                                          batch is written
"""

from contextlib import ExitStack, contextmanager

from wagtail import hooks

CATALOGUE_CONTEXT = "practices_catalogue_context"
PRACTICE_CONTEXT = "practices_practice_context"
TERRITORY_CONTEXT = "practices_territory_context"
EVENT_CONTEXT = "practices_event_context"
BULK_IMPORT = "practices_bulk_import"


def extra_context(name, *args) -> dict:
    """What every function registered for `name` adds to a page's context."""
    context = {}
    for contribute in hooks.get_hooks(name):
        context.update(contribute(*args))
    return context


@contextmanager
def bulk_import():
    """Yields a function the importer calls after each batch it wrote."""
    with ExitStack() as stack:
        after_batch = [stack.enter_context(wrap()) for wrap in hooks.get_hooks(BULK_IMPORT)]

        def batch_written():
            for call in after_batch:
                if callable(call):
                    call()

        yield batch_written
