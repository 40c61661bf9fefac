"""Series thumbnails, made in memory from the middle image (never written to disk: they show anatomy)."""
from __future__ import annotations

import numpy as np

from reviewer.imaging.display import DisplayMapper, Window, auto_window
from reviewer.imaging.volume import blob_openers, load_series


def thumbnail(series, blobs, size: int = 64) -> np.ndarray:
    """A size×size uint8 grey (or size×size×3 RGB) image of the series' middle instance."""
    ids = series.blob_ids
    vol = load_series(blob_openers(blobs, [ids[len(ids) // 2]]))
    img = vol.array[vol.array.shape[0] // 2]
    if img.ndim == 2:
        window = Window(*vol.windows[0]) if vol.windows else (Window(40, 400) if vol.stack.modality == "CT"
                                                              else auto_window(img))
        img = DisplayMapper().render(img, window, vol.monochrome1)
    elif img.dtype != np.uint8:
        img = np.clip(img, 0, 255).astype(np.uint8)
    rows, cols = img.shape[:2]
    step = max(1, int(np.ceil(max(rows, cols) / size)))
    small = img[::step, ::step]
    out = np.zeros((size, size) + img.shape[2:], np.uint8)
    h, w = small.shape[:2]
    y, x = (size - h) // 2, (size - w) // 2
    out[y:y + h, x:x + w] = small[:size, :size]
    return out
