"""The site's own search index, made from the site model: segmented at build time, in small chunks.

Why our own: the engine's index (Material's) re-parses every built page (~2.5 ms a page), is one file that
every search downloads whole (~530 KB gzipped at 10,000 indicator pages), ranks two-character fragments
above whole phrases, and ends with that engine. This index knows nothing of any engine: records come from
the model (names, aliases, English names, values as printed, chapter text), tokens from jieba's search mode
(words and the words inside them, with their character offsets), and the browser's query code
(`site_templates/assets/javascripts/search/query.js`) fetches only the chunks its query needs:

  search/index.json            the manifest: version, numbers of files, first record (text) of each record (text) file
  search/<version>/w<k>.json   vocabulary: the tokens whose first character is k modulo the number of such files
  search/<version>/p<k>.json   postings of the tokens that hash to k (`bucket`)
  search/<version>/r<k>.json   records: URL, title, kind of page, latest values, number of its first text
  search/<version>/x<k>.json   texts of the records' units in order ([text] or [text, anchor])

A posting is [record, unit, length of the unit, offsets…]: the offsets let the query code tell a whole
phrase (tokens at consecutive offsets of one unit) from fragments, and a whole name (a phrase that is an
entire name or alias) from a phrase inside one. Units are numbered kind + 3 × position; kinds: NAME (an
indicator's name or alias), TITLE (titles, English names, latest values), TEXT (definitions, paragraphs).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.model.site import SiteModel
from generator.model.urls import chapter_page, indicator_page, page_url

NAME, TITLE, TEXT = 0, 1, 2
KINDS = 3  # a unit's number is kind + KINDS × its position in the record
WORDS_BYTES = 4_000  # per vocabulary file: the words that start with some characters (one per character of a query)
POSTINGS_BYTES = 3_000  # per postings file: the postings of the words hashed to it (one per word a query uses)
RECORDS_BYTES = 2_000  # per record file: titles, URLs and values of the results
TEXTS_BYTES = 3_000  # per text file: the units' texts, for the sentence a result shows
FOLDER = "search"
MANIFEST = "index.json"
FORMAT = 1
_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}  # Ｇ→G, ３→3, ．→.: same length, so offsets hold
_SKIP = re.compile(r"^[\W_]+$")  # punctuation and spaces are not tokens
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Unit:
    """One searchable text of a record: a name, a title, a paragraph (with the anchor it lives at)."""

    kind: int
    text: str
    anchor: str = ""


@dataclass(frozen=True)
class Record:
    """One page as search finds and shows it: `answer` is what an indicator result shows (its latest values)."""

    url: str
    title: str
    section: str  # what kind of page, shown beside the title: 指标, the report's short title, …
    units: tuple[Unit, ...]
    answer: tuple[str, ...] = ()


def fold(text: str) -> str:
    """The form tokens and queries are compared in: lower case, full-width Latin letters and digits half-width."""
    return text.translate(_FULL_WIDTH).lower()


def records_of(model: SiteModel, pages: Iterable[Any] = ()) -> list[Record]:
    """Every record: indicators (names, aliases, values), chapters (paragraphs), then the other pages' titles."""
    from generator.pages.history import latest_per_region

    out: list[Record] = []
    done: set[str] = set()
    for indicator in sorted(model.content.indicators.values(), key=lambda i: i.id):
        views = model.indicator_views(indicator.id)
        latest = latest_per_region(views)
        answer = tuple(f"{v.place.report.region} {_period(v.obs.period)} {v.display}" for v in latest)
        shown = {v.display for v in latest}
        others = sorted({v.display for v in views if v.display and v.display not in shown})
        units = [Unit(NAME, indicator.name), *(Unit(NAME, a) for a in indicator.aliases)]
        units += [Unit(TITLE, indicator.name_en), *(Unit(TITLE, line) for line in answer)]
        units += [Unit(TEXT, indicator.definition)]
        if others:
            units.append(Unit(TEXT, " · ".join(others)))
        path = indicator_page(indicator.id)
        out.append(Record(page_url(path), indicator.name, "指标", tuple(units), answer))
        done.add(path)
    for item in model.content.reports:
        for index, chapter in enumerate(item.chapters):
            path = chapter_page(item.report.id, index)
            title = f"{chapter.number}、{chapter.title}"
            units = [Unit(TITLE, title)]
            for _, paragraph in chapter.located_paragraphs():
                units.append(Unit(TEXT, paragraph.full_text, paragraph.id))
            units += [Unit(TITLE, s.title) for s in _sections(chapter.sections)]
            out.append(Record(page_url(path), title, item.report.short_title, tuple(units)))
            done.add(path)
    for page in pages:
        if page.path not in done and not page.search_exclude:
            out.append(Record(page_url(page.path), page.title, "", (Unit(TITLE, page.title),)))
    return out


def _sections(sections: Iterable[Any]) -> Iterable[Any]:
    for section in sections:
        yield section
        yield from _sections(section.sections)


def _period(period: str) -> str:
    return f"{period}年" if period.isdigit() else period


def tokens(text: str, characters: bool = False) -> dict[str, list[int]]:
    """Each token of a text with its character offsets: jieba's search mode (words and the words inside
    longer ones), numbers and Latin words whole. Single Chinese characters only with `characters` (names and
    titles: short, and where a phrase must be found whatever jieba's cut; in texts they are too common to
    index, and the query code lets one pass between two indexed words)."""
    import jieba

    folded = fold(text)
    found: dict[str, list[int]] = {}
    for word, start, _ in jieba.tokenize(folded, mode="search"):
        word = word.strip()
        if not word or _SKIP.match(word) or (len(word) == 1 and not word.isascii()):
            continue
        found.setdefault(word, []).append(start)
    if characters:
        for start, char in enumerate(folded):
            if _HAN.match(char):
                found.setdefault(char, []).append(start)
    return found


def bucket(token: str, buckets: int) -> int:
    """The postings file of a token: a 32-bit hash of its characters (mirrored in query.js)."""
    h = 0
    for char in token:
        h = (h * 31 + ord(char)) & 0xFFFFFFFF
    return h % buckets


def build_index(records: list[Record]) -> dict[str, bytes]:
    """The index files (path under the site → bytes), cut so that one query fetches a few small files."""
    postings: dict[str, list[list[int]]] = {}
    seen: dict[tuple[str, bool], dict[str, list[int]]] = {}  # names, values and definitions repeat: cut once
    for number, record in enumerate(records):
        for position, unit in enumerate(record.units):
            code = unit.kind + KINDS * position
            key = (unit.text, unit.kind == NAME)
            found = seen.get(key)
            if found is None:
                found = seen[key] = tokens(*key)
            for token, offsets in found.items():
                postings.setdefault(token, []).append([number, code, len(unit.text), *offsets])
    encoded = {token: _json(rows) for token, rows in postings.items()}
    files: dict[str, bytes] = {}
    words = _count(sum(len(t.encode()) + 3 for t in postings), WORDS_BYTES)
    vocabulary: list[list[str]] = [[] for _ in range(words)]
    for token in sorted(postings, key=lambda t: (-len(postings[t]), t)):  # the commonest first: query.js tries
        vocabulary[ord(token[0]) % words].append(token)  # the first few words that complete what is typed
    files.update({f"w{k}.json": _json(shard) for k, shard in enumerate(vocabulary)})
    buckets = _count(sum(len(t.encode()) + len(e) + 4 for t, e in encoded.items()), POSTINGS_BYTES)
    grouped: list[list[str]] = [[] for _ in range(buckets)]
    for token in sorted(postings):
        grouped[bucket(token, buckets)].append(token)
    for k, group in enumerate(grouped):
        body = ",".join(_json(t).decode() + ":" + encoded[t].decode() for t in group)
        files[f"p{k}.json"] = ("{" + body + "}").encode("utf-8")
    shown: list[dict[str, Any]] = []
    units: list[list[str]] = []
    for record in records:
        shown.append(
            {"u": record.url, "t": record.title, "s": record.section, "a": list(record.answer), "n": len(units)}
        )
        units += [[unit.text, unit.anchor] if unit.anchor else [unit.text] for unit in record.units]
    record_chunks = _chunks(shown, RECORDS_BYTES)
    unit_chunks = _chunks(units, TEXTS_BYTES)
    files.update({f"r{k}.json": _json(chunk) for k, (_, chunk) in enumerate(record_chunks)})
    files.update({f"x{k}.json": _json(chunk) for k, (_, chunk) in enumerate(unit_chunks)})
    version = hashlib.sha256(b"".join(files[name] for name in sorted(files))).hexdigest()[:12]
    out = {f"{FOLDER}/{version}/{name}": data for name, data in files.items()}
    manifest = {
        "format": FORMAT,
        "version": version,
        "words": words,
        "postings": buckets,
        "records": [first for first, _ in record_chunks],
        "texts": [first for first, _ in unit_chunks],
    }
    out[f"{FOLDER}/{MANIFEST}"] = _json(manifest)
    return out


def _count(total: int, size: int) -> int:
    return max(1, -(-total // size))


def _chunks(items: list[Any], size: int) -> list[tuple[int, list[Any]]]:
    """Items in order, cut into chunks of about `size` bytes of JSON: (index of the first item, items)."""
    chunks: list[tuple[int, list[Any]]] = []
    held = size
    for number, item in enumerate(items):
        weight = len(_json(item))
        if held + weight > size and (not chunks or chunks[-1][1]):
            chunks.append((number, []))
            held = 0
        chunks[-1][1].append(item)
        held += weight
    return chunks


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_search_index(model: SiteModel, pages: Iterable[Any], site_dir: Path) -> int:
    """The one entry point: write the index for the site's model into `site_dir/search/`; return its bytes.

    Earlier versions' chunk folders are removed (the manifest names the current one)."""
    files = build_index(records_of(model, pages))
    folder = site_dir / FOLDER
    keep = {path.split("/")[1] for path in files if path.count("/") == 2}
    if folder.is_dir():
        for old in folder.iterdir():
            if old.is_dir() and old.name not in keep and re.fullmatch(r"[0-9a-f]{12}", old.name):
                for file in old.iterdir():
                    file.unlink()
                old.rmdir()
    for path, data in files.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
    return sum(len(data) for data in files.values())
