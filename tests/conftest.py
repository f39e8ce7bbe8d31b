"""Hypothesis profiles for the whole suite.

- ``ci`` (what ``nox`` passes): derandomized, so CI tests the same examples on every run and
  machine, and a red CI always means a change, never a lucky draw.
- ``explore`` (``nox -s fuzz``): random seeds and many more examples, to find new failures;
  each one found becomes an ``@example`` so that ``ci`` keeps testing it.
- ``default`` (plain ``pytest``): Hypothesis' own default, random, 100 examples.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

# Both: no per-example deadline (a garbage-collector pause is not a slow example), no example
# database (each run stands alone), and a reproduction blob printed with any failure.
COMMON = settings(
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("ci", COMMON, max_examples=200, derandomize=True)
settings.register_profile("explore", COMMON, max_examples=5000)
