"""The console's pure parts: evidence marks, the backtest chart, the profile form both ways, and
why a report joined its incident."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from chokewatch.services.api.console.chart import HEIGHT, chart
from chokewatch.services.api.console.marks import marked, spans
from chokewatch.services.api.console.profile_form import body_from, form_from
from chokewatch.services.api.console.render import web_link
from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.core.reading.incident_policy import member
from chokewatch.shared.core.reading.incident_reasons import why_joined
from chokewatch.shared.profiles import ProfileSpec
from tests.incident_texts import OTHER, STORY, published


def test_evidence_is_marked_once_with_its_field_and_the_text_escaped():
    text = "Exporters <b>must</b> apply:  export   licensing applies to Antimony and antimony oxide."
    out = str(marked(text, {"event_type": ["export licensing"], "elements": ["antimony", "an"]}))
    assert '<mark title="event type">export   licensing</mark>' in out
    assert out.count('<mark title="elements">') == 2  # both letter cases; "an" is too short
    assert "&lt;b&gt;must&lt;/b&gt;" in out and "<b>" not in out


@given(st.text(max_size=200), st.lists(st.text(min_size=1, max_size=12), max_size=5))
def test_marking_never_changes_the_text_nor_lets_markup_through(text, phrases):
    out = str(marked(text, {"field": phrases}))
    assert html.unescape(re.sub(r"</?mark[^>]*>", "", out)) == text
    assert "<" not in re.sub(r"</?mark[^>]*>", "", out)
    found = spans(text, phrases)
    assert all(a[1] <= b[0] for a, b in zip(found, found[1:], strict=False))


def test_chart_draws_each_incident_against_the_threshold_line():
    start = datetime(2026, 11, 1, tzinfo=UTC)
    points = [{"published_at": start + timedelta(days=3), "score": 80.0, "would_alert": True,
               "title": "Gallium <licences>"},
              {"published_at": start + timedelta(days=9), "score": 20.0, "would_alert": False,
               "title": "Lithium refinery"}]
    svg = str(chart(points, 40, start, start + timedelta(days=10)))
    threshold_y = float(re.search(r'class="threshold" x1="\d+" x2="\d+" y1="([\d.]+)"', svg).group(1))
    ys = [float(y) for y in re.findall(r'<circle class="\w+" cx="[\d.]+" cy="([\d.]+)"', svg)]
    assert ys[0] < threshold_y < ys[1] < HEIGHT  # above the line alerted, below it not
    assert svg.count('class="alerted"') == 1 and svg.count('class="quiet"') == 1
    assert "Gallium &lt;licences&gt;: 80.0" in svg and "<licences>" not in svg
    assert ">2026-11-01<" in svg and ">2026-11-11<" in svg


def test_the_form_stands_for_the_profile_it_shows():
    profile = ProfileSpec.model_validate({
        "name": "EV motors", "threshold": 35,
        "elements": {"Dy": {"weight": 0.9, "country_shares": {"CN": 0.95, "MM": 0.05}}},
        "suppliers": [{"name": "JL Mag", "country": "CN", "stage": "magnet", "elements": ["Nd", "Dy"],
                       "aliases": ["JL Mag Rare-Earth"]}],
        "products": [{"name": "traction motor", "elements": ["Dy"]}],
        "muted_event_types": ["commentary"],
        "quiet_hours": {"start": "22:00", "end": "07:00", "timezone": "Europe/Berlin"},
        "digest": {"every_minutes": 60},
        "channels": [{"type": "webhook", "url": "https://hooks.example.com/a"}],
    })
    shown = form_from(profile.model_dump(mode="json"))
    fields = {"name": [shown["name"]], "threshold": [str(shown["threshold"])],
              "el_symbol": [e.get("symbol", "") for e in shown["elements"]],
              "el_weight": [str(e.get("weight", "")) for e in shown["elements"]],
              "el_shares": [e.get("shares", "") for e in shown["elements"]],
              "sup_name": [s.get("name", "") for s in shown["suppliers"]],
              "sup_country": [s.get("country") or "" for s in shown["suppliers"]],
              "sup_stage": [s.get("stage") or "" for s in shown["suppliers"]],
              "sup_elements": [s.get("elements", "") for s in shown["suppliers"]],
              "sup_aliases": [s.get("aliases", "") for s in shown["suppliers"]],
              "prod_name": [p.get("name", "") for p in shown["products"]],
              "prod_elements": [p.get("elements", "") for p in shown["products"]],
              "muted": sorted(shown["muted"]), "quiet_start": [shown["quiet"]["start"]],
              "quiet_end": [shown["quiet"]["end"]], "quiet_tz": [shown["quiet"]["timezone"]],
              "digest_minutes": [str(shown["digest_minutes"])],
              "ch_type": [c["type"] for c in shown["channels"]],
              "ch_url": [c["url"] for c in shown["channels"]], "ch_secret": ["" for _ in shown["channels"]]}
    again = ProfileSpec.model_validate(body_from(fields))
    assert again == profile


def test_unreadable_form_values_reach_validation_as_they_were_typed():
    body = body_from({"name": ["x"], "threshold": ["forty"], "el_symbol": ["Dy"], "el_weight": ["0.5"],
                      "el_shares": ["China ninety"], "ch_type": ["slack", "webhook"],
                      "ch_url": ["", ""], "ch_secret": ["", ""]})
    assert body["threshold"] == "forty" and body["elements"]["Dy"]["country_shares"] == {"China": "ninety"}
    assert body["channels"] == [{"type": "slack"}]  # blank Slack URL: the stored one is kept
    with pytest.raises(ValidationError) as caught:
        ProfileSpec.model_validate(body)
    wrong = {tuple(str(p) for p in e["loc"][:2]) for e in caught.value.errors()}
    assert ("threshold",) in {w[:1] for w in wrong} and ("elements", "Dy") in wrong


def test_why_a_report_joined_names_the_report_and_the_ties():
    def m(sample):
        at = published(sample)
        return member(classify(sample["text"], sample["title"], at), sample["text"], sample["title"], at)

    first, second, third = (m(s) for s in STORY)
    why = why_joined(third, [first, second])
    assert why["tied_to"] == second["at"]  # the report naming the same announcement
    assert "the same announcement number: 46" in why["reasons"]
    assert why_joined(m(OTHER), [first, second]) is None


def test_only_web_links_are_linked():
    assert web_link("https://example.com/a") == "https://example.com/a"
    assert web_link("javascript:alert(1)") is None and web_link("data:text/html,x") is None
