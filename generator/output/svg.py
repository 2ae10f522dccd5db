"""Static SVG fallbacks of chart specs, rendered without a browser by vl-convert and cached on disk.

The SVG is what a reader sees before Vega loads (and what prints); it must not depend on what was
rendered before it, so clip ids are renumbered and the cache key holds the renderer's version and the
identity of the font the text is laid out with: without that font vl-convert measures text with another
one and cuts labels, so the build stops and says what to install.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from importlib.metadata import version
from itertools import chain
from pathlib import Path
from typing import IO, Any, TypeVar

from generator.errors import BuildError
from generator.output.fontsubset import FastFonts, fast_fonts, spec_chars
from generator.progress import Progress

_RENDERER = f"vl-convert {version('vl-convert-python')}, stable ids"  # part of the SVG cache key
_CLIP_ID = re.compile(r"\bclip\d+\b")
# vl-convert renders on one engine thread per process, so threads wait on each other; worker processes
# render side by side but each first starts its own engine: ~1.4 CPU-seconds, against ~0.17 per chart
# (60 real charts, measured in CPU time: wall time on the shared machine says more about its load).
# With this process's engine already running (`serve`, a second batch) two workers pay off from about
# 2 × 1.4 / 0.17 ≈ 17 charts; below that, this process renders them.
PROCESS_MIN = 16
# Making the font subset (fontsubset.py) costs ~2.5 CPU-seconds in two child processes, and the workers wait
# for it; it saves ~50 ms per SVG: it pays from about 200 SVGs to render (the real site's 120 cold SVGs built
# as fast without it: 18.8–19.9 s, against 19.6–21.9 s with it, quiet machine).
SUBSET_MIN = 200


# The charts' font (charts.FONT: Noto Sans CJK SC first) and the Debian package the README installs it with.
FONT_FILES = "NotoSansCJK-*"
FONT_PACKAGE = "fonts-noto-cjk"


def font_files(font_dirs: tuple[str, ...]) -> list[Path]:
    """The chart font's files in `font_dirs`."""
    return sorted(
        path
        for folder in font_dirs
        if Path(folder).is_dir()
        for path in Path(folder).rglob(FONT_FILES)
        if path.is_file()
    )


def font_identity(font_dirs: tuple[str, ...]) -> str:
    """A hash of the chart font's files in `font_dirs`; BuildError naming the package when there are none."""
    files = font_files(font_dirs)
    if not files:
        raise BuildError(
            f"缺少图表字体 Noto Sans CJK SC：在 {'、'.join(font_dirs)} 中没有找到 {FONT_FILES} 字体文件。"
            f"静态 SVG 图表按这一字体排版，缺少时文字宽度算错、标签被截断。"
            f"请安装 {FONT_PACKAGE}（apt-get install {FONT_PACKAGE}，见 README）后重新构建。"
        )
    return _hash_files(tuple((str(path), path.stat().st_size, path.stat().st_mtime_ns) for path in files))


@lru_cache(maxsize=8)
def _hash_files(files: tuple[tuple[str, int, int], ...]) -> str:
    """sha256 of the files' names and bytes (~0.1 s for the 40 MB of Noto Sans CJK; once per process)."""
    digest = hashlib.sha256()
    for name, _size, _mtime in files:
        digest.update(Path(name).name.encode() + b"\0")
        with open(name, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:16]


_SIZE = re.compile(r'<svg[^>]*?\swidth="(\d+(?:\.\d+)?)"[^>]*?\sheight="(\d+(?:\.\d+)?)"')


def svg_size(svg: str) -> tuple[int, int]:
    """The width and height vl-convert gave an SVG, in px (for the <img> that shows it)."""
    found = _SIZE.search(svg)
    return (round(float(found.group(1))), round(float(found.group(2)))) if found else (0, 0)


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


def _register_fonts(font_dirs: tuple[str, ...]) -> None:
    import vl_convert as vlc

    for folder in font_dirs:
        if Path(folder).is_dir():
            vlc.register_font_directory(folder)


def _render(cache_dir: Path, key: str, static: dict[str, Any]) -> str:
    """Render one static spec, store it in the cache (atomically: workers write side by side) and return it."""
    import vl_convert as vlc

    try:
        svg = vlc.vegalite_to_svg(static, vl_version="6.4")
    except ValueError:
        # vl-convert fails when Vega truncates a long label inside a surrogate pair (characters
        # beyond U+FFFF, e.g. CJK Extension B): the static fallback shows them as 〓 instead;
        # the interactive chart, drawn by the browser, keeps them.
        try:
            svg = vlc.vegalite_to_svg(_bmp_only(static), vl_version="6.4")
        except ValueError as exc:
            raise BuildError(f"图表“{static.get('title', '')}”无法生成静态 SVG：{str(exc).splitlines()[0]}") from None
    svg = _stable_ids(svg)
    target = cache_dir / f"{key}.svg"
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    tmp.write_text(svg, encoding="utf-8")
    tmp.replace(target)
    return svg


class _Worker:
    """A `python -m generator.output.svg` process rendering one job per line: JSON in, JSON out.

    A plain child process rather than multiprocessing: `spawn` and `forkserver` run the parent's main
    script again in the child (any script that builds without a `__main__` guard would recurse), and
    `fork` copies vl-convert's engine threads, which is unsafe.
    """

    def __init__(self, font_dirs: tuple[str, ...], fast: FastFonts | None = None):
        package_root = str(Path(__file__).resolve().parents[2])  # this generator, not an installed one
        path = os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH", "")) if p)
        env = {**os.environ, "PYTHONPATH": path}
        if fast is not None:  # fontdb loads only the subset of the chart font (fontsubset.py)
            env["FONTCONFIG_FILE"] = str(fast.config)
            font_dirs = ()
        self.fast = fast
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator.output.svg", *font_dirs],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            text=True,
            encoding="utf-8",
        )

    def render(self, job: tuple[Path, str, dict[str, Any]]) -> str:
        cache_dir, key, static = job
        return str(self._ask({"svg": [str(cache_dir), key, static]}, static.get("title", ""))["svg"])

    def bundle(self) -> str:
        """vl-convert's Vega JavaScript bundle, made in the worker (~2 s holding this process's GIL otherwise)."""
        return str(self._ask({"bundle": []}, "")["bundle"])

    def spec(self, builder: str, args: Any) -> dict[str, Any]:
        """The chart spec `charts.build(builder, args)` gives, built in the worker."""
        answer = self._ask({"spec": [builder, args]}, "")
        return dict(answer["spec"])

    def _ask(self, job: dict[str, Any], title: Any) -> dict[str, Any]:
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        stdin.write(json.dumps(job) + "\n")
        stdin.flush()
        line = stdout.readline()
        if not line:
            raise BuildError(f"图表“{title}”的渲染进程意外退出（退出码 {self.process.wait()}）")
        answer: dict[str, Any] = json.loads(line)
        if "error" in answer:
            raise BuildError(answer["error"])
        return answer

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait()


def _serve(font_dirs: tuple[str, ...], jobs: IO[str], answers: IO[str]) -> None:
    """The worker's loop: each job line is a static spec to render (answered with the SVG) or a chart spec to
    build (`charts.build`, answered with the spec); a BuildError is answered with its message."""
    _register_fonts(font_dirs)
    for line in jobs:
        job = json.loads(line)
        answer: dict[str, Any]
        try:
            if "spec" in job:
                answer = _build_spec(*job["spec"])
            elif "bundle" in job:
                import vl_convert as vlc

                answer = {"bundle": vlc.javascript_bundle()}  # type: ignore[call-arg]
            else:
                cache_dir, key, static = job["svg"]
                answer = {"svg": _render(Path(cache_dir), key, static)}
        except BuildError as exc:
            answer = {"error": str(exc)}
        answers.write(json.dumps(answer) + "\n")
        answers.flush()


def _build_spec(builder: str, args: list[Any]) -> dict[str, Any]:
    from generator.output import charts

    try:
        return {"spec": charts.build(builder, args)}
    except Exception as exc:  # a bug in a chart builder: named, and the build stops cleanly
        return {"error": f"图表规格无法生成（{builder}）：{type(exc).__name__}: {exc}"}


class SvgRenderer:
    """Renders specs to SVG with vl-convert, cached on disk by a hash of the spec, the renderer and the font.

    Cache misses are rendered in `workers` processes when there are at least PROCESS_MIN of them (threads
    gained 1.15–1.5× at best: vl-convert serialises its work within a process), else in this process.
    Workers are started with `spawn`: forking a process that already runs vl-convert's engine threads is unsafe.
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
        self._font: str | None = None
        self.rendered = 0
        self._lock = threading.Lock()
        self._here = threading.Lock()

    def _prepare(self) -> None:
        _register_fonts(self.font_dirs)
        self._ready = True

    def _static(self, spec: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """The spec drawn for the static fallback (width 'container' fixed at 640) and its cache key."""
        if self._font is None:
            self._font = font_identity(self.font_dirs)
        static = {**spec, "width": 640 if spec.get("width") == "container" else spec.get("width")}
        static = {k: v for k, v in static.items() if v is not None}
        text = json.dumps([_RENDERER, self._font, static], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()[:32], static

    def svg(self, spec: dict[str, Any]) -> str:
        """The SVG of one spec."""
        return self.svgs([spec])[0]

    def svgs(self, specs: list[dict[str, Any]]) -> list[str]:
        """The SVG of each spec, in order; only specs not in the cache are rendered."""
        keyed, found, missing = self.lookup(specs)
        if missing:
            jobs = [(self.cache_dir, key, static) for key, static in missing.items()]
            if self.workers > 1 and len(jobs) >= PROCESS_MIN:
                rendered = self._render_in_processes(jobs)
            else:
                rendered = list(self.progress.track((self._render_here(job) for job in jobs), len(jobs), "图表"))
            found.update(zip(missing, rendered, strict=True))
            self._count(len(missing))
        return [found[key] for key, _ in keyed]

    def svgs_on(self, worker: _Worker, specs: list[dict[str, Any]]) -> list[str]:
        """`svgs`, rendering what the cache lacks on `worker` (one of `ChartJobs`' worker processes)."""
        keyed, found, missing = self.lookup(specs)
        for key, static in missing.items():
            job = (self.cache_dir, key, static)
            found[key] = (
                worker.render(job) if worker.fast is None or worker.fast.covers(static) else self._render_here(job)
            )
        self._count(len(missing))
        return [found[key] for key, _ in keyed]

    def lookup(
        self, specs: list[dict[str, Any]]
    ) -> tuple[list[tuple[str, dict[str, Any]]], dict[str, str], dict[str, dict[str, Any]]]:
        """Each spec's key and static spec, the SVGs found in the cache, and the static specs it lacks."""
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
            self.cache_dir.mkdir(parents=True, exist_ok=True)
        return keyed, found, missing

    def _count(self, rendered: int) -> None:
        with self._lock:
            self.rendered += rendered

    def _render_in_processes(self, jobs: list[tuple[Path, str, dict[str, Any]]]) -> list[str]:
        """Render on `workers` child processes, in order.

        The jobs the subset of the chart font covers go first, to workers that load only that subset
        (fontsubset.py: the same layout at about half the cost); the rest to workers with the real font
        (or to this process when there are fewer than PROCESS_MIN of them).
        """
        fast = self.fast_fonts(spec_chars([static for _, _, static in jobs]), len(jobs))
        covered = [fast is not None and fast.covers(static) for _, _, static in jobs]
        quick = [job for job, yes in zip(jobs, covered, strict=True) if yes]
        slow = [job for job, yes in zip(jobs, covered, strict=True) if not yes]
        if len(slow) < PROCESS_MIN:  # a few: this process, rather than starting two more engines
            rest: Iterator[str] = (self._render_here(job) for job in slow)
        else:
            rest = on_workers(self.workers, self.font_dirs, slow, lambda worker, job: worker.render(job))
        done = chain(
            on_workers(self.workers, self.font_dirs, quick, lambda worker, job: worker.render(job), fast)
            if quick
            else [],
            rest,
        )
        rendered = dict(
            zip([key for _, key, _ in quick + slow], self.progress.track(done, len(jobs), "图表"), strict=True)
        )
        return [rendered[key] for _, key, _ in jobs]

    def fast_fonts(self, chars: frozenset[str], svgs: int) -> FastFonts | None:
        """The subset of the chart font covering `chars` for `svgs` SVGs to render, or None: the real font then.
        Made (and cached) only for SUBSET_MIN SVGs or more; fewer use one already in the cache."""
        if self._font is None:
            self._font = font_identity(self.font_dirs)
        root = self.cache_dir.parent / "fonts"
        return fast_fonts(root, font_files(self.font_dirs), self._font, chars, make=svgs >= SUBSET_MIN)

    def _render_here(self, job: tuple[Path, str, dict[str, Any]]) -> str:
        """Render in this process, with the real font (vl-convert renders one chart at a time here anyway)."""
        with self._here:
            if not self._ready:
                self._prepare()
            return _render(*job)


T = TypeVar("T")
R = TypeVar("R")


class WorkerPool:
    """Up to `count` worker processes, each fed by one thread here and started with its first task; with `fast`,
    they measure text with that subset of the chart font (the specs it does not cover are for other workers)."""

    def __init__(
        self, count: int, font_dirs: tuple[str, ...], fast: FastFonts | Future[FastFonts | None] | None = None
    ):
        self.font_dirs = font_dirs
        self.fast = fast  # or the subset still being made: a worker starts when it is ready
        self._local = threading.local()
        self._started: list[_Worker] = []
        self._lock = threading.Lock()
        self._threads = ThreadPoolExecutor(max(1, count))

    def submit(self, task: Callable[[_Worker, T], R], item: T) -> Future[R]:
        """`task(worker, item)` on the next free worker."""
        return self._threads.submit(self._run, task, item)

    def _run(self, task: Callable[[_Worker, T], R], item: T) -> R:
        if not hasattr(self._local, "worker"):
            fast = self.fast.result() if isinstance(self.fast, Future) else self.fast
            self._local.worker = _Worker(self.font_dirs, fast)
            with self._lock:
                self._started.append(self._local.worker)
        return task(self._local.worker, item)

    def close(self) -> None:
        """Drop the tasks not started, wait for the running ones and end every worker process."""
        self._threads.shutdown(wait=True, cancel_futures=True)
        for worker in self._started:
            worker.close()


def on_workers(
    count: int,
    font_dirs: tuple[str, ...],
    items: list[T],
    task: Callable[[_Worker, T], R],
    fast: FastFonts | None = None,
) -> Iterator[R]:
    """`task(worker, item)` for each item, results in order, on up to `count` worker processes; every worker is
    closed when the results are all read or one fails."""
    pool = WorkerPool(min(count, len(items)), font_dirs, fast)
    try:
        futures = [pool.submit(task, item) for item in items]
        for future in futures:
            yield future.result()
    finally:
        pool.close()


if __name__ == "__main__":
    _serve(tuple(sys.argv[1:]), sys.stdin, sys.stdout)
