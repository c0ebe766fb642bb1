"""The AsyncAPI document of the streams: valid AsyncAPI 3.0 (read by FastStream's own model of
it), every stream the code uses has its channel, and each payload is its model's JSON schema.
The API serves it, with a page of it, and `chokewatch asyncapi` writes it."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from faststream.specification.asyncapi.v3_0_0.schema.schema import ApplicationSchema
from selectolax.lexbor import LexborHTMLParser

from chokewatch.shared import messages
from chokewatch.shared.asyncapi import REF, document
from chokewatch.shared.names import GROUPS, Names

ROOT = Path(__file__).resolve().parents[2]
DOC = document(Names("cw"))


def resolve(doc: dict, ref: str) -> dict:
    node = doc
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def refs_in(node) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for v in node.values() for r in refs_in(v)]
    if isinstance(node, list):
        return [r for v in node for r in refs_in(v)]
    return []


def test_it_is_an_asyncapi_3_document_whose_references_all_resolve():
    parsed = ApplicationSchema.model_validate(DOC)
    assert parsed.asyncapi == "3.0.0" and set(parsed.channels) == set(DOC["channels"])
    for ref in refs_in(DOC):
        assert isinstance(resolve(DOC, ref), dict), ref
    for name, op in DOC["operations"].items():
        channel = op["channel"]["$ref"]
        assert all(m["$ref"].startswith(channel + "/messages/") for m in op["messages"]), name


def stages_in_the_code() -> list[tuple[str, str]]:
    """(stream constant, model name) of every Stage(...) a service builds."""
    found = []
    for path in (ROOT / "services").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Stage":
                hop, model = node.args[:2]
                found.append((hop.id, model.id))
    return found


def test_every_stream_the_services_use_has_its_channel_and_message():
    import chokewatch.shared.names as names_module

    stages = stages_in_the_code()
    assert len(stages) >= 4  # ingest, classify, alert's two
    by_stream = {c["x-redis-stream"]: c for c in DOC["channels"].values()}
    names = Names("cw")
    for constant, model in stages:
        channel = by_stream[names.stream(getattr(names_module, constant)).stream]
        assert list(channel["messages"]) == [model]
        assert channel["x-consumer-group"] == GROUPS[getattr(names_module, constant)]
    for hop in GROUPS:
        assert names.stream(hop).stream in by_stream and names.stream(hop).dead in by_stream
    assert names.subscriber_changes in by_stream
    writers = {(op["x-service"], op["channel"]["$ref"].rsplit("/", 1)[-1])
               for op in DOC["operations"].values() if op["action"] == "send"}
    assert {("api", "submitted"), ("ingest", "raw"), ("classify", "classified"),
            ("alert", "alerts"), ("api", "alerts")} <= writers


def test_each_payload_is_its_model_s_json_schema():
    schemas = DOC["components"]["schemas"]
    seen = set()
    for channel in DOC["channels"].values():
        for ref in channel["messages"].values():
            message = resolve(DOC, ref["$ref"])
            name = message["payload"]["$ref"].rsplit("/", 1)[-1]
            model = getattr(messages, name, None)
            if model is None:
                continue  # dead letters and subscriber changes: plain fields, not models
            expected = model.model_json_schema(ref_template=REF)
            for def_name, definition in expected.pop("$defs", {}).items():
                assert schemas[def_name] == definition, def_name
            assert schemas[name] == expected
            seen.add(name)
    assert seen == {"RawEvent", "ClassifiedEvent", "Alert"}


def test_the_api_serves_it_and_a_page_of_it(api, names):
    served = api.get("/asyncapi.json")
    assert served.status_code == 200
    doc = served.json()
    assert doc == json.loads(json.dumps(document(names)))  # the API's own namespace
    assert doc["channels"]["alerts"]["x-redis-stream"] == names.stream("alerts").stream
    page = api.get("/asyncapi")
    assert page.headers["content-type"].startswith("text/html")
    tree = LexborHTMLParser(page.text)
    assert [h.text() for h in tree.css("h2")] == list(DOC["channels"])
    streams = {c.text() for c in tree.css("p code")}
    assert {c["x-redis-stream"] for c in doc["channels"].values()} <= streams
    assert not tree.css("script") and not tree.css("link")  # loads nothing from anywhere
    assert "/asyncapi.json" not in {op for op in api.get("/openapi.json").json()["paths"]}


def test_the_command_writes_the_document(tmp_path):
    out = tmp_path / "streams.json"
    done = subprocess.run([sys.executable, "-m", "chokewatch.services.cli", "asyncapi", "-o", str(out)],
                          capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "CHOKEWATCH_NAMESPACE": "prod"})
    assert done.returncode == 0, done.stderr
    written = json.loads(out.read_text())
    assert written == json.loads(json.dumps(document(Names("prod"))))
    assert written["channels"]["raw"]["x-redis-stream"] == "prod:{raw}:stream"
