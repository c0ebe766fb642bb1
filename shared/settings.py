"""Every setting, read once from CHOKEWATCH_* environment variables (README lists them all)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CHOKEWATCH_", extra="ignore")

    redis_url: str | None = Field(
        default=None, repr=False,  # it may hold a password
        description="Redis to use; unset, `up` and `demo` start an embedded server",
    )
    redis_cluster: bool = Field(
        default=False, description="CHOKEWATCH_REDIS_URL names a node of a Redis Cluster"
    )
    namespace: str = Field(
        default="cw", pattern=r"^[A-Za-z0-9_-]{1,32}$",
        description="prefix of every Redis key, so several deployments can share one Redis",
    )
    data_dir: Path = Field(default=Path(".chokewatch"), description="embedded Redis data")

    api_host: str = "127.0.0.1"
    api_port: int = 8000
    admin_key: SecretStr | None = Field(
        default=None, description="bearer key that manages every subscriber"
    )
    admin_key_file: Path | None = Field(default=None, description="file holding the admin key")
    secrets_key: SecretStr | None = Field(
        default=None,
        description="Fernet keys (comma-separated, newest first) that encrypt webhook secrets and "
        "Slack URLs in Redis; unset: stored in clear, with a warning",
    )
    secrets_key_file: Path | None = Field(
        default=None, description="file holding those keys, one per line, newest first"
    )
    max_event_bytes: int = Field(default=1_000_000, description="largest accepted event body")
    api_heavy_concurrency: int = Field(
        default=2, ge=1, le=64, description="previews and backtests one API process runs at once"
    )
    api_heavy_timeout_s: float = Field(
        default=20.0, gt=0, description="time limit of one preview or backtest (503 or truncated after)"
    )
    backtest_max_events: int = Field(
        default=20_000, ge=1, description="classified events one backtest reads at most"
    )
    api_rate_per_minute: int = Field(
        default=600, ge=1, description="requests one API key may make per minute (429 above)"
    )
    console_session_hours: float = Field(
        default=8.0, gt=0, le=720, description="how long a console sign-in lasts"
    )

    dev_receiver_port: int = Field(
        default=8010, ge=0, le=65535,
        description="port of the local receiver `up --dev` runs (0: a free port)",
    )

    metrics_port: int | None = Field(
        default=None,
        description="port of this service's /metrics; unset: ingest 9101, classify 9102, alert 9103, "
        "and none for the API (its /metrics on the API port needs the admin key)",
    )
    metrics_host: str = Field(
        default="127.0.0.1",
        description="address the metrics port listens on (0.0.0.0 where Prometheus scrapes from "
        "another host or container)",
    )
    log_level: str = "INFO"
    log_json: bool = Field(default=False, description="JSON log lines (for compose and k8s)")

    batch_size: int = Field(default=50, ge=1, description="stream entries read per call")
    claim_idle_ms: int = Field(
        default=30_000, ge=100,
        description="an entry pending this long on a dead consumer is claimed by a live one",
    )
    max_attempts: int = Field(
        default=5, ge=1, description="handling attempts before an entry is dead-lettered"
    )
    retry_base_ms: int = Field(default=500, ge=1, description="first retry delay; doubles")
    retry_max_ms: int = Field(default=60_000, ge=1, description="longest retry delay")
    dedup_ttl_days: float = Field(
        default=30, gt=0, description="how long exact duplicates are remembered"
    )

    # Retention: what Redis keeps, so its memory stays flat however long chokewatch runs.
    # Stream entries go only once every consumer group has acknowledged them.
    stream_keep_hours: float = Field(
        default=24, ge=0,
        description="submitted, raw and alerts entries kept this long once every group is done",
    )
    classified_keep_days: float = Field(
        default=90, ge=0, description="classified events kept for backtests (how far back one sees)"
    )
    dead_letter_keep_days: float = Field(default=30, ge=0, description="dead letters kept this long")
    dead_letter_max: int = Field(default=10_000, ge=1, description="dead letters kept per stream")
    history_keep_days: float = Field(
        default=400, ge=1, description="a subscriber's alert history kept this long"
    )
    history_max: int = Field(default=5_000, ge=1, description="alerts kept per subscriber history")
    incident_keep_days: float = Field(
        default=400, gt=0,
        description="incidents, their memberships, decisions and delivery marks kept this long "
        "after their last report",
    )
    trim_interval_s: float = Field(default=60, gt=0, description="how often streams are trimmed")

    webhook_timeout_s: float = Field(default=10.0, gt=0)
    delivery_max_attempts: int = Field(
        default=12, ge=1, description="delivery attempts per alert before it is dead-lettered"
    )
    delivery_retry_base_ms: int = Field(default=2_000, ge=1, description="first delivery retry")
    delivery_retry_max_ms: int = Field(default=600_000, ge=1, description="longest delivery retry")
    delivery_concurrency: int = Field(default=256, ge=1, description="alerts delivered at once")
    delivery_max_in_flight: int = Field(
        default=256, ge=1, description="requests in flight from one alert worker, all endpoints"
    )
    endpoint_concurrency: int = Field(
        default=4, ge=1,
        description="requests in flight to one endpoint: a webhook host, or one Slack webhook URL",
    )
    breaker_failures: int = Field(
        default=5, ge=1, description="consecutive failures that open an endpoint's circuit"
    )
    breaker_open_s: float = Field(default=30.0, gt=0, description="how long a circuit stays open")
    slack_interval_ms: int = Field(
        default=1_000, ge=0, description="one message per this interval to one Slack webhook URL"
    )
    slack_burst: int = Field(
        default=3, ge=1, description="messages one Slack webhook URL may take at once after a pause"
    )
    webhook_allow_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="comma-separated hosts, addresses or CIDRs, each optionally with :port, exempt "
        "from the SSRF guard (e.g. 127.0.0.1); `http://` in front also admits plain http to it",
    )
    webhook_allow_http: bool = Field(default=False, description="allow plain-http webhook URLs")
    slack_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["hooks.slack.com", "hooks.slack-gov.com"],
        description="comma-separated hosts a Slack channel's URL may name (Slack's webhook hosts)",
    )

    user_agent: str = Field(
        default="chokewatch/0.1 (trade-control and critical-minerals monitor)",
        min_length=1, max_length=300,
        description="User-Agent of every source fetch; operators may add a contact address",
    )
    fetch_allow_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="comma-separated hosts, addresses or CIDRs, each optionally with :port, that "
        "source fetches may reach although they are not public (e.g. intranet.example:8443)",
    )
    fetch_timeout_s: float = Field(default=20.0, gt=0, description="time limit of one source fetch")
    fetch_max_bytes: int = Field(
        default=5_000_000, ge=1_000, description="largest body a source fetch reads (decoded)"
    )
    fetch_max_redirects: int = Field(default=5, ge=0, le=20, description="redirects one fetch follows")
    host_interval_ms: int = Field(
        default=1_000, ge=0, description="least time between two source requests to one host"
    )
    poll_concurrency: int = Field(default=4, ge=1, description="sources one ingest process polls at once")
    source_backoff_max_s: int = Field(
        default=3_600, ge=1, description="longest wait before retrying a failing source"
    )
    source_files_root: Path | None = Field(
        default=None, description="folder sources must lie under this directory; unset: refused"
    )

    fault_hold_ms: int = Field(
        default=0, ge=0,
        description="fault drills only: pause after a message's effects are stored, before its ack",
    )

    fault_decide_hold_ms: int = Field(
        default=0, ge=0,
        description="fault drills only: pause after an alert decision is recorded, before the "
        "alert is published",
    )

    @field_validator("webhook_allow_hosts", "fetch_allow_hosts", "slack_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: object) -> object:
        if isinstance(value, str):
            return [h.strip() for h in value.split(",") if h.strip()]
        return value

    @field_validator("webhook_allow_hosts", "fetch_allow_hosts")
    @classmethod
    def _allow_entries(cls, value: list[str]) -> list[str]:
        from .fetchguard import parse_allowed

        for item in value:
            parse_allowed(item)  # a ValueError names the entry
        return value

    def resolved_admin_key(self) -> str | None:
        if self.admin_key is not None:
            return self.admin_key.get_secret_value()
        if self.admin_key_file is not None:
            return self.admin_key_file.read_text().strip() or None
        return None
