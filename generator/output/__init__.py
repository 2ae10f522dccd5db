"""Output: chart specs and their SVGs, templates, open data files, the search index, writing files."""
