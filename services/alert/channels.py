"""Sending one alert to one channel: the outcome says whether to retry.

Each channel kind (webhook, slack) has its own module that builds the request; this module
sends it through the SSRF guard and classifies the response.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from chokewatch.shared.ssrf import Guard, UnsafeTarget


@dataclass(frozen=True, slots=True)
class Outcome:
    delivered: bool
    retry: bool = False  # worth another attempt later
    reason: str = ""
    retry_after_s: float | None = None
    status: int | None = None
    deferred: bool = False  # not tried at all (busy, circuit open, rate limited)


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


async def post(
    client: httpx.AsyncClient, guard: Guard, url: str, body: bytes, headers: dict[str, str]
) -> Outcome:
    try:
        pinned = await guard.pin(url)
    except UnsafeTarget as exc:
        return Outcome(False, retry=False, reason=str(exc))
    try:
        response = await client.post(
            pinned.url,
            content=body,
            headers={**headers, "host": pinned.host, "content-type": "application/json"},
            extensions={"sni_hostname": pinned.server_name},
        )
    except httpx.TimeoutException:
        return Outcome(False, retry=True, reason="timed out")
    except httpx.TransportError as exc:
        return Outcome(False, retry=True, reason=f"connection failed: {type(exc).__name__}")
    code = response.status_code
    if 200 <= code < 300:
        return Outcome(True, status=code)
    if code == 429 or code >= 500 or code == 408:
        return Outcome(False, True, f"HTTP {code}", _retry_after(response), code)
    # Other 4xx: the endpoint refuses this request; retrying cannot help. A configuration error.
    return Outcome(False, False, f"HTTP {code}: endpoint refused the alert", status=code)
