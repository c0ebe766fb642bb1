"""The streams between the services as an AsyncAPI 3.0 document, built from the message models
and the stream names, so it says what the code sends.

One channel per Redis stream: each hop of the pipeline, its dead-letter companion, and the
stream of changed subscribers the alert workers follow. Streams have no AsyncAPI address (their
keys hold `{hash tags}`, which an address would read as parameters): each channel names its key
in `x-redis-stream`. A message's payload is the model's JSON schema; on the wire it travels in
the entry's `__data__` field, wrapped with its headers (`encode` in `streams.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from .messages import Alert, ClassifiedEvent, RawEvent
from .names import ALERTS, CLASSIFIED, GROUPS, RAW, SUBMITTED, Names

REF = "#/components/schemas/{model}"


@dataclass(frozen=True, slots=True)
class Hop:
    """One stream of the pipeline: what it carries, who writes and who reads it."""

    name: str
    model: type[BaseModel]
    writers: list[str]
    reader: str
    about: str


HOPS = [
    Hop(name=SUBMITTED, model=RawEvent, writers=["api"], reader="ingest",
        about="Events submitted over the API (POST /v1/events), before exact duplicates are dropped."),
    Hop(name=RAW, model=RawEvent, writers=["ingest", "chokewatch ingest"], reader="classify",
        about="Events admitted once (polled sources, the API, files), to be classified."),
    Hop(name=CLASSIFIED, model=ClassifiedEvent, writers=["classify"], reader="alert",
        about="Events with their classification and incident; backtests read them too."),
    Hop(name=ALERTS, model=Alert, writers=["alert", "api"], reader="alert",
        about="Alerts decided for one subscriber (or test alerts from the API), to be delivered."),
]
assert [hop.name for hop in HOPS] == list(GROUPS)  # a new stream must be described here

ENVELOPE_HEADERS = {
    "type": "object",
    "description": "the headers beside the payload in the entry's `__data__` envelope",
    "properties": {
        "content-type": {"const": "application/json"},
        "correlation_id": {"type": "string", "description": "the id of the event it descends from"},
        "message_id": {"type": "string", "description": "the message's own id"},
    },
    "required": ["content-type", "correlation_id", "message_id"],
}
ENTRY_FIELDS = {
    "type": "object",
    "description": "the fields of one stream entry",
    "properties": {
        "__data__": {"type": "string", "contentMediaType": "application/json",
                     "description": 'JSON: {"data": the payload as a JSON string, "headers": ...}'},
        "attempts": {"type": "string", "pattern": "^[0-9]+$",
                     "description": "handling attempts so far (retries put it back with one more)"},
    },
    "required": ["__data__", "attempts"],
}
DEAD_LETTER = {
    "type": "object",
    "description": "an entry that failed for good, with why; `chokewatch dead-letters --redrive` "
                   "puts it back on its stream",
    "properties": {
        "__data__": {"type": "string", "description": "the original envelope, when it had one"},
        "attempts": {"type": "string"},
        "reason": {"type": "string", "maxLength": 4000},
        "source_stream": {"type": "string"},
        "source_id": {"type": "string", "description": "the entry's id on its stream"},
        "original": {"type": "string", "description": "all fields of an entry without an envelope"},
    },
    "required": ["reason", "source_stream", "source_id"],
}
SUBSCRIBER_CHANGE = {
    "type": "object",
    "description": "a subscriber was created, changed or deleted: alert workers read it again",
    "properties": {"id": {"type": "string", "description": "the subscriber's id"}},
    "required": ["id"],
}


def model_schemas(models: list[type[BaseModel]]) -> dict[str, dict]:
    """Each model's JSON schema, with its definitions lifted into components (as OpenAPI does)."""
    out: dict[str, dict] = {}
    for model in models:
        schema = model.model_json_schema(ref_template=REF)
        for name, definition in schema.pop("$defs", {}).items():
            out.setdefault(name, definition)
        out[model.__name__] = schema
    return out


def _message(name: str, title: str, payload: dict, headers: dict | None = None) -> dict:
    message: dict[str, Any] = {"name": name, "title": title, "contentType": "application/json",
                               "payload": payload}
    if headers is not None:
        message["headers"] = headers
    return message


def _operation(action: str, channel: str, message: str, who: str, summary: str) -> dict:
    return {"action": action, "channel": {"$ref": f"#/channels/{channel}"},
            "messages": [{"$ref": f"#/channels/{channel}/messages/{message}"}],
            "summary": summary, "x-service": who}


def document(names: Names, version: str = "1") -> dict:
    """The AsyncAPI 3.0 document of the streams under one namespace."""
    channels: dict[str, dict] = {}
    operations: dict[str, dict] = {}
    messages: dict[str, dict] = {}
    for hop in HOPS:
        keys = names.stream(hop.name)
        model = hop.model.__name__
        messages.setdefault(model, _message(model, hop.model.__doc__ or model,
                                            {"$ref": REF.format(model=model)},
                                            {"$ref": "#/components/schemas/EnvelopeHeaders"}))
        messages[model]["x-entry-fields"] = {"$ref": "#/components/schemas/EntryFields"}
        channels[hop.name] = {
            "title": hop.name, "description": hop.about, "x-redis-stream": keys.stream,
            "x-consumer-group": keys.group,
            "messages": {model: {"$ref": f"#/components/messages/{model}"}},
        }
        for writer in hop.writers:
            operations[_op_id(writer, "sends", hop.name)] = _operation(
                "send", hop.name, model, writer, f"{writer} adds {model} entries to {hop.name}")
        operations[_op_id(hop.reader, "receives", hop.name)] = _operation(
            "receive", hop.name, model, hop.reader,
            f"{hop.reader} reads {hop.name} in consumer group {keys.group!r}")
        dead = f"{hop.name}-dead"
        channels[dead] = {
            "title": dead, "x-redis-stream": keys.dead,
            "description": f"Dead letters of {hop.name}: entries that failed validation or every attempt.",
            "messages": {"DeadLetter": {"$ref": "#/components/messages/DeadLetter"}},
        }
        operations[_op_id(hop.reader, "dead-letters", hop.name)] = _operation(
            "send", dead, "DeadLetter", hop.reader, f"{hop.reader} gives up on an entry of {hop.name}")
    channels["subscriber-changes"] = {
        "title": "subscriber-changes", "x-redis-stream": names.subscriber_changes,
        "description": "Ids of subscribers whose profile changed, so alert workers re-read them.",
        "messages": {"SubscriberChange": {"$ref": "#/components/messages/SubscriberChange"}},
    }
    operations["apiSendsSubscriberChanges"] = _operation(
        "send", "subscriber-changes", "SubscriberChange", "api", "api records a changed subscriber")
    operations["alertReceivesSubscriberChanges"] = _operation(
        "receive", "subscriber-changes", "SubscriberChange", "alert",
        "every alert worker follows the changes (no consumer group: each reads them all)")
    messages["DeadLetter"] = _message("DeadLetter", "A dead letter",
                                      {"$ref": "#/components/schemas/DeadLetter"})
    messages["SubscriberChange"] = _message("SubscriberChange", "A changed subscriber",
                                            {"$ref": "#/components/schemas/SubscriberChange"})
    schemas = model_schemas(list({hop.model for hop in HOPS}))
    schemas.update(EnvelopeHeaders=ENVELOPE_HEADERS, EntryFields=ENTRY_FIELDS,
                   DeadLetter=DEAD_LETTER, SubscriberChange=SUBSCRIBER_CHANGE)
    return {
        "asyncapi": "3.0.0",
        "info": {"title": "chokewatch streams", "version": version,
                 "description": "What the services send each other over Redis streams "
                                f"(namespace {names.namespace!r}). Every stream is read by one "
                                "consumer group; run more processes of a service to scale it out."},
        "defaultContentType": "application/json",
        "channels": channels,
        "operations": operations,
        "components": {"schemas": schemas, "messages": messages},
    }


def _op_id(who: str, verb: str, stream: str) -> str:
    words = [*who.replace("chokewatch ", "cli-").split("-"), verb, *stream.split("-")]
    parts = [w for word in words for w in word.split("-")]
    return parts[0] + "".join(p.capitalize() for p in parts[1:])
