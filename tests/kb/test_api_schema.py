"""schemathesis generates requests from our OpenAPI schema: no server error, every response
conforms to the schema (status code, content type, headers, body).

`positive_data_acceptance` is left out: whether a filter value exists (taxonomy slugs, the
countries that have practices) is data, not schema, and a bounding box must have
south <= north, which OpenAPI cannot say; those answer 400 with a reason, as DESIGN.md asks.
"""

import zlib

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test
from schemathesis.checks import positive_data_acceptance
from schemathesis.generation.meta import CoverageScenario

from kb.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Requests go straight to the WSGI app, whose end-of-request handler would close the
    test's database connection (Django's test client turns that off the same way)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# The coverage phase sends one request per value of every enum: for `country`, each of the ~500
# codes the schema lists, on three operations, the same code path 1,500 times (a minute of
# this module's time). A spread of about one code in 25 is sent (chosen by the value itself,
# so that Hypothesis replaying a failing case sends it again); every other scenario in full.
ENUM_SCENARIOS = {CoverageScenario.ENUM_VALUE, CoverageScenario.ENUM_VALUE_ITEMS_ARRAY}
ENUM_SPREAD = 25


def worth_sending(case):
    data = case.meta.phase.data
    if getattr(data, "scenario", None) not in ENUM_SCENARIOS or data.parameter != "country":
        return True
    value = (case.query or {}).get(data.parameter)
    return zlib.crc32(repr(value).encode()) % ENUM_SPREAD == 0


@schema.parametrize()
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
@pytest.mark.django_db
def test_api_conforms_to_its_schema(case):
    if worth_sending(case):
        case.call_and_validate(excluded_checks=[positive_data_acceptance])


# Stateful: schemathesis follows the schema's links (search or list -> detail) over the whole
# API in sequences of calls, within a bounded budget (15 sequences of up to 6 calls).
class Workflow(schema.as_state_machine()):
    calls = []

    def after_call(self, response, case):
        Workflow.calls.append((case.operation.label, response.status_code))


@pytest.mark.django_db
def test_api_workflows_follow_the_links_without_error():
    run_state_machine_as_test(Workflow, settings=settings(
        max_examples=15, stateful_step_count=6, deadline=None,
        suppress_health_check=list(HealthCheck)))
    assert all(status < 500 for _label, status in Workflow.calls)
    followed = {label for label, status in Workflow.calls if "{" in label and status == 200}
    assert followed, Workflow.calls  # a detail was reached through a link, not by guessing
