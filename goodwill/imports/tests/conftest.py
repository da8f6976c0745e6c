"""A tiny dataset (30 clients) written once per session by the real generator."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# The generator lives beside the repository, in the workplace's shared/bench/; a clone without it
# uses the copy the demo vendors (the same code, in step byte for byte below its header).
SHARED_GENERATOR = Path(__file__).resolve().parents[3] / ".." / "shared" / "bench" / "dataset.py"
VENDORED_GENERATOR = Path(__file__).resolve().parents[2] / "demo" / "dataset.py"
GENERATOR = SHARED_GENERATOR if SHARED_GENERATOR.is_file() else VENDORED_GENERATOR


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not GENERATOR.is_file():
        pytest.fail(
            f"the dataset generator is missing: neither {SHARED_GENERATOR.resolve()} nor "
            f"{VENDORED_GENERATOR}"
        )
    out = tmp_path_factory.mktemp("dataset") / "c30"
    # Our own interpreter running the workplace generator with fixed arguments.
    # -P: the vendored copy sits beside goodwill/demo/selectors.py, which must not shadow the
    # stdlib.
    subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-P",
            str(GENERATOR),
            "--clients",
            "30",
            "--emails",
            "5",
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    return out


@pytest.fixture
def dataset(generated: Path, tmp_path: Path) -> Path:
    """A copy each test may change."""
    copy = tmp_path / "c30"
    shutil.copytree(generated, copy, ignore=shutil.ignore_patterns("inbound*"))
    return copy
