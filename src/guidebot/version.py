"""guidebot's version: the one place it is written (pyproject.toml reads it from here).

A plain constant rather than importlib.metadata, which alone takes ~50 ms to import and
every `guidebot ask` would pay for it.
"""

__version__ = "0.1.0"
