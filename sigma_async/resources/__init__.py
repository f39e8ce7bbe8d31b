"""One class per API area: ``client.channels``, ``client.sessions``, ``client.events``."""

from __future__ import annotations

from .channels import ChannelsResource
from .events import EventsResource
from .sessions import SessionsResource

__all__ = ["ChannelsResource", "EventsResource", "SessionsResource"]
