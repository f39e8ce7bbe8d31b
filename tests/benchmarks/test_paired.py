"""The paired blocks' arithmetic: ratios taken within each block, then their median.

Given counts only: no time is measured or asserted here.
"""

from __future__ import annotations

import math

from benchmarks._harness import Paired


def paired(*blocks: dict[str, float]) -> Paired:
    result = Paired()
    for block in blocks:
        result.add(block)
    return result


def test_a_ratio_is_the_base_over_the_label_within_each_block() -> None:
    # b is twice as fast as a in every block, however slow the block's machine was.
    blocks = paired({"a": 2.0, "b": 1.0}, {"a": 20.0, "b": 10.0}, {"a": 6.0, "b": 3.0})
    assert blocks.ratios("b", "a") == [2.0, 2.0, 2.0]
    assert blocks.ratio("b", "a") == 2.0
    assert blocks.ratio("a", "b") == 0.5


def test_the_median_of_the_blocks_ratios_is_not_the_ratio_of_the_medians() -> None:
    # Within four blocks of five b is twice as fast as a; the medians taken apart (a 2, b 3)
    # would read b at 0.67x a.
    a, b = (2.0, 2.0, 2.0, 6.0, 6.0), (1.0, 1.0, 4.0, 3.0, 3.0)
    blocks = paired(*({"a": x, "b": y} for x, y in zip(a, b, strict=True)))
    assert blocks.ratios("b", "a") == [2.0, 2.0, 0.5, 2.0, 2.0]
    assert blocks.ratio("b", "a") == 2.0


def test_a_block_missing_a_variant_or_holding_a_zero_is_left_out() -> None:
    blocks = paired({"a": 2.0, "b": 1.0}, {"a": 3.0}, {"a": 0.0, "b": 1.0}, {"a": 4.0, "b": 0.0})
    assert blocks.ratios("b", "a") == [2.0]
    assert math.isnan(paired({"a": 1.0}).ratio("b", "a"))
    assert paired({"a": 1.0}).text("b", "a") == "n/a"


def test_text_gives_the_median_and_the_quartiles() -> None:
    blocks = paired(*({"a": float(n), "b": 1.0} for n in (1, 2, 3, 4, 5, 6, 7)))
    assert blocks.text("b", "a") == "4.00x (quartiles 2.00-6.00, 7 blocks)"
    assert blocks.quartiles("b", "a") == (2.0, 6.0)
    assert paired({"a": 3.0, "b": 2.0}).text("b", "a") == "1.50x (1 block)"
    two = paired({"a": 3.0, "b": 2.0}, {"a": 5.0, "b": 2.0})
    assert two.text("b", "a") == "2.00x (2 blocks)"
    assert two.quartiles("b", "a") is None  # too few blocks for quartiles


def test_the_block_order_gives_each_client_both_neighbours() -> None:
    from benchmarks.s1_overhead import block_order

    names = ["a", "b", "c", "d"]
    orders = [block_order(names, block_no) for block_no in range(8)]
    assert all(sorted(order) == names for order in orders)
    predecessors = {
        order[position - 1]
        for order in orders
        for position in range(1, 4)
        if order[position] == "b"
    }
    assert predecessors == {"a", "c"}  # rotation alone would always put "a" before "b"
    assert {order[0] for order in orders} == set(names)  # each goes first in some block
