"""A fuzz target over response decoding, and a bounded mutation loop that drives it.

:func:`decode_any` takes raw bytes (atheris' ``TestOneInput`` signature): the first two bytes
pick the status and the model, the rest is the body (and, for a 429, the ``Retry-After``
header). Whatever the bytes, the SDK must answer with a model, a
:class:`~sigma_async.ResponseDecodeError` or an :class:`~sigma_async.APIStatusError`, whose
``str`` and ``repr`` work; any other exception is a finding.

:func:`fuzz` mutates the guide's sample responses, for a fixed number of inputs from a fixed
seed (what CI runs: the same inputs on every machine, however fast) or for a bounded time. To
fuzz for longer: ``python -m tests.reliability.fuzz 600`` (with atheris installed, it is used
instead: ``python -m tests.reliability.fuzz -atheris_runs=1000000``).
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from multidict import CIMultiDict, CIMultiDictProxy
from yarl import URL

from sigma_async import APIStatusError, ResponseDecodeError, models
from sigma_async._http.sansio import RawResponse, decode_json, error_for_status

__all__ = ["MODELS", "STATUSES", "decode_any", "fuzz", "seed_corpus"]

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MODELS: list[type[Any]] = [
    models.Channel,
    models.ChannelPage,
    models.Session,
    models.SessionPage,
    models.SessionStatusResult,
    models.Event,
    models.EventPage,
]
STATUSES = [200, 201, 200, 200, 204, 400, 401, 404, 409, 429, 500, 502, 503, 302]
_URL = URL("https://api.sigma.video/api/livestream/channels/x")
# Tokens that tend to break parsers and converters, spliced in by the mutator.
_TOKENS = [
    b"{",
    b"}",
    b"[",
    b"]",
    b'"',
    b",",
    b":",
    b"null",
    b"true",
    b"-0",
    b"1e999",
    b"NaN",
    b"-Infinity",
    b"9" * 400,
    b'"\\ud800"',
    b'"\\u0000"',
    b"\xff\xfe",
    b"[" * 3000,
    b'{"a":' * 3000,
    b'"2024-02-30T25:61:00Z"',
    b'"createdAt"',
    b'"data"',
    b'"status"',
]


def decode_any(data: bytes) -> None:
    """The fuzz target: decode ``data`` as a response; raise only on a finding."""
    if len(data) < 2:
        return
    status = STATUSES[data[0] % len(STATUSES)]
    cls = MODELS[data[1] % len(MODELS)]
    body = data[2:]
    headers: CIMultiDict[str] = CIMultiDict({"Content-Type": "application/json"})
    if status == 429:
        headers["Retry-After"] = body[:40].decode("latin-1").strip("\r\n")
    if status == 302:
        headers["Location"] = body[:60].decode("utf-8", "replace")
    response = RawResponse(status, "Reason", CIMultiDictProxy(headers), body, _URL)
    if 200 <= status < 300:
        try:
            result = decode_json(response, cls)
        except ResponseDecodeError as error:
            _check_error(error, status)
            return
        assert isinstance(result, cls)
        repr(result)
        return
    status_error = error_for_status("GET", response)
    assert isinstance(status_error, APIStatusError)
    _check_error(status_error, status)


def _check_error(error: ResponseDecodeError | APIStatusError, status: int) -> None:
    assert error.status == status
    text = str(error)
    assert "\n" not in text, text[:200]
    assert len(text) < 2000, text[:200]
    repr(error)


def seed_corpus() -> list[bytes]:
    """The guide's sample responses, each with every status/model prefix it fits."""
    index = json.loads((FIXTURES / "index.json").read_text(encoding="utf-8"))
    bodies = [
        (FIXTURES / name).read_bytes()
        for name, schema in index.items()
        if schema != "ChannelCreate"
    ]
    bodies += [b'{"statusCode": 400, "message": ["a", "b"], "error": "Bad Request"}', b""]
    return [bytes([s, m]) + body for body in bodies for s in (0, 5, 9) for m in range(7)]


def mutate(rng: random.Random, data: bytes) -> bytes:
    """One random edit: flip, cut, splice a token, duplicate or drop a slice, or wrap."""
    if len(data) < 3:
        return data + rng.choice(_TOKENS)
    head, body = data[:2], bytearray(data[2:])
    if rng.random() < 0.1:
        head = bytes([rng.randrange(256), rng.randrange(256)])
    choice = rng.randrange(7)
    at = rng.randrange(len(body) + 1)
    if choice == 0 and body:
        body[min(at, len(body) - 1)] = rng.randrange(256)
    elif choice == 1:
        body = body[:at]
    elif choice == 2:
        body[at:at] = rng.choice(_TOKENS)
    elif choice == 3 and body:
        end = min(len(body), at + rng.randrange(1, 64))
        body[at:at] = body[at:end]
    elif choice == 4 and body:
        del body[at : at + rng.randrange(1, 32)]
    elif choice == 5:
        body = bytearray(b"[" + bytes(body) + b"]")
    else:
        body = bytearray(b'{"data": [' + bytes(body) + b'], "total": 1}')
    return head + bytes(body)


def fuzz(
    *,
    runs: int | None = None,
    seconds: float | None = None,
    seed: int = 0,
    target: Callable[[bytes], None] = decode_any,
) -> int:
    """Mutate the seed corpus and run ``target`` on ``runs`` inputs, or for about ``seconds``.

    Returns the inputs run. A finding raises ``AssertionError`` naming the input (as a Python
    bytes literal). With ``runs`` the inputs depend on ``seed`` alone, never on the clock.
    """
    if (runs is None) == (seconds is None):
        raise ValueError("give exactly one of runs and seconds")
    rng = random.Random(seed)
    corpus = seed_corpus()
    done = 0
    stop_at = time.monotonic() + (seconds or 0.0)
    for data in corpus:  # every seed at least once
        _run(target, data)
        done += 1
    while (done < runs) if runs is not None else (time.monotonic() < stop_at):
        data = rng.choice(corpus)
        for _ in range(rng.randrange(1, 5)):
            data = mutate(rng, data)
        _run(target, data)
        done += 1
        if rng.random() < 0.02 and len(data) < 100_000:
            corpus.append(data)  # keep some mutants: mutations compound
    return done


def _run(target: Callable[[bytes], None], data: bytes) -> None:
    try:
        target(data)
    except Exception as error:
        finding = f"fuzz finding {type(error).__name__}: {error!r} for {data!r:.2000}"
        raise AssertionError(finding) from error


def main(argv: list[str]) -> None:
    """Fuzz from the command line (atheris if installed, else the mutation loop)."""
    try:
        import atheris
    except ImportError:
        seconds = float(argv[1]) if len(argv) > 1 else 60.0
        print(f"{fuzz(seconds=seconds, seed=int(time.time()))} inputs, no finding")
        return
    atheris.Setup(argv, decode_any)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
