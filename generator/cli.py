"""`reportsite` command line: the one place that turns errors into messages and exit codes."""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from . import __version__, state
from .build import DOCS_DIR
from .errors import ContentError, ReportsiteError

log = logging.getLogger("mkdocs.plugins.reportsite")


def _project(args: argparse.Namespace) -> Path:
    root = Path(args.project).resolve()
    if not (root / "mkdocs.yml").is_file():
        raise ReportsiteError(f"{root} 中没有 mkdocs.yml — 请在项目根目录运行，或用 --project 指定")
    return root


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    root = logging.getLogger("mkdocs")
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    root.propagate = False


def cmd_validate(args: argparse.Namespace) -> int:
    from .build import check

    project = _project(args)
    check(project)
    print("内容校验通过。")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Build into a temporary folder and swap it in only on success: a failed build keeps `site/`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = _project(args)
    started = time.perf_counter()
    (project / DOCS_DIR).mkdir(parents=True, exist_ok=True)
    site = project / "site"
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=project))
    tmp.chmod(0o755)  # mkdtemp makes it private; a published site must be readable
    try:
        state.command = "build"
        strict = True if args.strict else None  # None: mkdocs.yml decides (strict: true for this project)
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp), strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        old = project / ".site-old"
        if old.exists():
            shutil.rmtree(old)
        if site.exists():
            site.rename(old)
        tmp.rename(site)
        if old.exists():
            shutil.rmtree(old)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    result = state.last
    seconds = time.perf_counter() - started
    pages = result.pages if result else 0
    charts = result.charts if result else 0
    print(f"reportsite: {pages} 个页面，{charts} 张图表，用时 {seconds:.1f} 秒 → {site.relative_to(project)}/")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    project = _project(args)
    (project / DOCS_DIR).mkdir(parents=True, exist_ok=True)
    os.chdir(project)
    serve(str(project / "mkdocs.yml"), dev_addr=args.dev_addr, livereload=True)
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from .extract.draft import write_draft

    seed = Path(args.seed)
    if not seed.is_file():
        raise ReportsiteError(f"找不到原文文件：{seed}")
    out = Path(args.out) if args.out else Path("drafts") / seed.stem
    if out.exists() and any(out.iterdir()) and not args.force:
        raise ReportsiteError(f"{out} 已存在且不为空 — 用 --force 覆盖，或用 --out 指定其他文件夹")
    counts = write_draft(seed, out)
    summary = "，".join(f"{k} {v}" for k, v in counts.items())
    print(f"草稿已写入 {out}/：{summary}")
    return 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reportsite", description="把计划报告的 YAML 内容发布为可检索的静态网站。")
    parser.add_argument("--version", action="version", version=f"reportsite {__version__}")
    parser.add_argument("--project", default=".", help="项目根目录（含 mkdocs.yml），默认当前目录")
    parser.add_argument("-v", "--verbose", action="store_true", help="显示更多构建细节")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="校验内容、生成页面并用 MkDocs 构建 site/")
    p.add_argument("--strict", action="store_true", help="MkDocs 严格模式：警告即失败（默认按 mkdocs.yml 的 strict）")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("validate", help="只校验 content/，列出所有问题")
    p.add_argument("--format", choices=["text", "github"], default="text", help="github：输出 GitHub Actions 注释")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("serve", help="本地预览，修改 content/ 或 site_templates/ 后自动重新生成")
    p.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="地址:端口，默认 127.0.0.1:8000")
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("extract", help="从原文 txt 生成新报告的 YAML 草稿")
    p.add_argument("seed", help="原文文件，如 seeds/shenzhen-2024.txt")
    p.add_argument("--out", help="草稿输出文件夹，默认 drafts/<原文名>")
    p.add_argument("--force", action="store_true", help="覆盖已存在的输出文件夹")
    p.set_defaults(func=cmd_extract)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command; content problems and other known errors become messages and exit code 1."""
    parser = make_parser()
    args = parser.parse_args(argv)
    _setup_logging(args.verbose)
    try:
        return int(args.func(args))
    except ContentError as exc:
        fmt = getattr(args, "format", "text")
        for problem in exc.problems:
            print(problem.format_github() if fmt == "github" else problem.format(), file=sys.stderr)
        print(f"内容校验失败：{len(exc.problems)} 个问题。", file=sys.stderr)
        return 1
    except ReportsiteError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        from mkdocs.exceptions import MkDocsException

        if isinstance(exc, MkDocsException):
            print(f"构建失败：{exc}", file=sys.stderr)
            return 1
        raise
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
