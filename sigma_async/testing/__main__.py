"""``python -m sigma_async.testing``: serve the Sigma emulator on loopback until Ctrl-C.

The same launcher as ``sigma-async emulator`` (see ``sigma_async.testing._launcher`` for its
rules: the default port, when the secret key is printed, the exit status). The server's control
API (``/_emulator/...``, see ``sigma_async.testing._control``) plays the encoder: publish into a
channel, drop and recover its input.
"""

from __future__ import annotations

import sys

from ._launcher import serve_main

if __name__ == "__main__":
    sys.exit(serve_main())
