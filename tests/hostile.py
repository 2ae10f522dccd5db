"""A valid project whose every free-text field is full of payloads: markup, scripts, Markdown, Jinja.

Validation accepts these as text (they are odd, not wrong); the site must show each as text and
run none of them. Titles and names refuse `<`, `>` and entities (models.TITLE_UNSAFE), so they get
the payloads that pass that rule. Payloads carry no digits: every digit in a paragraph must be an
observation or listed in ignored.yml, and the point here is escaping, not number accounting.
Each payload has a marker (`xss-…`) so a test can find it on the page and in the browser.
"""

from __future__ import annotations

import hashlib
from typing import Any

from conftest import mini_files, seed_from

# (marker, payload): a marker is a substring of its payload that survives as visible text
TEXT_PAYLOADS: list[tuple[str, str]] = [
    ("xss-script", '<script>alert("xss-script");console.log("xss-script")</script>'),
    ("xss-img", '<img src=x onerror=alert("xss-img")>'),
    ("xss-svg", '"><svg onload=alert("xss-svg")>'),
    ("xss-mdlink", '[点我](javascript:alert("xss-mdlink"))'),
    ("xss-href", "<a href=\"javascript:alert('xss-href')\">链接</a>"),
    ("xss-jinja", '{{ config }}{% include "base.html" %}{# xss-jinja #}'),
    ("xss-md", "**粗体** _斜体_ `代码` # 标题 | xss-md | ![图](x.png)"),
    ("xss-attr", "{: onclick=\"alert('xss-attr')\" }"),
    ("xss-entity", "&lt;script&gt;alert('xss-entity')&lt;/script&gt;"),
    ("xss-close", "</p></div><iframe src=\"javascript:alert('xss-close')\"></iframe>"),
    ("xss-comment", "<!-- xss-comment"),
    ("xss-cdata", "]]><![CDATA[xss-cdata"),
    ("xss-style", "<style>body{display:none}</style>xss-style"),
    ("xss-template", "${alert('xss-template')}<%= xss-template %>"),
]
# For titles, names and aliases: what passes TITLE_UNSAFE (no < > or entities) but is still odd
TITLE_PAYLOADS: list[tuple[str, str]] = [
    ("xss-tjinja", "{{ config.site_name }}{% raw %}xss-tjinja"),
    ("xss-tquote", '" onmouseover="alert(\'xss-tquote\')" x="'),
    ("xss-tmd", "**xss-tmd** [链接](javascript:alert('xss-tmd'))"),
    ("xss-tattr", "xss-tattr R&D { #evil onclick=alert('x') }"),
]
ALL_MARKERS = [m for m, _ in TEXT_PAYLOADS + TITLE_PAYLOADS]
TEXT = "".join(p for _, p in TEXT_PAYLOADS)
TITLE = "".join(p for _, p in TITLE_PAYLOADS)


def hostile_files() -> dict[str, Any]:
    """The mini project with payloads in every free-text field and a seed that quotes them."""
    files = mini_files()
    paragraph = "地区生产总值3.46万亿元" + TEXT + "、增长6.0%,社会消费品零售总额1.05万亿元。"
    report = files["content/reports/mini-2024/report.yml"]
    report.update(
        title="某市报告" + TITLE,
        short_title="某市" + TITLE_PAYLOADS[0][1],
        region="某市" + TITLE_PAYLOADS[1][1],
        issuer="发改委" + TEXT[:280],
        speaker=TEXT_PAYLOADS[0][1],
        occasion=TEXT_PAYLOADS[1][1],
        publication=TEXT_PAYLOADS[3][1],
        notes=[TEXT, "注" + TEXT_PAYLOADS[5][1]],
        front_matter=[{"id": "front-p", "text": "——" + TEXT}],
    )
    gdp = files["content/indicators/gdp.yml"]
    gdp.update(name="地区生产总值" + TITLE, name_en="GDP " + TITLE, definition="定义" + TEXT)
    gdp["aliases"] = ["GDP", *(p for _, p in TITLE_PAYLOADS)]
    retail = files["content/indicators/retail-sales.yml"]
    retail.update(unit="亿元" + TITLE_PAYLOADS[2][1])
    chapter = files["content/reports/mini-2024/chapters/01.yml"]
    chapter["title"] = "执行情况" + TITLE
    section = chapter["sections"][0]
    section["title"] = "经济" + TITLE_PAYLOADS[3][1]
    section["paragraphs"][0].update(text=paragraph, lead=TEXT_PAYLOADS[6][1], note="注" + TEXT)
    section["paragraphs"][0]["number"] = TEXT_PAYLOADS[1][1]
    observations = files["content/reports/mini-2024/observations.yml"]["observations"]
    observations[0]["quote"] = "地区生产总值 3.46 万亿元" + TEXT
    observations[0]["note"] = "注" + TEXT
    observations[1]["quote"] = "地区生产总值3.46万亿元" + TEXT + "、增长6.0%"
    observations[2]["unit"] = "万亿元" + TEXT_PAYLOADS[1][1]
    observations[3]["note"] = TEXT_PAYLOADS[0][1]
    # a qualitative target whose words are payload text (no value: only quote and text)
    observations.append(
        {"indicator": "retail-sales", "period": 2024, "kind": "target", "measure": "level",
         "text": TEXT_PAYLOADS[2][1], "quote": TEXT_PAYLOADS[3][1] + TEXT_PAYLOADS[4][1], "paragraph": "c1-s1-p1"}
    )  # fmt: skip
    files["content/reports/mini-2024/ignored.yml"] = {"ignored": []}
    seed_bytes = seed_from(files).encode("utf-8")  # the report's own text is its seed: it quotes every payload
    files["seeds/mini-2024.txt"] = seed_bytes
    report["seed_sha256"] = hashlib.sha256(seed_bytes).hexdigest()
    return files
