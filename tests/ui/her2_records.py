"""Two records of one case that disagree on HER2 (the pathology report says negative, the consult note
positive): the summary must flag it. Shared by the summary panel tests and the end-to-end journey."""
from reviewer.demo.records import Record

PATHOLOGY = Record("pathology.pdf", "Pathology report", "Surgical pathology report", "2026-10-20T15:40:00+02:00", (
    "Patient: Testpatient, Alice", "Specimen date: 2026-10-14", "Report date: 2026-10-20",
    "## Final diagnosis", "Left breast, lumpectomy: Invasive ductal carcinoma (no special type)",
    "Sentinel lymph nodes: 0 of 2 positive", "## Biomarkers",
    "ER: positive (95%, strong intensity)", "HER2: negative (IHC 1+)", "Ki-67: 18%"))
CONSULT = Record("consult.txt", "Consultation note", "Oncology consultation", "2026-11-05T10:30:00+01:00", (
    "Patient: Testpatient, Alice", "Date of visit: 2026-11-05", "## Pathology",
    "Left breast invasive ductal carcinoma. Receptor status: ER-positive, HER2-positive",
    "## Plan", "Trastuzumab every 3 weeks for one year."))
