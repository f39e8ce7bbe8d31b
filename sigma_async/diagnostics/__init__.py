"""``sigma-async doctor`` as a library: read-only checks of an account's connection to the API.

:func:`run_doctor` goes through the checklist in order and returns a :class:`DoctorReport`:

``proxy``        which proxy variables are set and whether one would apply to the base URL;
``dns``          the host resolves (addresses, time);
``tcp``          a connection opens (time);
``tls``          the handshake succeeds with the trust store (protocol, days until the
                 certificate expires, time); skipped for plain ``http://`` (loopback);
``credentials``  the first read is accepted: a refused secret (401) and a refused app id (403)
                 are told apart;
``first-byte``   time from sending that request to the first byte of its answer;
``clock``        the local clock against the service's ``Date`` header;
``read <op>``    each read operation of :data:`sigma_async.operations.OPERATIONS` (every GET)
                 answers with the shape the SDK decodes; one that needs an id takes the first
                 one its resource's list returned, and is skipped when that list is empty.

It never writes: only GET requests are sent, none retried. Secrets never appear in a result:
proxy passwords are masked, and no message carries a credential.
"""

from __future__ import annotations

import os
import ssl
import time
import urllib.parse
from collections.abc import Callable, Mapping

from .._http.sansio import default_headers
from ..errors import SigmaValidationError
from ..operations import DEFAULT_BASE_URL
from ._api import api_checks, read_names
from ._network import connection_checks, proxy_check
from ._result import CheckResult, DoctorReport, Status, skipped

__all__ = ["CheckResult", "DoctorReport", "Status", "run_doctor"]


async def run_doctor(
    *,
    username: str,
    secret_key: str,
    app_id: str,
    base_url: str = DEFAULT_BASE_URL,
    timeout: float = 10.0,
    environ: Mapping[str, str] | None = None,
    clock: Callable[[], float] = time.time,
    ssl_context: ssl.SSLContext | None = None,
) -> DoctorReport:
    """Run the checklist against ``base_url`` with these credentials; never writes.

    ``timeout`` bounds each step (seconds); ``environ`` (default ``os.environ``) is where proxy
    variables are read; ``clock`` is the local wall clock the ``Date`` header is compared with;
    ``ssl_context`` the trust for HTTPS (default: the system's, as the client's).
    A malformed credential or timeout raises :class:`~sigma_async.SigmaValidationError` before
    anything is sent.
    """
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout < 1e9:
        raise SigmaValidationError(f"timeout must be a positive number of seconds, got {timeout!r}")
    headers = default_headers(username, secret_key, app_id)
    url = urllib.parse.urlsplit(base_url)
    host, port = url.hostname or "", url.port or (443 if url.scheme == "https" else 80)
    context = ssl_context or ssl.create_default_context()
    checks = [proxy_check(url, os.environ if environ is None else environ)]
    connection = await connection_checks(
        host, port, context if url.scheme == "https" else None, timeout
    )
    checks.extend(connection)
    if any(check.status == "fail" for check in connection):
        checks.extend(
            skipped(["credentials", "first-byte", "clock", *read_names()], "cannot connect")
        )
    else:
        checks.extend(await api_checks(base_url, headers, timeout, clock, context))
    return DoctorReport(base_url=base_url, app_id=app_id, checks=tuple(checks))
