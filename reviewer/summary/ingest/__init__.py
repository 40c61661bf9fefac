"""Ingestion: turns a case (workspace) or a case package (folder) into text documents with
page and character offsets, FHIR resources, and the identifying DICOM/slide header fields."""
