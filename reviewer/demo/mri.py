"""Synthetic MR phantoms: lumbar spine (T2) and brain (FLAIR), as uint16 slices.

Each phantom is a function of patient coordinates (LPS mm), sampled on each slice's grid,
so the sagittal and axial spine series agree with each other and with their headers.
The spine has a left paracentral L4-L5 disc herniation; the brain has periventricular,
juxtacortical and infratentorial white-matter lesions.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .fields import blur121, sample_periodic, smooth_noise
from .geometry import AXIAL, SAGITTAL, SliceGeometry, stack
from .ids import rng

# Lumbar levels, superior to inferior: (name, top z, bottom z) of each vertebral body (mm).
VERTEBRAE = (("T11", 150, 126), ("T12", 118, 93), ("L1", 84, 58), ("L2", 48, 21),
             ("L3", 11, -17), ("L4", -27, -55), ("L5", -62, -89))
SACRUM_TOP = -97.0
HERNIATION = (8.0, -58.5)            # x (patient left > 0) and z of the L4-L5 herniation
_NOISE_MM = 2.5
_NOISE_N = 96


@dataclass(frozen=True)
class MrSlice:
    geometry: SliceGeometry
    pixels: np.ndarray               # uint16


def _r2(x, y, z, c, s):
    """Normalised squared radius in an axis-aligned ellipsoid (centre c, semi-axes s)."""
    return ((x - c[0]) / s[0]) ** 2 + ((y - c[1]) / s[1]) ** 2 + ((z - c[2]) / s[2]) ** 2


def _smoothstep(a, b, v):
    u = np.clip((v - a) / (b - a), 0.0, 1.0)
    return u * u * (3 - 2 * u)


def _noise3(field, x, y, z):
    return sample_periodic(field, z / _NOISE_MM, y / _NOISE_MM, x / _NOISE_MM)


def _finish(seed, tag, img, sigma, scale=1.0):
    """Rician noise and quantisation."""
    g = rng(seed, "mr-noise", *tag)
    img = blur121(img, 1)
    re = img + g.normal(0, sigma, img.shape)
    im = g.normal(0, sigma, img.shape)
    return np.clip(np.hypot(re, im) * scale, 0, 4095).astype(np.uint16)


# ---------------------------------------------------------------- lumbar spine, T2 FSE

# cauda equina roots: (x, u) in mm inside the thecal sac, mostly in its dorsal half
_ROOTS = ((-4.6, 9.6), (-2.1, 11.8), (0.4, 10.4), (2.8, 12.1), (4.9, 9.2), (-6.0, 7.4),
          (6.3, 7.0), (-1.2, 13.2), (1.9, 8.6), (-3.4, 6.2))


def _canal_y(z):
    """y of the posterior vertebral body wall: lordosis with its apex at L3, sacrum tilted."""
    y = 15.0 + 0.0006 * (z + 3.0) ** 2
    return y + np.where(z < SACRUM_TOP, (SACRUM_TOP - z) * 0.7, 0.0)


def spine_t2(x, y, z, marrow, fatty):
    """T2 signal of the lumbar phantom at patient points (arrays of one shape)."""
    u = y - _canal_y(z)                                   # > 0 posterior of the bodies
    img = np.zeros(x.shape, np.float32)
    trunk = ((x / 165.0) ** 2 + ((u + 50.0) / 125.0) ** 2) < 1
    img[trunk] = 560.0 + 30.0 * marrow[trunk]            # retroperitoneal / visceral fat
    bowel = trunk & (u < -75) & (fatty > 0.5)
    img[bowel] = np.where(marrow[bowel] > 1.5, 700.0, 430.0 + 30.0 * marrow[bowel])
    skin = trunk & (((x / 162.0) ** 2 + ((u + 50.0) / 122.0) ** 2) > 1)
    img[skin] = 260.0
    # muscles: paraspinal behind, psoas beside the bodies (growing caudally)
    para = trunk & (u > 14) & (u < 68) & (np.abs(x) < 58) & \
        (((np.abs(x) - 28) / 30) ** 2 + ((u - 40) / 30) ** 2 < 1)
    img[para] = np.where(np.abs(fatty[para]) < 0.035, 430.0, 175.0 + 12.0 * marrow[para])
    psoas_r = np.clip((20.0 - z) / 110.0, 0.0, 1.0) * 24.0 + 1e-3
    psoas = ((np.abs(x) - 38.0) / psoas_r) ** 2 + ((u + 22.0) / (psoas_r * 0.9)) ** 2 < 1
    img[psoas] = 175.0
    # great vessels (flow voids) in front of the spine; aortic bifurcation at L4
    aorta = (z > -40) & (((x - 14) / 10.5) ** 2 + ((u + 48) / 10.5) ** 2 < 1)
    ivc = (((x + 18) / 12.0) ** 2 + ((u + 46) / 9.0) ** 2 < 1)
    iliac = (z <= -40) & ((((np.abs(x) - 14 - (-40 - z) * 0.35) / 7.0) ** 2
                           + ((u + 45) / 7.0) ** 2) < 1)
    img[aorta | ivc | iliac] = 40.0

    # vertebral bodies and discs
    outline = (x / 24.0) ** 2 + ((u + 19.5) / 19.5) ** 2
    for i, (name, top, bottom) in enumerate(VERTEBRAE):
        inbody = (z <= top) & (z >= bottom) & (outline < 1) & (u < 0.5)
        img[inbody] = 390.0 + 70.0 * marrow[inbody]
        rim = inbody & ((outline > 0.86) | (z > top - 1.6) | (z < bottom + 1.6))
        img[rim] = 70.0                                    # cortex and end plates
        disc_top = bottom
        disc_bottom = VERTEBRAE[i + 1][1] if i + 1 < len(VERTEBRAE) else SACRUM_TOP
        mid, half = (disc_top + disc_bottom) / 2, (disc_top - disc_bottom) / 2
        degenerate = name in ("L4", "L5")
        indisc = (z < disc_top) & (z > disc_bottom) & (outline < 1.12) & (u < 1.8)
        img[indisc] = 120.0                                # annulus
        nucleus = indisc & ((x / 14.0) ** 2 + ((u + 18.0) / 11.0) ** 2
                            + ((z - mid) / (half * 0.62)) ** 2 < 1)
        img[nucleus] = 260.0 if degenerate else 820.0
        # posterior elements of this vertebra: pedicles, lamina, spinous process, facets
        zc = (top + bottom) / 2
        ped = (z < top - 2) & (z > zc - 4) & (np.abs(np.abs(x) - 16.5) < 4.5) & (u > -1) & (u < 13)
        lam = (z < top - 4) & (z > bottom - 6) & (u > 13) & (u < 21) & (np.abs(x) < 17)
        spin = (z < zc + 9 - (u - 20) * 0.25) & (z > bottom - 8 - (u - 20) * 0.25) & \
            (u >= 17) & (u < 58) & (np.abs(x) < 4.5)
        facet = (z < top + 2) & (z > bottom - 9) & (np.abs(np.abs(x) - 19) < 6) & (u > 10) & (u < 24)
        bone = ped | lam | spin | facet
        img[bone] = 360.0 + 60.0 * marrow[bone]
        joint = facet & (np.abs(np.abs(x) - 19 + (u - 17) * 0.3) < 0.8)
        img[joint] = 700.0                                 # facet joint fluid
    sac = (z < SACRUM_TOP) & (outline < 1) & (u < 0.5)
    img[sac] = 400.0 + 70.0 * marrow[sac]
    img[sac & (z > SACRUM_TOP - 1.6)] = 70.0
    for top in (-105.0, -118.0):                           # rudimentary sacral discs
        img[sac & (np.abs(z - top) < 1.2)] = 140.0

    # spinal canal: epidural fat, ligamentum flavum, thecal sac, cord/conus, cauda equina
    canal = ((x / 12.0) ** 2 + ((u - 8.5) / 8.0) ** 2 < 1) & (z > -125)
    img[canal] = 560.0
    img[canal & (u > 14.5)] = 110.0
    sac_r = np.where(z > -112, 1.0, np.clip((z + 125) / 13.0, 0.0, 1.0))
    thecal = ((x / (9.0 * sac_r + 1e-3)) ** 2 + ((u - 8.0) / (6.6 * sac_r + 1e-3)) ** 2 < 1)
    img[thecal] = 1000.0
    cord_r = np.clip((z - 52.0) / 18.0, 0.0, 1.0)
    cord = (x / (4.5 * cord_r + 1e-3)) ** 2 + ((u - 7.5) / (3.8 * cord_r + 1e-3)) ** 2 < 1
    img[cord & thecal] = 330.0
    for rx, ru in _ROOTS:                                  # cauda equina, layered dorsally
        root = ((x - rx) ** 2 + (u - ru) ** 2 < 0.45) & (z < 56) & thecal
        img[root] = 320.0
    # L4-L5 left paracentral herniation indenting the thecal sac
    hx, hz = HERNIATION
    hern = ((x - hx) / 7.5) ** 2 + ((u - 1.5) / 6.0) ** 2 + ((z - hz) / 5.5) ** 2 < 1
    img[hern & (u > -2)] = 150.0

    subcut = trunk & (u > 68)
    img[subcut & ~skin] = 640.0 + 60.0 * fatty[subcut & ~skin]
    # receive-coil sensitivity: the spine array lies under the back
    back = _canal_y(z) + 75.0
    return img * np.exp(-(back - y) / 260.0)


def _spine_noise(seed):
    shape = (_NOISE_N,) * 3
    return (smooth_noise(rng(seed, "spine", "marrow"), shape, 1.2),
            smooth_noise(rng(seed, "spine", "fatty"), shape, 2.0))


def _spine_slices(seed, geometries, tag):
    marrow_f, fatty_f = _spine_noise(seed)
    out = []
    for i, geo in enumerate(geometries):
        x, y, z = geo.grid()
        img = spine_t2(x, y, z, _noise3(marrow_f, x, y, z), _noise3(fatty_f, x, y, z))
        out.append(MrSlice(geo, _finish(seed, (tag, i), img, 14.0)))
    return out


def lumbar_sagittal_t2(seed: int) -> list[MrSlice]:
    """15 sagittal slices, 320 x 320 at 0.9 mm, 4 mm apart, right to left."""
    n, spacing, size = 15, 0.9, 320
    half = (size - 1) / 2 * spacing
    geos = stack((-28.0, -half + 10.0, half - 20.0), (4.0, 0.0, 0.0), n, SAGITTAL,
                 size, size, spacing, 4.0)
    return _spine_slices(seed, geos, "sag")


def lumbar_axial_t2(seed: int) -> list[MrSlice]:
    """24 axial slices, 256 x 256 at 0.78 mm, 4 mm apart, from L3-L4 down to S1."""
    n, spacing, size = 24, 0.78125, 256
    half = (size - 1) / 2 * spacing
    geos = stack((-half, 25.0 - half, -10.0), (0.0, 0.0, -4.0), n, AXIAL,
                 size, size, spacing, 4.0)
    return _spine_slices(seed, geos, "ax")


# ---------------------------------------------------------------- brain, FLAIR

# (centre x, y, z), (semi-axes), rotation about z (deg): ovoid lesions, long axis radial
LESIONS = (
    ((17, -8, 34), (6.5, 3.0, 3.5), 0), ((-18, 4, 36), (7.0, 3.2, 3.8), 0),
    ((16, 22, 32), (6.0, 3.0, 3.0), 20), ((-15, -22, 30), (5.0, 3.0, 3.5), -25),
    ((-19, 32, 28), (5.5, 3.5, 3.0), 30), ((13, 2, 46), (4.5, 3.0, 5.5), 0),
    ((-12, 12, 47), (4.0, 3.0, 5.0), 0), ((20, 40, 24), (4.5, 3.0, 3.0), 35),
    ((52, -18, 44), (3.0, 2.5, 3.0), 0), ((-47, 20, 58), (3.0, 2.5, 3.0), 0),
    ((0, -10, 27), (3.0, 6.0, 2.2), 0), ((7, 27, -8), (3.5, 3.0, 3.5), 0),
)


# The prior study (six months earlier) shows the older lesions only: the new ones on the current
# study are what a neurologist compares for dissemination in time.
PRIOR_LESIONS = LESIONS[:4] + LESIONS[5:8] + LESIONS[9:]


def brain_flair(x, y, z, sulci, texture, lesions=LESIONS):
    """FLAIR signal of the brain phantom at patient points."""
    img = np.zeros(x.shape, np.float32)
    head = _r2(x, y, z, (0, 8, 30), (78, 100, 92)) < 1
    img[head] = 470.0                                       # scalp fat / soft tissue
    skull = _r2(x, y, z, (0, 8, 30), (73, 95, 87)) < 1
    img[skull] = 35.0
    diploe = _r2(x, y, z, (0, 8, 30), (70.5, 92.5, 84.5)) < 1
    img[diploe] = 200.0 + 40.0 * texture[diploe]
    img[_r2(x, y, z, (0, 8, 30), (68.5, 90.5, 82.5)) < 1] = 35.0
    csf_space = _r2(x, y, z, (0, 8, 30), (67, 89, 81)) < 1
    img[csf_space] = 55.0
    # orbits (globes dark on FLAIR, surrounded by fat) and skull base
    for side in (-1, 1):
        img[_r2(x, y, z, (30 * side, -58, -16), (16, 17, 13)) < 1] = 480.0
        img[_r2(x, y, z, (30 * side, -62, -16), (11.5, 11.5, 11.5)) < 1] = 35.0
    # cerebrum (cut flat below the temporal lobes), cerebellum, brainstem
    cerebrum = (_r2(x, y, z, (0, 10, 30), (64, 86, 74)) < 1) & (z > -8 + 0.08 * np.abs(y - 10))
    temporal = (np.abs(x) > 22) & (_r2(np.abs(x), y, z, (44, -5, -2), (22, 34, 20)) < 1)
    cerebellum = (_r2(x, y, z, (0, 55, -16), (50, 32, 22)) < 1) & (z < 2)
    stem = ((x / 13.0) ** 2 + ((y - 22) / 12.0) ** 2 < 1) & (z < 16) & (z > -35)
    brain = csf_space & (cerebrum | temporal | cerebellum | stem)
    # depth below the brain surface, estimated from the ellipsoid radius
    depth = (1.0 - np.sqrt(_r2(x, y, z, (0, 10, 30), (64, 86, 74)))) * 70.0
    depth = np.where(temporal & ~cerebrum, 20.0, depth)
    gm = brain & ((depth < 3.0) | ((np.abs(sulci) < 0.32) & (depth < 17)))
    sulcus = brain & (np.abs(sulci) < 0.07) & (depth < 15)
    img[brain] = 330.0 + 12.0 * texture[brain]               # white matter
    img[gm] = 420.0 + 10.0 * texture[gm]                     # cortex
    img[cerebellum & brain] = np.where(np.abs(np.sin(sulci[cerebellum & brain] * 9)) < 0.35,
                                       420.0, 360.0)
    img[stem & brain] = 345.0
    img[sulcus & ~(cerebellum | stem)] = 55.0
    # deep grey nuclei
    for side in (-1, 1):
        img[_r2(x, y, z, (13 * side, 18, 20), (9, 12, 9)) < 1] = 395.0     # thalamus
        img[_r2(x, y, z, (20 * side, -4, 22), (6, 13, 10)) < 1] = 400.0    # putamen
        img[_r2(x, y, z, (11 * side, -16, 30), (5, 9, 9)) < 1] = 400.0     # caudate head
    # ventricles (CSF dark)
    vent = np.zeros(x.shape, bool)
    for side in (-1, 1):
        vent |= _r2(x, y, z, (8.5 * side, 6, 35), (7.0, 30, 7.5)) < 1      # bodies
        vent |= _r2(x, y, z, (9.0 * side, -20, 29), (7.5, 11, 9)) < 1      # frontal horns
        vent |= _r2(x, y, z, (17 * side, 38, 26), (5, 14, 6)) < 1          # atria / occipital
        vent |= _r2(x, y, z, (30 * side, 8, 4), (3, 14, 4)) < 1            # temporal horns
    vent |= _r2(x, y, z, (0, 6, 18), (2, 12, 7)) < 1                        # third ventricle
    vent |= _r2(x, y, z, (0, 40, -12), (6, 4, 7)) < 1                       # fourth ventricle
    img[vent & brain] = 45.0
    # demyelinating lesions, bright
    for c, s, ang in lesions:
        a = np.deg2rad(ang)
        dx, dy = x - c[0], y - c[1]
        u = dx * np.cos(a) + dy * np.sin(a)
        v = -dx * np.sin(a) + dy * np.cos(a)
        r2 = (u / s[0]) ** 2 + (v / s[1]) ** 2 + ((z - c[2]) / s[2]) ** 2
        m = (r2 < 1) & brain & ~vent
        img[m] = 700.0 + 80.0 * (1 - r2[m])
    # a thin rim of periventricular signal (normal "capping") at the frontal horns
    cap = brain & ~vent & (_r2(np.abs(x), y, z, (9.0, -20, 29), (10, 13.5, 11)) < 1)
    img[cap] = np.maximum(img[cap], 470.0)
    bias = 1.0 + 0.08 * (z - 30) / 80.0 - 0.05 * (y / 100.0)
    return img * bias


def brain_flair_axial(seed: int, *, lesions=LESIONS, z_first: float = -32.0, tag: str = "flair") -> list[MrSlice]:
    """28 axial FLAIR slices, 256 x 256 at 0.9 mm, 5 mm apart, from skull base upwards.

    ``z_first`` moves the stack (a prior study positioned a little differently); ``tag`` keeps its
    noise its own."""
    n, spacing, size = 28, 0.9, 256
    half = (size - 1) / 2 * spacing
    geos = stack((-half, 8.0 - half, z_first), (0.0, 0.0, 5.0), n, AXIAL, size, size, spacing, 5.0)
    shape = (_NOISE_N,) * 3
    sulci_f = smooth_noise(rng(seed, "brain", "sulci"), shape, 1.6)
    texture_f = smooth_noise(rng(seed, "brain", "texture"), shape, 1.0)
    out = []
    for i, geo in enumerate(geos):
        x, y, z = geo.grid()
        img = brain_flair(x, y, z, _noise3(sulci_f, x, y, z), _noise3(texture_f, x, y, z), lesions)
        out.append(MrSlice(geo, _finish(seed, (tag, i), img, 12.0)))
    return out
