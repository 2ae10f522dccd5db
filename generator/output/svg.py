"""Static SVG fallbacks of chart specs, rendered without a browser by vl-convert and cached on disk.

The SVG is what a reader sees before Vega loads (and what prints); it must not depend on what was
rendered before it, so clip ids are renumbered and the cache key holds the renderer's version.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from importlib.metadata import version
from pathlib import Path
from typing import Any

from generator.errors import BuildError
from generator.progress import Progress

_RENDERER = f"vl-convert {version('vl-convert-python')}, stable ids"  # part of the SVG cache key
_CLIP_ID = re.compile(r"\bclip\d+\b")


def _bmp_only(value: Any) -> Any:
    """The spec with every character beyond U+FFFF replaced by 〓 (the printer's missing-glyph mark)."""
    if isinstance(value, str):
        return "".join(ch if ord(ch) <= 0xFFFF else "〓" for ch in value)
    if isinstance(value, list):
        return [_bmp_only(v) for v in value]
    if isinstance(value, dict):
        return {k: _bmp_only(v) for k, v in value.items()}
    return value


def _stable_ids(svg: str) -> str:
    """Number clip-path ids from 1 in each SVG: vl-convert counts them per process, so the same chart would
    otherwise differ with what was rendered before it (and with the thread it was rendered on)."""
    numbers: dict[str, str] = {}
    return _CLIP_ID.sub(lambda m: numbers.setdefault(m.group(), f"clip{len(numbers) + 1}"), svg)


class SvgRenderer:
    """Renders specs to SVG with vl-convert, cached on disk by a hash of the spec.

    Cache misses are rendered on `workers` threads. The gain from a second core was 1.15–1.5× under load
    and none on a quiet machine (bench/parallel.py): vl-convert seems to serialise much of its work.
    """

    def __init__(
        self,
        cache_dir: Path,
        font_dirs: tuple[str, ...] = ("/usr/share/fonts",),
        workers: int = 1,
        progress: Progress | None = None,
    ):
        self.cache_dir = cache_dir
        self.progress = progress or Progress()
        self.font_dirs = font_dirs
        self.workers = max(1, workers)
        self._ready = False
        self.rendered = 0

    def _prepare(self) -> None:
        import vl_convert as vlc

        for folder in self.font_dirs:
            if Path(folder).is_dir():
                vlc.register_font_directory(folder)
        self._ready = True

    @staticmethod
    def _static(spec: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """The spec drawn for the static fallback (width 'container' fixed at 640) and its cache key."""
        static = {**spec, "width": 640 if spec.get("width") == "container" else spec.get("width")}
        static = {k: v for k, v in static.items() if v is not None}
        text = json.dumps([_RENDERER, static], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()[:32], static

    def svg(self, spec: dict[str, Any]) -> str:
        """The SVG of one spec."""
        return self.svgs([spec])[0]

    def svgs(self, specs: list[dict[str, Any]]) -> list[str]:
        """The SVG of each spec, in order; only specs not in the cache are rendered."""
        keyed = [self._static(spec) for spec in specs]
        found: dict[str, str] = {}
        missing: dict[str, dict[str, Any]] = {}
        for key, static in keyed:
            cached = self.cache_dir / f"{key}.svg"
            if key in found or key in missing:
                continue
            if cached.is_file():
                found[key] = cached.read_text(encoding="utf-8")
            else:
                missing[key] = static
        if missing:
            if not self._ready:
                self._prepare()
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            if self.workers > 1 and len(missing) > 1:
                from concurrent.futures import ThreadPoolExecutor

                with ThreadPoolExecutor(self.workers) as pool:
                    rendered = list(self.progress.track(pool.map(self._render, missing.items()), len(missing), "图表"))
            else:
                rendered = list(self.progress.track(map(self._render, missing.items()), len(missing), "图表"))
            found.update(zip(missing, rendered, strict=True))
            self.rendered += len(missing)
        return [found[key] for key, _ in keyed]

    def _render(self, item: tuple[str, dict[str, Any]]) -> str:
        import vl_convert as vlc

        key, static = item
        try:
            svg = vlc.vegalite_to_svg(static, vl_version="6.4")
        except ValueError:
            # vl-convert fails when Vega truncates a long label inside a surrogate pair (characters
            # beyond U+FFFF, e.g. CJK Extension B): the static fallback shows them as 〓 instead;
            # the interactive chart, drawn by the browser, keeps them.
            try:
                svg = vlc.vegalite_to_svg(_bmp_only(static), vl_version="6.4")
            except ValueError as exc:
                raise BuildError(
                    f"图表“{static.get('title', '')}”无法生成静态 SVG：{str(exc).splitlines()[0]}"
                ) from None
        svg = _stable_ids(svg)
        target = self.cache_dir / f"{key}.svg"
        tmp = target.with_name(f"{target.name}.{threading.get_ident()}.tmp")
        tmp.write_text(svg, encoding="utf-8")
        tmp.replace(target)
        return svg
