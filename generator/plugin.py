"""The `reportsite` MkDocs plugin's entry point (`mkdocs.plugins` in pyproject.toml): the MkDocs adapter's plugin.

It lives with the rest of what MkDocs needs from us in `generator/publish/engines/mkdocs.py`.
"""

from generator.publish.engines.mkdocs import ReportsitePlugin

__all__ = ["ReportsitePlugin"]
