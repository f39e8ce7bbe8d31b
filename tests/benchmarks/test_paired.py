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
    # One slow stretch lands on one block: the medians of the variants, taken apart, would
    # read b at 1.0x a; within the blocks b is 1.25x a in four of five.
    blocks = paired(
        {"a": 5.0, "b": 4.0},
        {"a": 5.0, "b": 4.0},
        {"a": 5.0, "b": 4.0},
        {"a": 5.0, "b": 4.0},
        {"a": 1.0, "b": 5.0},
    )
    assert blocks.ratio("b", "a") == 1.25


def test_a_block_missing_a_variant_or_holding_a_zero_is_left_out() -> None:
    blocks = paired({"a": 2.0, "b": 1.0}, {"a": 3.0}, {"a": 0.0, "b": 1.0}, {"a": 4.0, "b": 0.0})
    assert blocks.ratios("b", "a") == [2.0]
    assert math.isnan(paired({"a": 1.0}).ratio("b", "a"))
    assert paired({"a": 1.0}).text("b", "a") == "n/a"


def test_text_gives_the_median_and_the_quartiles() -> None:
    blocks = paired(*({"a": float(n), "b": 1.0} for n in (1, 2, 3, 4, 5, 6, 7)))
    assert blocks.text("b", "a") == "4.00x (quartiles 2.00-6.00, 7 blocks)"
    assert paired({"a": 3.0, "b": 2.0}).text("b", "a") == "1.50x (1 blocks)"
