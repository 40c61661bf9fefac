"""The desktop bundle: build.spec builds a one-folder PyInstaller bundle that starts on its own.

The bundle is built from the project as installed (as `make package` does), started with
`--screenshot` offscreen on a fresh workspace, and the picture is read back with Tesseract: it must
show the worklist with the case in it. A bundle that misses a module, a codec or a resource fails
here rather than on a specialist's laptop.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from casepackages import build_package
from reviewer.packages import import_path
from reviewer.workspace import Workspace
from support import FAST_KDF, PASSPHRASE

ROOT = Path(__file__).resolve().parents[1]
PYINSTALLER = Path(sys.executable).with_name("pyinstaller")


def _ocr(png: Path) -> str:
    out = subprocess.run(["tesseract", str(png), "-", "--psm", "6"], capture_output=True, text=True, timeout=120)
    return out.stdout


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    if not PYINSTALLER.exists():
        pytest.fail("PyInstaller is part of the test extras; `make test` installs it")
    work = tmp_path_factory.mktemp("bundle")
    subprocess.run([str(PYINSTALLER), "--noconfirm", "--log-level", "WARN", "--distpath", str(work / "dist"),
                    "--workpath", str(work / "build"), str(ROOT / "build.spec")],
                   cwd=ROOT, check=True, timeout=1200, capture_output=True)
    exe = work / "dist" / "reviewer" / "reviewer"
    assert exe.is_file()
    yield exe
    shutil.rmtree(work, ignore_errors=True)     # about 1 GB: not left for pytest's retention


@pytest.mark.timeout(1500)
def test_bundle_starts_and_shows_the_worklist(bundle, tmp_path):
    ws_root = tmp_path / "ws"
    ws = Workspace.create(ws_root, PASSPHRASE, passphrase_only=True, kdf=FAST_KDF)
    import_path(ws, build_package(tmp_path / "pkg", case_id="SO-BUNDLE-0042", family="Bundlecheck",
                                  given="Dora", dicom_from=None))
    ws.close()
    (tmp_path / "pass").write_text(PASSPHRASE)
    png = tmp_path / "worklist.png"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    run = subprocess.run([str(bundle), "--workspace", str(ws_root), "--passphrase-file", str(tmp_path / "pass"),
                          "--screenshot", str(png), "--view", "worklist"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    text = _ocr(png)
    assert "Worklist" in text
    # OCR reads the letter O and the digit 0 alike in this font; compare with both folded.
    assert "SO-BUNDLE-0042".replace("0", "O") in text.replace(" ", "").replace("0", "O")
    assert "Bundlecheck" in text


def test_bundle_carries_templates_fonts_and_codecs(bundle, tmp_path):
    """Headless commands that need data files and native codecs work from the bundle alone."""
    internal = bundle.parent / "_internal"
    for rel in ("resources/fonts/ipaexg.ttf", "resources/style.qss", "resources/summary_rules/flags.toml",
                "report_templates/oncology.ja.toml"):
        assert (internal / rel).is_file(), rel
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    svs = ROOT.parent / "shared" / "testdata" / "slides" / "CMU-1-Small-Region.svs"
    out = subprocess.run([str(bundle), "slide", "info", str(svs), "--json"], env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert '"objective_power"' in out.stdout
