"""Ingest: takes texts in (API submissions, files, and the sources it polls: feeds, the Federal
Register, announcement pages, folders), normalises them, drops exact duplicates, feeds classify."""
