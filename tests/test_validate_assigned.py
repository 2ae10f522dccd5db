"""Issue 28: validate refuses a linked number that its sentence gives to another indicator of the catalogue.

The fixture paragraph below is made up for these tests (a 某市 report); it is never published.
"""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path
from typing import Any

from conftest import mini_files, problems

OBS = "content/reports/mini-2024/observations.yml"
LINE = "新增瞪羚企业40家、众创空间12家，累计分别达310家、144家。新增重点实验室6家，达到58家。"
THINGS = {"gazelles": "瞪羚企业", "hubs": "众创空间", "labs": "重点实验室"}


def files_with_counts() -> dict[str, Any]:
    """The mini project plus a fixture paragraph of new counts and their totals, curated right."""
    files = copy.deepcopy(mini_files())
    seed = files["seeds/mini-2024.txt"].decode("utf-8").replace("第 1 页", LINE + "\n第 1 页")
    files["seeds/mini-2024.txt"] = seed.encode("utf-8")
    files["content/reports/mini-2024/report.yml"]["seed_sha256"] = hashlib.sha256(seed.encode("utf-8")).hexdigest()
    files["content/reports/mini-2024/chapters/01.yml"]["sections"][0]["paragraphs"].append(
        {"id": "c1-s1-p2", "text": LINE}
    )
    for key, name in THINGS.items():
        common = {"name_en": "x", "theme": "科技创新", "unit": "家"}
        files[f"content/indicators/{key}.yml"] = {
            **common, "id": key, "name": name, "counts": "total", "definition": f"{name}的数量。",
        }  # fmt: skip
        files[f"content/indicators/new-{key}.yml"] = {
            **common, "id": f"new-{key}", "name": f"新增{name}", "counts": "new",
            "definition": f"一定时期内新增的{name}数量。",
        }  # fmt: skip
    rows = [
        ("new-gazelles", 40, "新增瞪羚企业40家"),
        ("new-hubs", 12, "新增瞪羚企业40家、众创空间12家"),
        ("gazelles", 310, "累计分别达310家"),
        ("hubs", 144, "累计分别达310家、144家"),
        ("new-labs", 6, "新增重点实验室6家"),
        ("labs", 58, "新增重点实验室6家，达到58家"),
    ]
    files[OBS]["observations"] += [
        {"indicator": ind, "period": 2023, "kind": "actual", "measure": "count", "value": value, "unit": "家",
         "quote": quote, "paragraph": "c1-s1-p2"}
        for ind, value, quote in rows
    ]  # fmt: skip
    return files


def relink(files: dict[str, Any], value: int, indicator: str) -> int:
    """Link the fixture observation of `value` to another indicator; its index."""
    observations = files[OBS]["observations"]
    index = next(i for i, o in enumerate(observations) if o.get("value") == value and o["paragraph"] == "c1-s1-p2")
    observations[index]["indicator"] = indicator
    return index


def test_the_fixture_curated_right_is_valid(tmp_path: Path) -> None:
    assert problems(tmp_path, files_with_counts()) == []


def test_a_total_linked_out_of_its_list_order_names_the_indicator_its_position_gives(tmp_path: Path) -> None:
    files = files_with_counts()
    index = relink(files, 310, "hubs")  # the last subject named: the wrong link issue 28 saw
    found = [p for p in problems(tmp_path, files) if f"observations[{index}]." in p]  # (and 310, 144 under one id)
    assert len(found) == 1, found
    assert found[0].startswith(f"{OBS}:")
    assert (
        f"observations[{index}].indicator: 原文这句把这个数字归于指标“gazelles”（瞪羚企业，家；依据：分别列举第1项"
        in (found[0])
    )
    assert found[0].endswith("不是“hubs”（众创空间） — 核对原文后改挂“gazelles”")


def test_a_total_reached_after_a_new_count_is_refused_on_the_new_count_indicator(tmp_path: Path) -> None:
    # 达到58家 after 新增…6家: the quote alone says neither 新增 nor 累计, the sentence says it is the total
    files = files_with_counts()
    index = relink(files, 58, "new-labs")
    found = problems(tmp_path, files)
    assert any(f"observations[{index}].indicator: 原文这句把这个数字归于指标“labs”" in p for p in found), found


def test_a_number_linked_to_a_name_other_than_the_nearest_is_refused(tmp_path: Path) -> None:
    files = files_with_counts()
    index = relink(files, 12, "new-gazelles")
    found = problems(tmp_path, files)
    assert any(f"observations[{index}].indicator: 原文这句把这个数字归于指标“new-hubs”" in p for p in found), found


def test_a_number_the_rules_leave_open_is_not_second_guessed(tmp_path: Path) -> None:
    # one total for two subjects: the rules map nothing, so the editor's choice stands
    files = files_with_counts()
    line = LINE.replace("累计分别达310家、144家", "累计分别达310家")
    seed = files["seeds/mini-2024.txt"].decode("utf-8").replace(LINE, line)
    files["seeds/mini-2024.txt"] = seed.encode("utf-8")
    files["content/reports/mini-2024/report.yml"]["seed_sha256"] = hashlib.sha256(seed.encode("utf-8")).hexdigest()
    files["content/reports/mini-2024/chapters/01.yml"]["sections"][0]["paragraphs"][-1]["text"] = line
    observations = files[OBS]["observations"]
    observations[:] = [o for o in observations if o.get("value") != 144]
    assert problems(tmp_path, files) == []
    relink(files, 310, "hubs")
    assert problems(tmp_path, files) == []
