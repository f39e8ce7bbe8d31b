"""The HTTP layer: requests and decoding (``sansio``), the wire (``transport``), ``engine``."""
