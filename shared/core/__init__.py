"""The pure core: decisions more than one process makes, as functions of their inputs.

Nothing here does I/O (no Redis, no HTTP, no asyncio) or imports from `chokewatch.services`;
services import the core, never the other way round (tests/test_layout.py holds it to that).
`reading` turns a text into a `Classification`; `severity` is the one table of how much an event
weighs; `score` rates an event against one profile; `decide` says whether that becomes an alert;
`preview` runs the three for a profile without sending anything (preview, backtest).
"""
