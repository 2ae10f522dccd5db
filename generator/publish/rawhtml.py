"""Raw HTML blocks handed to Markdown as they are, instead of being parsed three times per page.

The generated pages are mostly raw HTML (fact tables, observation tables, quotes). Python-Markdown's
`md_in_html` parses every such block with `html.parser` to find where it ends, and MkDocs parses the
whole page again for anchor ids: ~2.5 ms of the ~3.7 ms a typical indicator page costs, ~25 s at
10,000 pages. The blocks our templates write have a shape that says where they end without parsing:

- they start at the beginning of a line, after a blank line, with a block-level tag;
- they end at the next blank line, whose previous line closes that first tag (CommonMark's HTML block
  rule 6), and that first tag is not closed earlier;
- they ask for no Markdown inside (`markdown="0"` or no `markdown` attribute), and hold no comment,
  processing instruction or element whose content is raw text.

Such a block is stored in Markdown's HTML stash exactly as Python-Markdown stores it after parsing, so
the HTML is byte-identical (tests/publish/test_rawhtml.py converts every page of the real site both
ways). Any other block is left to Markdown. This uses Python-Markdown's extension API only.

Anchor ids inside a stashed block are not seen by MkDocs' anchor check, which only looks at Markdown
links (`[text](page.md#id)`); the generated pages link into raw HTML from raw HTML only.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

OPENING = re.compile(r"<([a-z][a-z0-9]*)[\s>]")
MARKDOWN_ON = re.compile(r"""\smarkdown(?=[\s=>/])(?!\s*=\s*(["']?)0\1[\s>/])""")  # any value but "0", or bare
HTML_LINE = re.compile(r" {0,3}<")  # where Markdown looks for raw HTML: a line's start
RAW_TEXT = ("pre", "script", "style", "textarea")  # their content is not HTML: never the first tag of a block
RAW_OPENING = re.compile(rf"<(?:{'|'.join(RAW_TEXT)})(?=[\s>/])")
RAW_ELEMENT = re.compile(rf"<({'|'.join(RAW_TEXT)})(?:\s[^<>]*)?>[^<]*</\1>")  # inside: no "<" at all
VOID_LINE = re.compile(r"<hr(?:\s[^<>]*)?/?>")
PRIORITY = 22  # after fenced code (25), before MkDocs' raw HTML scan (21) and md_in_html's block parser (20)


def _closed_at_end(block: str, tag: str) -> bool:
    """True when the block's first `tag` element closes exactly at the block's end, and not before."""
    depth = 0
    for match in re.finditer(rf"<{tag}(?=[\s>/])|</{tag}\s*>", block):
        depth += -1 if match.group().startswith("</") else 1
        if depth == 0:
            return match.end() == len(block)
    return False


def whole_block(lines: list[str], blocks: set[str]) -> str | None:
    """The lines as one stashable HTML block, or None when Markdown must parse them."""
    block = "\n".join(lines)
    opening = OPENING.match(block)
    if not opening or opening.group(1) not in blocks or opening.group(1) in RAW_TEXT:
        return None
    if MARKDOWN_ON.search(block) or "<!" in block or "<?" in block:
        return None
    if len(RAW_OPENING.findall(block)) != len(RAW_ELEMENT.findall(block)):
        return None  # a raw-text element with a "<" inside: only a parser knows where it ends
    tag = opening.group(1)
    if tag == "hr":  # the one empty block element: a line of its own
        return block if len(lines) == 1 and VOID_LINE.fullmatch(block) else None
    return block if _closed_at_end(block, tag) else None


class StashRawHtml(Preprocessor):
    """Store each self-delimiting raw HTML block (see the module docstring) in the HTML stash."""

    stashed = 0  # blocks stored by the last run (tests read it)

    def run(self, lines: list[str]) -> list[str]:
        self.stashed = 0
        found = self.blocks(lines)
        if found is None:
            return lines
        out: list[str] = []
        last = 0
        for start, end, block in found:
            # what md_in_html stores for a parsed block: its text and a line end, as a paragraph of its own
            out.extend([*lines[last:start], "", self.md.htmlStash.store(block + "\n"), ""])
            last = end
        self.stashed = len(found)
        return [*out, *lines[last:]]

    def blocks(self, lines: list[str]) -> list[tuple[int, int, str]] | None:
        """Every raw HTML block of the page as (first line, end line, text); None if one is not self-delimiting.

        One block Markdown must parse (an unclosed tag, say) changes how every later block is read, so a
        page is taken all or nothing.
        """
        tags = set(self.md.block_level_elements)
        found: list[tuple[int, int, str]] = []
        i, count = 0, len(lines)
        while i < count:
            line = lines[i]
            if not HTML_LINE.match(line):
                i += 1
                continue
            if not line.startswith("<") or (i and lines[i - 1].strip()):
                return None  # indented, or inside a paragraph: Markdown decides
            end = i
            while end < count and lines[end].strip():
                end += 1
            block = whole_block(lines[i:end], tags)
            if block is None:
                return None
            found.append((i, end, block))
            i = end
        return found


class RawHtmlBlocks(Extension):
    """The Markdown extension the plugin adds to MkDocs' list (`on_config`)."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(StashRawHtml(md), "reportsite_raw_html", PRIORITY)
