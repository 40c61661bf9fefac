"""DICOM reading, series assembly and geometry (GUI-free)."""
