"""A small copy of the chart font for the SVG worker processes: the same layout, measured at half the cost.

vl-convert measures every text of a chart by laying it out with usvg against every font fontdb found on the
system, and with Noto Sans CJK (65,535 glyphs, large GSUB/GPOS tables) that costs ~2.5 ms a measurement even
for ASCII. A subset of the chart font's faces — the same names, metrics, widths, outlines and default layout
features, only the characters the charts use — lays the text out the same (the SVG bytes are equal,
tests/test_chart_svg.py) at about half the CPU per SVG (real site: ~48 against ~98 ms).

The subset is made once per font identity and set of characters, in a child process per font file, and kept
under build/cache/fonts (written to a temporary folder and renamed: builds may make it side by side); a later
batch whose characters it already covers uses it as it is. A worker given a subset sees only that subset
(FONTCONFIG_FILE names a config listing only its folder, so fontdb loads no system font), and `covers` lets
only the specs through whose every character each face has and whose fonts all start with the chart font;
anything else — no fontTools, a subset that fails, another font, a character the font lacks — takes the
usual path with the real font.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

FAMILY = "Noto Sans CJK SC"  # the first family of charts.FONT: the one every chart text is measured with
# Characters Vega writes itself (formatted numbers: − µ; truncated labels: …; the 〓 of svg._bmp_only), and
# the punctuation around them: printable ASCII, Latin-1, general punctuation, the minus sign, CJK
# punctuation, full-width forms.
EXTRA = frozenset(
    chr(c)
    for lo, hi in ((0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2212, 0x2212), (0x3000, 0x303F), (0xFF00, 0xFFEF))
    for c in range(lo, hi + 1)
)
_COVERED = "covered.txt"  # written last: a folder without it is not finished


@dataclass(frozen=True)
class FastFonts:
    """A folder with the subset faces and the fontconfig file that makes fontdb load only them."""

    folder: Path
    covered: frozenset[str]  # the characters every subset face has

    @property
    def config(self) -> Path:
        return self.folder / "fonts.conf"

    def covers(self, spec: dict[str, Any]) -> bool:
        """Whether `spec` lays out the same with the subset: every character in it, only the chart font."""
        strings: list[str] = []
        fonts: list[Any] = []
        _walk(spec, strings, fonts)
        config_font = spec.get("config", {}).get("font") if isinstance(spec.get("config"), dict) else None
        return (
            isinstance(config_font, str)
            and all(isinstance(f, str) and f.split(",")[0].strip().strip("'\"") == FAMILY for f in fonts)
            and all(ch in self.covered or _unassigned(ch) for s in strings for ch in set(s))
        )


def _unassigned(ch: str) -> bool:
    """A code point no font draws (e.g. the end of a regexp range in a label expression): its width is the
    .notdef glyph's with the real font as with the subset, which keeps .notdef."""
    return unicodedata.category(ch) == "Cn"


def _walk(value: Any, strings: list[str], fonts: list[Any]) -> None:
    """Every string in a spec (keys too: they name fields that can become labels) and every font setting."""
    if isinstance(value, str):
        strings.append(value)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _walk(item, strings, fonts)
    elif isinstance(value, dict):
        for key, item in value.items():
            strings.append(key)
            if key == "font" or key.endswith("Font"):
                fonts.append(item)
            _walk(item, strings, fonts)


def spec_chars(specs: list[dict[str, Any]]) -> frozenset[str]:
    """Every character in the strings of `specs`."""
    strings: list[str] = []
    for spec in specs:
        _walk(spec, strings, [])
    return frozenset("".join(strings))


def _have_fonttools() -> bool:
    return importlib.util.find_spec("fontTools") is not None


def _digest(chars: frozenset[str]) -> str:
    return hashlib.sha256("".join(sorted(chars)).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _cached(root: Path, font_id: str, wanted: frozenset[str]) -> FastFonts | None:
    """The smallest finished subset of this font made for at least the `wanted` characters."""
    best: tuple[int, FastFonts] | None = None
    for folder in root.glob(f"{font_id}-*"):
        try:
            made_for = frozenset((folder / "wanted.txt").read_text(encoding="utf-8"))
            covered = frozenset((folder / _COVERED).read_text(encoding="utf-8"))
        except (OSError, UnicodeError):
            continue
        if wanted <= made_for and (best is None or len(made_for) < best[0]):
            best = (len(made_for), FastFonts(folder, covered))
    return best[1] if best else None


def fast_fonts(
    root: Path, files: list[Path], font_id: str, chars: frozenset[str], make: bool = True
) -> FastFonts | None:
    """A subset of the chart font's faces in `files` covering `chars` (with EXTRA), cached under `root`;
    None when it cannot be made (no fontTools, no face of FAMILY, a subset that fails) or, without `make`,
    is not in the cache."""
    if not files or not _have_fonttools():
        return None
    wanted = chars | EXTRA
    found = _cached(root, font_id, wanted)
    if found is not None or not make:
        return found
    final = root / f"{font_id}-{_digest(wanted)}"
    tmp = root / f".{final.name}.{os.getpid()}.tmp"
    try:
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        covered = _make(tmp, files, wanted)
        if covered is None:
            return None
        (tmp / "fonts.conf").write_text(
            f'<?xml version="1.0"?>\n<fontconfig><dir>{escape(str(final))}</dir></fontconfig>\n', encoding="utf-8"
        )
        (tmp / "wanted.txt").write_text("".join(sorted(wanted)), encoding="utf-8")
        (tmp / _COVERED).write_text("".join(sorted(covered)), encoding="utf-8")
        try:
            tmp.rename(final)
        except OSError:  # made side by side by another build: use that one
            if not (final / _COVERED).is_file():
                return None
        return FastFonts(final, frozenset((final / _COVERED).read_text(encoding="utf-8")))
    except OSError:
        return None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _make(folder: Path, files: list[Path], wanted: frozenset[str]) -> frozenset[str] | None:
    """Subset every face of FAMILY in `files` into `folder`, one child process per file, side by side;
    the characters every face has, or None when a child failed or there was no such face."""
    package_root = str(Path(__file__).resolve().parents[2])
    path = os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH", "")) if p)
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "generator.output.fontsubset", str(folder), str(file)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": path},
            text=True,
            encoding="utf-8",
            errors="surrogatepass",
        )
        for file in files
    ]
    answers = [child.communicate(json.dumps("".join(sorted(wanted))))[0] for child in children]
    if any(child.returncode != 0 for child in children):
        return None
    faces = [face for answer in answers for face in json.loads(answer)]
    if not faces:
        return None
    return frozenset.intersection(*(frozenset(face["covered"]) for face in faces))


def _subset_file(folder: Path, file: Path, wanted: str) -> list[dict[str, Any]]:
    """Subset each face of FAMILY in `file` to `wanted`: names, metrics and bounding boxes kept as they are."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.ttCollection import TTCollection

    with open(file, "rb") as handle:
        collection = handle.read(4) == b"ttcf"
    count = len(TTCollection(file, lazy=True).fonts) if collection else 1
    made = []
    for index in range(count):
        font = TTFont(file, fontNumber=index, lazy=True, recalcBBoxes=False, recalcTimestamp=False)
        names = font["name"]
        family = names.getDebugName(16) or names.getDebugName(1)
        if family != FAMILY:
            continue
        options = subset.Options()
        options.name_IDs = ["*"]  # fontdb finds the face by its names: keep every one of them
        options.name_languages = ["*"]
        options.name_legacy = True
        options.notdef_outline = True
        options.legacy_kern = True
        options.hinting = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[ord(c) for c in wanted])
        subsetter.subset(font)
        target = folder / f"{file.stem}-{index}.otf"
        font.save(target)
        made.append({"file": target.name, "covered": "".join(sorted(chr(c) for c in font.getBestCmap()))})
    return made


if __name__ == "__main__":
    _folder, _file = Path(sys.argv[1]), Path(sys.argv[2])
    sys.stdout.write(json.dumps(_subset_file(_folder, _file, json.loads(sys.stdin.read()))))
