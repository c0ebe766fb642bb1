"""The benchmark's figures as a table for the terminal."""

from __future__ import annotations

from rich.table import Table


def table(f: dict) -> Table:
    t = Table(title="chokewatch bench" + (" (quick)" if f.get("quick") else ""))
    t.add_column("measure")
    t.add_column("figure", justify="right")
    t.add_column("detail", overflow="fold")
    if "baseline" in f:
        b = f["baseline"]
        t.add_row("raw stream baseline", f"{b['messages_per_s']:,.0f} msg/s",
                  f"{b['bytes_per_message']} B entries, batch {b['batch']}, one producer + one group reader")
    for name, c in f.get("classify", {}).items():
        t.add_row(f"classify alone ({name})", f"{c['texts_per_s']:,.0f} texts/s",
                  f"{c['chars']:,} chars, {c['ms_per_text']} ms each")
    _scoring(t, f)
    if "delivery" in f:
        d = f["delivery"]
        t.add_row("delivery alone", f"{d['alerts_per_s']:,.1f} alerts/s",
                  f"{d['alerts']:,} signed webhooks to {d['subscribers']:,} subscribers on one local "
                  f"endpoint in {d['seconds']} s, one alert process; {d['duplicates']} duplicates"
                  + ("" if d["complete"] else "; NOT all alerts arrived"))
    if "pipeline" in f:
        _pipeline(t, f["pipeline"])
    if "storm" in f:
        _storm(t, f["storm"])
    return t


def _scoring(t: Table, f: dict) -> None:
    for s in f["scoring"].values():
        t.add_row(f"scoring fan-out, {s['subscribers']:,} subs", f"{s['events_per_s']:,.0f} events/s",
                  f"{s['exposed']:,} exposed; batch score {s['us_per_exposed_subscriber']} µs per "
                  f"exposed subscriber; explained and decided {s['us_per_alert_explained']} µs per "
                  f"alert; index {s['index_bytes_per_subscriber']:,} B per subscriber")
    r = f["scoring_ratio"]
    t.add_row("batch score, cost ratio", f"{r['us_per_exposed_subscriber']}×",
              f"per exposed subscriber, {r['sizes'][1]:,} subscribers over {r['sizes'][0]:,}")


def _pipeline(t: Table, p: dict) -> None:
    burst, lat = p["burst"], p["latency"]
    t.add_row("pipeline, sustained", f"{burst['events_per_s']:,.1f} events/s",
              f"{burst['events']:,} events, {burst['alerts']:,} alerts in {burst['seconds']} s; "
              f"{100 * burst.get('ratio_to_classify_5kb', 0):.1f}% of classify alone (5 KB), "
              f"{100 * burst['ratio_to_baseline']:.2f}% of the baseline"
              + ("" if burst["complete"] else "; NOT all alerts arrived"))
    t.add_row(f"pipeline latency at {lat['offered_rate']:g} events/s",
              f"p99 {lat['p99_ms']:,.0f} ms",
              f"p50 {lat['p50_ms']:,.0f} ms, p95 {lat['p95_ms']:,.0f} ms, max {lat['max_ms']:,.0f} ms over "
              f"{lat['alerts']:,} alerts (offered {lat['achieved_offer_rate']:g}/s)"
              + ("" if lat["complete"] else "; NOT all alerts arrived"))
    t.add_row("peak RSS", " / ".join(f"{v:.0f}" for v in p["peak_rss_mb"].values()) + " MB",
              ", ".join(p["peak_rss_mb"]))
    if p.get("cpu_ms_per_event"):
        t.add_row("CPU per event", " / ".join(f"{v:.2f}" for v in p["cpu_ms_per_event"].values()) + " ms",
                  ", ".join(p["cpu_ms_per_event"]) + " (burst and latency phase)")
    t.add_row("workload", "", p["shape"]["note"])
    t.add_row("duplicates at receiver", str(p["duplicates"]), "by webhook-id")


def _storm(t: Table, s: dict) -> None:
    shape = s["shape"]
    t.add_row("storm: alerts", f"{s['alerts_per_s']:,.1f} alerts/s",
              f"{s['delivered']:,} of {s['expected']:,} delivered ({s['subscribers']:,} subscribers; "
              f"Slack-style on 1 host, webhooks on {shape['webhook_hosts']} hosts, each answering "
              f"after {shape['answer_after_ms']:g} ms); lost {s['lost']}, duplicates "
              f"{s['duplicates']}, {s['refused_429']} answered 429")
    t.add_row("storm: first / last alert", f"{s['first_alert_s']} s / {s['last_alert_s']} s",
              f"from the event's write; all decided after {s['all_decided_s']} s; "
              f"{shape['alert_workers']} alert worker(s) indexed the profiles in "
              f"{s['alert_worker_index_s']} s; peak RSS {s['alert_peak_rss_mb']} MB each at most")
    low, high = s["scoring"]["small"], s["scoring"]["full"]
    t.add_row("storm: batch score", f"{high['us_per_exposed_subscriber']} µs",
              f"per exposed subscriber at {high['subscribers']:,} subscribers; "
              f"{low['us_per_exposed_subscriber']} µs at {low['subscribers']:,} "
              f"({s['scoring']['ratio']}×)")
