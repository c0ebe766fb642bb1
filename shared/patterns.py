"""Patterns the OpenAPI document gives for URLs and secrets, matching what validation accepts.

A URL pattern admits a host *name* (an address literal is checked against the fetch guard when
saved, so a document cannot promise it), an optional port from 1 to 9999, then any path.
"""

from __future__ import annotations

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_LAST = r"[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"  # never all digits: not an address
_REST = r"(?::[1-9][0-9]{0,3})?(?:[/?#]\S*)?$"
HOST_NAME = rf"(?:{_LABEL}\.)*{_LAST}\.?"

HTTP_URL = rf"^[Hh][Tt][Tt][Pp][Ss]?://{HOST_NAME}{_REST}"
HTTPS_URL = rf"^[Hh][Tt][Tt][Pp][Ss]://{HOST_NAME}{_REST}"


def https_url_on(hosts: list[str]) -> str:
    """An https URL on one of these hosts exactly."""
    names = "|".join(h.replace(".", r"\.") for h in hosts)
    return rf"^[Hh][Tt][Tt][Pp][Ss]://(?:{names}){_REST}"


_B64 = "[A-Za-z0-9+/]"
# 'whsec_' (optional) and base64 of at least 16 bytes: 22 characters or more, padding optional.
WEBHOOK_SECRET = (rf"^(?:whsec_)?(?:(?:{_B64}{{4}}){{5,}}(?:{_B64}{{2}}(?:==)?|{_B64}{{3}}=?)"
                  rf"|(?:{_B64}{{4}}){{6,}})$")
