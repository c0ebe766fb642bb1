"""Patterns the OpenAPI document gives for URLs and secrets, matching what validation accepts.

A URL pattern admits a host *name* (an address literal only where an allow-list names it:
`channelurls.py` builds the patterns the API serves from its settings), an optional port from 1
to 65535, then any path.
"""

from __future__ import annotations

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_LAST = r"[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"  # never all digits: not an address
PORT = r"(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})"
PATH = r"(?:[/?#]\S*)?$"
_REST = rf"(?::{PORT})?{PATH}"
HOST_NAME = rf"(?:{_LABEL}\.)*{_LAST}\.?"

HTTP_URL = rf"^[Hh][Tt][Tt][Pp][Ss]?://{HOST_NAME}{_REST}"
HTTPS_URL = rf"^[Hh][Tt][Tt][Pp][Ss]://{HOST_NAME}{_REST}"


def anycase(text: str) -> str:
    """A literal host in a pattern, in any letter case: `hooks.slack.com` -> `[Hh][Oo]...\\.`."""
    return "".join(f"[{c.upper()}{c}]" if c.isalpha() else "\\" + c if c in ".[]" else c
                   for c in text.lower())


def https_url_on(hosts: list[str]) -> str:
    """An https URL on one of these hosts exactly (in any letter case)."""
    names = "|".join(anycase(h) for h in hosts)
    return rf"^[Hh][Tt][Tt][Pp][Ss]://(?:{names}){_REST}"


_B64 = "[A-Za-z0-9+/]"
# 'whsec_' (optional) and base64 of at least 16 bytes: 22 characters or more, padding optional.
WEBHOOK_SECRET = (rf"^(?:whsec_)?(?:(?:{_B64}{{4}}){{5,}}(?:{_B64}{{2}}(?:==)?|{_B64}{{3}}=?)"
                  rf"|(?:{_B64}{{4}}){{6,}})$")

# A CSS selector list of the common forms: type, class, id and attribute selectors, a few
# structural pseudo-classes, and the four combinators.
_IDENT = r"-?[A-Za-z_][A-Za-z0-9_-]*"
_QUOTED = r"""(?:"[^"\\\x00-\x1f]*"|'[^'\\\x00-\x1f]*')"""
_PSEUDO = (r":(?:first-child|last-child|only-child|first-of-type|last-of-type|only-of-type|empty"
           r"|nth-child\([1-9][0-9]{0,3}\)|nth-of-type\([1-9][0-9]{0,3}\))")
_PART = rf"(?:[.#]{_IDENT}|\[{_IDENT}(?:[~|^$*]?=(?:{_IDENT}|{_QUOTED}))?\]|{_PSEUDO})"
_COMPOUND = rf"(?:(?:{_IDENT}|\*){_PART}*|{_PART}+)"
_COMPLEX = rf"{_COMPOUND}(?:[ \t]*[>+~][ \t]*{_COMPOUND}|[ \t]+{_COMPOUND})*"
CSS_SELECTOR = rf"^[ \t]*{_COMPLEX}(?:[ \t]*,[ \t]*{_COMPLEX})*[ \t]*$"

# A path under the folder root: segments that never start with '.' (so never '..'), or '.'.
_SEGMENT = r"[^/\\\x00-\x1f.][^/\\\x00-\x1f]*"
FOLDER_LOCATION = rf"^(?:\.|{_SEGMENT}(?:/{_SEGMENT})*/?)$"

# A folder source's file name pattern, as check_pattern admits it: no '..' segment, not
# absolute, no drive (':' in the first segment) and no leading '~'.
_GLOB_SEGMENT = r"(?:[^/\\.][^/\\]*|\.(?:[^/\\.][^/\\]*)?|\.\.[^/\\]+)?"
_GLOB_FIRST = r"(?:[^/\\.:~][^/\\:]*|\.(?:[^/\\.:][^/\\:]*)?|\.\.[^/\\:]+)"
FILE_PATTERN = rf"^{_GLOB_FIRST}(?:[/\\]{_GLOB_SEGMENT})*$"
