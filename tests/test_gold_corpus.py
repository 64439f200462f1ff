"""The shipped gold corpora (benchmarks/gold/dev and test) are consistent; the checker catches a broken copy."""

from __future__ import annotations

import json
import runpy
import shutil
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parents[1] / "benchmarks" / "gold"
check_gold = runpy.run_path(str(GOLD / "check_gold.py"))


@pytest.mark.parametrize(("name", "files"), [("dev", 12), ("test", 5)])
def test_shipped_gold_is_consistent(name: str, files: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert check_gold["main"](["check_gold.py", str(GOLD / name)]) == 0
    assert f"{files} of {files} gold files consistent" in capsys.readouterr().out


def test_a_quotation_that_is_not_in_the_text_is_caught(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "dev"
    shutil.copytree(GOLD / "dev", copy)
    gold_path = next(p for p in sorted((copy / "gold").glob("*.gold.json")) if json.loads(p.read_text())["quotations"])
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    gold["quotations"][0]["text"] += " (words nobody said)"
    gold_path.write_text(json.dumps(gold), encoding="utf-8")
    assert check_gold["main"](["check_gold.py", str(copy)]) == 1
    assert "FAIL" in capsys.readouterr().out


def test_a_changed_text_fails_its_checksum(tmp_path: Path) -> None:
    copy = tmp_path / "test"
    shutil.copytree(GOLD / "test", copy)
    text = next(iter(sorted((copy / "articles").glob("*.txt"))))
    text.write_text(text.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert check_gold["main"](["check_gold.py", str(copy)]) == 1
