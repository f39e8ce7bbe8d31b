"""Where the live service and the SDK's contract disagree: ``sigma_async.contract``.

The service publishes its own OpenAPI document (NestJS's Swagger module, at
``{base_url}/api/livestream/api-docs-json``); the SDK is built from a hand-written spec, shipped
with it. :func:`check` fetches the one and compares it with the other::

    report = await sigma_async.contract.check(username=..., secret_key=..., app_id=...)
    for difference in report.differences:
        print(difference.operation, difference.message)

or, for a document already at hand, :func:`compare_documents` (no I/O). Documents may be
OpenAPI 3.0, 3.1 or Swagger 2.0; ``$ref`` is resolved with the ``referencing`` library, which
the ``contract`` extra installs (``pip install 'sigma-async[contract]'``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._load import (
    API_DOCS_PATH,
    AccountSource,
    DocumentUnavailableError,
    bundled_document,
    docs_url,
    fetch_document,
    parse_document,
)
from ._report import (
    EXIT_DIFFERS,
    EXIT_SAME,
    EXIT_UNAVAILABLE,
    ContractReport,
    Difference,
    InferredVerdict,
)

if TYPE_CHECKING:
    from .._options import Unpack  # typing.Unpack is 3.11+; annotations only

__all__ = [
    "API_DOCS_PATH",
    "EXIT_DIFFERS",
    "EXIT_SAME",
    "EXIT_UNAVAILABLE",
    "AccountSource",
    "ContractReport",
    "Difference",
    "DocumentUnavailableError",
    "InferredVerdict",
    "bundled_document",
    "check",
    "compare_documents",
    "docs_url",
    "fetch_document",
    "parse_document",
]


def compare_documents(
    document: Mapping[str, Any],
    *,
    source: str = "<document>",
    expected: Mapping[str, Any] | None = None,
) -> ContractReport:
    """Compare ``document`` with ``expected`` (default: the bundled contract); no I/O.

    Raises :class:`DocumentUnavailableError` when ``document`` cannot be read as an OpenAPI 3.0,
    3.1 or Swagger 2.0 document (a dangling ``$ref``, no ``paths``).
    """
    # referencing is the `contract` extra's: imported here, so the rest of the package (the
    # emulator's document, the exit codes) works without it.
    try:
        from ._compare import compare
        from ._document import read_document
        from ._schema import ContractDocumentError
    except ImportError as error:  # pragma: no cover - exercised only without the extra
        hint = "pip install 'sigma-async[contract]'"
        raise DocumentUnavailableError(f"contract check needs {hint} ({error})") from None
    try:
        ours = read_document(expected if expected is not None else bundled_document())
        theirs = read_document(document)
    except ContractDocumentError as error:
        raise DocumentUnavailableError(f"{source}: {error}") from None
    differences, verdicts = compare(ours, theirs)
    return ContractReport(
        source=source,
        dialect=theirs.dialect,
        operations_checked=len(ours.operations),
        differences=tuple(differences),
        inferred=tuple(verdicts),
    )


async def check(
    against: str | os.PathLike[str] | None = None, **account: Unpack[AccountSource]
) -> ContractReport:
    """Fetch the service's document (or read ``against``: a file or URL) and compare it.

    Without ``against``, the document comes from ``base_url``'s service, asked with the
    credentials when all three are given (they go to that service only, never to another URL).
    The keywords (:class:`AccountSource`) and their defaults are :func:`fetch_document`'s.
    Raises :class:`DocumentUnavailableError` when the document cannot be had or read.
    """
    document, source = await fetch_document(against, **account)
    return compare_documents(document, source=source)
