"""ereputation: audit a person's online presence before a job search."""

# The single source of the version: hatchling reads it at build time. A literal here instead of
# importlib.metadata keeps `ereputation --help` fast (metadata scans every installed package).
__version__ = "0.1.0"

__all__ = ["__version__"]
