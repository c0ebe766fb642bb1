"""The profile editor's form and the profile it stands for, both ways (pure).

Repeated rows (elements, suppliers, products, channels) arrive as parallel lists of fields; a
row whose key field is blank is left out. A secret field left blank keeps the stored secret (the
API's rule for a left-out secret), so secrets are never sent to the page.
"""

from __future__ import annotations

from typing import Any

Fields = dict[str, list[str]]


def _one(fields: Fields, name: str) -> str:
    return (fields.get(name) or [""])[0].strip()


def _rows(fields: Fields, *names: str) -> list[tuple[str, ...]]:
    columns = [fields.get(n, []) for n in names]
    count = max((len(c) for c in columns), default=0)
    return [tuple((c[i] if i < len(c) else "").strip() for c in columns) for i in range(count)]


def _number(raw: str) -> Any:
    """A number if it reads as one; otherwise the text, for validation to name the field."""
    try:
        return int(raw) if raw.lstrip("-").isdigit() else float(raw)
    except ValueError:
        return raw


def _list(raw: str) -> list[str]:
    return [part.strip() for part in raw.replace(";", ",").split(",") if part.strip()]


def shares_text(shares: dict[str, float]) -> str:
    return ", ".join(f"{code} {share:g}" for code, share in shares.items())


def _shares(raw: str) -> dict[str, Any] | str:
    """'CN 0.95, AU 0.05' (or 'CN=0.95') -> {'CN': 0.95, 'AU': 0.05}; the text when unreadable."""
    out: dict[str, Any] = {}
    for part in _list(raw):
        code, _, share = part.replace("=", " ").replace(":", " ").partition(" ")
        if not share.strip():
            return raw
        out[code.strip()] = _number(share.strip())
    return out


def body_from(fields: Fields) -> dict[str, Any]:
    """The JSON body of a profile replacement (PUT) that the form describes."""
    body: dict[str, Any] = {"name": _one(fields, "name"), "threshold": _number(_one(fields, "threshold"))}
    body["elements"] = {symbol: {"weight": _number(weight), "country_shares": _shares(shares)}
                        for symbol, weight, shares in _rows(fields, "el_symbol", "el_weight", "el_shares")
                        if symbol}
    body["suppliers"] = [
        {"name": name, "country": country or None, "stage": stage or None,
         "elements": _list(elements), "aliases": _list(aliases)}
        for name, country, stage, elements, aliases in _rows(
            fields, "sup_name", "sup_country", "sup_stage", "sup_elements", "sup_aliases") if name]
    body["products"] = [{"name": name, "elements": _list(elements)}
                        for name, elements in _rows(fields, "prod_name", "prod_elements") if name]
    body["muted_event_types"] = [t for t in fields.get("muted", []) if t]
    start, end = _one(fields, "quiet_start"), _one(fields, "quiet_end")
    body["quiet_hours"] = ({"start": start, "end": end, "timezone": _one(fields, "quiet_tz") or "UTC"}
                           if start or end else None)
    minutes = _one(fields, "digest_minutes")
    body["digest"] = {"every_minutes": _number(minutes)} if minutes else None
    body["channels"] = []
    for kind, url, secret in _rows(fields, "ch_type", "ch_url", "ch_secret"):
        if kind == "slack":
            body["channels"].append({"type": "slack", **({"url": url} if url else {})})
        elif url:
            body["channels"].append({"type": "webhook", "url": url, **({"secret": secret} if secret else {})})
    return body


def keep_rotation(body: dict[str, Any], stored: list[dict[str, Any]]) -> dict[str, Any]:
    """The body with each webhook's secret rotation (`previous_secret` and until when), which the
    form does not show, carried over from the stored channel of the same URL (`stored`: the
    channels revealed, read on the server only)."""
    rotating = {c["url"]: c for c in stored if c.get("type") == "webhook" and c.get("previous_secret")}
    channels = [{**c, "previous_secret": rotating[c["url"]]["previous_secret"],
                 "previous_secret_until": rotating[c["url"]].get("previous_secret_until")}
                if c.get("type") == "webhook" and c.get("url") in rotating else c
                for c in body.get("channels", [])]
    return {**body, "channels": channels}


def _masks(stored: list[dict[str, Any]]) -> tuple[dict[str, str], list[str]]:
    webhooks = {c.get("url", ""): c.get("secret") or "" for c in stored if c.get("type") != "slack"}
    slacks = [c.get("url") or "" for c in stored if c.get("type") == "slack"]
    return webhooks, slacks


def form_from(profile: dict[str, Any], stored: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """What the editor's fields show for a profile (as the API reads it, secrets masked), with a
    blank row to add one more of each. `stored`: the stored channels (masked), whose masks show
    which secrets a blank field keeps (a profile re-shown from a form has none of its own)."""
    webhooks, slacks = _masks(stored if stored is not None else profile.get("channels", []))
    channels, slack_at = [], 0
    for channel in profile.get("channels", []):
        if channel.get("type") == "slack":  # the API keeps a blank one's URL by its place
            mask = slacks[slack_at] if slack_at < len(slacks) else ""
            slack_at += 1
            channels.append({"type": "slack", "url": "", "mask": mask})
        else:
            url = channel.get("url", "")
            channels.append({"type": "webhook", "url": url, "mask": webhooks.get(url, "")})
    quiet = profile.get("quiet_hours") or {}
    return {
        "name": profile.get("name", ""),
        "threshold": profile.get("threshold", 40),
        "elements": [{"symbol": s, "weight": e.get("weight", ""),
                      "shares": shares_text(e.get("country_shares") or {})
                      if isinstance(e.get("country_shares"), dict) else e.get("country_shares", "")}
                     for s, e in (profile.get("elements") or {}).items()] + [{}],
        "suppliers": [{**s, "elements": ", ".join(s.get("elements") or []),
                       "aliases": ", ".join(s.get("aliases") or [])}
                      for s in profile.get("suppliers") or []] + [{}],
        "products": [{"name": p.get("name", ""), "elements": ", ".join(p.get("elements") or [])}
                     for p in profile.get("products") or []] + [{}],
        "muted": set(profile.get("muted_event_types") or []),
        "quiet": {"start": str(quiet.get("start") or "")[:8], "end": str(quiet.get("end") or "")[:8],
                  "timezone": quiet.get("timezone", "")},
        "digest_minutes": (profile.get("digest") or {}).get("every_minutes", ""),
        "channels": channels + [{"type": "webhook", "url": "", "mask": ""}],
    }
