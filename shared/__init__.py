"""What every chokewatch process shares: message and profile contracts, the source and
subscriber stores, stream and key names, settings, Redis, the stream worker shell, telemetry,
and `core`, the pure decisions (reading, severity, score, decide, preview)."""
