"""reportsite: publish government plan reports as a static, searchable, traceable website."""

__version__ = "0.1.0"
