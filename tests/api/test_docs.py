"""The API documents itself without the outside world: the pages and every file they name come
from the API, operations have names a client generator can use, and the webhook a subscriber
receives is described as OpenAPI `webhooks`, matching what the alert worker sends."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from chokewatch.services.alert import webhook
from tests.alert.test_alert_content import built
from tests.alert.test_delivery import make_alert


class Referenced(HTMLParser):
    """Every address a page makes the browser load: script src, link href, img src."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"script": "src", "link": "href", "img": "src"}.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.found.append(value)


def loaded(html: str) -> list[str]:
    parser = Referenced()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize(("page", "scripts"), [("/docs", 1), ("/redoc", 1)])
def test_the_docs_pages_load_everything_from_the_api(api, page, scripts):
    reply = api.get(page)
    assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/html")
    assert not re.search(r"https?://", reply.text), "the page names an outside address"
    found = loaded(reply.text)
    assert sum(1 for f in found if f.endswith(".js")) == scripts and found
    for address in found:
        assert address.startswith("/"), address
        asset = api.get(address)
        assert asset.status_code == 200, address
        assert len(asset.content) > 1_000, address  # the real file, not an empty answer
    assert "/openapi.json" in reply.text


def test_the_swagger_page_names_its_stylesheet_and_runs_the_bundle(api):
    html = api.get("/docs").text
    [css] = [a for a in loaded(html) if a.endswith(".css")]
    assert api.get(css).headers["content-type"].startswith("text/css")
    [js] = [a for a in loaded(html) if a.endswith("swagger-ui-bundle.js")]
    assert b"SwaggerUIBundle" in api.get(js).content
    assert '"validatorUrl": null' in html  # no document sent out for a validator badge


def test_only_the_documentation_files_are_served(api):
    assert api.get("/docs/assets/../../pyproject.toml").status_code == 404
    assert api.get("/docs/assets/core.py").status_code == 404
    assert api.get("/docs/assets/favicon.png").headers["content-type"] == "image/png"


def test_operation_ids_read_like_method_names(api):
    doc = api.get("/openapi.json").json()
    ids = [op["operationId"] for path in doc["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids)) and len(ids) > 20
    generated = [i for i in ids if not re.fullmatch(r"[a-z]+(?:[A-Z][a-z]+)*", i)]
    assert generated == []  # nothing like create_subscriber_v1_subscribers_post
    assert {"createSubscriber", "listAlerts", "submitEvent", "sendTestAlert", "getSource",
            "listSubscribers", "rotatePublisherKey"} <= set(ids)


def test_the_webhooks_a_receiver_gets_are_documented(api):
    doc = api.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    hooks = doc["webhooks"]
    schemas = doc["components"]["schemas"]

    def body_schema(name: str) -> dict:
        ref = hooks[name]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        return schemas[ref.rsplit("/", 1)[1]]

    for name in ("alert", "alert.digest"):
        headers = {p["name"] for p in hooks[name]["post"]["parameters"] if p["in"] == "header"}
        assert headers == {"webhook-id", "webhook-timestamp", "webhook-signature"}

    alert_body = body_schema("alert")
    assert set(alert_body["properties"]["type"]["enum"]) == {"alert.created", "alert.updated",
                                                             "alert.test"}
    documented = schemas["Alert"]["properties"]
    for field in ("issuer", "status", "effective_date", "stages", "companies", "chips_involved",
                  "elements", "evidence", "band", "source_name", "score", "parts"):
        assert field in documented, field

    # What the alert worker sends has exactly the documented fields, at both levels.
    sent = json.loads(webhook.payload(built()))
    assert set(sent) == set(alert_body["properties"])
    assert set(sent["alert"]) == set(documented)
    assert set(alert_body["required"]) <= set(sent)
    digest = json.loads(webhook.digest_payload("dig_1", "x", [make_alert("x")]))
    assert set(digest) == set(body_schema("alert.digest")["properties"])
    assert body_schema("alert.digest")["properties"]["type"]["const"] == digest["type"]
