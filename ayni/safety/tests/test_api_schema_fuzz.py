"""Schemathesis against /api/v1/openapi.json: generated requests to every operation, as a
coordinator, never get a 5xx. Bounded (AYNI_FUZZ_EXAMPLES, default 3 per operation)."""

import json
import os
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

EXAMPLES = int(os.environ.get("AYNI_FUZZ_EXAMPLES", "3"))


def _operations():
    import schemathesis

    from ayni.api import api

    schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
    return [result.ok() for result in schema.get_all_operations()]


def _request(client, case):
    path = case.formatted_path
    if case.query:
        path += "?" + urlencode(case.query, doseq=True)
    extra = {}
    if case.body is not None and not isinstance(case.body, type(None)):
        try:
            extra = {"data": json.dumps(case.body), "content_type": "application/json"}
        except TypeError:
            extra = {"data": str(case.body), "content_type": "application/json"}
    return client.generic(case.method.upper(), path, **extra)


@pytest.mark.django_db
def test_generated_requests_never_get_a_server_error(aurora, alice, bob, client_for):
    from ayni.safety.services import alert_raise

    alert_raise(community=aurora, kind="detection", level="urgent", person=bob, excerpt="…")
    client = client_for(alice)
    failures = []
    for operation in _operations():
        strategy = operation.as_strategy()

        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        @given(case=strategy)
        def check(case):
            response = _request(client, case)
            if response.status_code >= 500:
                failures.append(f"{case.method.upper()} {case.formatted_path} {case.query} {case.body!r}"
                                f" -> {response.status_code}")

        try:
            check()
        except Unsatisfiable:
            continue
    assert not failures, "Server errors:\n" + "\n".join(failures[:30])
