"""Ingest: takes texts in (API submissions, files), drops exact duplicates, feeds classify."""
