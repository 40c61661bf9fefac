"""Checks that every fact's source resolves to exactly its text."""
import json
from pathlib import Path

import pydicom

from reviewer.summary.ingest.fhir import resolve


def unresolved(summary, package: Path | None = None, bundle: dict | None = None) -> list:
    """Facts whose source does not give back their text (empty when all resolve)."""
    bad = []
    if bundle is None and package is not None and (package / "manifest.json").is_file():
        bundle = json.loads((package / "manifest.json").read_text())
    for f in summary.facts:
        s = f.source
        if s.start is not None:
            page = summary.document(s.document, s.fhir_path).pages[s.page - 1]
            ok = page.text[s.start:s.end] == s.text and s.end > s.start
        elif s.fhir_path:
            ok = str(resolve(bundle, s.fhir_path)) == s.text
        elif s.dicom_tag:
            if package is None:
                continue
            ds = pydicom.dcmread(package / s.document, stop_before_pixels=True)
            ok = str(ds.get(s.dicom_tag.split(" ")[-1], "")) == s.text
        else:
            ok = False
        if not ok:
            bad.append((f.kind, s.document, s.page, s.start, s.end))
    return bad
