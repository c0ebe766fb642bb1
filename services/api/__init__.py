"""The subscriber API: profiles, keys, history, test alerts and event submission over HTTP."""
