"""Turns a generated image series into DICOM files plus its ImagingStudy description."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import numpy as np

from .bundle import SeriesInfo
from .dicom_series import DicomPatient, DicomSeries, DicomStudy, write_series
from .geometry import SliceGeometry


def write_dicom_series(folder: Path, seed: int, patient: DicomPatient, study: DicomStudy,
                       series: DicomSeries, body_site: tuple[str, str, str],
                       slices: Iterable[tuple[SliceGeometry, np.ndarray]]) -> SeriesInfo:
    written = write_series(folder, seed, patient, study, series, slices)
    return SeriesInfo(series.uid, series.number, series.modality, series.description,
                      body_site, series.sop_class_uid,
                      tuple((w.sop_instance_uid, w.number) for w in written))
