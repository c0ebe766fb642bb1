"""One story told three times, by two outlets, and an unrelated one: the project's own samples
for the incident views (the API's and the console's).

The first report is speculation; the second, from another outlet, says the licences are in
force (the incident's revision rises); the third repeats the second's news.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from chokewatch.shared.messages import RawEvent, new_id

# Days before now each was published, so a backtest of the last days finds them.
STORY = [
    {"title": "China weighs export licences for antimony and gallium",
     "text": "China's commerce ministry is considering export licences for antimony and gallium, "
             "people familiar with the plan said on Monday. Traders of antimony and gallium in "
             "Hunan expect shipments to slow if the licences are introduced.",
     "source_url": "https://wire.example.com/markets/antimony-gallium-licences?utm_source=x",
     "days_ago": 6, "hour": 8},
    {"title": "China's antimony and gallium export licences take effect",
     "text": "Exporters of antimony and gallium in China now need a licence: the commerce ministry "
             "published Announcement No. 46 of 2026 on Friday and it is in force from today. "
             "Traders in Hunan expect shipments to slow while applications are reviewed.",
     "source_url": "https://metals-daily.example.org/news/antimony-gallium-in-force",
     "days_ago": 2, "hour": 9},
    {"title": "Antimony and gallium exporters need licences from today",
     "text": "China's Ministry of Commerce put antimony and gallium under export licensing with "
             "Announcement No. 46 of 2026, in force from Friday. Exporters must apply to the "
             "ministry for each shipment.",
     "source_url": "https://wire.example.com/markets/licences-in-force",
     "days_ago": 2, "hour": 11},
]
OTHER = {"title": "Chile to fund a lithium refinery",
         "text": "Chile's government said on Monday it will provide 300 million dollars to build a "
                 "lithium hydroxide refinery in Antofagasta, part of its national lithium strategy.",
         "source_url": "https://andes-mining.example.net/lithium-refinery", "days_ago": 1, "hour": 10}


def published(sample: dict, now: datetime | None = None) -> datetime:
    now = now or datetime.now(UTC)
    day = (now - timedelta(days=sample["days_ago"])).replace(hour=sample["hour"], minute=0,
                                                             second=0, microsecond=0)
    return min(day, now)


def raw_event(sample: dict) -> RawEvent:
    eid = new_id()
    return RawEvent(id=eid, correlation_id=eid, ingested_at=datetime.now(UTC), title=sample["title"],
                    text=sample["text"], source_url=sample["source_url"],
                    published_at=published(sample), submitted_by="admin")


def as_submitted(sample: dict) -> dict:
    """The body of POST /v1/events for a sample."""
    return {"title": sample["title"], "text": sample["text"], "source_url": sample["source_url"],
            "published_at": published(sample).isoformat()}


LATE = {"title": "Indonesia suspends nickel ore shipments from three provinces",
        "text": "Indonesia's energy ministry suspended nickel ore exports from three provinces on "
                "Tuesday after inspectors found unlicensed mines, an official said.",
        "source_url": "https://islands-desk.example.net/nickel-ore", "days_ago": 0, "hour": 0}
