"""Hypothesis profiles for the whole suite.

- ``ci`` (what ``nox`` passes): derandomized, so CI tests the same examples on every run and
  machine, and a red CI always means a change, never a lucky draw.
- ``explore`` (``nox -s fuzz``): random seeds and many more examples, to find new failures;
  each one found becomes an ``@example`` so that ``ci`` keeps testing it.
- ``default`` (plain ``pytest``): Hypothesis' own default, random, 100 examples.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=200,
    derandomize=True,
    deadline=None,  # a garbage-collector pause is not a slow example
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "explore",
    max_examples=5000,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
