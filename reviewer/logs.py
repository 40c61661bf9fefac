"""Logging set-up. Log lines name cases by id and files by package path, never patients."""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from reviewer.paths import default_log_dir


def setup_logging(workspace: Path | None, level: int = logging.INFO) -> Path:
    log_dir = default_log_dir()
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "reviewer.log"
    root = logging.getLogger("reviewer")
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=5 << 20, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    return path
