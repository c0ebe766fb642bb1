"""Times in requests: see chokewatch.shared.timestamps."""

from chokewatch.shared.timestamps import DateTime

__all__ = ["DateTime"]
