"""Draw the README's pictures of the CLI as SVG, with rich's own export (``Console.save_svg``).

``python -m tests.docs.pictures docs`` (``nox -s pictures``) writes them; the README test draws
them again into a temporary directory and compares. They are drawn with the CLI's own rendering
code (its tables, the demo's report, the bulk progress bar) over a seeded emulator on a manual
clock, so that every id and time in them is the same on every run.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import sys
from pathlib import Path

from rich.progress import Progress

from sigma_async import Channel, ChannelCreate, Event
from sigma_async.cli.console import Console
from sigma_async.cli.demo_report import DemoReport
from sigma_async.cli.progress import progress_columns
from sigma_async.cli.views import CHANNEL_COLUMNS, EVENT_COLUMNS
from sigma_async.testing import SigmaEmulator

PICTURES = ("channels.svg", "bulk-progress.svg", "demo.svg")
WIDTH = 110
START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone.utc)


def _console() -> Console:
    return Console(
        stdout=io.StringIO(), stderr=io.StringIO(), interactive=True, record=True, width=WIDTH
    )


async def _world() -> tuple[list[Channel], list[Event], str]:
    async with SigmaEmulator(seed=2026, start_time=START) as emulator, emulator.client() as client:
        for n, (name, tags) in enumerate(
            [
                ("news", ["event"]),
                ("sports", ["event", "hd"]),
                ("music", ["event"]),
                ("lobby", ["internal"]),
                ("keynote", ["event"]),
            ]
        ):
            await client.channels.create(ChannelCreate(name=name, tags=tags, mode="low-latency"))
            emulator.advance(60 + n)
        channels = await client.channels.list().to_list()
        started = [c for c in channels if "event" in (c.tags or [])][:3]
        for channel in started:
            await client.channels.start(channel.id)
            emulator.advance(1)
        session_id = emulator.publish(started[0].id)
        emulator.advance(12)
        emulator.interrupt(session_id)
        emulator.advance(3)
        emulator.recover(session_id)
        emulator.advance(5)
        channels = await client.channels.list().to_list()
        events = await client.events.list(session_id).to_list()
        events.reverse()
        return channels, events, session_id


def draw(directory: Path) -> None:
    """Write every picture into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    channels, events, session_id = asyncio.run(_world())

    console = _console()
    console.out("$ sigma-async channels list")
    console.table(CHANNEL_COLUMNS, channels)
    console.info(f"{len(channels)} channel(s)")
    console.save_svg(str(directory / "channels.svg"), title="sigma-async channels list")

    console = _console()
    console.out("$ sigma-async channels start --all --tag event")
    clock = [0.0]
    progress = Progress(
        *progress_columns("starting"), console=console.rich_out, get_time=lambda: clock[0]
    )
    task = progress.add_task("starting", total=200)
    for done in range(0, 121, 8):
        clock[0] = done / 40
        progress.update(task, completed=done)
    console.print(progress.make_tasks_table(progress.tasks))
    console.save_svg(str(directory / "bulk-progress.svg"), title="a bulk command's progress")

    console = _console()
    report = DemoReport(console, as_json=False)
    report.step("Create 5 channels concurrently", "client.channels.bulk_create")
    report.table(CHANNEL_COLUMNS, channels)
    report.step(f"Events of session {session_id}", "client.events.list(session_id)")
    report.table(EVENT_COLUMNS, events)
    console.save_svg(str(directory / "demo.svg"), title="sigma-async demo (two of its steps)")


if __name__ == "__main__":
    draw(Path(sys.argv[1] if len(sys.argv) > 1 else "docs"))
