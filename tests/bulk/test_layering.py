"""Bulk is composed: the generic runner knows no model, and the channel methods are the table's.

The runner modules' imports are read (statements under ``if TYPE_CHECKING:`` and inside
functions included) and followed through the package, so a model reached by way of another
module (``_gate`` -> ``_http.sansio`` -> ``operations`` -> ``models`` once did) counts too.
"""

from __future__ import annotations

import inspect

import pytest

from sigma_async import ChannelCreate
from sigma_async.bulk import ChannelBulkMethod
from sigma_async.operations import OPERATIONS
from sigma_async.testing import SigmaEmulator
from tests.test_imports import MODULES, imports_of

GENERIC = ("sigma_async.bulk._runner", "sigma_async.bulk._result", "sigma_async.bulk._limiter")
"""The bulk modules that run any operation over any items."""

CHANNEL_SPECIFIC = {"sigma_async.models", "sigma_async.operations", "sigma_async.bulk._channels"}


def reachable(module: str) -> set[str]:
    """Every package module ``module`` imports, directly or through the ones it imports."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        for imported in imports_of(todo.pop()) - seen:
            seen.add(imported)
            todo.append(imported)
    return seen


@pytest.mark.parametrize("module", GENERIC)
def test_the_generic_runner_reaches_no_model(module: str) -> None:
    assert module in MODULES
    assert reachable(module) & CHANNEL_SPECIFIC == set()


def test_the_reachability_check_sees_a_model_reached_indirectly() -> None:
    # A guard on the check: the channel module does reach the models, through the operations.
    assert {"sigma_async.models", "sigma_async.operations"} <= reachable(
        "sigma_async.bulk._channels"
    )
    assert "sigma_async.models" in reachable("sigma_async._http.sansio")


BULK_METHODS = ("bulk_create", "bulk_start", "bulk_stop", "bulk_delete")


async def test_every_bulk_channel_method_is_one_operation_of_the_table() -> None:
    async with SigmaEmulator() as emulator, emulator.client() as client:
        signatures = set()
        for name in BULK_METHODS:
            method = getattr(client.channels, name)
            assert isinstance(method, ChannelBulkMethod)
            assert OPERATIONS[method.operation.operation_id] is method.operation
            assert method.operation.resource == "channels"
            assert method.operation.operation_id == name.removeprefix("bulk_") + "Channel"
            assert inspect.getdoc(method)
            # Everything after the items: the options every bulk channel method takes.
            signatures.add(str(inspect.signature(method)).partition(",")[2])
        # One helper serves them all: the same options, in the same order, for every method.
        assert len(signatures) == 1
        assert "max_retries" in signatures.pop()


async def test_a_delete_retried_after_a_lost_response_counts_as_done() -> None:
    # deleteChannel's retry_404_means_done, read from the table by the engine, applies to bulk.
    async with SigmaEmulator(seed=3) as emulator:
        async with emulator.client(retry_base_delay=0.001, retry_max_delay=0.01) as client:
            created = await client.channels.bulk_create(
                [ChannelCreate(name=f"d-{n}") for n in range(60)]
            )
            ids = [channel.id for channel in created.raise_for_errors().values]
            emulator.faults.add("drop_after", operation="deleteChannel", rate=0.2)
            result = await client.channels.bulk_delete(ids, concurrency=10, max_retries=5)
            assert result.ok
            assert emulator.stats.fault_count("drop_after") > 0
            assert emulator.channels() == []
        assert emulator.errors == []
