"""What every chokewatch service shares: message contracts, names, settings, Redis and telemetry."""
