"""`reviewer slide info` / `reviewer slide region`: the --json interface, PNG output, exit code 2."""
import json
import subprocess
import sys

import imagecodecs
import numpy as np
import openslide

from slide_samples import NDPI, SVS, real_slide


def slide_cli(*args):
    return subprocess.run([sys.executable, "-m", "reviewer.cli", "slide", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def test_info_json_schema():
    real_slide(SVS)
    r = slide_cli("info", SVS, "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert list(d) == ["format", "levels", "mpp", "objective_power", "associated"]
    assert d == {"format": "aperio", "levels": [{"width": 2220, "height": 2967, "downsample": 1.0}],
                 "mpp": [0.499, 0.499], "objective_power": 20.0, "associated": ["label", "macro", "thumbnail"]}
    r = slide_cli("info", real_slide(NDPI))
    assert r.returncode == 0 and "level 3: 496 x 608" in r.stdout and "objective power: 40x" in r.stdout


def test_region_png_matches_openslide(tmp_path, demo_slide):
    out = tmp_path / "r.png"
    r = slide_cli("region", demo_slide, "--level", 1, "--x", 1000, "--y", 800, "--width", 300, "--height", 200,
                  "--out", out)
    assert r.returncode == 0, r.stderr
    ours = imagecodecs.png_decode(out.read_bytes()).astype(int)
    with openslide.OpenSlide(str(demo_slide)) as ref:
        theirs = np.asarray(ref.read_region((1000, 800), 1, (300, 200))).astype(int)
    assert ours.shape == (200, 300, 4) and np.abs(ours - theirs).mean() < 1.0


def test_bad_input_exits_2_with_a_clear_message(tmp_path, demo_slide):
    junk = tmp_path / "junk.svs"
    junk.write_bytes(b"not a slide" * 50)
    cases = [
        (("info", junk), "not a slide format"),
        (("info", tmp_path / "missing.svs"), "no such file"),
        (("region", demo_slide, "--level", 9, "--x", 0, "--y", 0, "--width", 10, "--height", 10,
          "--out", tmp_path / "x.png"), "has no level 9"),
        (("region", demo_slide, "--x", 0, "--y", 0, "--width", 0, "--height", 10, "--out", tmp_path / "x.png"),
         "empty"),
        (("region", demo_slide, "--x", 0, "--y", 0, "--width", 10, "--height", 10,
          "--out", tmp_path / "no" / "x.png"), "Cannot write"),
    ]
    for args, message in cases:
        r = slide_cli(*args)
        assert r.returncode == 2 and message in r.stderr and "Traceback" not in r.stderr, (args, r.stderr)
