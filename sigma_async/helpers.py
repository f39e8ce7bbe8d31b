"""Helpers users want around the API's records."""

from __future__ import annotations

from ._http.sansio import path_segment
from .errors import SigmaValidationError
from .models import CatchupDestinationType, Channel

__all__ = ["catchup_playlist_url"]


def catchup_playlist_url(
    channel: Channel, session_id: str, *, s3_base_url: str | None = None
) -> str:
    """Return a session's catch-up master playlist on S3 (guide section 3).

    The guide gives ``<s3>/sigma-livestream/<session_id>/catchup/master-catchup.m3u8``. ``<s3>``
    is taken as the channel's S3 endpoint and bucket, path-style (``{endpoint}/{bucket}``),
    which every S3-compatible store serves; an endpoint without a scheme gets ``https://``.
    Pass ``s3_base_url`` to use another form (a virtual-hosted bucket, a CDN in front of it).

    Raises :class:`~sigma_async.SigmaValidationError` when the channel has no S3 catch-up
    destination and no ``s3_base_url`` is given.
    """
    if not isinstance(channel, Channel):
        raise SigmaValidationError(f"channel must be a Channel, got {type(channel).__name__}")
    segment = path_segment(session_id, "session_id")
    if s3_base_url is None:
        destination = channel.destination_catchup
        s3 = destination.s3 if destination is not None else None
        if (
            destination is None
            or destination.type != CatchupDestinationType.S3
            or s3 is None
            or not s3.endpoint
            or not s3.bucket
        ):
            raise SigmaValidationError(
                f"channel {channel.id} has no S3 catch-up destination (endpoint and bucket)"
            )
        endpoint = s3.endpoint if "://" in s3.endpoint else f"https://{s3.endpoint}"
        bucket = path_segment(s3.bucket, "bucket")
        s3_base_url = f"{endpoint.rstrip('/')}/{bucket}"
    return f"{s3_base_url.rstrip('/')}/sigma-livestream/{segment}/catchup/master-catchup.m3u8"
