"""Shared test helpers: where the shared data is, and running the CLI as a user would."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

# A bug in a stage raises in tests (users get a ``stage_failed`` flag or one line instead).
os.environ.setdefault("MARSAD_STRICT", "1")

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE = SHARED / "samples" / "tahiamisr-kim-russia.txt"


def shared_path(*parts: str) -> Path:
    """A path in ../shared, or skip the test with the reason when the shared data is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"shared data not available: {p} (set MARSAD_SHARED or place ../shared beside the repo)")
    return p


def run_cli(*args: str, input: bytes | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    """Run `marsad ...` in a subprocess, exactly as a user would."""
    return subprocess.run([sys.executable, "-m", "marsad.cli", *args], input=input, capture_output=True,
                          timeout=timeout, cwd=ROOT)
