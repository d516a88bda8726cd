"""ereputation: audit a person's online presence before a job search."""

from __future__ import annotations

from importlib import metadata

try:
    __version__ = metadata.version("ereputation")
except metadata.PackageNotFoundError:  # running from a checkout without an install
    __version__ = "0.0.0"

__all__ = ["__version__"]
