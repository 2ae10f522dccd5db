"""Live preview: `reportsite serve` picks up a YAML edit within seconds, reports a mistake in the
terminal and keeps serving the last good pages until it is fixed."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, mini_files, write_project

pytestmark = pytest.mark.slow  # every test serves or builds a project


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 5) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic() - started
        time.sleep(0.3)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


BUILT = "Documentation built in"  # MkDocs' line at the end of every (re)build


def after(log: Path, marker: str) -> str:
    """The log written after the first `marker`."""
    text = log.read_text(encoding="utf-8")
    return text[text.index(marker) + len(marker) :] if marker in text else ""


@pytest.fixture(params=["reportsite", "mkdocs"])
def served(tmp_path: Path, request: pytest.FixtureRequest):
    """The mini project served by `reportsite serve` (or plain `mkdocs serve`) on a free port.

    Yields (project, url, log path).
    """
    project = write_project(tmp_path / "p", mini_files())
    port = free_port()
    log = tmp_path / "serve.log"
    address = f"127.0.0.1:{port}"
    command = {
        "reportsite": [sys.executable, "-m", "generator.cli", "--project", str(project), "serve", "-a", address],
        "mkdocs": [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"), "-a", address],
    }[request.param]
    url = f"http://127.0.0.1:{port}/indicators/gdp/"
    with serving(command, project, log, lambda: "地区生产总值" in (fetch(url) or ""), "the first build"):
        yield project, url, log


@contextlib.contextmanager
def serving(command: list[str], project: Path, log: Path, ready, what: str) -> Iterator[None]:
    """Run a serve command (this checkout's code) until the block ends; `ready` says when it serves."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for(ready, 180, what)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_serve_shows_an_edit_and_keeps_the_last_good_pages_on_a_mistake(served):
    project, url, log = served
    gdp = project / "content/indicators/gdp.yml"
    original = gdp.read_text(encoding="utf-8")
    assert "本地区常住单位生产活动的最终成果。" in (fetch(url) or "")

    gdp.write_text(original.replace("本地区常住单位生产活动的最终成果。", "编辑刚刚改过的定义。"), encoding="utf-8")
    seconds = wait_for(lambda: "编辑刚刚改过的定义。" in (fetch(url) or ""), 60, "the edit to appear")
    print(f"edit visible after {seconds:.1f} s")

    gdp.write_text(gdp.read_text(encoding="utf-8").replace("theme: 经济运行", "theme: 经济"), encoding="utf-8")
    message = "content/indicators/gdp.yml:5:8: theme: 文字“经济”不是允许的值"
    wait_for(lambda: message in log.read_text(encoding="utf-8"), 60, "the problem in the terminal")
    assert "内容有误，继续显示上一次成功生成的页面" in log.read_text(encoding="utf-8")
    banner = 'id="rs-preview-problem"'
    wait_for(
        lambda: banner in (fetch(url, timeout=60) or ""), 60, "the banner in the page"
    )  # both serve commands run the hook
    page = fetch(url, timeout=60) or ""
    assert "编辑刚刚改过的定义。" in page, "the last good page is still served"
    shown = BeautifulSoup(page, "html.parser").find(id="rs-preview-problem")
    assert shown is not None and message in shown.get_text()  # the located message, as text
    assert "Traceback" not in log.read_text(encoding="utf-8")

    gdp.write_text(original.replace("本地区常住单位生产活动的最终成果。", "改正后的定义。"), encoding="utf-8")
    wait_for(lambda: "改正后的定义。" in (fetch(url) or ""), 60, "the fixed page")
    assert banner not in (fetch(url) or ""), "the banner goes when the content is right again"
    other = url.replace("/indicators/gdp/", "/")
    assert banner not in (fetch(other) or ""), "every page loses the banner"


def test_one_save_is_one_build(served):
    project, url, log = served
    gdp = project / "content/indicators/gdp.yml"
    before = log.read_text(encoding="utf-8").count("Building documentation")
    gdp.write_text(gdp.read_text(encoding="utf-8").replace("最终成果。", "最终成果（改）。"), encoding="utf-8")
    wait_for(lambda: "最终成果（改）。" in (fetch(url) or ""), 60, "the edit to appear")
    # a second build would start right after the first one writes build/docs; wait for the log to be quiet
    wait_for(lambda: _quiet(log), 30, "the serve log to settle")
    assert log.read_text(encoding="utf-8").count("Building documentation") - before == 1


def _quiet(log: Path) -> bool:
    """No new log output for two polls in a row (the watcher's debounce is well under that)."""
    size = log.stat().st_size
    time.sleep(1.5)
    return log.stat().st_size == size


@pytest.fixture(scope="module")
def under_review(tmp_path_factory: pytest.TempPathFactory):
    """The mini project with a draft placed by `extract --place` (open items left), served by `reportsite serve`.

    The draft comes from the extract fixture tests/extract/fixtures/gov-work-report.txt (never published).
    Yields (project, base URL, log path).
    """
    import hashlib

    from generator.cli import main

    tmp_path = tmp_path_factory.mktemp("review")
    fixture = ROOT / "tests" / "extract" / "fixtures" / "gov-work-report.txt"
    files = mini_files()
    sha = hashlib.sha256(files["seeds/mini-2024.txt"]).hexdigest()
    files["seeds/manifest.yml"] = f"seeds:\n  - file: mini-2024.txt\n    original_name: mini.txt\n    sha256: {sha}\n"
    project = write_project(tmp_path / "p", files)
    args = ["--project", str(project), "extract", str(fixture), "--out", str(tmp_path / "draft"), "--place"]
    assert main([*args, "--id", "gov-2024"]) == 0
    port = free_port()
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "generator.cli", "--project", str(project), "serve", "-a", f"127.0.0.1:{port}"]
    base = f"http://127.0.0.1:{port}/"
    chapter = base + "reports/gov-2024/c1/"
    ready = lambda: "rs-preview-open" in (fetch(chapter) or "")  # noqa: E731
    with serving(command, project, log, ready, "the preview of the draft report"):
        yield project, base, log


def test_serve_previews_a_report_under_review_and_build_refuses_it(under_review) -> None:
    from generator.cli import main

    project, base, log = under_review
    soup = BeautifulSoup(fetch(base + "reports/gov-2024/c1/") or "", "html.parser")
    banner = soup.find(id="rs-preview-open")
    assert banner is not None and "还有 5 处待确认" in banner.get_text()
    listed = banner.get_text()
    assert "content/reports/gov-2024/observations.yml:40:14: observations[4].indicator: 待确认的指标" in listed
    assert "seeds/manifest.yml" not in listed  # its publication was read from the seed's newspaper line
    assert "content/indicators/new-gov-2024-1.yml:4:1: name_en: 待补全" in listed
    links = [a["href"] for a in banner.find_all("a")]
    assert "./?quote=%E6%96%B0%E5%A2%9E" in links[1] and links[1].endswith("&p=c1-p2#c1-p2")
    badges = [b.get_text() for b in soup.select("p.rs-para .rs-open-item")]
    assert badges[0].startswith("待确认：规上工业增加值增长6.2%（content/reports/gov-2024/observations.yml:22）")
    assert len(badges) == 3 and badges[1].startswith("待确认：新增国家级专精特新")  # in the order of the file
    assert soup.find(id="c1-p2").find(class_="rs-open-item") is not None
    assert "地区生产总值" in soup.get_text()  # the linked observations of the draft are on the page as usual
    home = BeautifulSoup(fetch(base) or "", "html.parser")
    assert home.find(id="rs-preview-open") is not None and not home.select(".rs-open-item")
    assert "预览中，还有 5 处待确认" in log.read_text(encoding="utf-8")
    assert "Traceback" not in log.read_text(encoding="utf-8")
    # the same project never reaches the published site
    copy = project.parent / "copy"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("build", "site"))
    assert main(["--project", str(copy), "build"]) == 1
    assert not (copy / "site").exists()


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("/usr/bin/chromium") is None, reason="needs Debian chromium")
def test_the_banner_link_marks_the_open_items_words_in_the_report_text(under_review, browser) -> None:
    _, base, _ = under_review
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "indicators/gdp/")
    page.locator("#rs-preview-open a").nth(1).click()
    page.wait_for_url("**/reports/gov-2024/c1/**")
    page.wait_for_selector("#c1-p2 mark")
    marked = page.locator("#c1-p2 mark").first
    assert marked.inner_text() == "新增国家级专精特新“小巨人”企业309家"
    assert page.evaluate("document.querySelector('#c1-p2 mark').closest('.rs-open-item') === null")
    shots = Path(os.environ.get("SCREENSHOT_DIR") or ROOT / "build" / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "preview-open-item.png"))
    page.close()
