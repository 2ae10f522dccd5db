"""Lighthouse (mobile preset) on the home, a chapter and an indicator page, served as a real host serves them.

Usage: python bench/lighthouse.py [--site site] [--runs 3] [--pages home chapter indicator] [--json] [--save DIR]
Build first (`reportsite build`). The site is served on 127.0.0.1 (free port) by a tiny server that
gzips text responses and sends `Cache-Control: max-age=600`, like GitHub Pages (`python -m
http.server` compresses nothing, and then the 898 KB Vega bundle alone sinks the score). Runs
`npx lighthouse` with CHROME_PATH=/usr/bin/chromium, headless, offline; prints per page the median
performance score of the runs, accessibility, best practices and SEO, the transfer size by resource
type and the median FCP/LCP/TBT/CLS. Scores on a loaded machine are noisy: this prints, never asserts.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any, ClassVar

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"home": "", "chapter": "reports/shenzhen-2024/c1/", "indicator": "indicators/gdp/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
    "--disable-sync --no-first-run"
)
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with gzip for text and GitHub Pages' caching header (compressed once, kept in memory)."""

    cache: ClassVar[dict[Path, bytes]] = {}

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = self.cache.get(path)
        if body is None:
            body = self.cache[path] = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, *args: object) -> None:
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = type("Handler", (GzipHandler,), {"cache": {}})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def lighthouse(url: str, out: Path) -> dict[str, Any]:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    command = [
        "npx", "--no-install", "lighthouse", url, "--output=json", f"--output-path={out}", "--quiet",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
    ]  # fmt: skip
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    return json.loads(out.read_text(encoding="utf-8"))


def summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Median performance and metrics over the runs; other scores and sizes from the median-performance run."""

    def score(run: dict[str, Any], category: str) -> int:
        return round(100 * (run["categories"][category]["score"] or 0))

    ordered = sorted(runs, key=lambda run: score(run, "performance"))
    middle = ordered[len(ordered) // 2]
    metrics = {}
    for audit, key in (("first-contentful-paint", "fcp_ms"), ("largest-contentful-paint", "lcp_ms"),
                       ("total-blocking-time", "tbt_ms"), ("cumulative-layout-shift", "cls")):  # fmt: skip
        metrics[key] = round(statistics.median(run["audits"][audit]["numericValue"] for run in runs), 3)
    sizes = {
        item["resourceType"]: item["transferSize"] for item in middle["audits"]["resource-summary"]["details"]["items"]
    }
    failing = sorted(
        audit_id
        for category in ("accessibility", "best-practices", "seo")
        for ref in middle["categories"][category]["auditRefs"]
        if ref["weight"] and (middle["audits"][audit_id := ref["id"]]["score"] or 0) < 1
    )
    return {
        "performance": [score(run, "performance") for run in runs],
        "performance_median": score(middle, "performance"),
        **{category: score(middle, category) for category in CATEGORIES[1:]},
        **metrics,
        "transfer_bytes": sizes,
        "failing_audits": failing,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default=str(ROOT / "site"), help="built site folder (default: site/)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--pages", nargs="*", choices=list(PAGES), default=list(PAGES), help="which pages")
    parser.add_argument("--save", help="keep Lighthouse's full JSON reports in this folder")
    args = parser.parse_args()
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"{site}/index.html 不存在：请先运行 reportsite build", file=sys.stderr)
        return 1
    httpd, base = serve(site)
    results: dict[str, Any] = {"load_average": os.getloadavg()[0], "pages": {}}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(args.save or tmp)
            folder.mkdir(parents=True, exist_ok=True)
            for name in args.pages:
                path = PAGES[name]
                runs = [lighthouse(base + path, folder / f"{name}-{i}.json") for i in range(args.runs)]
                results["pages"][name] = {"path": path, **summarise(runs)}
    finally:
        httpd.shutdown()
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return 0
    print(
        f"Lighthouse, mobile preset, {args.runs} runs a page, gzip server; 1-min load average {results['load_average']:.1f}"
    )
    print(
        f"{'page':<10} {'perf (runs)':<16} {'a11y':>4} {'bp':>4} {'seo':>4} {'FCP ms':>7} {'LCP ms':>7} {'TBT ms':>7} {'CLS':>6}  transfer KB (total / script / document / stylesheet / image / other)"
    )
    for name, r in results["pages"].items():
        kb = {k: v / 1024 for k, v in r["transfer_bytes"].items()}
        perf = f"{r['performance_median']} {r['performance']}"
        print(
            f"{name:<10} {perf:<16} {r['accessibility']:>4} {r['best-practices']:>4} {r['seo']:>4} "
            f"{r['fcp_ms']:>7.0f} {r['lcp_ms']:>7.0f} {r['tbt_ms']:>7.0f} {r['cls']:>6.3f}  "
            f"{kb.get('total', 0):.0f} / {kb.get('script', 0):.0f} / {kb.get('document', 0):.0f} / "
            f"{kb.get('stylesheet', 0):.0f} / {kb.get('image', 0):.0f} / {kb.get('other', 0):.0f}"
        )
        if r["failing_audits"]:
            print(f"{'':<10} not passing: {', '.join(r['failing_audits'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
