"""`reportsite` command line: the one place that turns errors into messages and exit codes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.extract.link import Catalogue

import argparse
import logging
import os
import re
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

from generator import __version__
from generator.build import DOCS_DIR
from generator.errors import ContentError, Problem, ReportsiteError, escape_data, relpath
from generator.publish.engines import DEFAULT, ENGINES


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
    from generator.build import check
    from generator.checks.validate import revisions

    project = _project(args)
    content = check(project)
    for note in revisions(content):
        print(note.format())
    print("内容校验通过。")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Generate, then build into a temporary folder and swap it in only on success: a failed build keeps `site/`."""
    from generator.publish.pipeline import build_site

    project = _project(args)
    started = time.perf_counter()
    site = project / "site"
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=project))
    tmp.chmod(0o755)  # mkdtemp makes it private; a published site must be readable
    try:
        strict = True if args.strict else None  # None: mkdocs.yml decides (strict: true for this project)
        result = build_site(project, tmp, args.engine, strict)
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
    seconds = time.perf_counter() - started
    print(
        f"reportsite: {result.pages} 个页面，{result.charts} 张图表，用时 {seconds:.1f} 秒 → {site.relative_to(project)}/"
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.publish.engines.mkdocs import serve

    project = _project(args)
    (project / DOCS_DIR).mkdir(parents=True, exist_ok=True)
    serve(project, args.dev_addr)
    return 0


def _catalogue(project: Path) -> Catalogue | None:
    """The indicator catalogue of the project (the files that load; broken ones are skipped here)."""
    from generator.content.load import load_content_partial
    from generator.extract.link import Catalogue

    if not (project / "content").is_dir():
        return None
    try:
        content, _ = load_content_partial(project)
    except ReportsiteError:
        return None
    return Catalogue.of(content.indicators)


def cmd_extract(args: argparse.Namespace) -> int:
    from generator.extract.draft import write_draft

    seed = Path(args.seed)
    if not seed.is_file():
        raise ReportsiteError(f"找不到原文文件：{seed}")
    out = Path(args.out) if args.out else Path("drafts") / seed.stem
    if out.exists() and any(out.iterdir()) and not args.force:
        raise ReportsiteError(f"{out} 已存在且不为空 — 用 --force 覆盖，或用 --out 指定其他文件夹")
    counts = write_draft(seed, out, _catalogue(Path(args.project)))
    _draft_modelines(args, out)
    summary = "，".join(f"{k} {v}" for k, v in counts.items())
    print(f"草稿已写入 {out}/：{summary}")
    if args.place:
        _place(_project(args), out, seed, args.id)
    return 0


def _place(project: Path, draft: Path, seed: Path | None, report_id: str | None) -> None:
    from generator.checks.open_items import todo_fields
    from generator.editor.place import place_draft

    written, open_items = place_draft(project, draft, seed, report_id)
    for path in written:
        print(f"已放置 {relpath(path, project)}")
    shown = {relpath(path, project) for path in written}
    placed = [p for p in todo_fields(project) if any(p.path == s or p.path.startswith(s + "/") for s in shown)]
    for problem in placed:
        print(f"  待补全 {problem.path}:{problem.line}: {problem.field}")
    tail = f"有 {open_items} 处待确认的指标，" if open_items else ""
    tail += f"{len(placed)} 个字段待补全（TODO，见上），" if placed else ""
    print(f"下一步：{tail}运行 reportsite validate 逐条处理；处理完之前 reportsite build 不会发布这份报告。")
    print(f"草稿文件夹 {relpath(draft, project)} 已不再需要：以后只改 content/ 中的文件；确认无误后可删除草稿文件夹。")


def cmd_place(args: argparse.Namespace) -> int:
    """Place a draft folder as a new report: seed and manifest entry, content/reports/<id>/, new indicators."""
    _place(_project(args), Path(args.draft), Path(args.seed) if args.seed else None, args.id)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Regenerate `schemas/` from the models and give every content file its modeline."""
    from generator.content.schema import SCHEMA_DIR, add_modelines, content_files, modeline, write_schemas

    project = _project(args)
    write = not args.check
    schemas = write_schemas(project, write)
    modelines = add_modelines(content_files(project), project / SCHEMA_DIR, write)
    shown = [path.relative_to(project).as_posix() for path in schemas + modelines]
    if args.check:
        if shown:  # one located problem per file, so CI can annotate the very line
            problems = [
                Problem(p, 1, 1, "", "不是由模型生成的最新版本 — 请运行 reportsite schema")
                for p in shown[: len(schemas)]
            ]
            problems += [
                Problem(
                    relpath(path, project),
                    1,
                    1,
                    "",
                    f"第一行应为“{modeline(path, project / SCHEMA_DIR)}” — 运行 reportsite schema 可自动写入",
                )
                for path in modelines
            ]
            raise ContentError(problems)
        print("schemas/ 与各内容文件的第一行均为最新。")
        return 0
    print(
        f"已更新 {len(shown)} 个文件"
        + (f"：{'、'.join(shown[:5])}{' 等' if len(shown) > 5 else ''}" if shown else "。")
    )
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """Scaffold a new indicator or report from flags (or prompts, when a terminal is attached)."""
    from generator.editor.scaffold import INDICATOR_FIELDS, REPORT_FIELDS, new_indicator, new_report

    project = _project(args)
    fields = INDICATOR_FIELDS if args.what == "indicator" else REPORT_FIELDS
    given = {field.name: getattr(args, field.name) for field in fields}
    ask = input if sys.stdin.isatty() and not args.no_input else None
    written = (new_indicator if args.what == "indicator" else new_report)(project, given, ask)
    for path in written:
        print(f"已创建 {path.relative_to(project).as_posix()}")
    print("下一步：按注释核对各字段，然后运行 reportsite validate。")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    """Print what changed in the data since a git revision; append it to the job summary in CI."""
    from generator.editor.diff import diff_revision, to_markdown, to_text

    project = _project(args)
    result = diff_revision(project, args.base)
    markdown = to_markdown(result)
    print(markdown if args.format == "markdown" else to_text(result), end="")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(markdown + "\n")
    return 0


def cmd_rename(args: argparse.Namespace) -> int:
    """Rename an indicator everywhere, then validate: problems the rename concerns are shown, the others counted."""
    from generator.build import check
    from generator.editor.rename import rename_indicator

    project = _project(args)
    changed, redirect = rename_indicator(project, args.old, args.new)
    for path in changed:
        print(f"已修改 {path}")
    kept = f"旧网址 indicators/{args.old}/ 跳转到新页面" if redirect else "它从未发布（不在已提交的内容中），不留旧网址"
    print(f"已把指标“{args.old}”改名为“{args.new}”；{kept}。")
    try:
        check(project)
    except ContentError as exc:
        named = re.compile(rf"(?<![a-z0-9-])(?:{re.escape(args.old)}|{re.escape(args.new)})(?![a-z0-9-])")
        mine = [p for p in exc.problems if named.search(p.message)]  # what the rename may have caused
        for problem in mine:
            print(problem.format(), file=sys.stderr)
        rest = len(exc.problems) - len(mine)
        if rest:
            print(f"内容还有 {rest} 个问题（草稿的待确认项等，与这次改名无关）— 运行 reportsite validate 查看。")
        return 1 if mine else 0
    print("内容校验通过。")
    return 0


def _draft_modelines(args: argparse.Namespace, out: Path) -> None:
    """Drafts point at the project's schemas too, so an editor gets help while curating them."""
    from generator.content.schema import SCHEMA_DIR, add_modelines

    add_modelines(sorted(out.rglob("*.yml")), Path(args.project).resolve() / SCHEMA_DIR)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reportsite", description="把计划报告的 YAML 内容发布为可检索的静态网站。")
    parser.add_argument("--version", action="version", version=f"reportsite {__version__}")
    parser.add_argument("--project", default=".", help="项目根目录（含 mkdocs.yml），默认当前目录")
    parser.add_argument("-v", "--verbose", action="store_true", help="显示更多构建细节")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="校验内容、生成页面并用 MkDocs 构建 site/")
    p.add_argument("--strict", action="store_true", help="MkDocs 严格模式：警告即失败（默认按 mkdocs.yml 的 strict）")
    p.add_argument(
        "--engine", choices=ENGINES, default=DEFAULT, help="生成网站的引擎，默认 mkdocs（见 docs/engines.md）"
    )
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
    p.add_argument("--place", action="store_true", help="生成后立即放置为新报告（同 reportsite place）")
    p.add_argument("--id", help="与 --place 同用：报告 id，默认取原文文件名")
    p.set_defaults(func=cmd_extract)
    p = sub.add_parser("place", help="把 extract 的草稿放置为新报告：原文进 seeds/ 并登记，文件进 content/")
    p.add_argument("draft", help="草稿文件夹，如 drafts/shenzhen-2025")
    p.add_argument("--seed", help="原文文件（extract 用的那个）；已在 seeds/ 中时可省略")
    p.add_argument("--id", help="报告 id，默认取草稿 report.yml 的 id")
    p.set_defaults(func=cmd_place)
    p = sub.add_parser("new", help="新建指标或报告文件（带中文注释，生成即有效）")
    kinds = p.add_subparsers(dest="what", required=True)
    from generator.content.fielddocs import FIELD_DOCS
    from generator.editor.scaffold import INDICATOR_FIELDS, REPORT_FIELDS

    for what, fields, model, text in (
        ("indicator", INDICATOR_FIELDS, "Indicator", "新建 content/indicators/<id>.yml"),
        ("report", REPORT_FIELDS, "Report", "新建 content/reports/<id>/（report.yml 等）"),
    ):
        q = kinds.add_parser(what, help=text)
        for field in fields:
            q.add_argument(field.flag, dest=field.name, help=FIELD_DOCS[model][field.name].replace("%", "%%"))
        q.add_argument("--no-input", action="store_true", help="不提问：缺少的必填参数直接报错（CI 中自动如此）")
        q.set_defaults(func=cmd_new)
    p = sub.add_parser("diff", help="列出与某个 git 版本相比新增、删除、修改的观测值和段落")
    p.add_argument("base", help="git 版本，如 origin/main、HEAD~1 或提交号")
    p.add_argument("--format", choices=["text", "markdown"], default="text", help="输出格式，默认 text")
    p.set_defaults(func=cmd_diff)
    p = sub.add_parser("rename", help="改名：指标文件、所有引用，并让旧网址跳转到新页面")
    kinds = p.add_subparsers(dest="what", required=True)
    q = kinds.add_parser("indicator", help="改指标 id：content/indicators/OLD.yml → NEW.yml")
    q.add_argument("old", help="现在的指标 id")
    q.add_argument("new", help="新的指标 id")
    q.set_defaults(func=cmd_rename)
    p = sub.add_parser("schema", help="由模型生成 schemas/*.json，并给每个内容文件加上指向 schema 的第一行")
    p.add_argument("--check", action="store_true", help="只检查，不写入；不是最新时退出码为 1")
    p.add_argument("--format", choices=["text", "github"], default="text", help="github：输出 GitHub Actions 注释")
    p.set_defaults(func=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command; content problems and other known errors become messages and exit code 1."""
    parser = make_parser()
    args = parser.parse_args(argv)
    _setup_logging(args.verbose)
    try:
        return int(args.func(args))
    except ContentError as exc:
        from generator.checks.open_items import explain, summary

        github = getattr(args, "format", "text") == "github"
        problems, open_items = explain(Path(args.project), exc.problems)
        for problem in problems:
            # Workflow commands are read from stdout (the documented `echo "::error …"`).
            print(problem.format_github() if github else problem.format(), file=sys.stdout if github else sys.stderr)
        print(summary(problems, open_items), file=sys.stderr)
        return 1
    except ReportsiteError as exc:
        _print_error(args, f"错误：{exc}")
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        from mkdocs.exceptions import MkDocsException

        if isinstance(exc, MkDocsException):
            _print_error(args, f"构建失败：{exc}")
            return 1
        # Never a traceback for an editor; -v shows it for whoever fixes the bug.
        if args.verbose:
            traceback.print_exc()
        _print_error(
            args, f"内部错误：{type(exc).__name__}: {exc} — 这是 reportsite 的缺陷，请报告（加 -v 可看详细信息）"
        )
        return 1


def _print_error(args: argparse.Namespace, message: str) -> None:
    """An error that is not about one content file; as a GitHub annotation when asked for."""
    if getattr(args, "format", "text") == "github":
        print(f"::error title=reportsite::{escape_data(message)}")
    else:
        print(message, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
