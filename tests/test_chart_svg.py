"""Static chart SVGs: rendered for any valid text, and the same bytes for the same chart."""

from pathlib import Path

from generator.output import charts
from generator.output.svg import SvgRenderer


def test_long_label_of_supplementary_characters_still_renders(tmp_path: Path):
    # vl-convert cannot measure a label that Vega truncated inside a surrogate pair (found by hypothesis)
    name = "𠀀" * 40
    rows = [
        {"指标": name, "系列": "2023年实际", "增速": 1.0, "标签": "1%", "说明": "x"},
        {"指标": "b", "系列": "2023年实际", "增速": 2.0, "标签": "2%", "说明": "y"},
    ]
    spec = charts.grouped_bars(rows, "指标", "系列", "增速", "标题", "说明", "%")
    svg = SvgRenderer(tmp_path).svg(spec)
    assert svg.startswith("<svg") and "〓" in svg
    assert spec["data"]["values"][0]["指标"] == name  # the interactive spec keeps the real characters


def test_the_same_chart_renders_to_the_same_bytes_after_other_charts(tmp_path: Path):
    # vl-convert numbers clip paths across the process; a build must not depend on what rendered before
    rows = [
        {"指标": n, "系列": "2023年实际", "增速": v, "标签": f"{v}%", "说明": "x"} for n, v in (("a", 1.0), ("b", 2.0))
    ]
    spec = charts.grouped_bars(rows, "指标", "系列", "增速", "标题", "说明", "%")
    first = SvgRenderer(tmp_path / "one").svg(spec)
    SvgRenderer(tmp_path / "other").svg({**spec, "title": "另一张"})
    again = SvgRenderer(tmp_path / "two").svg(spec)
    assert 'id="clip1"' in first and first == again
