"""DESIGN §2 contracts: layers ui > viewers > reviewer, and reviewer never imports Qt or VTK."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    r = subprocess.run([str(Path(sys.executable).parent / "lint-imports")], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Contracts: 2 kept, 0 broken" in r.stdout


def test_reviewer_runs_without_qt():
    code = ("import sys, reviewer.cli, reviewer.workspace, reviewer.packages, reviewer.demo, reviewer.bench; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'vtk', 'vtkmodules')]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
