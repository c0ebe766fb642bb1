"""The HTTP API: subscribers and their keys, alert history, test alerts, preview and backtest,
event submission, sources, dead letters, audit, health and metrics."""
