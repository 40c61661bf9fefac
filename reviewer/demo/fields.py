"""Smooth random fields and resampling helpers shared by the image generators.

Organic shapes (tissue outlines, glandular tissue, vessels, fibres) are thresholds or
warps of band-limited noise; making it with an FFT keeps it vectorised and periodic.
"""
from __future__ import annotations

import numpy as np


def smooth_noise(rng: np.random.Generator, shape: tuple[int, ...], scale: float) -> np.ndarray:
    """Periodic Gaussian-filtered white noise, zero mean and unit SD, float32.

    scale is the correlation length in samples; the field wraps around at every edge.
    """
    white = rng.standard_normal(shape).astype(np.float32)
    spectrum = np.fft.rfftn(white)
    freqs = [np.fft.fftfreq(n) for n in shape[:-1]] + [np.fft.rfftfreq(shape[-1])]
    k2 = np.zeros(spectrum.shape, dtype=np.float32)
    for axis, f in enumerate(freqs):
        view = [1] * len(shape)
        view[axis] = f.size
        k2 = k2 + (f.astype(np.float32).reshape(view) ** 2)
    spectrum *= np.exp(-2.0 * (np.pi * scale) ** 2 * k2)
    field = np.fft.irfftn(spectrum, s=shape, axes=tuple(range(len(shape)))).astype(np.float32)
    field -= field.mean()
    sd = field.std()
    return field / sd if sd > 0 else field


def sample_periodic(field: np.ndarray, *coords: np.ndarray, band: int = 256) -> np.ndarray:
    """Multilinear interpolation of field at fractional indices, wrapping at the edges.

    Large outputs are computed a band of rows at a time to bound the temporaries.
    """
    shape = np.broadcast(*coords).shape
    if len(shape) >= 2 and shape[0] > band and np.prod(shape) > 1 << 20:
        out = np.empty(shape, np.float32)
        full = [np.broadcast_to(c, shape) for c in coords]
        for r0 in range(0, shape[0], band):
            out[r0:r0 + band] = _sample(field, [c[r0:r0 + band] for c in full])
        return out
    return _sample(field, coords)


def _sample(field: np.ndarray, coords) -> np.ndarray:
    base = [np.floor(c).astype(np.int64) for c in coords]
    frac = [(c - b).astype(np.float32) for c, b in zip(coords, base)]
    out = np.zeros(np.broadcast(*coords).shape, dtype=np.float32)
    dims = field.shape
    for corner in range(1 << len(coords)):
        weight = np.float32(1.0)
        index = []
        for axis in range(len(coords)):
            bit = (corner >> axis) & 1
            index.append((base[axis] + bit) % dims[axis])
            weight = weight * (frac[axis] if bit else (1.0 - frac[axis]))
        out += weight * field[tuple(index)]
    return out


def interp_matrix(positions: np.ndarray, n: int) -> np.ndarray:
    """Linear-interpolation weights (len(positions) x n) for fractional indices, wrapping.

    A 2-D periodic field sampled on a regular grid is then W_rows @ field @ W_cols.T,
    which is far cheaper than gathering every output pixel.
    """
    base = np.floor(positions).astype(np.int64)
    frac = (positions - base).astype(np.float32)
    w = np.zeros((positions.size, n), dtype=np.float32)
    idx = np.arange(positions.size)
    np.add.at(w, (idx, base % n), 1.0 - frac)
    np.add.at(w, (idx, (base + 1) % n), frac)
    return w


def plane(field: np.ndarray, z: float) -> np.ndarray:
    """The 2-D section of a periodic 3-D field at fractional index z (linear in z)."""
    z0 = int(np.floor(z))
    fz = np.float32(z - z0)
    n = field.shape[0]
    return (1 - fz) * field[z0 % n] + fz * field[(z0 + 1) % n]


def blur121(image: np.ndarray, passes: int = 1) -> np.ndarray:
    """Separable [1, 2, 1] / 4 smoothing (edges replicated): partial-volume softening."""
    out = image.astype(np.float32, copy=True)
    for _ in range(passes):
        p = np.pad(out, 1, mode="edge")
        out = 0.25 * p[:-2, 1:-1] + 0.5 * p[1:-1, 1:-1] + 0.25 * p[2:, 1:-1]
        p = np.pad(out, 1, mode="edge")
        out = 0.25 * p[1:-1, :-2] + 0.5 * p[1:-1, 1:-1] + 0.25 * p[1:-1, 2:]
    return out
