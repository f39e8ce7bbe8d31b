"""The package version, kept in this one place (hatch reads it for the build)."""

__version__ = "0.1.0"
