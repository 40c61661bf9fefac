"""Synthetic contrast-enhanced chest CT (Hounsfield units), slice by slice.

Anatomy is painted back to front on each axial slice from analytic shapes and smooth 3-D
noise, so it looks like a chest in a viewer and stays coherent across slices (vessels,
ribs and the lesion are continuous in z, so MPR and 3-D views make sense). Patient
coordinates are DICOM LPS: +x to the patient's left, +y posterior, +z superior.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import numpy as np

from .fields import blur121, interp_matrix, plane, smooth_noise
from .ids import rng

ROWS = COLS = 512
PIXEL_SPACING = 0.703125          # mm, 360 mm field of view
SLICE_THICKNESS = 2.5             # mm, also the spacing
N_SLICES = 128
Z_TOP = 150.0                     # mm, the first (most superior) slice
LESION_CENTER = (116.0, -80.0)    # mm, left breast, upper outer quadrant
LESION_INDEX = 60                 # slice through the lesion centre
NODE_CENTER = (122.0, -38.0)      # mm, left axilla
NODE_INDEX = 40

_GRID_MM = 4.0                    # coarse 3-D noise sampling
_GRID = 96                        # samples per axis, periodic


@dataclass(frozen=True)
class CtSlice:
    index: int                    # 0-based, superior to inferior
    z: float                      # mm, ImagePositionPatient z
    hu: np.ndarray                # int16 Hounsfield units, ROWS x COLS


def slice_z(index: int) -> float:
    return Z_TOP - SLICE_THICKNESS * index


def origin_xy() -> tuple[float, float]:
    """ImagePositionPatient x, y of the first pixel (the image is centred on the axis)."""
    half = (COLS / 2 - 0.5) * PIXEL_SPACING
    return -half, -half


def _smoothstep(a: float, b: float, t: float) -> float:
    u = min(1.0, max(0.0, (t - a) / (b - a)))
    return u * u * (3 - 2 * u)


class _Painter:
    """Paints shapes on one slice, touching only each shape's bounding box."""

    def __init__(self, hu: np.ndarray, x: np.ndarray, y: np.ndarray):
        self.hu, self.x, self.y = hu, x, y
        self.x0, self.y0 = float(x[0, 0]), float(y[0, 0])

    def _box(self, cx, cy, reach):
        c0 = max(0, int((cx - reach - self.x0) / PIXEL_SPACING))
        c1 = min(COLS, int((cx + reach - self.x0) / PIXEL_SPACING) + 2)
        r0 = max(0, int((cy - reach - self.y0) / PIXEL_SPACING))
        r1 = min(ROWS, int((cy + reach - self.y0) / PIXEL_SPACING) + 2)
        return slice(r0, max(r0, r1)), slice(c0, max(c0, c1))

    def r2(self, cx, cy, ax, ay, angle=0.0):
        """(box, normalised squared radius inside the box)."""
        box = self._box(cx, cy, max(ax, ay))
        dx, dy = self.x[box] - cx, self.y[box] - cy
        if angle:
            a = np.deg2rad(angle)
            dx, dy = dx * np.cos(a) + dy * np.sin(a), -dx * np.sin(a) + dy * np.cos(a)
        return box, (dx / max(ax, 1e-3)) ** 2 + (dy / max(ay, 1e-3)) ** 2

    def ellipse(self, value, cx, cy, ax, ay, angle=0.0, where=None, limit=1.0):
        if ax <= 0.05 or ay <= 0.05:
            return
        box, r2 = self.r2(cx, cy, ax, ay, angle)
        m = r2 < limit
        if where is not None:
            m &= where[box]
        self.hu[box][m] = value if np.isscalar(value) else value[box][m]

    def mask(self, cx, cy, ax, ay, angle=0.0, limit=1.0):
        out = np.zeros(self.hu.shape, dtype=bool)
        if ax > 0.05 and ay > 0.05:
            box, r2 = self.r2(cx, cy, ax, ay, angle)
            out[box] = r2 < limit
        return out


@dataclass(frozen=True)
class _Fields:
    """Coarse periodic 3-D noise and the matrices that resample a plane of it."""
    gland: np.ndarray
    vessel_a: np.ndarray
    vessel_b: np.ndarray
    texture: np.ndarray
    w_rows: np.ndarray
    w_cols: np.ndarray

    def at(self, field: np.ndarray, z: float) -> np.ndarray:
        return self.w_rows @ plane(field, z / _GRID_MM) @ self.w_cols.T


def _fields(seed: int) -> _Fields:
    shape = (_GRID,) * 3
    x0, y0 = origin_xy()
    pos = np.arange(COLS) * PIXEL_SPACING
    return _Fields(
        gland=smooth_noise(rng(seed, "ct", "gland"), shape, 0.8),
        vessel_a=smooth_noise(rng(seed, "ct", "vessel-a"), shape, 1.4),
        vessel_b=smooth_noise(rng(seed, "ct", "vessel-b"), shape, 1.4),
        texture=smooth_noise(rng(seed, "ct", "texture"), shape, 1.5),
        w_rows=interp_matrix((y0 + pos) / _GRID_MM, _GRID),
        w_cols=interp_matrix((x0 + pos) / _GRID_MM, _GRID),
    )


def _profile(t: float, centre: float, half: float) -> float:
    """Relative size of a rounded structure centred at stack position centre."""
    u = (t - centre) / half
    return float(np.sqrt(1.0 - u * u)) if abs(u) < 1 else 0.0


def _z(t: float) -> float:
    return Z_TOP - SLICE_THICKNESS * (N_SLICES - 1) * t


@dataclass(frozen=True)
class _Tube:
    """A tubular structure: centre line through control points (x, y, z mm), radius, HU.

    On an axial slice its section is the union of discs from the centre-line samples within
    one radius of the slice, which gives round sections where it runs through the slice
    and elongated ones where it runs along it (the aortic arch, the pulmonary arteries).
    """
    points: tuple[tuple[float, float, float], ...]
    radius: float
    value: float
    wall: float | None = None

    def samples(self) -> np.ndarray:
        """Centre-line points about 1.5 mm apart."""
        pts = np.asarray(self.points, np.float64)
        out = []
        for a, b in zip(pts[:-1], pts[1:]):
            n = max(2, int(np.linalg.norm(b - a) / 1.5))
            out.append(a + (b - a) * np.linspace(0, 1, n, endpoint=False)[:, None])
        out.append(pts[-1:])
        return np.concatenate(out)

    def paint(self, p: "_Painter", samples: np.ndarray, z: float) -> None:
        near = samples[np.abs(samples[:, 2] - z) < self.radius]
        radii = np.sqrt(np.maximum(self.radius ** 2 - (near[:, 2] - z) ** 2, 0.0))
        layers = ((self.wall, 1.6), (self.value, 0.0)) if self.wall is not None else \
            ((self.value, 0.0),)
        for value, extra in layers:
            for (x, y, _), r in zip(near, radii):
                if r + extra > 0.3:
                    p.ellipse(value, x, y, r + extra, r + extra)


def _arch(a, d, top, rise, n=24):
    """Points of an arch from a to d (x, y), rising by rise above z=top."""
    a, d = np.asarray(a, float), np.asarray(d, float)
    pts = []
    for th in np.linspace(0, np.pi, n):
        xy = (a + d) / 2 + np.cos(th) * (a - d) / 2
        pts.append((float(xy[0]), float(xy[1]), top + rise * float(np.sin(th))))
    return pts


_TUBES = (
    # aorta: root, ascending, arch, descending
    _Tube(((-6.0, -24.0, _z(0.53)), (-9.0, -29.0, _z(0.30)),
           *_arch((-9.0, -29.0), (21.0, 26.0), _z(0.30), 18.0),
           (22.0, 28.0, _z(0.45)), (21.0, 30.0, _z(1.0) - 5)), 14.0, 245.0),
    # supra-aortic arteries
    _Tube(((-2.0, -22.0, _z(0.25)), (-12.0, -32.0, _z(0.15)), (-14.0, -34.0, Z_TOP + 5)),
          6.0, 240.0),
    _Tube(((6.0, -17.0, _z(0.25)), (14.0, -30.0, _z(0.15)), (16.0, -32.0, Z_TOP + 5)),
          4.5, 240.0),
    _Tube(((14.0, -6.0, _z(0.25)), (26.0, -16.0, _z(0.12)), (48.0, -22.0, Z_TOP + 5)),
          5.5, 240.0),
    # veins: brachiocephalic veins into the superior vena cava
    _Tube(((46.0, -40.0, Z_TOP + 5), (30.0, -44.0, _z(0.12)), (-4.0, -40.0, _z(0.17)),
           (-30.0, -24.0, _z(0.2))), 6.5, 200.0),
    _Tube(((-48.0, -34.0, Z_TOP + 5), (-32.0, -26.0, _z(0.15)), (-32.0, -22.0, _z(0.2))),
          7.0, 260.0),
    _Tube(((-32.0, -22.0, _z(0.2)), (-33.0, -21.0, _z(0.55))), 10.0, 290.0),
    # pulmonary trunk and arteries
    _Tube(((14.0, -52.0, _z(0.53)), (20.0, -40.0, _z(0.42)), (22.0, -30.0, _z(0.38))),
          12.5, 225.0),
    _Tube(((22.0, -30.0, _z(0.38)), (40.0, -16.0, _z(0.39)), (56.0, -6.0, _z(0.42))),
          9.0, 220.0),
    _Tube(((22.0, -30.0, _z(0.38)), (-10.0, -20.0, _z(0.40)), (-50.0, -8.0, _z(0.43))),
          9.0, 220.0),
    # trachea and main bronchi (air with a soft-tissue wall)
    _Tube(((0.0, -4.0, Z_TOP + 5), (0.0, -2.0, _z(0.36))), 9.0, -1000.0, wall=30.0),
    _Tube(((0.0, -2.0, _z(0.36)), (-38.0, 2.0, _z(0.44))), 6.5, -1000.0, wall=30.0),
    _Tube(((0.0, -2.0, _z(0.36)), (36.0, 4.0, _z(0.46))), 6.0, -1000.0, wall=30.0),
)


def chest_ct(seed: int) -> Iterator[CtSlice]:
    """Yield the slices of the chest CT, apex to base."""
    f = _fields(seed)
    x0, y0 = origin_xy()
    pos = (np.arange(COLS) * PIXEL_SPACING).astype(np.float32)
    x = np.broadcast_to(x0 + pos[None, :], (ROWS, COLS))
    y = np.broadcast_to(y0 + pos[:, None], (ROWS, COLS))
    spikes = rng(seed, "ct", "spikes").standard_normal((16, 3)).astype(np.float32)
    spikes[:, 2] *= 0.6
    spikes /= np.linalg.norm(spikes, axis=1, keepdims=True)
    rib_phase = rng(seed, "ct", "ribs").uniform(0, 1, 64)
    tubes = [(tube, tube.samples()) for tube in _TUBES]
    for k in range(N_SLICES):
        z = slice_z(k)
        hu = _slice(x, y, z, k / (N_SLICES - 1), f, spikes, rib_phase, tubes)
        hu = blur121(hu, 1)
        noise = rng(seed, "ct", "noise", k).standard_normal((ROWS, COLS)).astype(np.float32)
        hu += 17.0 * blur121(noise, 1)
        yield CtSlice(k, z, np.clip(np.rint(hu), -1024, 3071).astype(np.int16))


def _slice(x, y, z, t, f: _Fields, spikes, rib_phase, tubes) -> np.ndarray:
    hu = np.full(x.shape, -1000.0, dtype=np.float32)
    p = _Painter(hu, x, y)

    # Patient table under the back: a curved shell on a foam pad.
    y_table = 108.0 - 0.0012 * x ** 2
    hu[(y > y_table + 3) & (y < y_table + 7) & (np.abs(x) < 175)] = 160.0
    hu[(y > y_table - 3) & (y <= y_table + 3) & (np.abs(x) < 170)] = -880.0

    # Body: thorax plus the two breasts (supine, flattened, spread laterally).
    widen = 0.86 + 0.14 * _smoothstep(0.0, 0.3, t)
    ax, ay, cy0 = 148.0 * widen, 100.0, 4.0
    fb = max(0.0, 1.0 - ((t - 0.58) / 0.23) ** 2) ** 0.5
    p.ellipse(-100.0, 0, cy0, ax, ay)
    for side in (-1, 1):
        p.ellipse(-100.0, 80 * side, -62, 84 * fb, 50 * fb, 14 * side)
    body = hu > -500
    inner = p.mask(0, cy0, ax - 2.0, ay - 2.0)
    for side in (-1, 1):
        inner |= p.mask(80 * side, -62, 84 * fb - 2.0, 50 * fb - 2.0, 14 * side)
    hu[body & ~inner] = 35.0                                      # skin
    thorax = p.mask(0, cy0, ax - 1, ay - 1)

    # Fibroglandular tissue: strands in fat, denser behind the nipple.
    gland = f.at(f.gland, z)
    for side in (-1, 1):
        if fb <= 0.05:
            continue
        box, r2 = p.r2(80 * side, -72, 74 * fb, 40 * fb, 14 * side)
        g = gland[box]
        m = (r2 < 0.85) & ((g > 0.3 + 1.3 * r2) | (np.abs(g) < 0.08 - 0.1 * r2)) & ~thorax[box]
        hu[box][m] = 18.0 + 14.0 * np.clip(gland[box][m], 0, 1.5)

    # Chest wall: muscle layer (pectoralis in front, serratus/latissimus at the sides).
    tex = f.at(f.texture, z)
    hu[p.mask(0, cy0 + 3, ax - 15, ay - 12)] = 50.0
    hu[p.mask(0, cy0 + 3, ax - 22, ay - 18) & (y < -30)] = -80.0   # fat under pectoralis
    hu[p.mask(0, cy0 + 3, ax - 25, ay - 20)] = 50.0
    if t < 0.5:
        for side in (-1, 1):                                       # scapula in its muscles
            p.ellipse(48.0, 84 * side, 70, 42, 12, -26 * side, where=thorax)
            p.ellipse(620.0, 84 * side, 72, 31, 3.2, -26 * side)

    # Axillary lymph node (left), with a fatty hilum.
    node_dz = (z - slice_z(NODE_INDEX)) / 8.0
    if abs(node_dz) < 1:
        s = (1 - node_dz ** 2) ** 0.5
        p.ellipse(40.0, *NODE_CENTER, 8.5 * s, 6.0 * s, 30)
        p.ellipse(-70.0, NODE_CENTER[0] + 3, NODE_CENTER[1] - 2, 2.6 * s, 1.7 * s, 30)

    # Ribs on the cage ellipse; costal cartilage in front; sternum.
    cage_ax, cage_ay = ax - 27, ay - 21
    for i, phi_deg in enumerate(np.r_[np.arange(-66, 70, 12.0), np.arange(114, 250, 12.0)]):
        phi = np.deg2rad(phi_deg)
        cx, cy = cage_ax * np.cos(phi), cy0 + cage_ay * np.sin(phi)
        anterior = max(0.0, -np.sin(phi))
        phase = (z + 55.0 * anterior) / 23.0 + rib_phase[i] * 0.12
        if (phase % 1.0) > 0.6:
            continue
        tangent = np.rad2deg(np.arctan2(cage_ay * np.cos(phi), -cage_ax * np.sin(phi)))
        if anterior > 0.8:
            p.ellipse(150.0, cx, cy, 9.0, 5.0, tangent)            # costal cartilage
            continue
        p.ellipse(800.0, cx, cy, 8.5, 5.0, tangent)
        p.ellipse(260.0, cx, cy, 6.4, 2.9, tangent)
    if 0.06 < t < 0.8:
        p.ellipse(700.0, 0, -86, 17 - 4 * (t < 0.2), 7.5)
        p.ellipse(240.0, 0, -86, 14.5 - 4 * (t < 0.2), 5.0)

    # Thoracic cavity: lungs are what the mediastinum, spine and upper abdomen leave.
    s = 0.45 + 0.55 * _smoothstep(0.0, 0.28, t)
    cav = p.mask(0, cy0 + 3 + (1 - s) * 30, (ax - 32) * s, (ay - 24) * (0.5 + 0.5 * s))
    cav &= ~p.mask(0, 48, 25, 26)
    h = max(0.0, np.sin(np.pi * (t - 0.42) / 0.47)) ** 0.6 if 0.42 < t < 0.89 else 0.0
    heart = p.mask(16, -24, 63 * h, 48 * h, -32)
    med = p.mask(4, -30, 22 + 10 * t + 18 * (1 - _smoothstep(0.0, 0.25, t)), 58)
    lg = _smoothstep(0.74, 1.0, t)
    liver = p.mask(-48, 12, 100 * lg, 86 * lg) & (x < 28)
    sg = _smoothstep(0.84, 1.0, t)
    spleen = p.mask(72, 44, 34 * sg, 24 * sg, -30)
    stomach = p.mask(46, -14, 46 * sg, 34 * sg)
    lung = cav & ~heart & ~med & ~liver & ~spleen & ~stomach
    hu[cav] = -85.0                                               # mediastinal fat
    hu[lung] = -870.0 + 0.3 * (y[lung] + 60)                      # dependent density
    va, vb = f.at(f.vessel_a, z), f.at(f.vessel_b, z)
    hilum = np.minimum(np.hypot(x + 42, y + 2), np.hypot(x - 42, y + 2))
    width = 0.07 + 0.22 * np.exp(-hilum / 45.0)
    vessel = lung & (np.abs(va) < width) & (np.abs(vb) < width)
    hu[vessel] = 150.0 + 40.0 * np.exp(-hilum[vessel] / 40.0)
    hu[liver & cav] = 102.0 + 6.0 * tex[liver & cav]
    hu[liver & cav & (np.abs(va) < 0.06) & (np.abs(vb) < 0.15)] = 160.0
    hu[spleen & cav] = 115.0
    st = stomach & cav
    hu[st] = np.where(y[st] < -14 - 22 * sg, -1000.0, 15.0)

    # Heart (chambers opacified; each chamber fades in and out smoothly along z).
    if h > 0:
        p.ellipse(-90.0, 16, -24, 63 * h, 48 * h, -32)             # epicardial fat
        p.ellipse(105.0, 16, -24, 58 * h, 44 * h, -32)             # myocardium
        la, ra = _profile(t, 0.56, 0.11), _profile(t, 0.70, 0.13)
        rv, lv = _profile(t, 0.68, 0.18), _profile(t, 0.68, 0.17)
        p.ellipse(225.0, 12, 2, 28 * la, 14 * la)                  # left atrium
        p.ellipse(195.0, -34, -18, 20 * ra, 22 * ra)               # right atrium
        p.ellipse(215.0, -6, -46, 30 * rv, 13 * rv, -22)           # right ventricle
        p.ellipse(235.0, 30, -20, 24 * lv, 16 * lv, -32)           # left ventricle
    # Great vessels and airways as tubes along 3-D centre lines.
    for tube, samples in tubes:
        tube.paint(p, samples, z)
    p.ellipse(38.0, 4, 16, 8, 6)
    p.ellipse(-900.0, 4, 16, 2.2, 1.6)                             # oesophagus

    # Spine: vertebral body (or disc), arch, canal and cord; paraspinal muscles.
    for side in (-1, 1):
        p.ellipse(52.0, 30 * side, 86, 22, 16, 12 * side)
        p.ellipse(-80.0, 30 * side, 86, 22, 16, 12 * side, limit=1.0,
                  where=np.abs(tex) < 0.04)
    if ((z + 7.0) / 27.0) % 1.0 < 0.2:
        p.ellipse(85.0, 0, 46, 18.5, 16.5)                         # disc
    else:
        p.ellipse(760.0, 0, 46, 18, 16)
        p.ellipse(220.0 + 30.0 * tex, 0, 46, 16, 14)               # cancellous bone
    p.ellipse(620.0, 0, 72, 14, 12)
    p.ellipse(620.0, 0, 90, 4.5, 14)                               # spinous process
    for side in (-1, 1):
        p.ellipse(600.0, 26 * side, 68, 14, 4.5, -12 * side)       # transverse process
    p.ellipse(8.0, 0, 72, 9.5, 8)                                  # CSF
    p.ellipse(35.0, 0, 71, 5, 4)                                   # cord

    # The lesion: irregular enhancing mass in the left breast with spicules.
    dz = z - slice_z(LESION_INDEX)
    if abs(dz) < 24:
        box, _ = p.r2(LESION_CENTER[0], LESION_CENTER[1], 32, 32)
        d = np.stack([x[box] - LESION_CENTER[0], y[box] - LESION_CENTER[1],
                      np.full(x[box].shape, dz, np.float32)], axis=-1)
        r = np.sqrt((d ** 2).sum(-1)) + 1e-3
        cos = np.clip((d / r[..., None]) @ spikes.T, 0.0, 1.0)
        radius = 9.0 * (1.0 + 0.08 * (cos ** 4).sum(-1) + 1.5 * np.minimum((cos ** 150).sum(-1), 1.2))
        m = (r < radius) & body[box]
        hu[box][m] = 100.0 + 15.0 * np.clip(gland[box][m], -1, 1) - 25.0 * (r[m] < 4)
    return hu
