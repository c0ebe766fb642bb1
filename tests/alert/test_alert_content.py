"""What an alert tells its reader: the classification in the webhook payload, and in Slack the
issuer, dates, outlet, a button to the source, the score on its scale and the parts adding up to it."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from chokewatch.services.alert import slack, webhook
from chokewatch.services.alert.service import build_alert, evidence_summary
from chokewatch.shared.core.score import score
from chokewatch.shared.incident_views import outlet
from chokewatch.shared.messages import Classification, ClassifiedEvent, ScorePart, new_id
from chokewatch.shared.profiles import Subscriber

from .test_delivery import make_alert

PUBLISHED = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)


def event(**over) -> ClassifiedEvent:
    c = Classification(
        elements=["Dy", "Tb"], event_type="mineral_export_control", direction="tightening",
        issuer="CN", status="enacted", chips_involved=False, severity=0.9, stages=["magnet"],
        companies=["JL Mag Rare-Earth"], effective_date=date(2026, 4, 1), incident_id="inc_1",
        evidence={"status": ["takes effect on 1 April", "announced", "published", "fourth"],
                  "issuer": ["Ministry of Commerce " + "x" * 400]},
    )
    eid = new_id()
    fields = dict(correlation_id=eid, ingested_at=PUBLISHED, event_id=eid, classification=c,
                  title="China adds dysprosium and terbium to export control list",
                  summary="MOFCOM said exports need a licence.",
                  source_url="https://www.reuters.com/markets/ree?id=1", published_at=PUBLISHED,
                  source="feed:reuters")
    fields.update(over)
    return ClassifiedEvent(**fields)


def subscriber() -> Subscriber:
    now = datetime.now(UTC)
    return Subscriber(
        id="sub_a", created_at=now, updated_at=now, name="EV motors",
        elements={"Dy": {"weight": 0.9, "country_shares": {"CN": 0.95}},
                  "Tb": {"weight": 0.6, "country_shares": {"CN": 0.9}}},
        suppliers=[{"name": "JL Mag Rare-Earth", "country": "CN", "stage": "magnet",
                    "elements": ["Dy"]}],
    )


def built(**over):
    ev, sub = event(**over), subscriber()
    return build_alert(ev, sub, score(ev.classification, sub), "new")


def test_the_webhook_payload_carries_every_classification_field():
    alert = built()
    sent = json.loads(webhook.payload(alert))["alert"]
    assert sent["issuer"] == "CN" and sent["status"] == "enacted"
    assert sent["effective_date"] == "2026-04-01"
    assert sent["stages"] == ["magnet"] and sent["companies"] == ["JL Mag Rare-Earth"]
    assert sent["chips_involved"] is False and sent["elements"] == ["Dy", "Tb"]
    assert sent["severity"] == 0.9 and sent["event_type"] == "mineral_export_control"
    assert sent["direction"] == "tightening"
    assert sent["source_name"] == "reuters.com"
    assert sent["band"] == alert.band and alert.band in ("high", "critical")
    assert sent["evidence"]["status"] == ["takes effect on 1 April", "announced", "published"]
    [issuer_phrase] = sent["evidence"]["issuer"]
    assert len(issuer_phrase) == 300 and issuer_phrase.endswith("…")
    assert sum(p["points"] for p in sent["parts"]) == pytest.approx(sent["score"])


def test_an_old_alert_without_the_new_fields_still_reads():
    old = json.loads(webhook.payload(make_alert("x")))["alert"]
    for field in ("band", "issuer", "effective_date", "stages", "companies", "chips_involved",
                  "severity", "evidence", "source_name"):
        old.pop(field)
    again = type(make_alert("x")).model_validate(old)
    assert again.issuer is None and again.band is None and again.companies == []
    assert slack.scale(again) == "72.5/100 · high"  # the band follows from the score


@pytest.mark.parametrize(("url", "source", "name"), [
    ("https://www.reuters.com/a", "api", "reuters.com"),
    ("https://Reuters.com:8443/a", None, "reuters.com"),
    (None, "feed:bis", "bis"),
    (None, "file:notes.md", "notes.md"),
    (None, "api", None),
    ("not a url", "feed:mofcom", "mofcom"),
])
def test_the_source_name_is_the_outlet(url, source, name):
    assert outlet(url, source) == name


def test_evidence_keeps_a_few_short_phrases_per_field():
    summary = evidence_summary({"b": ["  two\n words "], "a": ["p"] * 9, "c": []})
    assert summary == {"a": ["p", "p", "p"], "b": ["two words"]}


def test_slack_shows_what_a_reader_acts_on():
    alert = built()
    body = slack.message(alert)
    text = json.dumps(body, ensure_ascii=False)
    header = body["blocks"][0]["text"]["text"]
    assert header.startswith(f"{slack.points(alert.score)}/100 · {alert.band} · China adds")
    facts = body["blocks"][1]["text"]["text"]
    assert "*Issuer:* China (CN)" in facts and "*Effective:* 2026-04-01" in facts
    assert "*Source:* reuters.com" in facts and "*Published:* 4 Mar 2026 09:30 UTC" in facts
    assert f"*Score:* {slack.points(alert.score)}/100 · {alert.band}" in facts
    [actions] = [b for b in body["blocks"] if b["type"] == "actions"]
    [button] = actions["elements"]
    assert button["type"] == "button" and button["url"] == alert.source_url
    assert button["text"]["text"] == "Read source · reuters.com"
    assert "https://www.reuters.com" not in text.replace(button["url"], "")  # a button, not a link
    for part in alert.parts:
        assert f"+{part.points:.1f} {part.reason}" in text


@pytest.mark.parametrize(("score", "shown"), [(71.0, "71/100 · high"), (79.96, "80/100 · critical"),
                                              (79.6, "79.6/100 · high"), (0.0, "0/100 · low")])
def test_the_score_is_shown_on_its_scale_in_its_band(score, shown):
    # As kept (a tenth), so the number shown never sits in another band than the one named.
    kept = round(score, 1)
    assert slack.scale(make_alert("x", score=kept, parts=[])) == shown


def test_slack_why_lines_add_up_to_the_score_past_the_line_limit():
    parts = [ScorePart(label=f"E{i}", points=5.0, reason=f"element {i}") for i in range(12)]
    alert = make_alert("x", score=60.0, parts=parts)
    [why] = [b["text"]["text"] for b in slack.message(alert)["blocks"]
             if b["type"] == "section" and b["text"]["text"].startswith("*Why")]
    points = [float(line.split()[1]) for line in why.splitlines()[1:]]
    assert len(points) == slack.MAX_WHY_LINES + 1 and sum(points) == pytest.approx(60.0)
    assert "from 4 more (E8, E9, E10, E11)" in why


@pytest.mark.parametrize("url_length", [2_990, 6_000])
def test_slack_limits_hold_with_long_inputs(url_length):
    url = "https://example.com/" + "a" * (url_length - 20)
    alert = make_alert(
        "x", title="Export controls " * 40, summary="Licences required. " * 400,
        parts=[ScorePart(label=f"E{i}" * 50, points=1, reason="r" * 500) for i in range(60)],
        suppliers=[f"Supplier {i} " * 20 for i in range(50)], companies=["Co " * 300] * 20,
        issuer="X" * 200, source_url=url, source_name="h" * 300, products=["motor " * 100] * 30,
        course=[{"revision": i + 1, "status": "enacted", "direction": "tightening",
                 "published_at": PUBLISHED} for i in range(400)],
    )
    body = slack.message(alert)
    assert 0 < len(body["text"]) <= slack.SECTION_MAX and len(body["blocks"]) <= slack.MAX_BLOCKS
    for block in body["blocks"]:
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= slack.HEADER_MAX
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= slack.SECTION_MAX
        for element in block.get("elements", []):
            if element["type"] == "button":
                assert len(element["text"]["text"]) <= slack.BUTTON_TEXT_MAX
                assert element["url"] == url and len(url) <= slack.BUTTON_URL_MAX
            else:
                assert len(element["text"]) <= slack.SECTION_MAX
    buttons = [b for b in body["blocks"] if b["type"] == "actions"]
    assert len(buttons) == (1 if url_length <= slack.BUTTON_URL_MAX else 0)


def test_slack_shows_outside_text_literally_never_as_a_mention_or_link():
    alert = make_alert("x", title="Ban <!channel> & more", summary="<!here> see <https://evil.example|this>",
                       suppliers=["A&B <Co>"], source_name="<@U123>")
    body = slack.message(alert)
    mrkdwn = [b["text"]["text"] for b in body["blocks"] if b["type"] == "section"] + [body["text"]]
    assert not any("<" in text or ">" in text for text in mrkdwn)
    joined = "\n".join(mrkdwn)
    assert "&lt;!here&gt;" in joined and "A&amp;B &lt;Co&gt;" in joined and "&lt;@U123&gt;" in joined
    header = body["blocks"][0]["text"]
    assert header["type"] == "plain_text" and "Ban <!channel> & more" in header["text"]


def test_a_cut_never_leaves_half_an_escape():
    body = slack.message(make_alert("x", summary="a" + "&" * 5_000))
    [summary] = [b["text"]["text"] for b in body["blocks"]
                 if b["type"] == "section" and b["text"]["text"].startswith("a&amp;")]
    assert len(summary) <= slack.SECTION_MAX and summary.endswith("&amp;…")
