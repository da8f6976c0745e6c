"""manage.py import_dataset: a summary at the end, a clear error instead of a traceback."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command


def test_it_prints_rows_per_file_and_bad_rows(db: None, dataset: Path) -> None:
    with (dataset / "products.jsonl").open("a", encoding="utf-8") as file:
        file.write("garbage\n")
    out, err = io.StringIO(), io.StringIO()

    call_command("import_dataset", str(dataset), "--no-progress", stdout=out, stderr=err)

    assert "clients.jsonl" in out.getvalue()
    assert "rows/s" in out.getvalue()
    assert "products.jsonl:" in err.getvalue() and "not JSON" in err.getvalue()


def test_it_refuses_a_missing_directory(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="is not a directory"):
        call_command("import_dataset", str(tmp_path / "nowhere"), "--no-progress")


def test_it_refuses_a_directory_that_is_not_a_dataset(db: None, tmp_path: Path) -> None:
    (tmp_path / "clients.jsonl").write_text("{}\n")

    with pytest.raises(CommandError, match=r"is not a dataset: meta\.json"):
        call_command("import_dataset", str(tmp_path), "--no-progress")
