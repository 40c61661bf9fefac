"""H&E texture canvases: periodic stain-density images of stroma, carcinoma and fat.

A gigapixel slide cannot be generated pixel by pixel in the time budget, so each tissue
kind is rendered once as a periodic canvas of haematoxylin / eosin / red-cell optical
densities (Beer-Lambert: colour = white * exp(-sum(density * stain vector))), and slide
tiles are cut from the canvases. Periodic canvases tile seamlessly, so neighbouring
slide tiles join without visible seams.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .fields import interp_matrix, sample_periodic, smooth_noise
from .ids import rng

OD_SCALE = 100.0                                  # stored uint8 = optical density * 100
H_VEC = (0.62, 0.73, 0.30)                        # haematoxylin: blue-purple
E_VEC = (0.17, 0.88, 0.44)                        # eosin: pink
R_VEC = (0.12, 0.82, 0.62)                        # red blood cells: orange-red
GLASS_OD = (0.030, 0.034, 0.040)                  # slide glass and mountant


@dataclass(frozen=True)
class Canvas:
    """Periodic stain densities, uint8 (density * OD_SCALE), all the same square shape."""
    h: np.ndarray
    e: np.ndarray
    r: np.ndarray

    @property
    def period(self) -> int:
        return self.h.shape[0]

    def halved(self) -> "Canvas":
        """2 x 2 block mean: the canvas for the next pyramid level."""
        def down(a):
            n = a.shape[0] // 2
            s = a.reshape(n, 2, n, 2).sum(axis=(1, 3), dtype=np.uint16)
            return ((s + 2) // 4).astype(np.uint8)
        return Canvas(down(self.h), down(self.e), down(self.r))

    def crop(self, y0: int, x0: int, size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """size x size uint8 densities starting at (y0, x0), wrapping around (may be views)."""
        p = self.period
        y0, x0 = y0 % p, x0 % p
        if y0 + size <= p and x0 + size <= p:
            sl = (slice(y0, y0 + size), slice(x0, x0 + size))
            return self.h[sl], self.e[sl], self.r[sl]
        ix = np.ix_((y0 + np.arange(size)) % p, (x0 + np.arange(size)) % p)
        return self.h[ix], self.e[ix], self.r[ix]


class StainColours:
    """Beer-Lambert colour of uint8 stain densities by table look-up (exp is too slow per tile).

    The (haematoxylin, eosin) pair indexes a 256 x 256 RGB table; red-cell density, which
    is rare, is applied afterwards only where present.
    """

    def __init__(self):
        d = np.arange(256, dtype=np.float64) / OD_SCALE
        od = (d[:, None, None] * np.asarray(H_VEC) + d[None, :, None] * np.asarray(E_VEC)
              + np.asarray(GLASS_OD))
        table = np.zeros((256 * 256, 4), np.uint8)            # RGBX rows, gathered as uint32
        table[:, :3] = (255.0 * np.exp(-od) + 0.5).astype(np.uint8).reshape(-1, 3)
        self._table = table.view(np.uint32).ravel()
        self._red = np.asarray(R_VEC, np.float32) / OD_SCALE

    def rgb(self, h: np.ndarray, e: np.ndarray, r: np.ndarray) -> np.ndarray:
        index = (h.astype(np.uint16) << 8) | e
        rgbx = self._table[index].view(np.uint8).reshape(h.shape + (4,))
        out = np.ascontiguousarray(rgbx[..., :3])
        if r.any():
            m = r > 0
            out[m] = (out[m] * np.exp(-r[m, None].astype(np.float32) * self._red) + 0.5
                      ).astype(np.uint8)
        return out


def _u8(a: np.ndarray) -> np.ndarray:
    """Densities to stored uint8, with in-place steps (canvases are large)."""
    a = a * np.float32(OD_SCALE)
    np.rint(a, out=a)
    np.clip(a, 0, 255, out=a)
    return a.astype(np.uint8)


def _smoothstep(a, b, x):
    u = np.clip((x - a) / (b - a), 0.0, 1.0)
    return u * u * (3 - 2 * u)


def _upsample_periodic(small: np.ndarray, n: int) -> np.ndarray:
    """Bilinear, wrapping: a smooth small periodic field onto n x n."""
    pos = (np.arange(n) + 0.5) * small.shape[0] / n - 0.5
    w = interp_matrix(pos, small.shape[0])
    return (w @ small @ w.T).astype(np.float32)


def _double_u8(a: np.ndarray) -> np.ndarray:
    """2x periodic linear upsampling of densities, straight to stored uint8 (quadrant by
    quadrant, so no full-size float temporaries)."""
    n0, n1 = a.shape
    out = np.empty((n0 * 2, n1 * 2), np.uint8)
    right = np.roll(a, -1, axis=1)
    out[0::2, 0::2] = _u8(a)
    out[0::2, 1::2] = _u8(0.5 * (a + right))
    down = np.roll(a, -1, axis=0)
    out[1::2, 0::2] = _u8(0.5 * (a + down))
    out[1::2, 1::2] = _u8(0.25 * (a + right + down + np.roll(right, -1, axis=0)))
    return out


def _worley_points(gen: np.random.Generator, n: int, jitter: float) -> np.ndarray:
    """Offsets (2, n, n), in cells, of one jittered point per cell of an n x n grid."""
    return 0.5 + (gen.random((2, n, n)) - 0.5) * jitter


def _worley_band(off: np.ndarray, size: int, r0: int, r1: int):
    """Periodic Voronoi for rows r0..r1 of a size x size image with points off.

    Returns the nearest point's id, the offset (vy, vx) from it, and the distances to the
    nearest and second-nearest points (F1, F2; F2 - F1 is small on cell borders).
    """
    n = off.shape[1]
    cell = size / n
    xs = np.arange(size, dtype=np.float32)[None, :] + 0.5
    cj = np.floor(xs / cell).astype(np.int64)
    ys = np.arange(r0, r1, dtype=np.float32)[:, None] + 0.5
    ci = np.floor(ys / cell).astype(np.int64)
    best = np.full((r1 - r0, size), np.inf, np.float32)
    second = best.copy()
    bi = np.zeros(best.shape, np.int32)
    by = np.zeros(best.shape, np.float32)
    bx = np.zeros(best.shape, np.float32)
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            gy, gx = ci + dy, cj + dx
            ny, nx = gy % n, gx % n
            vy = (ys - (gy + off[0][ny, nx]) * cell).astype(np.float32)
            vx = (xs - (gx + off[1][ny, nx]) * cell).astype(np.float32)
            d = vy * vy + vx * vx
            closer = d < best
            second = np.where(closer, best, np.minimum(second, d))
            best = np.where(closer, d, best)
            bi = np.where(closer, (ny * n + nx).astype(np.int32), bi)
            by = np.where(closer, vy, by)
            bx = np.where(closer, vx, bx)
    return bi, by, bx, np.sqrt(best), np.sqrt(second)


def _ellipse_alpha(vy, vx, a, b, angle, edge=1.3):
    """Soft-edged ellipse coverage for offsets (vy, vx) from the centre."""
    ca, sa = np.cos(angle), np.sin(angle)
    u = vx * ca + vy * sa
    v = -vx * sa + vy * ca
    rr = np.sqrt((u / a) ** 2 + (v / b) ** 2)
    return np.clip((1.0 - rr) * np.minimum(a, b) / edge, 0.0, 1.0), rr


class _Stamper:
    """Composites small soft shapes onto uint8 density canvases, wrapping at the edges."""

    def __init__(self, h: np.ndarray, e: np.ndarray, r: np.ndarray):
        self.h, self.e, self.r = h, e, r
        self.p = h.shape[0]

    def ellipse(self, cy, cx, a, b, angle, h, e, r=0.0, texture=None):
        reach = int(max(a, b) + 3)
        rows = (int(cy) + np.arange(-reach, reach + 1)) % self.p
        cols = (int(cx) + np.arange(-reach, reach + 1)) % self.p
        vy = (np.arange(-reach, reach + 1) + int(cy) - cy)[:, None].astype(np.float32)
        vx = (np.arange(-reach, reach + 1) + int(cx) - cx)[None, :].astype(np.float32)
        alpha, _ = _ellipse_alpha(vy, vx, a, b, angle)
        if texture is not None:
            alpha = alpha * texture[: alpha.shape[0], : alpha.shape[1]]
        ix = np.ix_(rows, cols)
        for arr, val in ((self.h, h), (self.e, e), (self.r, r)):
            cur = arr[ix].astype(np.float32)
            arr[ix] = np.clip(np.rint(cur * (1 - alpha) + val * OD_SCALE * alpha), 0, 255)


def _oriented_noise(gen, n: int, angles, along: float, across: float):
    """Periodic noise stretched along each angle (radians), one field at a time."""
    spectrum = np.fft.rfft2(gen.standard_normal((n, n)).astype(np.float32))
    ky = np.fft.fftfreq(n).astype(np.float32)[:, None]
    kx = np.fft.rfftfreq(n).astype(np.float32)[None, :]
    for a in angles:
        kpar = kx * np.cos(a) + ky * np.sin(a)
        kperp = -kx * np.sin(a) + ky * np.cos(a)
        filt = np.exp(-2 * np.pi ** 2 * ((kpar * along) ** 2 + (kperp * across) ** 2))
        f = np.fft.irfft2(spectrum * filt, s=(n, n)).astype(np.float32)
        yield f / f.std()


def stroma_canvas(seed: int, period: int = 4096) -> Canvas:
    """Wavy eosinophilic collagen bundles with clefts, fibroblasts, lymphocytes, capillaries."""
    n = period // 2
    g = rng(seed, "slide", "stroma")
    angles = [k * np.pi / 4 + g.uniform(-0.2, 0.2) for k in range(4)]
    logits = np.stack([smooth_noise(g, (128, 128), 7.0) for _ in angles])
    weights = np.exp(5.0 * logits)
    weights /= weights.sum(0)
    main_angle = np.asarray(angles)[np.argmax(weights, axis=0)]      # 128 x 128
    field = np.zeros((n, n), np.float32)
    for w, fibre in zip(weights, _oriented_noise(g, n, angles, along=22.0, across=2.6)):
        field += _upsample_periodic(w, n) * fibre
    field /= field.std()
    warp_y = _upsample_periodic(smooth_noise(g, (128, 128), 5.0), n) * 14.0
    warp_x = _upsample_periodic(smooth_noise(g, (128, 128), 5.0), n) * 14.0
    yy = np.arange(n, dtype=np.float32)[:, None]
    xx = np.arange(n, dtype=np.float32)[None, :]
    field = sample_periodic(field, yy + warp_y, xx + warp_x)
    del warp_y, warp_x
    e = 0.50 + 0.22 * np.tanh(1.3 * field)
    e *= 0.10 + 0.90 * _smoothstep(-1.45, -0.8, field)             # clefts between bundles
    h = 0.03 + 0.03 * _smoothstep(-1.0, 1.0, field)
    canvas = Canvas(_double_u8(h), _double_u8(e), np.zeros((period, period), np.uint8))
    del field, e, h
    st = _Stamper(canvas.h, canvas.e, canvas.r)
    area = period * period
    cell = period / main_angle.shape[0]
    for _ in range(area // (190 * 190)):                               # fibroblasts
        cy, cx = g.uniform(0, period, 2)
        ang = main_angle[int(cy / cell), int(cx / cell)] + g.normal(0, 0.15)
        st.ellipse(cy, cx, g.uniform(18, 30), g.uniform(3.5, 5.5), ang, g.uniform(0.9, 1.3), 0.25)
    for _ in range(area // (420 * 420)):                               # lymphocytes
        cy, cx = g.uniform(0, period, 2)
        rad = g.uniform(10, 13)
        st.ellipse(cy, cx, rad, rad * g.uniform(0.85, 1.0), g.uniform(0, np.pi),
                   g.uniform(1.4, 1.8), 0.15)
    for _ in range(area // (900 * 900)):                               # capillaries
        cy, cx = g.uniform(0, period, 2)
        a, b, ang = g.uniform(28, 55), g.uniform(16, 30), g.uniform(0, np.pi)
        st.ellipse(cy, cx, a + 7, b + 7, ang, 0.10, 0.85)                 # wall
        st.ellipse(cy, cx, a, b, ang, 0.0, 0.03)                          # lumen
        for _ in range(int(g.integers(2, 6))):                            # red cells
            t = g.uniform(0, 2 * np.pi)
            ry, rx = g.uniform(0, 0.6) * b * np.sin(t), g.uniform(0, 0.6) * a * np.cos(t)
            st.ellipse(cy + ry * np.cos(ang) + rx * np.sin(ang),
                       cx + rx * np.cos(ang) - ry * np.sin(ang), 9, 8, 0.0, 0.0, 0.1, 1.5)
        for k in range(3):                                                # endothelium
            t = 2 * np.pi * k / 3 + g.uniform(0, 1)
            py, px = b * np.sin(t), a * np.cos(t)
            st.ellipse(cy + px * np.sin(ang) + py * np.cos(ang),
                       cx + px * np.cos(ang) - py * np.sin(ang),
                       13, 3.5, ang + t + np.pi / 2, 1.1, 0.2)
    return canvas


def tumour_canvas(seed: int, period: int = 2048) -> Canvas:
    """Sheets of pleomorphic carcinoma cells: Voronoi cells with large vesicular nuclei."""
    g = rng(seed, "slide", "tumour")
    n = period // 52
    off = _worley_points(g, n, 0.85)
    cells = n * n
    a = g.uniform(14, 23, cells).astype(np.float32)
    b = a * g.uniform(0.65, 0.95, cells).astype(np.float32)
    ang = g.uniform(0, np.pi, cells).astype(np.float32)
    kind = g.choice(4, cells, p=[0.10, 0.47, 0.424, 0.006])     # none, vesicular, dark, mitosis
    tone = g.uniform(0.85, 1.15, cells).astype(np.float32)
    nuc_off = g.uniform(-5, 5, (2, cells)).astype(np.float32)
    chrom_all = smooth_noise(g, (period, period), 1.4)
    texture_all = smooth_noise(g, (period, period), 6.0)
    out_h = np.empty((period, period), np.uint8)
    out_e = np.empty((period, period), np.uint8)
    for r0 in range(0, period, 256):
        rows = slice(r0, min(period, r0 + 256))
        idx, vy, vx, f1, f2 = _worley_band(off, period, rows.start, rows.stop)
        chrom, texture = chrom_all[rows], texture_all[rows]
        alpha, rr = _ellipse_alpha(vy, vx, a[idx], b[idx], ang[idx])
        k = kind[idx]
        alpha[k == 0] = 0.0
        mitosis = k == 3
        spiky = (1.0 + 0.22 * np.cos(3 * np.arctan2(vy, vx)) + 0.3 * chrom) * 10.0
        alpha[mitosis] = np.clip((spiky[mitosis] - f1[mitosis]) / 1.3, 0, 1)
        nuc_h = np.where(k == 2, 1.25, 0.55 + 0.75 * _smoothstep(0.62, 0.95, rr)) * tone[idx]
        nuc_h *= 0.88 + 0.16 * chrom
        nuc_h[mitosis] = 1.9
        nucleolus = (k == 1) & (np.hypot(vy - nuc_off[0][idx], vx - nuc_off[1][idx]) < 2.8)
        nuc_h[nucleolus] = 1.3
        membrane = _smoothstep(3.0, 0.8, f2 - f1)
        cyto_e = 0.30 + 0.05 * texture + 0.07 * membrane
        cyto_h = 0.14 + 0.03 * texture + 0.02 * membrane
        out_h[rows] = _u8(cyto_h * (1 - alpha) + nuc_h * alpha)
        out_e[rows] = _u8(cyto_e * (1 - alpha) + (0.18 + 0.25 * nucleolus) * alpha)
    return Canvas(out_h, out_e, np.zeros((period, period), np.uint8))


def fat_canvas(seed: int, period: int = 4096) -> Canvas:
    """Adipocytes: large empty polygonal cells outlined by thin pink membranes."""
    g = rng(seed, "slide", "fat")
    n = period // 2
    off = _worley_points(g, max(2, n // 120), 0.9)
    gap = np.empty((n, n), np.float32)
    for r0 in range(0, n, 256):
        _, _, _, f1, f2 = _worley_band(off, n, r0, min(n, r0 + 256))
        gap[r0:r0 + f1.shape[0]] = f2 - f1
    yy = np.arange(n, dtype=np.float32)[:, None]
    xx = np.arange(n, dtype=np.float32)[None, :]
    wy = _upsample_periodic(smooth_noise(g, (128, 128), 3.0), n) * 7.0
    wx = _upsample_periodic(smooth_noise(g, (128, 128), 3.0), n) * 7.0
    gap = sample_periodic(gap, yy + wy, xx + wx)
    del wy, wx
    membrane = _smoothstep(2.2, 0.4, gap)
    canvas = Canvas(_double_u8(0.005 + 0.06 * membrane), _double_u8(0.015 + 0.75 * membrane),
                    np.zeros((period, period), np.uint8))
    st = _Stamper(canvas.h, canvas.e, canvas.r)
    for _ in range(period * period // (700 * 700)):                    # flattened nuclei
        cy, cx = g.uniform(0, period, 2)
        st.ellipse(cy, cx, 14, 3.2, g.uniform(0, np.pi), 1.0, 0.2)
    return canvas


def fine_noise(seed: int, period: int = 1024) -> np.ndarray:
    """Small-scale periodic noise: ragged tissue edges and clumps of blood in lumina."""
    return smooth_noise(rng(seed, "slide", "fine"), (period, period), 9.0)
