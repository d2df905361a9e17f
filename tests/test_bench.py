"""delib bench's helpers (the figures themselves come from running `delib bench`, never from tests)."""
import hashlib

from pipeline.devtools import bench
from pipeline.stages.layout import layout
from pipeline.stages.load import load


def test_copies_differ_in_content_and_read_the_same(synthetic_dir, tmp_path):
    files = sorted(synthetic_dir.glob("*.pdf"))[:2]
    made = bench.copies(files, 3, tmp_path / "copies")
    assert len(made) == 6 and len({p.name for p in made}) == 6
    digests = {hashlib.sha256(p.read_bytes()).hexdigest() for p in made}
    assert len(digests) == 6  # no copy is skipped as already ingested
    for copy in made:
        original = files[int(copy.name.split("-")[1])]
        a, b = load(original), load(copy)
        assert a.page_count == b.page_count and layout(a).text == layout(b).text
        a.close()
        b.close()


def test_bench_runs_delib_as_a_user_does():
    command = bench.delib_command()
    assert command[-1].endswith("/delib") or command[-2:] == ["-m", "pipeline.cli"]
