"""The backend protocol and the registry that picks a backend for a file.

Why a scored ``can_open`` (as QuPath does): several readers can open the same file; the registry
asks each how well it reads it (0 = not at all, 1 = natively and fully) and opens the best, falling
back to the next when the best fails. tifffile beats OpenSlide on TIFF files (it reads from the
encrypted store and decodes in parallel); OpenSlide remains for formats only it knows, and only for
plaintext paths. The composition root builds the registry (``default_registry()``) and passes it
in: nothing registers itself on import.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from reviewer.i18n import QT_TRANSLATE_NOOP, Text
from reviewer.pathology.errors import UnsupportedSlide
from reviewer.pathology.info import SlideInfo
from reviewer.pathology.limits import Limits
from reviewer.pathology.source import SlideSource


class SlideBackend(Protocol):
    """An opened slide file. Thread-safe: ``read_tile`` is called from a worker pool."""
    info: SlideInfo

    def read_tile(self, level: int, col: int, row: int) -> np.ndarray | None:
        """RGB uint8 of shape (h, w, 3) where (x, y, w, h) = ``info.levels[level].tile_rect(col, row)``;
        None when the file has no data for that tile (sparse DICOM, empty TIFF tile). Raises TileError
        for a corrupt tile."""
        ...

    def read_associated(self, name: str) -> np.ndarray:
        """RGB uint8 (h, w, 3) of the label, macro or thumbnail named in ``info.associated``."""
        ...

    def close(self) -> None: ...


class BackendFactory(Protocol):
    name: str

    def can_open(self, source: SlideSource) -> float:
        """0 when this backend cannot read the source, up to 1 when it reads it natively. Cheap:
        looks at ``source.head`` and, at most, a few more bytes."""
        ...

    def open(self, source: SlideSource, limits: Limits) -> SlideBackend: ...


@dataclass(frozen=True)
class BackendRegistry:
    factories: tuple[BackendFactory, ...]

    def candidates(self, source: SlideSource) -> list[tuple[float, BackendFactory]]:
        scored = [(f.can_open(source), f) for f in self.factories]
        return sorted([(s, f) for s, f in scored if s > 0], key=lambda sf: -sf[0])

    def open(self, source: SlideSource, limits: Limits) -> SlideBackend:
        """Opens with the best-scoring backend. When it says the file is a layout it does not read
        (UnsupportedSlide) the next is tried; a broken or oversized file (any other SlideError) is
        refused at once, so a less careful reader never gets a file the careful one rejected."""
        candidates = self.candidates(source)
        if not candidates:
            raise UnsupportedSlide(source.name, Text(QT_TRANSLATE_NOOP(
                "SlideErrors", "is not a slide format this workstation reads (Aperio SVS, Hamamatsu NDPI, tiled TIFF, "
                "DICOM WSI)")))
        first_error: UnsupportedSlide | None = None
        for _, factory in candidates:
            try:
                return factory.open(source, limits)
            except UnsupportedSlide as exc:
                first_error = first_error or exc
        raise first_error


def default_registry(*, openslide: bool = True) -> BackendRegistry:
    """tifffile, DICOM WSI and (when the package is installed and ``openslide``) OpenSlide."""
    from reviewer.pathology.dicom_backend import DicomWsiFactory
    from reviewer.pathology.tiff_backend import TiffFactory
    factories: list[BackendFactory] = [TiffFactory(), DicomWsiFactory()]
    if openslide:
        from reviewer.pathology.openslide_backend import OpenSlideFactory
        if OpenSlideFactory.available():
            factories.append(OpenSlideFactory())
    return BackendRegistry(tuple(factories))
