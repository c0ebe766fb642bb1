"""Rate limit per principal, request ids, and the OpenAPI document itself."""

from __future__ import annotations

import time

from .helpers import ADMIN, auth, create


def _clear_of_a_minute_boundary() -> None:
    """The limit counts per clock minute: start well inside one so the count cannot reset."""
    if time.time() % 60 > 45:
        time.sleep(61 - time.time() % 60)


def test_rate_limit_per_key(start_api):
    _clear_of_a_minute_boundary()
    api = start_api(api_rate_per_minute=4)
    _, key = create(api)  # the admin's first request
    for _ in range(3):
        assert api.get("/v1/subscribers", headers=auth(ADMIN)).status_code == 200
    limited = api.get("/v1/subscribers", headers=auth(ADMIN))
    assert limited.status_code == 429
    assert 1 <= int(limited.headers["retry-after"]) <= 60
    # Another key has its own budget; unauthenticated probes are not counted at all.
    assert api.get("/v1/subscribers", headers=auth(key)).status_code == 200
    assert api.get("/v1/subscribers", headers=auth("wrong")).status_code == 401
    assert api.get("/healthz").status_code == 200


def test_rotating_a_key_keeps_the_count(start_api):
    _clear_of_a_minute_boundary()
    api = start_api(api_rate_per_minute=4)
    sid, key = create(api)
    assert api.get(f"/v1/subscribers/{sid}", headers=auth(key)).status_code == 200
    assert api.get(f"/v1/subscribers/{sid}", headers=auth(key)).status_code == 200
    new_key = api.post(f"/v1/subscribers/{sid}/keys", headers=auth(key)).json()["api_key"]  # the 3rd
    assert api.get(f"/v1/subscribers/{sid}", headers=auth(new_key)).status_code == 200  # the 4th
    assert api.get(f"/v1/subscribers/{sid}", headers=auth(new_key)).status_code == 429  # same subscriber
    assert api.get("/v1/subscribers", headers=auth(ADMIN)).status_code == 200  # the admin's own count


def test_request_ids_in_responses_and_logs(api, capsys):
    mine = api.get("/healthz", headers={"x-request-id": "trace-7f3a"})
    assert mine.headers["x-request-id"] == "trace-7f3a"
    forged = api.get("/healthz", headers={"x-request-id": "bad id\twith spaces"})
    assert len(forged.headers["x-request-id"]) == 32  # not the client's: it could forge log lines
    assert "trace-7f3a" in capsys.readouterr().out


def test_openapi_documents_every_route_and_error(api):
    doc = api.get("/openapi.json").json()
    routes = {(method.upper(), path) for path, ops in doc["paths"].items() for method in ops}
    assert {("DELETE", "/v1/subscribers/{subscriber_id}/keys"), ("GET", "/v1/audit"),
            ("POST", "/v1/subscribers/{subscriber_id}/preview"), ("GET", "/metrics"),
            ("POST", "/v1/subscribers/{subscriber_id}/backtest"), ("GET", "/readyz")} <= routes
    for (method, path) in routes:
        op = doc["paths"][path][method.lower()]
        assert op.get("summary") and op.get("description"), (method, path)
        if "security" in op:
            assert {"401", "422", "429"} <= set(op["responses"]), (method, path)
    assert doc["paths"]["/v1/events"]["post"]["requestBody"]["content"]["application/json"]["examples"]
    assert "examples" in doc["components"]["schemas"]["SubscriberView"]
