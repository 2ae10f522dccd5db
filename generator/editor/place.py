"""`reportsite place DRAFT`: put a reviewed-or-not draft into the project as a new report, in one step.

What it does, all or nothing (every conflict is checked before the first file is written):
- the seed is copied into `seeds/` (unless the very same bytes are there already) and gets its entry in
  `seeds/manifest.yml` (file, sha256, title, region);
- the draft's `report.yml`, `chapters/`, `observations.yml` and `ignored.yml` become `content/reports/<id>/`;
- each proposed `indicators/new-N.yml` becomes `content/indicators/new-<id>-N.yml` (so two placed reports
  never clash) and the open observations that name `new-N` as candidate name the new id instead;
- the notes of observations.yml are kept true (`extract/draftnotes.py`): a `# 依据（id）` comment above an
  observation the editor linked elsewhere and a `# 待确认` comment above a settled one are dropped, and so are
  candidates that do not exist.

The open items stay open: `reportsite validate` lists them and `reportsite build` refuses the site until
every one is settled (see generator/checks/open_items.py). Nothing that exists is ever overwritten.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from generator.content.models import SLUG_PATTERN
from generator.content.schema import SCHEMA_DIR, add_modelines
from generator.errors import ReportsiteError, relpath
from generator.extract.draftnotes import true_notes
from generator.extract.yamlout import dump_yaml

REPORT_FILES = ("report.yml", "observations.yml", "ignored.yml")
MANIFEST = "seeds/manifest.yml"
DRAFT_NEW_RE = re.compile(r"(?<![\w-])new-(\d+)(?![\w-])")


def _read_yaml(path: Path, shown: str) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportsiteError(f"{shown}: 无法读取（{exc}）") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{shown}:{mark.line + 1}:{mark.column + 1}" if mark else shown
        raise ReportsiteError(f"{where}: 不是有效的 YAML — 请先修正草稿") from None


def _draft_report(draft: Path) -> dict[str, Any]:
    if not draft.is_dir():
        raise ReportsiteError(f"找不到草稿文件夹：{draft}（先运行 reportsite extract 原文.txt）")
    missing = [name for name in REPORT_FILES if not (draft / name).is_file()]
    if not (draft / "chapters").is_dir():
        missing.append("chapters/")
    if missing:
        raise ReportsiteError(f"{draft}: 不是 reportsite extract 的草稿 — 缺少 {'、'.join(missing)}")
    report = _read_yaml(draft / "report.yml", f"{draft}/report.yml")
    if not isinstance(report, dict):
        raise ReportsiteError(f"{draft}/report.yml:1:1: 应为键值表（id、region、title …）")
    return report


def _seed(project: Path, draft: Path, report: dict[str, Any], given: Path | None) -> tuple[Path, bytes]:
    name = report.get("seed")
    if given is None:
        if not isinstance(name, str) or not (project / "seeds" / name).is_file():
            raise ReportsiteError(
                f"{draft}/report.yml: seed: 原文“{name}”不在 seeds/ 中 — 用 --seed 指定原文文件（extract 用的那个）"
            )
        given = project / "seeds" / name
    if not given.is_file():
        raise ReportsiteError(f"--seed: 找不到原文文件：{given}")
    data = given.read_bytes()
    expected = report.get("seed_sha256")
    if expected != hashlib.sha256(data).hexdigest():
        raise ReportsiteError(
            f"{draft}/report.yml: seed_sha256: 与 {given} 的 sha256 不符 — 草稿不是由这个原文生成的；"
            "请用 reportsite extract 重新生成草稿，或用 --seed 指定正确的原文"
        )
    return given, data


def _manifest(project: Path) -> tuple[Path, str, list[dict[str, Any]]]:
    path = project / MANIFEST
    if not path.exists():
        return path, "seeds:\n", []
    text = path.read_text(encoding="utf-8")
    data = _read_yaml(path, MANIFEST)
    entries = data.get("seeds") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ReportsiteError(f"{MANIFEST}:1:1: seeds: 应为列表 — 请先修正清单")
    return path, text, [e for e in entries if isinstance(e, dict)]


def _manifest_entry(seed_name: str, original: str, sha: str, report: dict[str, Any]) -> str:
    entry: dict[str, Any] = {"file": seed_name, "original_name": original, "sha256": sha}
    for key in ("title", "region"):
        value = report.get(key)
        if isinstance(value, str) and value and not value.startswith("TODO"):
            entry[key] = value
    printed = report.get("publication")  # read from the seed's newspaper line: the same source, written once
    usable = isinstance(printed, str) and printed.strip() and not printed.startswith("TODO")
    entry["publication"] = printed if usable else "TODO（出处：报纸版面、会议、日期或网址）"
    text = dump_yaml([entry])
    return "".join(f"  {line}\n" for line in text.splitlines())


def _known(placed: set[str], indicator_dir: Path) -> Callable[[str], bool]:
    """An indicator id exists: one of the draft's placed indicators or a file of the catalogue."""
    return lambda indicator_id: indicator_id in placed or (indicator_dir / f"{indicator_id}.yml").is_file()


def place_draft(
    project: Path, draft: Path, seed: Path | None = None, report_id: str | None = None
) -> tuple[list[Path], int]:
    """Place the draft; return the written paths (relative display order) and the number of open items."""
    from generator.checks.open_items import count_open

    report = _draft_report(draft)
    rid = report_id or report.get("id")
    if not isinstance(rid, str) or not re.match(SLUG_PATTERN, rid) or len(rid) > 64:
        raise ReportsiteError(f"报告 id “{rid}”无效 — 只允许小写字母、数字和连字符（如 shenzhen-2025）；用 --id 指定")
    seed_path, seed_bytes = _seed(project, draft, report, seed)
    sha = hashlib.sha256(seed_bytes).hexdigest()
    inside = seed_path.resolve().parent == (project / "seeds").resolve()
    # a seed from outside is named after its report, as the project's seeds are (shenzhen-2024.txt)
    seed_name = seed_path.name if inside else f"{rid}.txt"

    # Every conflict first: nothing is written unless all of it can be.
    conflicts: list[str] = []
    target = project / "content" / "reports" / rid
    if target.exists():
        conflicts.append(f"{relpath(target, project)} 已存在 — 报告 id “{rid}”已被使用（用 --id 换一个）")
    seed_target = project / "seeds" / seed_name
    copy_seed = not seed_target.exists()
    if not copy_seed and seed_target.read_bytes() != seed_bytes:
        conflicts.append(
            f"{relpath(seed_target, project)} 已存在且内容不同 — 原文不会被覆盖（改原文文件名后重新 extract）"
        )
    manifest_path, manifest_text, entries = _manifest(project)
    manifest_existed = manifest_path.exists()
    listed = [e for e in entries if e.get("file") == seed_name]
    if listed and listed[0].get("sha256") != sha:
        conflicts.append(f"{MANIFEST}: {seed_name} 已登记，但 sha256 不同 — 清单不会被改写")
    indicator_dir = project / "content" / "indicators"
    renames: dict[str, str] = {}
    new_files = sorted((draft / "indicators").glob("new-*.yml")) if (draft / "indicators").is_dir() else []
    for path in new_files:
        match = DRAFT_NEW_RE.fullmatch(path.stem)
        if match is None:
            continue
        new_id = f"new-{rid}-{match[1]}"
        renames[path.stem] = new_id
        if (indicator_dir / f"{new_id}.yml").exists():
            conflicts.append(f"{relpath(indicator_dir / f'{new_id}.yml', project)} 已存在 — 不会覆盖已有指标")
    if conflicts:
        raise ReportsiteError("不能放置草稿，未写入任何文件：\n  " + "\n  ".join(conflicts))

    # Stage the report folder in the project (same file system, outside content/), then move everything in.
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".place-{rid}-", dir=project))  # not under content/: never loaded
    written: list[Path] = []
    try:
        shutil.copytree(draft / "chapters", stage / "chapters", ignore=shutil.ignore_patterns(".*"))
        for name in REPORT_FILES:
            text = (draft / name).read_text(encoding="utf-8")
            if name == "report.yml":
                text = re.sub(r"(?m)^id: .*$", f"id: {rid}", text, count=1)
                text = re.sub(r"(?m)^seed: .*$", f"seed: {seed_name}", text, count=1)
            if name == "observations.yml":
                text = DRAFT_NEW_RE.sub(lambda m: renames.get(m[0], m[0]), text)
                text = true_notes(text, _known(set(renames.values()), indicator_dir))
            (stage / name).write_text(text, encoding="utf-8")
        indicator_texts = {}
        for path in new_files:
            if path.stem not in renames:
                continue
            data = _read_yaml(path, str(path))
            if not isinstance(data, dict):
                raise ReportsiteError(f"{path}:1:1: 应为键值表（id、name、unit …）")
            data["id"] = renames[path.stem]
            indicator_texts[renames[path.stem]] = dump_yaml(data)
        stage.chmod(0o755)
        stage.rename(target)
        written.append(target)
        if copy_seed:
            seed_target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(seed_path, seed_target)
            written.append(seed_target)
        indicator_dir.mkdir(parents=True, exist_ok=True)
        for new_id, text in indicator_texts.items():
            path = indicator_dir / f"{new_id}.yml"
            path.write_text(text, encoding="utf-8")
            written.append(path)
        if not listed:
            manifest_path.parent.mkdir(parents=True, exist_ok=True)
            body = manifest_text if manifest_text.endswith("\n") else manifest_text + "\n"
            manifest_path.write_text(body + _manifest_entry(seed_name, seed_path.name, sha, report), encoding="utf-8")
            written.append(manifest_path)
    except BaseException:
        for path in reversed(written):
            if path == manifest_path and manifest_existed:
                manifest_path.write_text(manifest_text, encoding="utf-8")
            elif path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        raise
    finally:
        if stage.exists():
            shutil.rmtree(stage, ignore_errors=True)
    placed = sorted(target.rglob("*.yml")) + [p for p in written if p.parent == indicator_dir]
    add_modelines(placed, project / SCHEMA_DIR)
    return written, count_open(target / "observations.yml")
