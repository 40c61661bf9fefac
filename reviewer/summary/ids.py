"""Deterministic ids: the same records give the same fact and flag ids on every run and machine,
so the specialist's decisions (confirm/reject/correct) stay attached across re-runs."""
from __future__ import annotations

import hashlib


def stable_id(prefix: str, *parts: object) -> str:
    h = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]
    return f"{prefix}-{h}"
