"""Redis connection and the streams' consumer groups, created the same way by every process."""

from __future__ import annotations

import redis.asyncio as aioredis
from redis.exceptions import ResponseError

from .names import Names


def connect(url: str, cluster: bool = False) -> aioredis.Redis:
    # Text in and out: every value chokewatch stores is JSON or plain text. A poison entry with
    # undecodable bytes must still reach the dead-letter stream, hence "replace".
    if cluster:
        return aioredis.RedisCluster.from_url(url, decode_responses=True, encoding_errors="replace")
    return aioredis.Redis.from_url(
        url, decode_responses=True, encoding_errors="replace", health_check_interval=30
    )


def broker(url: str, cluster: bool = False):
    """The FastStream broker matching the deployment (single server or cluster).

    Without FastDepends (`apply_types=False`): handlers take the raw entry, which the worker
    validates itself, and nothing is injected. Injection resolves its context fields in a
    thread pool, four thread hops per entry, which cost more than handling an alert does.
    """
    from faststream.redis import RedisBroker, RedisClusterBroker

    return (RedisClusterBroker if cluster else RedisBroker)(url, logger=None, apply_types=False)


async def ensure_streams(redis: aioredis.Redis, names: Names) -> None:
    """Create every stream and its consumer group, reading from the very start.

    Created at id 0 (not "$"), so entries written before the first consumer started are read.
    """
    for keys in names.all_streams():
        try:
            await redis.xgroup_create(keys.stream, keys.group, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise
