"""One resolver for data files, user folders and the GUI entry point; works inside PyInstaller."""
from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "reviewer-workstation"


def _base() -> Path:
    """The folder holding `resources/` and `report_templates/`: the bundle's, or the source tree's."""
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) if bundle else Path(__file__).resolve().parent.parent


def resource(*parts: str) -> Path:
    return _base().joinpath("resources", *parts)


def report_template(*parts: str) -> Path:
    return _base().joinpath("report_templates", *parts)


def default_workspace() -> Path:
    if os.environ.get("REVIEWER_WORKSPACE"):
        return Path(os.environ["REVIEWER_WORKSPACE"])
    import platformdirs
    return Path(platformdirs.user_data_dir(APP)) / "workspace"


def default_log_dir() -> Path:
    if os.environ.get("REVIEWER_LOG_DIR"):
        return Path(os.environ["REVIEWER_LOG_DIR"])
    import platformdirs
    return Path(platformdirs.user_log_dir(APP))
