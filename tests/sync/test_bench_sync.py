"""The bench row runs on tiny sizes with the right schema (timing budgets are for the real machine)."""
import math

from reviewer.bench import Sizes
from reviewer.bench.sync import case_download_vs_raw


def test_case_download_row(tmp_path):
    rows = case_download_vs_raw(tmp_path, Sizes(import_bytes=3 << 20, import_files=3, import_repeats=1))
    by = {r.name: r for r in rows}
    row = by["case_download_vs_raw"]
    assert (row.unit, row.target) == ("s", 1.25)
    assert row.value > 0 and row.baseline > 0 and math.isclose(row.ratio, row.value / row.baseline)
    assert row.ok is (row.ratio <= 1.25)
    assert by["case_download_mb_per_s"].target is None
