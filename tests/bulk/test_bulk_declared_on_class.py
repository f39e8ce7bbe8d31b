"""``bulk_*`` are declared on ``ChannelsResource``: help(), inspect and IDEs list them."""

from __future__ import annotations

import inspect
import pydoc
import re

import pytest

from sigma_async import ChannelCreate
from sigma_async.bulk import ChannelBulk, ChannelBulkMethod
from sigma_async.resources.channels import ChannelsResource
from sigma_async.testing import SigmaEmulator

BULK_METHODS = ("bulk_create", "bulk_start", "bulk_stop", "bulk_delete")


@pytest.mark.parametrize("name", BULK_METHODS)
def test_the_class_declares_the_bulk_method(name: str) -> None:
    declared = inspect.getattr_static(ChannelsResource, name)
    assert isinstance(declared, ChannelBulkMethod)
    assert ChannelBulk.__dict__[name.removeprefix("bulk_")] is declared  # the one declaration
    kinds = {attr.name: attr.kind for attr in inspect.classify_class_attrs(ChannelsResource)}
    assert kinds[name] == "method"
    assert inspect.getdoc(declared)


@pytest.mark.parametrize("name", BULK_METHODS)
def test_help_lists_the_bulk_method_with_its_signature_and_doc(name: str) -> None:
    text = pydoc.plain(pydoc.render_doc(ChannelsResource))
    declared = inspect.getattr_static(ChannelsResource, name)
    doc = inspect.getdoc(declared)
    assert doc is not None
    # Python 3.13's pydoc wraps a long signature after the parenthesis; 3.10-3.12 do not.
    assert re.search(rf"\b{name}\([\s|]*channels: ", text)  # "|": the class page's margin
    assert doc.splitlines()[0] in text
    assert "max_retries" in str(inspect.signature(declared))


async def test_each_clients_bulk_methods_send_through_that_client() -> None:
    async with SigmaEmulator() as first, SigmaEmulator() as second:
        async with first.client() as one, second.client() as other:
            assert one.channels.bulk_create is not other.channels.bulk_create
            result = await one.channels.bulk_create([ChannelCreate(name="only-in-first")])
            assert result.ok
            assert [channel["name"] for channel in first.channels()] == ["only-in-first"]
            assert second.channels() == []
            assert str(inspect.signature(one.channels.bulk_start)) == str(
                inspect.signature(ChannelsResource.bulk_start)
            )
        assert first.errors == second.errors == []


async def test_a_bulk_method_read_from_the_class_is_not_callable_unbound() -> None:
    with pytest.raises(TypeError, match="instance"):
        await ChannelsResource.bulk_start(["ch-1"])


def test_the_descriptor_class_itself_has_a_signature() -> None:
    """Sphinx and IDEs inspect the public class too, not only its declarations."""
    assert "method" in inspect.signature(ChannelBulkMethod).parameters


@pytest.mark.parametrize("name", BULK_METHODS)
async def test_a_bulk_method_read_twice_is_equal_as_a_bound_method_is(name: str) -> None:
    async with (
        SigmaEmulator() as emulator,
        emulator.client() as first,
        emulator.client() as second,
    ):
        once, twice = getattr(first.channels, name), getattr(first.channels, name)
        assert once == twice
        assert hash(once) == hash(twice)
        assert {once: 1}[twice] == 1
        assert once != getattr(second.channels, name)  # another client, another engine
        others = [getattr(first.channels, other) for other in BULK_METHODS if other != name]
        assert all(once != other for other in others)
