"""The text a radiologist expects in the viewport corners, built from the volume and the case."""
from __future__ import annotations

from reviewer.i18n import QT_TRANSLATE_NOOP, LocalDate, Text

from dataclasses import dataclass

import numpy as np

from reviewer.model import Patient


_SEXES = {"female": QT_TRANSLATE_NOOP("Overlay", "female"), "male": QT_TRANSLATE_NOOP("Overlay", "male"),
          "other": QT_TRANSLATE_NOOP("Overlay", "other"), "unknown": QT_TRANSLATE_NOOP("Overlay", "unknown")}


@dataclass(frozen=True)
class OverlayText:
    top_left: tuple[str, ...]
    top_right: tuple[str, ...]
    positions: tuple[float, ...]          # each slice's position along the slice normal (mm)
    thickness: float                      # spacing between slices (mm)
    warnings: tuple[str, ...]

    def slice_lines(self, index: int) -> list[str]:
        if not self.positions:
            return []
        return [Text(QT_TRANSLATE_NOOP("Overlay", "Location {mm} mm"), mm=f"{self.positions[index]:.1f}"),
                Text(QT_TRANSLATE_NOOP("Overlay", "Spacing {mm} mm"), mm=f"{self.thickness:.2f}")]


def overlay_text(volume, patient: Patient, study_description: str = "") -> OverlayText:
    stack, g = volume.stack, volume.geometry
    born = LocalDate(patient.birth_date) if patient.birth_date else "—"     # in the user's date order
    top_left = (patient.name, f"MRN {patient.mrn or '—'}",
                Text(QT_TRANSLATE_NOOP("Overlay", "Born {date}  {sex}"), date=born,
                     sex=_SEXES.get(patient.sex, patient.sex)) if patient.sex else
                Text(QT_TRANSLATE_NOOP("Overlay", "Born {date}"), date=born))
    top_right = tuple(x for x in (study_description, f"{stack.modality}  {stack.description}".strip(),
                                  f"{stack.columns}×{stack.rows}") if x)
    normal = np.asarray(g.direction_array[:, 2]) if g.known else None
    positions = tuple(float(np.dot(p, normal)) for p in g.positions) if normal is not None and g.positions else ()
    return OverlayText(top_left, top_right, positions, float(g.spacing[2]),
                       tuple(w.message for w in volume.warnings))
