"""The ``sigma-async`` command line: every command, option and help text."""

from __future__ import annotations

import argparse
from typing import Any

from .._version import __version__
from ..bulk import DEFAULT_CONCURRENCY
from ..models import ChannelMode, ChannelStatus, ChannelType, OutputFormat, SessionStatus

__all__ = ["build_parser"]

_EPILOG = """\
credentials: --username/--secret-key/--app-id, else the SIGMA_USERNAME, SIGMA_SECRET_KEY,
SIGMA_APP_ID (and SIGMA_BASE_URL) environment variables, else --env-file (the .env file the
Sigma console downloads). `sigma-async demo` without credentials runs against an embedded
emulator.

exit status: 0 ok, 1 API error or some bulk items failed, 2 usage error."""


def _common_options(*, in_subcommand: bool) -> argparse.ArgumentParser:
    """Options accepted both before and after the command (``--json channels list`` or not).

    In subcommands the defaults are suppressed, so that an option given before the command is
    not overwritten by the subcommand's default.
    """
    default: Any = argparse.SUPPRESS if in_subcommand else None
    flag_default: Any = argparse.SUPPRESS if in_subcommand else False
    parser = argparse.ArgumentParser(add_help=False)
    account = parser.add_argument_group("account")
    account.add_argument("--base-url", default=default, help="API root (https://api.sigma.video)")
    account.add_argument("--username", default=default, help="API username")
    account.add_argument(
        "--secret-key",
        default=default,
        help="API secret key (prefer SIGMA_SECRET_KEY or --env-file: argv is visible to others)",
    )
    account.add_argument("--app-id", default=default, help="the app's id (X-App-Id)")
    account.add_argument("--env-file", default=default, metavar="PATH", help=".env credentials")
    behaviour = parser.add_argument_group("output and behaviour")
    behaviour.add_argument(
        "--json",
        action="store_true",
        default=flag_default,
        help="JSON output: one document, or JSON lines for lists and bulk results",
    )
    behaviour.add_argument(
        "-y", "--yes", action="store_true", default=flag_default, help="do not ask to confirm"
    )
    behaviour.add_argument(
        "--timeout", type=float, default=default, metavar="S", help="seconds per request"
    )
    behaviour.add_argument(
        "--max-retries", type=int, default=default, metavar="N", help="retries per request"
    )
    return parser


def _choices(enum_cls: Any) -> list[str]:
    return [member.value for member in enum_cls]


def _add_bulk_options(parser: argparse.ArgumentParser) -> None:
    bulk = parser.add_argument_group("bulk")
    bulk.add_argument(
        "--concurrency",
        type=int,
        default=DEFAULT_CONCURRENCY,
        metavar="N",
        help=f"operations in flight at once (default {DEFAULT_CONCURRENCY})",
    )
    bulk.add_argument(
        "--rate-limit", type=float, default=None, metavar="R", help="at most R requests a second"
    )


def _add_selection(parser: argparse.ArgumentParser, verb: str) -> None:
    parser.add_argument("ids", nargs="*", metavar="ID", help=f"channel ids to {verb}")
    selection = parser.add_argument_group("selecting channels instead of naming them")
    selection.add_argument("--all", action="store_true", help=f"{verb} every matching channel")
    selection.add_argument(
        "--tag", action="append", dest="tags", metavar="T", help="only channels tagged T"
    )
    selection.add_argument("--status", choices=_choices(ChannelStatus), help="only this status")
    _add_bulk_options(parser)


def _add_channel_fields(parser: argparse.ArgumentParser) -> None:
    fields = parser.add_argument_group("channel settings")
    fields.add_argument("--name", help="at most 50 characters (required to create)")
    fields.add_argument("--description", help="at most 250 characters")
    fields.add_argument("--tag", action="append", dest="tags", metavar="T", help="repeatable")
    fields.add_argument("--type", choices=_choices(ChannelType))
    fields.add_argument("--mode", choices=_choices(ChannelMode))
    fields.add_argument("--output-format", choices=_choices(OutputFormat))
    fields.add_argument("--stop-timeout", type=int, metavar="S")
    fields.add_argument(
        "--transcode-profile", action="append", dest="transcode_profiles", metavar="UUID"
    )
    fields.add_argument("--catchup", action=argparse.BooleanOptionalAction, default=None)
    fields.add_argument("--record", action=argparse.BooleanOptionalAction, default=None)
    fields.add_argument(
        "--from-json",
        metavar="FILE",
        help="read the request body (wire names, as the guide shows) from FILE, or - for stdin; "
        "flags given as well override its fields",
    )


def build_parser() -> argparse.ArgumentParser:
    """Build the parser of ``sigma-async``."""
    common = _common_options(in_subcommand=True)
    parser = argparse.ArgumentParser(
        prog="sigma-async",
        description="The Sigma Livestream API from the command line.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_common_options(in_subcommand=False)],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    groups = parser.add_subparsers(dest="group", metavar="COMMAND", required=True)

    def leaf(
        sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, text: str
    ) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=text, description=text, parents=[common])

    channels = groups.add_parser("channels", help="create, list and drive channels")
    channel_commands = channels.add_subparsers(dest="command", metavar="ACTION", required=True)
    listing = leaf(channel_commands, "list", "List channels.")
    listing.add_argument("--status", choices=_choices(ChannelStatus))
    listing.add_argument("--tag", action="append", dest="tags", metavar="T")
    listing.add_argument("--q", metavar="JSON", help='a raw filter, e.g. \'{"type":"forward"}\'')
    listing.add_argument("--sort", default=None, help="field|asc or field|desc")
    listing.add_argument("--limit", type=int, metavar="N", help="stop after N channels")
    get = leaf(channel_commands, "get", "Show one channel.")
    get.add_argument("id", metavar="ID")
    get.add_argument(
        "--show-secrets", action="store_true", help="include the S3 access and secret keys"
    )
    create = leaf(channel_commands, "create", "Create a channel (or --count N of them).")
    _add_channel_fields(create)
    create.add_argument(
        "--count", type=int, default=None, metavar="N", help="create N channels NAME-1..NAME-N"
    )
    _add_bulk_options(create)
    update = leaf(channel_commands, "update", "Change some settings of a channel.")
    update.add_argument("id", metavar="ID")
    _add_channel_fields(update)
    for verb, text in (
        ("start", "Start channels (ready for an encoder's push)."),
        ("stop", "Stop channels, ending their sessions (asks first unless one ID or --yes)."),
        ("delete", "Delete channels (asks first unless one ID or --yes)."),
    ):
        _add_selection(leaf(channel_commands, verb, text), verb)

    sessions = groups.add_parser("sessions", help="sessions (one per encoder push)")
    session_commands = sessions.add_subparsers(dest="command", metavar="ACTION", required=True)
    listing = leaf(session_commands, "list", "List sessions, newest first.")
    listing.add_argument("--channel", metavar="ID", help="only this channel's sessions")
    listing.add_argument("--limit", type=int, metavar="N", help="stop after N sessions")
    leaf(session_commands, "get", "Show one session.").add_argument("id", metavar="ID")
    leaf(session_commands, "status", "Show a session's status.").add_argument("id", metavar="ID")
    wait = leaf(session_commands, "wait", "Wait until a session reaches a status.")
    wait.add_argument("id", metavar="ID")
    wait.add_argument(
        "--for",
        dest="statuses",
        action="append",
        choices=_choices(SessionStatus),
        metavar="STATUS",
        help="status to wait for (repeatable; default live)",
    )
    wait.add_argument("--wait-timeout", type=float, default=300.0, metavar="S")
    wait.add_argument("--poll-interval", type=float, default=None, metavar="S")

    events = groups.add_parser("events", help="what happened to a session")
    event_commands = events.add_subparsers(dest="command", metavar="ACTION", required=True)
    listing = leaf(event_commands, "list", "List a session's events, oldest first.")
    listing.add_argument("session", metavar="SESSION")
    listing.add_argument("--limit", type=int, metavar="N")
    watch = leaf(event_commands, "watch", "Follow a session's events live until it ends.")
    watch.add_argument("session", metavar="SESSION")
    watch.add_argument("--poll-interval", type=float, default=None, metavar="S")

    emulator = leaf(groups, "emulator", "Serve the Sigma emulator on this machine.")
    emulator.add_argument("--host", default="127.0.0.1")
    emulator.add_argument("--port", type=int, default=8080)
    emulator.add_argument("--seed", type=int, default=None)
    emulator.add_argument(
        "--speed", type=float, default=1.0, help="emulated time runs S times faster"
    )
    emulator.add_argument(
        "--write-env",
        metavar="PATH",
        help="write SIGMA_* credentials for the emulator to PATH (mode 600)",
    )

    demo = leaf(groups, "demo", "Run a full channel lifecycle (the emulator without credentials).")
    demo.add_argument("--channels", type=int, default=20, metavar="N", help="default 20")
    demo.add_argument("--concurrency", type=int, default=DEFAULT_CONCURRENCY, metavar="N")
    demo.add_argument(
        "--speed", type=float, default=50.0, help="emulator time speed-up (default 50)"
    )
    demo.add_argument(
        "--poll-interval",
        type=float,
        default=None,
        metavar="S",
        help="seconds between status polls (default 2, or 0.02 on the emulator)",
    )
    demo.add_argument(
        "--emulator",
        action="store_true",
        help="use the embedded emulator even when an account is configured",
    )
    demo.add_argument(
        "--live-timeout",
        type=float,
        default=None,
        metavar="S",
        help="against a real account: wait up to S seconds for your encoders to go live",
    )
    return parser
