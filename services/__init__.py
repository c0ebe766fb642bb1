"""The chokewatch processes (ingest, classify, alert, api) and the command line that runs them."""
