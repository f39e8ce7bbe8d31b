"""The one answer to "is this host this machine?", for the client and the emulator alike."""

from __future__ import annotations

import ipaddress

__all__ = ["is_loopback"]

_LOOPBACK_NAMES = frozenset({"localhost", "localhost."})


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name, an IPv4 or IPv6 address, bracketed or not) is loopback."""
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    # ::ffff:127.0.0.1 reaches 127.0.0.1; Python says so only from 3.13 on, so ask the mapped
    # IPv4 address directly and answer the same on every version.
    mapped = getattr(address, "ipv4_mapped", None)
    return (mapped or address).is_loopback
