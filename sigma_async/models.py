# DO NOT EDIT: generated from openapi/sigma-livestream.yaml by datamodel-code-generator 0.89.0
# with the templates in codegen/templates/. Change the spec or the templates, then run
# `nox -s codegen`; `nox -s codegen-check` fails when this file differs from a fresh generation.
"""The Sigma Livestream API's models, generated from the OpenAPI contract.

Conversion to and from JSON lives apart, in ``sigma_async._convert``.
"""

from __future__ import annotations

from datetime import datetime

import attrs

from sigma_async._model_support import (
    UNSET,
    WIRE_NAME,
    SigmaEnum,
    Unset,
    at_least,
    length,
    redacted_repr,
    typed,
)


class ChannelType(SigmaEnum):
    """How the channel treats its input."""

    TRANSCODE = "transcode"
    FORWARD = "forward"
    HYBRID = "hybrid"


def _channel_type(value: ChannelType | str) -> ChannelType:
    # A string becomes its member; anything else is left for the field's type check to refuse
    # by name (Enum() would raise a bare ValueError). The decoder never calls this.
    if isinstance(value, ChannelType):
        return value
    return ChannelType(value) if isinstance(value, str) else value


def _channel_type_or_none(value: ChannelType | str | None) -> ChannelType | None:
    return None if value is None else _channel_type(value)


class ChannelMode(SigmaEnum):
    """Latency mode."""

    NORMAL = "normal"
    LOW_LATENCY = "low-latency"
    ULTRA_LOW_LATENCY = "ultra-low-latency"


def _channel_mode(value: ChannelMode | str) -> ChannelMode:
    # A string becomes its member; anything else is left for the field's type check to refuse
    # by name (Enum() would raise a bare ValueError). The decoder never calls this.
    if isinstance(value, ChannelMode):
        return value
    return ChannelMode(value) if isinstance(value, str) else value


def _channel_mode_or_none(value: ChannelMode | str | None) -> ChannelMode | None:
    return None if value is None else _channel_mode(value)


class OutputFormat(SigmaEnum):
    """Delivery format of the live stream."""

    HLS = "hls"
    DASH = "dash"


def _output_format(value: OutputFormat | str) -> OutputFormat:
    # A string becomes its member; anything else is left for the field's type check to refuse
    # by name (Enum() would raise a bare ValueError). The decoder never calls this.
    if isinstance(value, OutputFormat):
        return value
    return OutputFormat(value) if isinstance(value, str) else value


def _output_format_or_none(value: OutputFormat | str | None) -> OutputFormat | None:
    return None if value is None else _output_format(value)


class ChannelStatus(SigmaEnum):
    """`idle`: no session running; `active`: started (a session may run); `stop`: stopped by the user."""

    IDLE = "idle"
    ACTIVE = "active"
    STOP = "stop"


def _channel_status(value: ChannelStatus | str) -> ChannelStatus:
    # A string becomes its member; anything else is left for the field's type check to refuse
    # by name (Enum() would raise a bare ValueError). The decoder never calls this.
    if isinstance(value, ChannelStatus):
        return value
    return ChannelStatus(value) if isinstance(value, str) else value


def _channel_status_or_none(value: ChannelStatus | str | None) -> ChannelStatus | None:
    return None if value is None else _channel_status(value)


class SessionStatus(SigmaEnum):
    """A session's state (the console's state diagram)."""

    INIT = "init"
    PROCESSING = "processing"
    PREPARING = "preparing"
    ERROR = "error"
    LIVE = "live"
    ENDED = "ended"


def _session_status(value: SessionStatus | str) -> SessionStatus:
    # A string becomes its member; anything else is left for the field's type check to refuse
    # by name (Enum() would raise a bare ValueError). The decoder never calls this.
    if isinstance(value, SessionStatus):
        return value
    return SessionStatus(value) if isinstance(value, str) else value


def _session_status_or_none(value: SessionStatus | str | None) -> SessionStatus | None:
    return None if value is None else _session_status(value)


class EventAction(SigmaEnum):
    """What happened to a session."""

    INIT = "init"
    PUBLISHED = "published"
    PROCESS = "process"
    STABLE = "stable"
    UNPUBLISHED = "unpublished"
    UNSTABLE = "unstable"
    REPUBLISHED = "republished"
    ENDED = "ended"


def _event_action(value: EventAction | str) -> EventAction:
    # A string becomes its member; anything else is left for the field's type check to refuse
    # by name (Enum() would raise a bare ValueError). The decoder never calls this.
    if isinstance(value, EventAction):
        return value
    return EventAction(value) if isinstance(value, str) else value


def _event_action_or_none(value: EventAction | str | None) -> EventAction | None:
    return None if value is None else _event_action(value)


class MachineType(SigmaEnum):
    """Where the channel runs. The guide shows `SIGMA_MACHINE`; the console also names cluster types whose wire values are not documented (clients keep unknown values as strings)."""

    SIGMA_MACHINE = "SIGMA_MACHINE"


def _machine_type(value: MachineType | str) -> MachineType:
    # A string becomes its member; anything else is left for the field's type check to refuse
    # by name (Enum() would raise a bare ValueError). The decoder never calls this.
    if isinstance(value, MachineType):
        return value
    return MachineType(value) if isinstance(value, str) else value


def _machine_type_or_none(value: MachineType | str | None) -> MachineType | None:
    return None if value is None else _machine_type(value)


class CatchupDestinationType(SigmaEnum):
    """Where catch-up recordings are stored."""

    S3 = "s3"


def _catchup_destination_type(value: CatchupDestinationType | str) -> CatchupDestinationType:
    # A string becomes its member; anything else is left for the field's type check to refuse
    # by name (Enum() would raise a bare ValueError). The decoder never calls this.
    if isinstance(value, CatchupDestinationType):
        return value
    return CatchupDestinationType(value) if isinstance(value, str) else value


def _catchup_destination_type_or_none(
    value: CatchupDestinationType | str | None,
) -> CatchupDestinationType | None:
    return None if value is None else _catchup_destination_type(value)


@attrs.define(kw_only=True)
class ChannelInput:
    """Where an encoder (OBS, say) pushes RTMP."""

    stream_token: str | None = attrs.field(
        default=None, validator=typed, repr=redacted_repr, metadata={WIRE_NAME: "streamToken"}
    )
    """The stream key; whoever holds it can push video into the channel."""
    rtmp_server: str | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "rtmpServer"}
    )
    """The RTMP server URL."""


@attrs.define(kw_only=True)
class MachineConfig:
    """The machine the channel runs on."""

    enabled: bool | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "enabled"}
    )
    machine_id: str | Unset | None = attrs.field(
        default=UNSET, validator=typed, metadata={WIRE_NAME: "machineId"}
    )
    machine_type: MachineType | None = attrs.field(
        default=None,
        converter=_machine_type_or_none,
        validator=typed,
        metadata={WIRE_NAME: "machineType"},
    )


@attrs.define(kw_only=True)
class S3Destination:
    """S3-compatible storage for catch-up recordings."""

    access_key: str | None = attrs.field(
        default=None, validator=typed, repr=redacted_repr, metadata={WIRE_NAME: "accessKey"}
    )
    bucket: str | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "bucket"})
    endpoint: str | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "endpoint"}
    )
    secret_key: str | None = attrs.field(
        default=None, validator=typed, repr=redacted_repr, metadata={WIRE_NAME: "secretKey"}
    )
    region: str | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "region"})
    segment_prefix: str | Unset | None = attrs.field(
        default=UNSET, validator=typed, metadata={WIRE_NAME: "segmentPrefix"}
    )


@attrs.define(kw_only=True)
class CatchupDestination:
    """Where a channel's catch-up (VOD of the live) is stored."""

    type: CatchupDestinationType = attrs.field(
        converter=_catchup_destination_type, validator=typed, metadata={WIRE_NAME: "type"}
    )
    s3: S3Destination | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "s3"}
    )


@attrs.define(kw_only=True)
class ChannelCreate:
    """The body of create channel (guide section 2). Only `name` is required; a field left unset is not sent and the service applies its own default (the console's: type `transcode`, mode `normal`, outputFormat `hls`, stopTimeout 30, catchup/record false)."""

    name: str = attrs.field(validator=[typed, length(1, 50)], metadata={WIRE_NAME: "name"})
    description: str | Unset | None = attrs.field(
        default=UNSET, validator=[typed, length(None, 250)], metadata={WIRE_NAME: "description"}
    )
    tags: list[str] | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "tags"}
    )
    transcode_profile: list[str] | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "transcodeProfile"}
    )
    """Transcode profile ids (UUIDs); not used when type is `forward`. An id the service does not know is a 400."""
    type: ChannelType | None = attrs.field(
        default=None, converter=_channel_type_or_none, validator=typed, metadata={WIRE_NAME: "type"}
    )
    mode: ChannelMode | None = attrs.field(
        default=None, converter=_channel_mode_or_none, validator=typed, metadata={WIRE_NAME: "mode"}
    )
    stop_timeout: int | None = attrs.field(
        default=None, validator=[typed, at_least(1)], metadata={WIRE_NAME: "stopTimeout"}
    )
    """Seconds without input after which a session ends."""
    catchup: bool | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "catchup"}
    )
    record: bool | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "record"})
    interaction: bool | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "interaction"}
    )
    """Inferred: a console switch, not in the guide."""
    output_format: OutputFormat | None = attrs.field(
        default=None,
        converter=_output_format_or_none,
        validator=typed,
        metadata={WIRE_NAME: "outputFormat"},
    )
    machine: MachineConfig | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "machine"}
    )
    destination_catchup: CatchupDestination | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "destinationCatchup"}
    )


@attrs.define(kw_only=True)
class ChannelUpdate:
    """Inferred (see updateChannel): a partial update; only the fields set are sent and changed."""

    name: str | None = attrs.field(
        default=None, validator=[typed, length(1, 50)], metadata={WIRE_NAME: "name"}
    )
    description: str | Unset | None = attrs.field(
        default=UNSET, validator=[typed, length(None, 250)], metadata={WIRE_NAME: "description"}
    )
    tags: list[str] | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "tags"}
    )
    transcode_profile: list[str] | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "transcodeProfile"}
    )
    type: ChannelType | None = attrs.field(
        default=None, converter=_channel_type_or_none, validator=typed, metadata={WIRE_NAME: "type"}
    )
    mode: ChannelMode | None = attrs.field(
        default=None, converter=_channel_mode_or_none, validator=typed, metadata={WIRE_NAME: "mode"}
    )
    stop_timeout: int | None = attrs.field(
        default=None, validator=[typed, at_least(1)], metadata={WIRE_NAME: "stopTimeout"}
    )
    catchup: bool | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "catchup"}
    )
    record: bool | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "record"})
    interaction: bool | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "interaction"}
    )
    output_format: OutputFormat | None = attrs.field(
        default=None,
        converter=_output_format_or_none,
        validator=typed,
        metadata={WIRE_NAME: "outputFormat"},
    )
    machine: MachineConfig | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "machine"}
    )
    destination_catchup: CatchupDestination | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "destinationCatchup"}
    )


@attrs.define(kw_only=True)
class Channel:
    """A live channel (guide section 3). Only `id` and `name` are required, because sessions embed a partial channel."""

    id: str = attrs.field(validator=typed, metadata={WIRE_NAME: "id"})
    name: str = attrs.field(validator=typed, metadata={WIRE_NAME: "name"})
    description: str | Unset | None = attrs.field(
        default=UNSET, validator=typed, metadata={WIRE_NAME: "description"}
    )
    tags: list[str] | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "tags"}
    )
    app_id: str | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "appId"})
    input_id: str | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "inputId"}
    )
    transcode_profile: list[str] | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "transcodeProfile"}
    )
    type: ChannelType | None = attrs.field(
        default=None, converter=_channel_type_or_none, validator=typed, metadata={WIRE_NAME: "type"}
    )
    mode: ChannelMode | None = attrs.field(
        default=None, converter=_channel_mode_or_none, validator=typed, metadata={WIRE_NAME: "mode"}
    )
    stop_timeout: int | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "stopTimeout"}
    )
    catchup: bool | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "catchup"}
    )
    destination_catchup: CatchupDestination | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "destinationCatchup"}
    )
    record: bool | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "record"})
    interaction: bool | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "interaction"}
    )
    output_format: OutputFormat | None = attrs.field(
        default=None,
        converter=_output_format_or_none,
        validator=typed,
        metadata={WIRE_NAME: "outputFormat"},
    )
    status: ChannelStatus | None = attrs.field(
        default=None,
        converter=_channel_status_or_none,
        validator=typed,
        metadata={WIRE_NAME: "status"},
    )
    machine: MachineConfig | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "machine"}
    )
    created_at: datetime | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "createdAt"}
    )
    updated_at: datetime | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "updatedAt"}
    )
    current_session_id: str | Unset | None = attrs.field(
        default=UNSET, validator=typed, metadata={WIRE_NAME: "currentSessionId"}
    )
    """The running session's id, while one runs."""
    input: ChannelInput | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "input"}
    )
    live_stream_url: str | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "liveStreamUrl"}
    )
    """Where to watch (HLS `.m3u8` or DASH `.mpd`)."""


@attrs.define(kw_only=True)
class ClientInfo:
    """The encoder connection that opened a session. The wire mixes key styles (`client_id`, `stream_id`, `tcUrl`)."""

    action: str | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "action"})
    stream: str | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "stream"})
    ip: str | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "ip"})
    client_id: str | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "client_id"}
    )
    param: str | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "param"})
    tc_url: str | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "tcUrl"})
    ips: list[str] | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "ips"})
    app: str | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "app"})
    stream_id: str | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "stream_id"}
    )


@attrs.define(kw_only=True)
class SessionStatusResult:
    """The body of get session status (guide section 8)."""

    status: SessionStatus = attrs.field(
        converter=_session_status, validator=typed, metadata={WIRE_NAME: "status"}
    )


@attrs.define(kw_only=True)
class Event:
    """Something that happened to a session (guide section 9)."""

    id: str = attrs.field(validator=typed, metadata={WIRE_NAME: "id"})
    action: EventAction = attrs.field(
        converter=_event_action, validator=typed, metadata={WIRE_NAME: "action"}
    )
    session_id: str | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "sessionId"}
    )
    actor: str | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "actor"})
    """Who caused it, when known (`user`)."""
    message: str | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "message"}
    )
    """Human text (Vietnamese in the guide)."""
    created_at: datetime | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "createdAt"}
    )
    updated_at: datetime | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "updatedAt"}
    )


@attrs.define(kw_only=True)
class ChannelPage:
    """One page of channels."""

    data: list[Channel] = attrs.field(validator=typed, metadata={WIRE_NAME: "data"})
    total: int | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "total"})
    count: int | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "count"})
    page: int | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "page"})
    per_page: int | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "perPage"}
    )


@attrs.define(kw_only=True)
class EventPage:
    """One page of events (guide section 9; its sample shows only `data`)."""

    data: list[Event] = attrs.field(validator=typed, metadata={WIRE_NAME: "data"})
    total: int | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "total"})
    count: int | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "count"})
    page: int | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "page"})
    per_page: int | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "perPage"}
    )


@attrs.define(kw_only=True)
class ErrorBody:
    """NestJS's default error body (what a 4xx or 5xx carries). Not an exception: the SDK raises an `APIStatusError`, whose `body` holds this JSON."""

    status_code: int | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "statusCode"}
    )
    message: str | list[str] | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "message"}
    )
    error: str | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "error"})


@attrs.define(kw_only=True)
class Session:
    """One run of a channel, created when an encoder starts pushing (guide section 7)."""

    id: str = attrs.field(validator=typed, metadata={WIRE_NAME: "id"})
    status: SessionStatus = attrs.field(
        converter=_session_status, validator=typed, metadata={WIRE_NAME: "status"}
    )
    name: str | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "name"})
    app_id: str | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "appId"})
    record_urls: list[str] | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "recordUrls"}
    )
    client_info: ClientInfo | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "clientInfo"}
    )
    duration: float | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "duration"}
    )
    """Seconds live."""
    is_create_task: bool | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "isCreateTask"}
    )
    channel_id: str | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "channelId"}
    )
    channel: Channel | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "channel"}
    )
    events: list[Event] | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "events"}
    )
    created_at: datetime | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "createdAt"}
    )
    updated_at: datetime | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "updatedAt"}
    )
    started_at: datetime | Unset | None = attrs.field(
        default=UNSET, validator=typed, metadata={WIRE_NAME: "startedAt"}
    )
    finished_at: datetime | Unset | None = attrs.field(
        default=UNSET, validator=typed, metadata={WIRE_NAME: "finishedAt"}
    )


@attrs.define(kw_only=True)
class SessionPage:
    """One page of sessions (guide section 7)."""

    data: list[Session] = attrs.field(validator=typed, metadata={WIRE_NAME: "data"})
    total: int | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "total"})
    count: int | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "count"})
    page: int | None = attrs.field(default=None, validator=typed, metadata={WIRE_NAME: "page"})
    per_page: int | None = attrs.field(
        default=None, validator=typed, metadata={WIRE_NAME: "perPage"}
    )
