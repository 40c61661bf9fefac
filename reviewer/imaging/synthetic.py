"""Synthetic DICOM built in code: a CT slice whose header is shaped like a scanner's.

Used by `reviewer bench` (series loading is measured on realistic headers, not minimal ones) and by
the tests. No patient data: the identity is obviously synthetic.
"""
from __future__ import annotations

import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2"


def ct_dataset(index: int, pixels: np.ndarray, *, series_uid: str, study_uid: str, frame_uid: str,
               position=(0.0, 0.0, 0.0), orientation=(1, 0, 0, 0, 1, 0), spacing=(0.7, 0.7),
               slope: float = 1.0, intercept: float = -1024.0, bits_stored: int = 12,
               signed: bool = False, syntax=ExplicitVRLittleEndian) -> Dataset:
    """One CT slice with a header shaped like a scanner's (about 120 elements, a sequence, private tags)."""
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = CT_IMAGE
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = syntax
    meta.ImplementationClassUID = "1.2.826.0.1.3680043.8.498.1"
    ds = Dataset()
    ds.file_meta = meta
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
    ds.SOPClassUID = CT_IMAGE
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyDate = ds.SeriesDate = ds.AcquisitionDate = ds.ContentDate = "20240102"
    ds.StudyTime = ds.SeriesTime = "101010"
    ds.AcquisitionTime = ds.ContentTime = f"1010{index % 60:02d}.{index:06d}"
    ds.AccessionNumber = "A123456"
    ds.Modality = "CT"
    ds.Manufacturer = "Synthetic"
    ds.InstitutionName = "Test Hospital"
    ds.ReferringPhysicianName = "Referrer^Test"
    ds.StationName = "CT01"
    ds.StudyDescription = "CT CHEST"
    ds.SeriesDescription = "Chest 2.5 mm"
    ds.ManufacturerModelName = "Model"
    ds.PatientName = "Synthetic^Patient"
    ds.PatientID = "SYN0001"
    ds.PatientBirthDate = "19700101"
    ds.PatientSex = "O"
    ds.BodyPartExamined = "CHEST"
    ds.SliceThickness = "2.5"
    ds.KVP = "120"
    ds.DataCollectionDiameter = "500"
    ds.SoftwareVersions = "1.0"
    ds.ReconstructionDiameter = "360"
    ds.DistanceSourceToDetector = "1040"
    ds.DistanceSourceToPatient = "570"
    ds.GantryDetectorTilt = "0"
    ds.TableHeight = "150"
    ds.RotationDirection = "CW"
    ds.ExposureTime = "500"
    ds.XRayTubeCurrent = "200"
    ds.Exposure = "100"
    ds.FilterType = "BODY"
    ds.GeneratorPower = "24"
    ds.FocalSpots = "1.2"
    ds.ConvolutionKernel = "B30f"
    ds.PatientPosition = "HFS"
    ds.StudyInstanceUID = study_uid
    ds.SeriesInstanceUID = series_uid
    ds.StudyID = "1"
    ds.SeriesNumber = "3"
    ds.AcquisitionNumber = "1"
    ds.InstanceNumber = str(index + 1)
    ds.ImagePositionPatient = [f"{v:.6g}" for v in position]
    ds.ImageOrientationPatient = [f"{v:.6g}" for v in orientation]
    ds.FrameOfReferenceUID = frame_uid
    ds.PositionReferenceIndicator = ""
    ds.SliceLocation = f"{position[2]:.6g}"
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows, ds.Columns = pixels.shape
    ds.PixelSpacing = [f"{v:.6g}" for v in spacing]
    ds.BitsAllocated = 16
    ds.BitsStored = bits_stored
    ds.HighBit = bits_stored - 1
    ds.PixelRepresentation = int(signed)
    ds.WindowCenter = "40"
    ds.WindowWidth = "400"
    ds.RescaleIntercept = f"{intercept:g}"
    ds.RescaleSlope = f"{slope:g}"
    ds.RescaleType = "HU"
    ref = Dataset()
    ref.ReferencedSOPClassUID = CT_IMAGE
    ref.ReferencedSOPInstanceUID = generate_uid()
    ds.ReferencedImageSequence = Sequence([ref])
    ds.add_new(0x00290010, "LO", "SYNTHETIC PRIVATE")
    ds.add_new(0x00291010, "OB", bytes(range(256)) * 8)
    ds.add_new(0x00291011, "LO", "private value")
    ds.PixelData = np.ascontiguousarray(pixels, dtype=np.int16 if signed else np.uint16).tobytes()
    ds["PixelData"].VR = "OW"
    return ds
