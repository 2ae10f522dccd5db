"""Property tests (hypothesis): whatever the YAML, validation fails only with ContentError, and what
validation accepts, the generator builds.

Three sources of documents: random documents shaped like each content file kind (right keys, values
of any type), random edits of the text of the mini project's and the real content's files (lines
deleted, duplicated, re-indented, tokens and bad bytes inserted), and random valid mini projects
(random ids, titles and text around the grounded numbers), which `generate()` must turn into pages.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bad_inputs import CH1, GDP, IGN, OBS, REPORT
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import MINI_SEED, ROOT, copy_real_project, mini_files, seed_from, write_project
from generator.build import generate
from generator.checks.validate import validate
from generator.content import load as load_module
from generator.content.load import load_content
from generator.content.models import Theme
from generator.errors import ContentError

pytestmark = pytest.mark.slow  # hundreds of generated documents and projects

FAST = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@pytest.fixture(autouse=True, scope="module")
def parse_each_file_once() -> Iterator[None]:
    """Memoise YAML parsing by file bytes: an example re-parses only the file it changed."""
    cache: dict[tuple[str, bytes], Any] = {}
    real = load_module.load_yaml

    def cached(path: Path, shown_as: str, raw: bytes | None = None) -> Any:
        data = path.read_bytes() if raw is None else raw
        key = (shown_as, data)
        if key not in cache:
            cache[key] = real(path, shown_as, data)  # a YamlError propagates and is not cached
        return cache[key]

    load_module.load_yaml = cached  # type: ignore[assignment]
    yield
    load_module.load_yaml = real


def check(project: Path) -> str:
    """Load and validate; anything but ContentError escapes and fails the test."""
    try:
        validate(load_content(project), project)
    except ContentError as exc:
        assert exc.problems and all(p.path and p.line >= 1 and p.column >= 1 for p in exc.problems)
        assert all("\n" not in p.format() for p in exc.problems)
        return "invalid"
    return "valid"


# --- values of any type, and documents shaped like each file kind -------------------------------

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30), st.dates(),
    st.datetimes(min_value=dt.datetime(1, 1, 2)), st.sampled_from(["2023", "2021-2023", "c1-p1", "gdp", "%", "约"]),
)  # fmt: skip
anything = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=12,
)  # fmt: skip
ids = st.one_of(
    st.from_regex(r"\A[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}\Z"), st.sampled_from(["gdp", "c1-s1-p1", "con", "../x"])
)
texts = st.text(max_size=40)


def maybe(plausible: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(plausible, plausible, anything)


def shaped(fields: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    """A mapping with a random subset of the kind's keys (plausible or any values), sometimes a stray key."""
    return st.fixed_dictionaries({}, optional={k: maybe(v) for k, v in fields.items()}) | st.fixed_dictionaries(
        {k: maybe(v) for k, v in fields.items()}, optional={"extra": anything}
    )


paragraph = shaped({"id": ids, "text": texts, "number": texts, "lead": texts, "note": texts})
section = shaped({"number": texts, "title": texts, "paragraphs": st.lists(paragraph, max_size=2)})
observation = shaped(
    {
        "indicator": ids, "period": st.sampled_from([2023, "2024", "2021-2023", "2023Q4", "2023年"]),
        "kind": st.sampled_from(["actual", "estimate", "target", "x"]),
        "measure": st.sampled_from(["level", "growth", "count", "share"]), "value": st.floats() | st.integers(),
        "unit": st.sampled_from(["%", "万亿元", "亿元"]), "quote": st.sampled_from(["地区生产总值 3.46 万亿元", "GDP 增长 5.5%"]) | texts,
        "paragraph": st.sampled_from(["c1-s1-p1", "c2-p1"]) | ids, "headline": st.booleans(),
        "target_type": st.sampled_from(["expected", "binding"]), "share_of": ids, "printed": texts, "text": texts,
    }
)  # fmt: skip
SHAPES: dict[str, st.SearchStrategy[Any]] = {
    GDP: shaped(
        {"id": st.just("gdp") | ids, "name": texts, "name_en": texts, "unit": texts,
         "theme": st.sampled_from([t.value for t in Theme]), "counts": st.just("total"), "definition": texts, "aliases": st.lists(texts, max_size=3)}
    ),
    REPORT: shaped(
        {"id": st.just("mini-2024") | ids, "region": texts, "level": st.sampled_from(["city", "district"]),
         "title": texts, "short_title": texts, "year_covered": st.integers(1900, 2200), "plan_year": st.integers(),
         "issuer": texts, "date": st.dates(), "seed": st.sampled_from(["mini-2024.txt", "../x.txt"]),
         "seed_sha256": st.just(hashlib.sha256(MINI_SEED.encode()).hexdigest()), "notes": st.lists(texts, max_size=2),
         "front_matter": st.lists(paragraph, max_size=2)}
    ),
    CH1: shaped(
        {"number": st.sampled_from(["一", "二", "十一", "1"]), "title": texts, "truncated": st.booleans(),
         "paragraphs": st.lists(paragraph, max_size=2), "sections": st.lists(section, max_size=2),
         "closing": st.lists(paragraph, max_size=1)}
    ),
    OBS: shaped({"observations": st.lists(observation, max_size=4)}),
    IGN: shaped({"ignored": st.lists(shaped({"paragraph": ids, "text": texts, "reason": st.just("date"),
                                             "note": texts}), max_size=2)}),
}  # fmt: skip


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("prop") / "mini", mini_files(), with_site=False)


@FAST
@given(kind=st.sampled_from(sorted(SHAPES)), data=st.data())
def test_documents_shaped_like_content_files_fail_only_with_content_errors(mini: Path, kind: str, data):
    document = data.draw(SHAPES[kind] | anything, label="document")
    original = (mini / kind).read_bytes()
    try:
        (mini / kind).write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
        check(mini)
    finally:
        (mini / kind).write_bytes(original)


# --- random edits of real files -------------------------------------------------------------------

TOKENS = [":", ": ", "- ", "-", "\t", '"', "'", "&a ", "*a", "!!python/object/apply:os.system ['x'] ", "[", "]",
          "{", "}", "#", "|", ">", "\n", "\n\n", ".nan", ".inf", "1.0e+309", "~", "null", "true", "-1", "0", "99999",
          "2024-02-30", "<<: ", "%YAML 1.1\n", "---\n", "<script>", "{{ x }}", "../", "  ", "\\", "\\x00", "、",
          "con", "３.46", "\u202e", "\x7f"]  # fmt: skip
BAD_BYTES = [b"\xff", b"\x00", b"\xef\xbb\xbf", "中".encode("gbk"), b"\xe4\xb8"]


@st.composite
def edits(draw, text: str) -> bytes:
    """A few random line and character edits of a YAML text, sometimes with bytes that are not UTF-8."""
    lines = text.splitlines(keepends=True) or [""]
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "insert", "value", "swap", "cut"]))
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "indent":
            lines[i] = draw(st.sampled_from(["  ", "\t", " "])) + lines[i]
        elif op == "dedent":
            lines[i] = lines[i][draw(st.integers(1, 4)) :]
        elif op == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.sampled_from(TOKENS) | st.text(max_size=3)) + lines[i][at:]
        elif op == "value" and ": " in lines[i]:
            key = lines[i].split(": ", 1)[0]
            lines[i] = f"{key}: {draw(st.sampled_from(TOKENS) | st.text(max_size=6))}\n"
        elif op == "swap" and len(lines) > 1:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "cut":
            lines = lines[: i + 1]
    data = "".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from(BAD_BYTES)) + data[at:]
    return data


MINI_FILES = [GDP, REPORT, CH1, OBS, IGN]


@FAST
@given(data=st.data())
def test_random_edits_of_the_mini_project_fail_only_with_content_errors(mini: Path, data):
    edit_and_check(mini, data.draw(st.sampled_from(MINI_FILES), label="file"), data)


def edit_and_check(project: Path, name: str, data) -> None:
    """Apply one random edit to `name`, check the project (only content errors may come out), restore the file."""
    original = (project / name).read_bytes()
    try:
        (project / name).write_bytes(data.draw(edits(original.decode("utf-8")), label="edited"))
        check(project)
    finally:
        (project / name).write_bytes(original)


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_real_project(tmp_path_factory.mktemp("prop") / "real")
    assert check(project) == "valid"  # and every file is parsed once, into the cache
    return project


# the real files small enough to re-parse many times (the observations files take seconds each)
REAL_FILES = sorted(
    p.relative_to(ROOT).as_posix() for p in (ROOT / "content").rglob("*.yml") if p.stat().st_size < 12_000
)


@settings(FAST, max_examples=60)
@given(data=st.data())
def test_random_edits_of_the_real_content_fail_only_with_content_errors(real: Path, data):
    edit_and_check(real, data.draw(st.sampled_from(REAL_FILES), label="file"), data)


# --- valid random projects build ------------------------------------------------------------------

# Free text: anything printable but digits (each digit in a paragraph must be an observation or ignored)
free = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Nd", "Zl", "Zp", "Cf")), min_size=1, max_size=30)
title = free.filter(lambda s: "<" not in s and ">" not in s and "&" not in s and s.strip() == s and s)


@st.composite
def valid_projects(draw) -> dict[str, Any]:
    """The mini project with random ids, titles and text around its grounded sentences."""
    files = mini_files()
    before, after = draw(free), draw(free)
    paragraph_id = draw(st.from_regex(r"\A[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,3}){0,2}\Z"))
    text = f"{before}地区生产总值3.46万亿元、增长6.0%,社会消费品零售总额1.05万亿元。{after}"
    report = files[REPORT]
    report.update(title=draw(title), short_title=draw(title), region=draw(title), issuer=draw(free))
    report.update(notes=draw(st.lists(free, max_size=2)))
    files[GDP].update(
        name=draw(title), name_en=draw(title), definition=draw(free), aliases=draw(st.lists(title, max_size=2))
    )
    chapter = files[CH1]
    chapter["title"] = draw(title)
    chapter["sections"][0].update(number=draw(title), title=draw(title))
    chapter["sections"][0]["paragraphs"][0].update(id=paragraph_id, text=text, note=draw(st.none() | free))
    for item in files[OBS]["observations"][:3]:
        item["paragraph"] = paragraph_id
    seed = seed_from(files).encode("utf-8")  # the text is the report's: its seed holds exactly that text
    files["seeds/mini-2024.txt"] = seed
    report["seed_sha256"] = hashlib.sha256(seed).hexdigest()
    return files


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("prop") / "generated"


@pytest.mark.slow  # fifteen generated projects
@settings(FAST, max_examples=15)
@given(files=valid_projects())
def test_valid_random_projects_always_generate(generated: Path, files: dict[str, Any]):
    cache = generated / "build" / "cache"
    for folder in ("content", "seeds"):
        shutil.rmtree(generated / folder, ignore_errors=True)
    write_project(generated, files, with_site=not (generated / "site_templates").is_dir())
    assume(check(generated) == "valid")
    result = generate(generated)
    assert result.pages == 13 and cache.is_dir()
    chapter = (generated / "build/docs/reports/mini-2024/c1.md").read_text(encoding="utf-8")
    assert yaml.safe_load(chapter.split("---\n")[1])["title"] == f"一、{files[CH1]['title']}"
