"""The seeds are the ground truth: byte-identical to the manifest, and referenced by the reports."""

import hashlib

import yaml

from conftest import ROOT


def test_every_seed_matches_its_manifest_hash():
    manifest = yaml.safe_load((ROOT / "seeds" / "manifest.yml").read_text(encoding="utf-8"))
    listed = {entry["file"] for entry in manifest["seeds"]}
    on_disk = {p.name for p in (ROOT / "seeds").glob("*.txt")}
    assert listed == on_disk
    for entry in manifest["seeds"]:
        digest = hashlib.sha256((ROOT / "seeds" / entry["file"]).read_bytes()).hexdigest()
        assert digest == entry["sha256"], entry["file"]
        assert entry["title"] and entry["region"] and entry["publication"]


def test_each_report_points_at_a_manifest_seed_with_the_same_hash():
    manifest = yaml.safe_load((ROOT / "seeds" / "manifest.yml").read_text(encoding="utf-8"))
    hashes = {entry["file"]: entry["sha256"] for entry in manifest["seeds"]}
    reports = sorted((ROOT / "content" / "reports").glob("*/report.yml"))
    assert reports, "no report.yml under content/reports"
    for path in reports:
        report = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert hashes[report["seed"]] == report["seed_sha256"], path
