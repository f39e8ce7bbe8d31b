"""``python -m sigma_async.cli``: the same as the ``sigma-async`` command."""

from __future__ import annotations

import sys

from . import main

sys.exit(main())
