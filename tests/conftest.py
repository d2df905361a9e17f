import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # fixtures_bad, also for worker processes

from fixtures_bad import build_bad_corpus  # noqa: E402
from pipeline.devtools.synthetic import synthetic_corpus  # noqa: E402


@pytest.fixture(scope="session")
def synthetic_dir(tmp_path_factory) -> Path:
    """Eight small délibération-like PDFs."""
    folder = tmp_path_factory.mktemp("synthetic")
    synthetic_corpus(folder, 8, processes=1)
    return folder


@pytest.fixture(scope="session")
def bad_corpus(tmp_path_factory):
    """(folder, {file name: Expect}) of bad and awkward inputs, including a 1,000-page PDF."""
    folder = tmp_path_factory.mktemp("bad")
    return folder, build_bad_corpus(folder)
