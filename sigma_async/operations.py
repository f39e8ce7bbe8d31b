# DO NOT EDIT: generated from openapi/sigma-livestream.yaml by codegen/operations.py.
# Change the spec or the generator, then run `nox -s codegen`; `nox -s codegen-check` fails when
# this file differs from a fresh generation.
"""The Sigma Livestream API's operations and facts, generated from the OpenAPI contract.

Every fact about the API that code needs (a path, a method, which calls may be retried, the list
cap, an enum's values, a sortable field, a secret field) is read from here, never restated.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

import attrs

from .models import (
    Channel,
    ChannelCreate,
    ChannelPage,
    ChannelUpdate,
    EventPage,
    Session,
    SessionPage,
    SessionStatusResult,
)

__all__ = [
    "API_PREFIX",
    "CREATE_CHANNEL",
    "DEFAULT_BASE_URL",
    "DELETE_CHANNEL",
    "ENUMS",
    "GET_CHANNEL",
    "GET_SESSION",
    "GET_SESSION_STATUS",
    "LIST_CHANNELS",
    "LIST_EVENTS",
    "LIST_SESSIONS",
    "MAX_FILTER_DEPTH",
    "MAX_PER_PAGE",
    "OPERATIONS",
    "SECRET_FIELDS",
    "SECRET_PATHS",
    "START_CHANNEL",
    "STOP_CHANNEL",
    "UPDATE_CHANNEL",
    "Operation",
]

DEFAULT_BASE_URL: Final = "https://api.sigma.video"
"""The service root the client talks to unless told otherwise."""
API_PREFIX: Final = "/api/livestream"
"""Where the API lives under the service root; every operation path follows it."""
MAX_PER_PAGE: Final = 100
"""The service caps ``perPage`` at this; the SDK refuses more rather than be capped."""
MAX_FILTER_DEPTH: Final = 100
"""The deepest ``q`` filter nesting the SDK sends and the emulator accepts."""

ENUMS: Final = MappingProxyType(
    {
        "ChannelType": ("transcode", "forward", "hybrid"),
        "ChannelMode": ("normal", "low-latency", "ultra-low-latency"),
        "OutputFormat": ("hls", "dash"),
        "ChannelStatus": ("idle", "active", "stop"),
        "SessionStatus": ("init", "processing", "preparing", "error", "live", "ended"),
        "EventAction": (
            "init",
            "published",
            "process",
            "stable",
            "unpublished",
            "unstable",
            "republished",
            "ended",
        ),
        "MachineType": ("SIGMA_MACHINE",),
        "CatchupDestinationType": ("s3",),
    }
)
"""Each enum schema's documented wire values, in the spec's order."""

SECRET_FIELDS: Final = MappingProxyType(
    {"ChannelInput": ("streamToken",), "S3Destination": ("accessKey", "secretKey")}
)
"""The wire names of each schema's ``x-sigma-secret`` fields (credentials, keys)."""
SECRET_PATHS: Final = MappingProxyType(
    {
        "ChannelInput": ("streamToken",),
        "S3Destination": ("accessKey", "secretKey"),
        "CatchupDestination": ("s3.accessKey", "s3.secretKey"),
        "ChannelCreate": ("destinationCatchup.s3.accessKey", "destinationCatchup.s3.secretKey"),
        "ChannelUpdate": ("destinationCatchup.s3.accessKey", "destinationCatchup.s3.secretKey"),
        "Channel": (
            "destinationCatchup.s3.accessKey",
            "destinationCatchup.s3.secretKey",
            "input.streamToken",
        ),
        "Session": (
            "channel.destinationCatchup.s3.accessKey",
            "channel.destinationCatchup.s3.secretKey",
            "channel.input.streamToken",
        ),
        "ChannelPage": (
            "data.destinationCatchup.s3.accessKey",
            "data.destinationCatchup.s3.secretKey",
            "data.input.streamToken",
        ),
        "SessionPage": (
            "data.channel.destinationCatchup.s3.accessKey",
            "data.channel.destinationCatchup.s3.secretKey",
            "data.channel.input.streamToken",
        ),
    }
)
"""Dotted wire paths of the secrets reachable from a schema (``input.streamToken``)."""


@attrs.frozen(kw_only=True)
class Operation:
    """One operation of the spec: what a request for it looks like and how it may be retried."""

    operation_id: str
    """The spec's ``operationId`` (``startChannel``)."""
    resource: str
    """The API area (the spec tag): ``channels``, ``sessions`` or ``events``."""
    method: str
    """The HTTP method, upper case."""
    path: str
    """The path template under :data:`API_PREFIX` (``/channels/{channelId}/start``)."""
    path_params: tuple[str, ...]
    """The template's parameters, each filled with exactly one encoded path segment."""
    query_params: tuple[str, ...]
    """The query parameters the operation takes (wire names)."""
    request_model: type | None
    """The model of the JSON body, or None for a bodiless request."""
    response_model: type | None
    """The model of a success body, or None when the spec documents none (it is ignored)."""
    success_status: int
    """The documented success status."""
    idempotent: bool
    """Whether sending it again cannot do twice what it does (a create can)."""
    retry_404_means_done: bool
    """Whether a 404 on a retry, after an attempt that may have run, means that attempt did it."""
    inferred: bool
    """Whether the operation is inferred rather than documented in the vendor's guide."""
    sortable: tuple[str, ...]
    """The fields a list operation sorts by (``sort=field|asc``); empty for the others."""


LIST_CHANNELS: Final = Operation(
    operation_id="listChannels",
    resource="channels",
    method="GET",
    path="/channels",
    path_params=(),
    query_params=("q", "sort", "page", "perPage"),
    request_model=None,
    response_model=ChannelPage,
    success_status=200,
    idempotent=True,
    retry_404_means_done=False,
    inferred=True,
    sortable=(
        "appId",
        "catchup",
        "createdAt",
        "currentSessionId",
        "description",
        "destinationCatchup.type",
        "id",
        "input.rtmpServer",
        "input.streamToken",
        "inputId",
        "interaction",
        "liveStreamUrl",
        "machine.enabled",
        "machine.machineId",
        "machine.machineType",
        "mode",
        "name",
        "outputFormat",
        "record",
        "status",
        "stopTimeout",
        "type",
        "updatedAt",
    ),
)
"""List the app's channels."""

CREATE_CHANNEL: Final = Operation(
    operation_id="createChannel",
    resource="channels",
    method="POST",
    path="/channels",
    path_params=(),
    query_params=(),
    request_model=ChannelCreate,
    response_model=Channel,
    success_status=201,
    idempotent=False,
    retry_404_means_done=False,
    inferred=False,
    sortable=(),
)
"""Create a live channel (guide section 2)."""

GET_CHANNEL: Final = Operation(
    operation_id="getChannel",
    resource="channels",
    method="GET",
    path="/channels/{channelId}",
    path_params=("channelId",),
    query_params=(),
    request_model=None,
    response_model=Channel,
    success_status=200,
    idempotent=True,
    retry_404_means_done=False,
    inferred=False,
    sortable=(),
)
"""Get one channel (guide section 3)."""

UPDATE_CHANNEL: Final = Operation(
    operation_id="updateChannel",
    resource="channels",
    method="PATCH",
    path="/channels/{channelId}",
    path_params=("channelId",),
    query_params=(),
    request_model=ChannelUpdate,
    response_model=Channel,
    success_status=200,
    idempotent=True,
    retry_404_means_done=False,
    inferred=True,
    sortable=(),
)
"""Update a channel's settings."""

DELETE_CHANNEL: Final = Operation(
    operation_id="deleteChannel",
    resource="channels",
    method="DELETE",
    path="/channels/{channelId}",
    path_params=("channelId",),
    query_params=(),
    request_model=None,
    response_model=None,
    success_status=200,
    idempotent=True,
    retry_404_means_done=True,
    inferred=False,
    sortable=(),
)
"""Delete a channel (guide section 6)."""

START_CHANNEL: Final = Operation(
    operation_id="startChannel",
    resource="channels",
    method="PATCH",
    path="/channels/{channelId}/start",
    path_params=("channelId",),
    query_params=(),
    request_model=None,
    response_model=None,
    success_status=200,
    idempotent=True,
    retry_404_means_done=False,
    inferred=False,
    sortable=(),
)
"""Start a live channel (guide section 4)."""

STOP_CHANNEL: Final = Operation(
    operation_id="stopChannel",
    resource="channels",
    method="DELETE",
    path="/channels/{channelId}/stop",
    path_params=("channelId",),
    query_params=(),
    request_model=None,
    response_model=None,
    success_status=200,
    idempotent=True,
    retry_404_means_done=False,
    inferred=False,
    sortable=(),
)
"""Stop a live channel (guide section 5)."""

LIST_SESSIONS: Final = Operation(
    operation_id="listSessions",
    resource="sessions",
    method="GET",
    path="/sessions",
    path_params=(),
    query_params=("q", "sort", "page", "perPage"),
    request_model=None,
    response_model=SessionPage,
    success_status=200,
    idempotent=True,
    retry_404_means_done=False,
    inferred=False,
    sortable=(
        "appId",
        "channel.id",
        "channel.name",
        "channelId",
        "clientInfo.action",
        "clientInfo.app",
        "clientInfo.client_id",
        "clientInfo.ip",
        "clientInfo.param",
        "clientInfo.stream",
        "clientInfo.stream_id",
        "clientInfo.tcUrl",
        "createdAt",
        "duration",
        "finishedAt",
        "id",
        "isCreateTask",
        "name",
        "startedAt",
        "status",
        "updatedAt",
    ),
)
"""List live sessions (guide section 7)."""

GET_SESSION: Final = Operation(
    operation_id="getSession",
    resource="sessions",
    method="GET",
    path="/sessions/{sessionId}",
    path_params=("sessionId",),
    query_params=(),
    request_model=None,
    response_model=Session,
    success_status=200,
    idempotent=True,
    retry_404_means_done=False,
    inferred=True,
    sortable=(),
)
"""Get one session."""

GET_SESSION_STATUS: Final = Operation(
    operation_id="getSessionStatus",
    resource="sessions",
    method="GET",
    path="/sessions/{sessionId}/status",
    path_params=("sessionId",),
    query_params=(),
    request_model=None,
    response_model=SessionStatusResult,
    success_status=200,
    idempotent=True,
    retry_404_means_done=False,
    inferred=False,
    sortable=(),
)
"""Get a session's status (guide section 8)."""

LIST_EVENTS: Final = Operation(
    operation_id="listEvents",
    resource="events",
    method="GET",
    path="/events",
    path_params=(),
    query_params=("q", "sort", "page", "perPage"),
    request_model=None,
    response_model=EventPage,
    success_status=200,
    idempotent=True,
    retry_404_means_done=False,
    inferred=False,
    sortable=("action", "actor", "createdAt", "id", "message", "sessionId", "updatedAt"),
)
"""List a session's events (guide section 9)."""

OPERATIONS: Final = MappingProxyType(
    {
        "listChannels": LIST_CHANNELS,
        "createChannel": CREATE_CHANNEL,
        "getChannel": GET_CHANNEL,
        "updateChannel": UPDATE_CHANNEL,
        "deleteChannel": DELETE_CHANNEL,
        "startChannel": START_CHANNEL,
        "stopChannel": STOP_CHANNEL,
        "listSessions": LIST_SESSIONS,
        "getSession": GET_SESSION,
        "getSessionStatus": GET_SESSION_STATUS,
        "listEvents": LIST_EVENTS,
    }
)
"""Every operation of the spec, by operationId, in the spec's order."""
