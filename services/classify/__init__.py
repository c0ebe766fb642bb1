"""Classify: turns raw events into classified events with the core's classifier, and keeps the
incident store (Redis) that gives reports of one development one incident; `evaluate` measures
the classifier on a labelled folder."""
