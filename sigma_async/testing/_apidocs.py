"""``GET {prefix}/api-docs-json``: the document the service's NestJS Swagger module serves.

The emulator serves the bundled contract rendered as NestJS would emit it
(:func:`sigma_async.contract.nestjs.nestjs_document`), so ``sigma-async contract check``
against the emulator finds nothing to report. The route sits behind the emulator's
authentication like every other one, so the check is made with the app's credentials.
"""

from __future__ import annotations

import functools

from aiohttp import web

from ..contract import API_DOCS_PATH
from ..contract.nestjs import nestjs_document
from ..operations import API_PREFIX
from ._wire import dumps

__all__ = ["add_apidocs_route"]


@functools.cache
def _document_bytes() -> bytes:
    # Rendered once per process: the bundled contract does not change while it runs.
    return dumps(nestjs_document())


async def _api_docs(request: web.Request) -> web.Response:
    return web.Response(body=_document_bytes(), content_type="application/json")


def add_apidocs_route(app: web.Application) -> None:
    """Serve the NestJS-style document at ``{API_PREFIX}/api-docs-json`` on ``app``."""
    app.router.add_get(API_PREFIX + API_DOCS_PATH, _api_docs)
