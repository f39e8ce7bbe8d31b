"""Lists that cost what their page costs: kept channel orders, lazily derived session records.

A list used to deep-copy every channel, then filter and sort the copies. Now each channel keeps
its wire view (built once per change, see :class:`ChannelState.view`), and the app's channels in
each requested order are kept until a channel changes (the app's :class:`Revision` moves). A
list that filters nothing then costs its page: a slice of a kept order. A ``q`` filter still
reads every channel of that order once (there is no per-field index); a sort after a change
re-sorts shared views, never copies.

A session's record cannot be kept (its ``duration`` moves with the clock), so a session list
filters and sorts :class:`~._store.SessionRecord` objects, which derive only the fields the
``q`` and ``sort`` read, and renders whole only the records of its page. Events are stored as
their wire records and served as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from ._query import ListQuery, Page, envelope, matches, page_of, sort_docs
from ._store import AppState

__all__ = ["ChannelIndex", "session_page"]


def session_page(app: AppState, now: dt.datetime, query: ListQuery) -> Page:
    """Answer a session list at ``now`` (same result as :func:`page_of` over fresh records)."""
    page = page_of(app.session_records(now), query)
    page["data"] = [record.to_wire() for record in page["data"]]
    return page


class ChannelIndex:
    """The orders of one app's channel views that lists asked for, valid for one revision."""

    def __init__(self, app: AppState) -> None:
        self._app = app
        self._revision = -1
        self._orders: dict[tuple[str, bool], list[Mapping[str, Any]]] = {}

    def page(self, query: ListQuery) -> Page:
        """Answer a channel list (same result as :func:`page_of` over fresh records)."""
        ordered = self.ordered(query.sort_field, query.descending)
        if query.filter:
            ordered = [view for view in ordered if matches(view, query.filter)]
        return envelope(ordered, query)

    def ordered(self, field: str, descending: bool) -> Sequence[Mapping[str, Any]]:
        """Every channel's view sorted by ``field`` (ties by id), kept until a change."""
        if self._revision != self._app.channel_revision.value:
            self._orders.clear()
            self._revision = self._app.channel_revision.value
        key = (field, descending)
        if key not in self._orders:
            views = [channel.view() for channel in self._app.channels.values()]
            self._orders[key] = sort_docs(views, field, descending)
        return self._orders[key]
