"""schemathesis follows the OpenAPI schema's links (search or list -> detail) over the whole
API in sequences of calls: no server error, and a detail reached through a link."""

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from tests.factories import EventPageFactory, ResourcePageFactory
from tests.kb.api_schema import _keep_the_test_connection, load_schema  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("small_corpus")
schema = load_schema()


# A bounded budget: 15 sequences of up to 6 calls, on a laptop too (fewer would often end
# before a link is followed).
class Workflow(schema.as_state_machine()):
    calls = []

    def after_call(self, response, case):
        Workflow.calls.append((case.operation.label, response.status_code))


@pytest.fixture
def programme(db):
    """An event and a toolbox resource: every list of the read API has something to link to
    (an empty list's link leads to a guessed id)."""
    EventPageFactory(title="Queyras local group", capacity=None)
    ResourcePageFactory(title="Stakeholder map", kind="template")


@pytest.mark.django_db
@pytest.mark.usefixtures("programme")
def test_api_workflows_follow_the_links_without_error():
    run_state_machine_as_test(Workflow, settings=settings(
        max_examples=15, stateful_step_count=6, deadline=None,
        suppress_health_check=list(HealthCheck)))
    assert all(status < 500 for _label, status in Workflow.calls)
    followed = {label for label, status in Workflow.calls if "{" in label and status == 200}
    assert followed, Workflow.calls  # a detail was reached through a link, not by guessing
