"""Convex z-score fusion: both sides standardised over the same candidates."""

from __future__ import annotations

import pytest

from retrieval.fusion import convex_zscore


def test_each_side_is_standardised_over_the_shared_candidates() -> None:
    dense = {"a": 0.9, "b": 0.5, "c": 0.1}
    lexical = {"a": 0.0, "b": 12.0, "c": 6.0}

    fused = convex_zscore(dense, lexical, alpha=0.5)

    # dense z: (1.2247, 0, -1.2247); lexical z: (-1.2247, 1.2247, 0)
    assert fused == pytest.approx({"a": 0.0, "b": 0.6124, "c": -0.6124}, abs=1e-4)


def test_a_candidate_only_one_side_scored_is_left_out() -> None:
    fused = convex_zscore({"a": 0.9, "b": 0.5, "gone": 0.99}, {"a": 3.0, "b": 1.0, "new": 9.0})

    assert set(fused) == {"a", "b"}


def test_the_scale_of_either_side_does_not_matter() -> None:
    dense = {"a": 0.8, "b": 0.6, "c": 0.3, "d": 0.2}
    lexical = {"a": 1.0, "b": 4.0, "c": 2.0, "d": 0.0}

    fused = convex_zscore(dense, lexical, alpha=0.3)
    rescaled = convex_zscore(
        {key: 10 * value - 3 for key, value in dense.items()},
        {key: 100 * value for key, value in lexical.items()},
        alpha=0.3,
    )

    assert rescaled == pytest.approx(fused)


def test_a_side_that_cannot_tell_candidates_apart_adds_nothing() -> None:
    fused = convex_zscore({"a": 0.5, "b": 0.5}, {"a": 2.0, "b": 1.0}, alpha=0.5)

    assert fused == pytest.approx({"a": 0.5, "b": -0.5})
