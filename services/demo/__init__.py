"""`chokewatch demo`: a newcomer's first run, with sample subscribers, events and a receiver."""
