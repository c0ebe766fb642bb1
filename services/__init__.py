"""The chokewatch processes and what runs them.

`ingest`, `classify`, `alert` and `api` are the services: each imports only itself and
`chokewatch.shared` (tests/test_layout.py holds them to it). `cli`, `sources_cli`, `local` and
`stack` are the `chokewatch` command and the local supervisor; `demo` and `bench` drive a stack.
"""
