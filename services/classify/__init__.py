"""Classify: turns raw texts into classified events (elements, type, direction, status, ...)."""
