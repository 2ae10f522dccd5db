"""Redirect pages for renamed indicators: `indicators/OLD/` keeps working after `reportsite rename`.

A static HTML file in the docs folder, copied as is by MkDocs (no page, no nav entry, not searched):
a meta refresh and a canonical link to the new page, and a plain link for readers without redirects.
"""

from __future__ import annotations

from jinja2 import Environment, select_autoescape

from generator.content.load import Content
from generator.model.urls import indicator_page, redirect_page, relative_url

_PAGE = Environment(autoescape=select_autoescape(default=True)).from_string(
    """<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
<title>{{ name }}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{{ href }}">
<meta http-equiv="refresh" content="0; url={{ href }}">
</head>
<body>
<p>本页已移至 <a href="{{ href }}">{{ name }}</a>。</p>
</body>
</html>
"""
)


def redirect_files(content: Content) -> dict[str, bytes]:
    """`indicators/<former id>/index.html` for every former id of every indicator."""
    files: dict[str, bytes] = {}
    for indicator in sorted(content.indicators.values(), key=lambda i: i.id):
        for old in indicator.former_ids:
            path = redirect_page(old)  # a static file, read by the browser: relative to its own URL
            href = relative_url(path.removesuffix(".html") + ".md", indicator_page(indicator.id))
            files[path] = _PAGE.render(href=href, name=indicator.name).encode("utf-8")
    return files
