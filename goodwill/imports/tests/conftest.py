"""A tiny dataset (30 clients) written once per session by the real generator."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# The generator lives beside the repository, in the workplace's shared/bench/.
GENERATOR = Path(__file__).resolve().parents[3] / ".." / "shared" / "bench" / "dataset.py"


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not GENERATOR.is_file():
        pytest.skip(f"the dataset generator is not at {GENERATOR.resolve()} (shared/bench/ next to the repository)")
    out = tmp_path_factory.mktemp("dataset") / "c30"
    # Our own interpreter running the workplace generator with fixed arguments.
    subprocess.run([sys.executable, str(GENERATOR), "--clients", "30", "--emails", "5", "--out", str(out)],  # noqa: S603
                   check=True, capture_output=True)
    return out


@pytest.fixture
def dataset(generated: Path, tmp_path: Path) -> Path:
    """A copy each test may change."""
    copy = tmp_path / "c30"
    shutil.copytree(generated, copy, ignore=shutil.ignore_patterns("inbound*"))
    return copy
