"""Property-based fuzzing of the live API against its own OpenAPI document (schemathesis).

Every operation of the document the app serves gets a bounded number of generated requests,
sent with the admin key to the real server on loopback; no response may be a 5xx, and every
status code, content type, header and body must match the document.

Then the schemathesis command itself runs every check (`--checks all`: requests the document
calls invalid must be refused, and ones it calls valid accepted; stateful sequences) with the
admin key and with a subscriber's key, as an operator would run it against a deployment.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from chokewatch.services.api.app import create_app
from chokewatch.shared.settings import Settings

from .helpers import ADMIN, auth, create

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]
EXAMPLES = 20  # per operation: about 20 s for the whole document

# The operations, listed from the document the app builds, to name one test per operation;
# each test then reads the document its live server serves and fuzzes that.
_DOC = create_app(Settings(redis_url="redis://unused")).openapi()
OPERATIONS = [(method.upper(), path) for path, ops in _DOC["paths"].items() for method in ops]


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_api_conforms_to_its_document(api_url, method, path):
    with httpx.Client(base_url=api_url, timeout=10) as api:
        existing = create(api)[0]
    schema = schemathesis.openapi.from_url(f"{api_url}/openapi.json")
    operation = schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def fuzz(case):
        params = case.path_parameters or {}
        if "subscriber_id" in params and len(params["subscriber_id"]) % 2 == 0:
            params["subscriber_id"] = existing  # about half the time, one that exists
        response = case.call(base_url=api_url, headers=auth(ADMIN))
        case.validate_response(response, checks=CHECKS)

    fuzz()


ROOT = Path(__file__).resolve().parents[2]
CLI_EXAMPLES = 2  # per operation and phase, on top of the coverage phase: ~25 s a key


@pytest.mark.parametrize("who", ["admin", "subscriber"])
def test_schemathesis_finds_nothing_with_every_check(start_api, tmp_path, who):
    api = start_api(source_files_root=tmp_path)  # folder sources are allowed, as documented
    key = ADMIN if who == "admin" else create(api)[1]
    run = subprocess.run(
        [str(Path(sys.executable).parent / "schemathesis"), "--no-color",
         "--config-file", str(ROOT / "schemathesis.toml"), "run", f"{api.base_url}/openapi.json",
         "--checks", "all", "-H", f"Authorization: Bearer {key}", "-n", str(CLI_EXAMPLES),
         "--seed", "20251009", "--generation-database", "none", "--workers", "1"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )
    print(run.stdout, run.stderr)  # the failures and how to reproduce them
    assert run.returncode == 0, run.stdout[-3_000:] + run.stderr[-2_000:]
    assert " passed" in run.stdout.split("Test cases:")[-1], run.stdout[-3_000:]  # it ran
