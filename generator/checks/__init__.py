"""Checks across files: quotes grounded in seeds, every printed number accounted for."""
