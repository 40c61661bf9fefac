"""Whole-slide images for the pathology viewer, with no Qt (DESIGN §2, issue 4).

Open a slide, then read tiles or regions::

    from reviewer.pathology import TileCache, default_registry, open_workspace_slide
    cache = TileCache(512 << 20)                     # shared by every open slide
    registry = default_registry()                     # built once by the composition root
    with open_workspace_slide(ws, slide, siblings=case.slides, registry=registry, cache=cache) as s:
        s.info                                        # SlideInfo: levels, mpp, objective power, associated
        s.read_tile(level, col, row)                  # RGB uint8 (h, w, 3), cached, read-only
        s.read_region(level, x0, y0, w, h)            # RGBA uint8, (x0, y0) in level-0 pixels (OpenSlide)

Backends (chosen by a scored ``can_open``): tifffile + imagecodecs (SVS, NDPI, tiled TIFF; reads
from any random-access file object, so from the encrypted store), DICOM WSI (pydicom headers,
frames read directly), OpenSlide (plaintext paths only, as a fallback). A corrupt tile raises
``TileError`` (show an error tile); a file that cannot be opened raises ``SlideError``.
"""
from reviewer.pathology.backend import BackendFactory, BackendRegistry, SlideBackend, default_registry
from reviewer.pathology.cache import TileCache
from reviewer.pathology.errors import SlideError, TileError, UnsupportedSlide
from reviewer.pathology.handle import SlideHandle
from reviewer.pathology.info import Level, SlideInfo
from reviewer.pathology.limits import DEFAULT_LIMITS, Limits
from reviewer.pathology.opening import open_fileobj, open_slide, open_source, open_workspace_slide, stored_slide_name
from reviewer.pathology.source import SlideSource

__all__ = [
    "BackendFactory", "BackendRegistry", "DEFAULT_LIMITS", "Level", "Limits", "SlideBackend", "SlideError",
    "SlideHandle", "SlideInfo", "SlideSource", "TileCache", "TileError", "UnsupportedSlide", "default_registry",
    "open_fileobj", "open_slide", "open_source", "open_workspace_slide", "stored_slide_name",
]
