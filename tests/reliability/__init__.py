"""Issue 7: reliability and security, each protection proven by a test that fails without it.

| issue point                                          | where                              |
|------------------------------------------------------|------------------------------------|
| fault soak: 2,000 ops, 64 wide, 15% faults           | ``test_soak.py`` (``soak.py``)     |
| cancellation of calls, paginators, watch, bulk       | ``test_cancellation.py``           |
| server restart mid-run, connections reset            | ``test_restart.py``                |
| secrets in logs, reprs, errors, tracebacks, the CLI  | ``test_secrets.py``                |
| HTTPS verified, plain http refused, no redirects, cap | ``test_transport.py``             |
| hostile responses (bodies and broken HTTP)           | ``test_hostile_server.py``         |
| hostile arguments (ids, names, per_page, options)    | ``test_hostile_caller.py``         |
| property tests, bounded fuzzing of decoding          | ``test_fuzz.py`` (``fuzz.py``)     |

The long soak: ``SIGMA_SOAK_OPS=20000 nox -s tests -- -m slow tests/reliability``.
Longer fuzzing: ``nox -s fuzz`` (random seeds, more examples; ``SIGMA_FUZZ_SECONDS=600`` for
the mutation loop).
"""
