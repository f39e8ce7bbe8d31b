"""The HTTP layer: the request value and decoding (``sansio``), the wire (``transport``), the attempt loop (``engine``)."""
