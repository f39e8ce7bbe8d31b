"""sigma-async's benchmark suite: ``python -m benchmarks`` (or ``nox -s bench``); see README.md."""
