"""Identifiers derived from the seed, so that a fixed seed gives byte-identical packages.

Every UUID, DICOM UID and random stream comes from a hash of (seed, names...): no clock,
no process-global random state.
"""
from __future__ import annotations

import hashlib
import uuid

import numpy as np


def _digest(seed: int, parts: tuple[object, ...]) -> bytes:
    text = "\x1f".join([str(seed), *(str(p) for p in parts)])
    return hashlib.sha256(text.encode("utf-8")).digest()


def demo_uuid(seed: int, *parts: object) -> str:
    """A version-4-shaped UUID string fixed by the seed and the names."""
    return str(uuid.UUID(bytes=_digest(seed, parts)[:16], version=4))


def full_url(seed: int, *parts: object) -> str:
    """The Bundle entry fullUrl for a resource named by parts."""
    return f"urn:uuid:{demo_uuid(seed, *parts)}"


def dicom_uid(seed: int, *parts: object) -> str:
    """A UUID-derived DICOM UID (root 2.25, ITU-T X.667) fixed by the seed and the names.

    pydicom's generate_uid(prefix=None) ignores its entropy sources and is random, so the
    UUID is made here from the seed.
    """
    return f"2.25.{uuid.UUID(demo_uuid(seed, 'dicom', *parts)).int}"


def rng(seed: int, *parts: object) -> np.random.Generator:
    """An independent random stream per named purpose (adding one never shifts another)."""
    return np.random.default_rng(int.from_bytes(_digest(seed, parts)[:8], "little"))
