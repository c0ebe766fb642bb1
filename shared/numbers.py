"""Numbers in request bodies, taken as JSON numbers only.

Pydantic's lax mode would also take "40", true or 40.0 where the OpenAPI document says number or
integer; these types take exactly what the document allows: an integer field takes any JSON
number with an integral value (40 or 40.0), a number field any JSON number, neither a string or a
boolean.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field, Strict


def _integral(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def integer(**bounds: Any) -> Any:
    """An integer field's type, with bounds (ge, le) given here so the document shows them."""
    return Annotated[int, Field(strict=True, **bounds), BeforeValidator(_integral)]


Number = Annotated[float, Strict()]
