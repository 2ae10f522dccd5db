"""Open data on the real built site: the files agree with the YAML, validate, and are safe to open."""

import csv
import functools
import io
import json
import re
import shutil
import socket
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import openpyxl
import pytest
import yaml
from bs4 import BeautifulSoup
from search_queries import needs_node, run_queries

from conftest import copy_real_project, is_redirect, mini_files, soup, write_project
from generator.build import DOCS_DIR, generate

BOM = b"\xef\xbb\xbf"
DATA_FILES = [
    "observations.csv", "derived.csv", "indicators.csv", "observations.json", "observations.xlsx", "datapackage.json",
]  # fmt: skip


def data(project: Path) -> Path:
    return project / "site" / "data"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def yaml_observations(project: Path) -> list[tuple[Any, ...]]:
    """Every observation of every report, straight from the YAML files (not through the generator)."""
    rows = []
    for folder in sorted((project / "content" / "reports").iterdir()):
        report = yaml.safe_load((folder / "report.yml").read_text(encoding="utf-8"))
        observations = yaml.safe_load((folder / "observations.yml").read_text(encoding="utf-8"))["observations"]
        for o in observations:
            rows.append(
                (
                    o["indicator"], report["id"], str(o["period"]), o["kind"], o["measure"], o.get("value"),
                    o.get("unit"), o.get("qualifier"), o.get("printed"), o.get("text"), o.get("target_type"),
                    bool(o.get("headline", False)), o["quote"], o["paragraph"], o.get("note"),
                )
            )  # fmt: skip
    return rows


FIELDS = [
    "indicator_id", "report_id", "period", "kind", "measure", "value", "unit", "qualifier", "printed", "text",
    "target_type", "headline", "quote", "paragraph_id", "note",
]  # fmt: skip


def as_tuple(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row[f] for f in FIELDS)


def from_csv(row: dict[str, str]) -> dict[str, Any]:
    """A CSV row typed back: empty is missing, value is a number, headline a boolean."""
    typed: dict[str, Any] = {k: (v if v != "" else None) for k, v in row.items()}
    typed["value"] = float(row["value"]) if row["value"] else None
    typed["headline"] = {"true": True, "false": False}[row["headline"]]
    return typed


def test_observations_csv_agrees_with_the_yaml_row_for_row(real_site: Path):
    rows = read_csv(data(real_site) / "observations.csv")
    assert Counter(as_tuple(from_csv(r)) for r in rows) == Counter(yaml_observations(real_site))
    indicators = {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (real_site / "content/indicators").glob("*.yml")
    }
    for row in rows:
        assert row["indicator_name"] == indicators[row["indicator_id"]]["name"]
        assert row["indicator_name_en"] == indicators[row["indicator_id"]]["name_en"]
    keys = [(r["indicator_id"], r["report_id"], r["period"], r["kind"], r["measure"], r["paragraph_id"]) for r in rows]
    assert keys == sorted(keys)


def test_source_urls_reach_the_paragraph_on_its_chapter_page(real_site: Path):
    site = real_site / "site"
    for row in read_csv(data(real_site) / "observations.csv"):
        url = urlparse(row["source_url"])
        assert url.scheme in ("http", "https") and url.fragment == row["paragraph_id"]
        page = site / unquote(url.path).lstrip("/") / "index.html"
        assert page_ids(page) and row["paragraph_id"] in page_ids(page), row["source_url"]
        assert row["citation"].startswith(("深圳市", "福田区"))


def article(page: Path) -> BeautifulSoup:
    """Only the page's <article> (the content, without the site navigation): parsed in a fraction of the time."""
    html = page.read_text(encoding="utf-8")
    return soup(html[html.index("<article") : html.index("</article>") + len("</article>")])


@functools.cache
def page_ids(page: Path) -> frozenset[str]:
    return frozenset(str(tag["id"]) for tag in article(page).find_all(id=True))


def test_json_agrees_with_the_yaml_and_keeps_derived_values_apart(real_site: Path):
    document = json.loads((data(real_site) / "observations.json").read_text(encoding="utf-8"))
    assert Counter(as_tuple(r) for r in document["observations"]) == Counter(yaml_observations(real_site))
    csv_rows = read_csv(data(real_site) / "observations.csv")
    assert [r["quote"] for r in document["observations"]] == [r["quote"] for r in csv_rows]  # same order
    assert document["derived"], "the real content has derived values"
    for row in document["derived"]:
        assert row["kind"] in ("derived", "derived-target", "derived-share")
        computed = float(re.match(r"\s*(-?[\d.]+)", row["formula"].rsplit("≈", 1)[1]).group(1))
        assert row["value"] == computed, row
        assert row["based_on"] and all(u.startswith("http") for u in row["source_urls"].split())
    derived_csv = read_csv(data(real_site) / "derived.csv")
    assert [(r["indicator_id"], r["period"], float(r["value"])) for r in derived_csv] == [
        (r["indicator_id"], r["period"], r["value"]) for r in document["derived"]
    ]


def xlsx_rows(path: Path, sheet: str) -> list[dict[str, Any]]:
    """A sheet's rows keyed by CSV field names, using the workbook's own 字段说明 sheet for the headers."""
    book = openpyxl.load_workbook(path)
    names = {(r[0], r[1]): r[2] for r in book["字段说明"].iter_rows(min_row=2, values_only=True)}
    table = list(book[sheet].iter_rows(values_only=True))
    header = [names[(sheet, title)] for title in table[0]]
    return [dict(zip(header, row, strict=True)) for row in table[1:]]


def test_xlsx_agrees_with_the_yaml_and_keeps_numbers_numeric(real_site: Path):
    rows = xlsx_rows(data(real_site) / "observations.xlsx", "观测值")
    for row in rows:
        row["headline"] = bool(row["headline"])
        assert row["value"] is None or isinstance(row["value"], int | float), row
    assert Counter(as_tuple(r) for r in rows) == Counter(yaml_observations(real_site))
    indicators = xlsx_rows(data(real_site) / "observations.xlsx", "指标")
    assert sorted(r["id"] for r in indicators) == sorted(
        p.stem for p in (real_site / "content/indicators").glob("*.yml")
    )
    derived = xlsx_rows(data(real_site) / "observations.xlsx", "推算值")
    assert len(derived) == len(read_csv(data(real_site) / "derived.csv"))


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network access in an offline test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_datapackage_validates_offline(real_site: Path, no_network: None):
    from frictionless import validate

    report = validate(str(data(real_site) / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = json.loads((data(real_site) / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"] and len(package["sources"]) == len(list((real_site / "content/reports").iterdir()))
    for resource in package["resources"]:
        rows = read_csv(data(real_site) / resource["path"])
        assert [f["name"] for f in resource["schema"]["fields"]] == list(rows[0])
        tasks = {task.name: task for task in report.tasks}
        assert tasks[resource["name"]].stats["rows"] == len(rows)
        for field in resource["schema"]["fields"]:
            zh, en = field["title"].split(" / ")
            assert re.search(r"[\u4e00-\u9fff]", zh) and re.fullmatch(r"[A-Za-z ()'.-]+", en), field
            assert field["description"]


def test_datapackage_catches_a_broken_indicator_reference(real_site: Path, tmp_path: Path, no_network: None):
    """The schema is checked, not just read: a row naming no indicator fails the foreign key."""
    from frictionless import validate

    copy = tmp_path / "data"
    shutil.copytree(data(real_site), copy, ignore=shutil.ignore_patterns("indicators", "*.html"))
    path = copy / "observations.csv"
    first = read_csv(path)[0]["indicator_id"]
    path.write_bytes(path.read_bytes().replace(f"\r\n{first},".encode(), b"\r\nno-such-indicator,", 1))
    report = validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert "foreign-key" in {row[0] for row in report.flatten(["type"])}


def test_csv_files_start_with_a_bom_and_json_is_utf8(real_site: Path):
    site = real_site / "site"
    csvs = sorted(site.rglob("*.csv"))
    assert len(csvs) > 400  # the data set, one per indicator, one per chart
    for path in csvs:
        assert path.read_bytes().startswith(BOM), path
    for path in sorted((site / "data").rglob("*.json")):
        json.loads(path.read_bytes().decode("utf-8"))


def test_a_second_generation_gives_identical_bytes(real_site: Path, tmp_path: Path):
    """Generated again later, from a fresh copy: every data file (the XLSX too) is byte-identical."""
    from mkdocs.config import load_config

    again = copy_real_project(tmp_path / "again")
    shutil.copytree(real_site / "build" / "cache", again / "build" / "cache")  # chart SVGs are not under test here
    generate(again, site_url=load_config(str(real_site / "mkdocs.yml")).site_url)
    first = {p.relative_to(real_site / DOCS_DIR): p.read_bytes() for p in (real_site / DOCS_DIR / "data").rglob("*.*")}
    second = {p.relative_to(again / DOCS_DIR): p.read_bytes() for p in (again / DOCS_DIR / "data").rglob("*.*")}
    assert first.keys() == second.keys() and len(first) > 700
    assert [k for k in first if first[k] != second[k]] == []
    for path in DATA_FILES:
        assert (data(real_site) / path).read_bytes() == first[Path("data") / path]  # MkDocs copies them as is


def test_every_indicator_page_links_to_its_csv_and_json(real_site: Path):
    site = real_site / "site"
    by_indicator = Counter(r["indicator_id"] for r in read_csv(data(real_site) / "observations.csv"))
    for page in sorted((site / "indicators").glob("*/index.html")):
        if is_redirect(page):
            continue  # an old id's URL, pointing to the page that is checked under its new id
        indicator_id = page.parent.name
        doc = article(page)
        links = {Path(a["href"]).suffix: a for a in doc.select(".rs-downloads a[download]")}
        assert set(links) == {".csv", ".json"}, page
        csv_path = (page.parent / links[".csv"]["href"]).resolve()
        json_path = (page.parent / links[".json"]["href"]).resolve()
        assert csv_path.name == f"{indicator_id}.csv" and json_path.name == f"{indicator_id}.json"
        rows = read_csv(csv_path)
        assert len(rows) == by_indicator[indicator_id] and {r["indicator_id"] for r in rows} <= {indicator_id}
        document = json.loads(json_path.read_text(encoding="utf-8"))
        assert document["indicator"]["id"] == indicator_id and len(document["observations"]) == len(rows)


def test_data_page_is_in_the_nav_and_links_every_file(real_site: Path):
    site = real_site / "site"
    page = site / "data" / "index.html"
    doc = soup(page)
    assert any(a.get_text(strip=True) == "数据下载" for a in doc.select("nav a"))
    linked = {a["href"] for a in doc.select(".rs-files a[download]")}
    assert linked == set(DATA_FILES)
    for href in linked:
        assert (page.parent / href).is_file()


def test_every_chart_offers_csv_svg_and_png(real_site: Path):
    site = real_site / "site"
    checked = 0
    for page in sorted(site.rglob("index.html")):
        if page.relative_to(site).parts[0] == "embed" or is_redirect(page):
            continue  # the chart alone (its downloads are on the page it belongs to), or an old URL
        for figure in article(page).select("figure.rs-chart"):
            links = {Path(a["href"]).name.split(".", 1)[1]: a for a in figure.select("figcaption a[download]")}
            assert {"csv", "svg", "vl.json"} <= set(links), page
            rows = list(csv.reader(io.StringIO((page.parent / links["csv"]["href"]).read_text(encoding="utf-8-sig"))))
            assert len(rows) - 1 == len(figure.select("details tbody tr")), (page, links["csv"]["href"])
            assert (page.parent / links["svg"]["href"]).read_text(encoding="utf-8").startswith("<svg")
            button = figure.select_one("button.rs-chart__png-button")
            assert button is not None and button["type"] == "button" and "PNG" in button.get_text()
            assert button["data-filename"].endswith(".png")
            checked += 1
    assert checked >= 50


def test_chart_csv_names_the_value_column_with_its_unit(real_site: Path):
    text = (real_site / "site" / "indicators" / "gdp" / "gdp-level.csv").read_text(encoding="utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))
    assert "数值（万亿元）" in header and "类别" in header  # the unit of the chart's axis (display.axis_unit)


def test_glossary_lists_every_indicator_with_english_names(real_site: Path):
    page = real_site / "site" / "glossary" / "index.html"
    doc = soup(page)
    assert any(a.get_text(strip=True) == "术语表" for a in doc.select("nav a"))
    rows = {}
    for tr in doc.select(".rs-glossary table tbody tr"):
        link = tr.find("a")
        target = (page.parent / link["href"]).resolve() / "index.html"
        assert target.is_file(), link["href"]
        rows[target.parent.name] = [td.get_text(" ", strip=True) for td in tr.find_all("td")]
    for path in sorted((real_site / "content/indicators").glob("*.yml")):
        indicator = yaml.safe_load(path.read_text(encoding="utf-8"))
        name, english, unit, definition = rows.pop(indicator["id"])
        assert (name, english, definition) == (indicator["name"], indicator["name_en"], indicator["definition"])
        zh_unit, _, en_unit = unit.partition(" ")
        assert zh_unit == indicator["unit"] and re.search("[a-z]", en_unit), (indicator["id"], unit)
    assert rows == {}
    economy = doc.find(id="economy")
    assert economy.get_text(strip=True).startswith("经济运行")
    assert economy.find_next_sibling("p").get_text(strip=True) == "Economic performance"
    wellbeing = doc.find(id="wellbeing").find_next_sibling("p")
    assert wellbeing.get_text() == "People's wellbeing" and wellbeing["lang"] == "en"


@needs_node
def test_glossary_stays_out_of_the_search_index(real_site: Path):
    """It repeats the indicator pages; a search for a name must land on the indicator page itself."""
    glossary, name, data_page = run_queries(real_site / "site", ["术语表", "地区生产总值", "数据下载"])
    urls = [r["url"] for answer in (glossary, name, data_page) for r in answer["results"]]
    assert not [url for url in urls if url.startswith("glossary/")]
    assert name["results"][0]["url"] == "indicators/gdp/" and data_page["results"][0]["url"] == "data/"


def test_every_unit_in_the_content_has_an_english_name(real_site: Path):
    from generator.rules.english import UNIT_EN

    units = {r["unit"] for r in read_csv(data(real_site) / "indicators.csv")}
    units |= {r["unit"] for r in read_csv(data(real_site) / "observations.csv") if r["unit"]}
    assert sorted(u for u in units if u not in UNIT_EN) == []


HOSTILE = '=HYPERLINK("http://example.invalid","点击")'


@pytest.fixture
def hostile_project(tmp_path: Path) -> Path:
    """The mini project with text a spreadsheet would run: in a quote, a target's text, names and notes."""
    import hashlib

    files = mini_files()
    seed = files["seeds/mini-2024.txt"] + f"{HOSTILE}\n".encode()
    files["seeds/mini-2024.txt"] = seed
    files["content/reports/mini-2024/report.yml"]["seed_sha256"] = hashlib.sha256(seed).hexdigest()
    files["content/reports/mini-2024/chapters/02.yml"]["paragraphs"].append({"id": "c2-p2", "text": HOSTILE})
    files["content/reports/mini-2024/observations.yml"]["observations"].append(
        {"indicator": "retail-sales", "period": 2024, "kind": "target", "measure": "level", "text": "@SUM(A:A)",
         "quote": HOSTILE, "paragraph": "c2-p2", "note": "+编者注", "target_type": "expected"}
    )  # fmt: skip
    files["content/indicators/retail-sales.yml"]["name_en"] = "-Retail sales"
    project = write_project(tmp_path / "p", files)
    generate(project)
    return project


@pytest.mark.slow  # generates a hostile project
def test_csv_cells_a_spreadsheet_would_run_are_neutralised(hostile_project: Path):
    docs = hostile_project / DOCS_DIR / "data"
    raw = (docs / "observations.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    hostile = next(r for r in rows if r["paragraph_id"] == "c2-p2")
    assert hostile["quote"] == "'" + HOSTILE and hostile["text"] == "'@SUM(A:A)" and hostile["note"] == "'+编者注"
    assert hostile["indicator_name_en"] == "'-Retail sales"
    cells = [cell for row in csv.reader(io.StringIO(raw)) for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@") or (c[:1] == "-" and not re.fullmatch(r"-[\d.]+", c))]
    assert {r["value"] for r in rows if r["value"]} == {"3.46", "6.0", "1.05", "5.5"}  # numbers untouched
    indicators = read_csv(docs / "indicators.csv")
    assert next(r for r in indicators if r["id"] == "retail-sales")["name_en"] == "'-Retail sales"
    per_indicator = read_csv(docs / "indicators" / "retail-sales.csv")
    assert next(r for r in per_indicator if r["paragraph_id"] == "c2-p2")["text"] == "'@SUM(A:A)"


@pytest.mark.slow  # generates a hostile project
def test_json_and_xlsx_keep_hostile_text_as_plain_text(hostile_project: Path):
    docs = hostile_project / DOCS_DIR / "data"
    document = json.loads((docs / "observations.json").read_text(encoding="utf-8"))
    assert next(r for r in document["observations"] if r["paragraph_id"] == "c2-p2")["quote"] == HOSTILE
    book = openpyxl.load_workbook(docs / "observations.xlsx")
    cells = [cell for row in book["观测值"].iter_rows() for cell in row if cell.value == HOSTILE]
    assert cells and all(cell.data_type == "s" for cell in cells)  # a string, not a formula
    assert not [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_negative_numbers_stay_numbers_in_csv_and_formulas_do_not():
    from generator.output.opendata import csv_bytes

    text = csv_bytes(["a", "b", "c", "d", "e"], [[-0.5, "-0.5%", "-1+2", "+A1", None]]).decode("utf-8-sig")
    assert text.splitlines()[1] == "-0.5,-0.5%,'-1+2,'+A1,"


@pytest.mark.slow  # builds a site
def test_xlsx_is_stamped_with_source_date_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    project = write_project(tmp_path / "p", mini_files())
    generate(project)
    first = (project / DOCS_DIR / "data" / "observations.xlsx").read_bytes()
    created = openpyxl.load_workbook(io.BytesIO(first)).properties.created
    assert created is not None and created.isoformat().startswith("2023-11-14T22:13:20")
    package = json.loads((project / DOCS_DIR / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["created"] == "2023-11-14T22:13:20Z"


@pytest.mark.slow  # builds a site
def test_bad_source_date_epoch_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    from generator.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    project = write_project(tmp_path / "p", mini_files())
    assert main(["--project", str(project), "build"]) == 1
    assert "SOURCE_DATE_EPOCH 无效：'yesterday' — 应为 Unix 时间戳" in capsys.readouterr().err


@pytest.mark.slow  # builds a site
def test_mini_site_builds_strict_with_data_pages(tmp_path: Path):
    from generator.cli import main

    project = write_project(tmp_path / "p", mini_files())
    assert main(["--project", str(project), "build", "--strict"]) == 0
    assert (project / "site" / "data" / "observations.xlsx").is_file()
    assert (project / "site" / "glossary" / "index.html").is_file()
