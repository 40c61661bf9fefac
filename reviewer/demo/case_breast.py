"""Demo case 1: medical-oncology opinion on adjuvant therapy for left breast cancer.

Planted for the summary's checks: HER2 negative on pathology but "HER2-positive" in the
consult (biomarker), trastuzumab planned for HER2-negative disease (treatment vs
biomarker), the CT report naming the right breast (laterality), pN0 in the consult against
1 of 3 positive nodes (stage).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from . import ct
from .bundle import AttachmentInfo, ConditionInfo, LabInfo, PatientInfo, StudyInfo, TaskInfo
from .dicom_series import CT_IMAGE_STORAGE, DicomPatient, DicomSeries, DicomStudy
from .geometry import AXIAL, SliceGeometry
from .ids import dicom_uid
from .imaging import write_dicom_series
from .package import CaseContent, Evidence, Planted, write_package
from .records import Record
from .slide import write_slide

KEY = "breast-oncology"
CASE_ID = "SO-2026-0147"
SLIDE_FILE = "slides/S26-04417-A1.tif"

PATIENT = PatientInfo(given="Alice", family="Testpatient", gender="female",
                      birth_date="1972-03-14", mrn="DEMO-000147")

QUESTIONS = (
    "I was told my tumour is HER2-positive and that I need trastuzumab (Herceptin) for a "
    "year. Is that right for my type of cancer?",
    "Do I really need chemotherapy, or would hormone therapy alone be enough for me?",
    "Would a genomic test such as Oncotype DX help decide about chemotherapy?",
    "Is radiotherapy needed after my lumpectomy, and does the positive lymph node change that?",
)

TASK = TaskInfo(
    case_id=CASE_ID, status="ready", priority="urgent",
    description="Second opinion: adjuvant therapy plan for left breast invasive ductal carcinoma",
    authored_on="2026-11-20T09:15:00+01:00", due="2026-11-27T17:00:00+01:00",
    specialty="Medical oncology",
    reason="Confirm adjuvant plan for left breast IDC: is trastuzumab indicated?",
    questions=QUESTIONS,
)

_HEADER = (
    "Patient: Testpatient, Alice",
    "Date of birth: 1972-03-14",
    "MRN: DEMO-000147",
)

PATHOLOGY = Record(
    filename="pathology-report.pdf", kind="Pathology report",
    title="Surgical pathology report - left breast lumpectomy (S26-04417)",
    date="2026-10-20T15:40:00+02:00",
    lines=(
        *_HEADER,
        "Accession: S26-04417",
        "Specimen date: 2026-10-14",
        "Report date: 2026-10-20",
        "Requesting surgeon: Dr. Demo Surgeon",
        "## Specimens",
        "A. Left breast, wide local excision (lumpectomy), oriented with sutures.",
        "B. Left axillary sentinel lymph nodes (three).",
        "## Final diagnosis",
        "Left breast, lumpectomy: Invasive ductal carcinoma (no special type)",
        "Histologic grade: Nottingham grade 2 (tubules 3, nuclei 2, mitoses 1; score 6/9)",
        "Tumour size: 2.1 cm (greatest dimension)",
        "Margins: Negative; closest margin 3 mm (superior)",
        "Lymphovascular invasion: Not identified",
        "Ductal carcinoma in situ: Present, intermediate grade, about 10% of the tumour",
        "Sentinel lymph nodes: 1 of 3 positive (macrometastasis 4 mm, no extranodal extension)",
        "Pathologic stage (AJCC 8th edition): pT2 pN1a",
        "## Biomarkers (on block A1)",
        "ER: positive (95%, strong intensity)",
        "PR: positive (60%, moderate intensity)",
        "HER2: negative (IHC 1+)",
        "Ki-67: 18%",
        "## Gross description",
        "Received fresh, labelled with the patient's name, a 6.5 x 5.0 x 3.2 cm fibrofatty "
        "lumpectomy specimen. Sectioning shows a firm, stellate, grey-white tumour of 2.1 cm, "
        "3 mm from the inked superior margin. Representative sections in blocks A1 to A8; "
        "block A1 contains the tumour and the closest margin.",
        "## Microscopic description",
        "Sections show an invasive carcinoma forming solid nests and cords with occasional "
        "gland-like lumina, set in a desmoplastic stroma and infiltrating the surrounding "
        "adipose tissue. Tumour cells show moderate nuclear pleomorphism with vesicular "
        "chromatin and visible nucleoli. Mitoses are infrequent.",
        "Whole-slide image of block A1 (H&E) is attached to this case.",
        "## Sign-out",
        "Dr. Demo Pathologist, Department of Pathology (synthetic)",
    ),
)

CT_REPORT = Record(
    filename="ct-chest-report.txt", kind="Imaging report",
    title="CT chest with intravenous contrast",
    date="2026-09-29T11:20:00+02:00",
    lines=(
        *_HEADER,
        "Study date: 2026-09-28",
        "Accession: CT26118834",
        "## Indication",
        "Newly diagnosed invasive carcinoma of the left breast. Staging before surgery.",
        "## Technique",
        "Helical CT of the chest after 80 mL iohexol 350 IV; 2.5 mm axial reconstructions.",
        "## Findings",
        "Breasts: Irregular spiculated enhancing mass in the upper outer quadrant of the right "
        "breast, 2.0 x 1.8 cm (series 2, image 61). Skin and nipple normal.",
        "Axilla: 14 mm left axillary lymph node with preserved fatty hilum (series 2, image 41).",
        "Lungs and pleura: No pulmonary nodules. No pleural effusion.",
        "Mediastinum: No mediastinal or hilar lymphadenopathy. Heart normal in size.",
        "Upper abdomen: The imaged liver and spleen are unremarkable.",
        "Bones: No suspicious osseous lesions.",
        "## Impression",
        "1. 2.0 cm spiculated enhancing breast mass, consistent with the known primary carcinoma.",
        "2. Borderline 14 mm left axillary lymph node.",
        "3. No evidence of intrathoracic metastatic disease.",
        "",
        "Reported by: Dr. Demo Radiologist (synthetic)",
    ),
)

CONSULT = Record(
    filename="oncology-consult.pdf", kind="Consultation note",
    title="Medical oncology consultation",
    date="2026-11-05T10:30:00+01:00",
    lines=(
        *_HEADER,
        "Date of visit: 2026-11-05",
        "Oncologist: Dr. First Opinion (synthetic)",
        "## History",
        "54-year-old woman who noticed a lump in the left breast in September 2026. Staging CT "
        "chest on 2026-09-28 showed no distant disease. Left lumpectomy and sentinel lymph node "
        "biopsy on 2026-10-14. Postmenopausal. No relevant comorbidities.",
        "## Pathology",
        "Left breast invasive ductal carcinoma, grade 2, 2.1 cm, margins negative.",
        "Receptor status: ER-positive, PR-positive, HER2-positive",
        "Ki-67: 18%",
        "Stage: pT2 pN0 (0 of 3 sentinel nodes)",
        "## Investigations",
        "Echocardiogram 2026-11-02: LVEF 62%.",
        "Blood tests 2026-11-03: blood count, renal and liver function within normal limits.",
        "## Assessment",
        "Early-stage HER2-positive, hormone receptor-positive breast cancer after "
        "breast-conserving surgery.",
        "## Plan",
        "Chemotherapy: TCH (docetaxel, carboplatin, trastuzumab) every 3 weeks, 6 cycles",
        "Then trastuzumab alone to complete one year of anti-HER2 therapy.",
        "Whole-breast radiotherapy after chemotherapy.",
        "Endocrine therapy: anastrozole 1 mg daily for 5 years.",
        "Echocardiography every 3 months during trastuzumab.",
        "",
        "Dr. First Opinion, Medical Oncology (synthetic)",
    ),
)

_LABS = (
    # text, value, unit, low, high, LOINC
    ("Hemoglobin", 12.9, "g/dL", 12.0, 15.5, ("718-7", "Hemoglobin [Mass/volume] in Blood")),
    ("White blood cells", 6.1, "10*3/uL", 4.0, 10.0,
     ("6690-2", "Leukocytes [#/volume] in Blood by Automated count")),
    ("Neutrophils", 3.6, "10*3/uL", 1.8, 7.5,
     ("751-8", "Neutrophils [#/volume] in Blood by Automated count")),
    ("Platelets", 254.0, "10*3/uL", 150.0, 400.0,
     ("777-3", "Platelets [#/volume] in Blood by Automated count")),
    ("Creatinine", 0.8, "mg/dL", 0.5, 1.1,
     ("2160-0", "Creatinine [Mass/volume] in Serum or Plasma")),
    ("ALT", 22.0, "U/L", 7.0, 35.0,
     ("1742-6", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma")),
    ("AST", 25.0, "U/L", 10.0, 35.0,
     ("1920-8", "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma")),
    ("Alkaline phosphatase", 88.0, "U/L", 35.0, 105.0,
     ("6768-6", "Alkaline phosphatase [Enzymatic activity/volume] in Serum or Plasma")),
    ("Bilirubin, total", 0.6, "mg/dL", 0.2, 1.2,
     ("1975-2", "Bilirubin.total [Mass/volume] in Serum or Plasma")),
    ("CA 15-3", 28.0, "U/mL", None, 31.0, None),
)
LAB_DATE = "2026-11-03T08:10:00+01:00"


def _lab_lines() -> tuple[str, ...]:
    rows = [f"{'Test':<22}{'Result':>8}  {'Unit':<9}{'Reference':<14}Flag"]
    for text, value, unit, low, high, _ in _LABS:
        ref = f"{low:g}-{high:g}" if low is not None else f"<{high:g}"
        flag = "H" if high is not None and value > high else "L" if low is not None and value < low else ""
        rows.append(f"{text:<22}{value:>8g}  {unit:<9}{ref:<14}{flag}".rstrip())
    return tuple(rows)


LABS = Record(
    filename="lab-results.txt", kind="Lab results",
    title="Laboratory results - blood count and chemistry",
    date=LAB_DATE,
    lines=(
        *_HEADER,
        "Collected: 2026-11-03 08:10",
        "Laboratory: Demo Hospital Central Laboratory (synthetic)",
        "",
        *_lab_lines(),
    ),
)

PATIENT_QUESTIONS = Record(
    filename="patient-questions.txt", kind="Patient questions",
    title="Questions from the patient for the second opinion",
    date="2026-11-18T19:02:00+01:00",
    lines=tuple(f"{i}. {q}" for i, q in enumerate(QUESTIONS, 1)),
)

CONTENT = CaseContent(
    key=KEY,
    patient=PATIENT,
    task=TASK,
    conditions=(
        ConditionInfo(
            text="Invasive ductal carcinoma of left breast",
            code=("http://hl7.org/fhir/sid/icd-10", "C50.4",
                  "Malignant neoplasm: Upper-outer quadrant of breast"),
            body_site=("http://snomed.info/sct", "80248007", "Left breast structure"),
            recorded="2026-11-05",
            note="First opinion: ER-positive, PR-positive, HER2-positive; pT2 pN0.",
        ),
    ),
    records=(PATHOLOGY, CT_REPORT, CONSULT, LABS, PATIENT_QUESTIONS),
    labs=tuple(LabInfo(t, v, u, lo, hi, LAB_DATE, code) for t, v, u, lo, hi, code in _LABS),
    planted=(
        Planted("biomarker_conflict",
                "HER2 status differs: the pathology report says HER2 negative (IHC 1+), the "
                "oncology consult says HER2-positive.",
                (Evidence(PATHOLOGY.filename, "HER2: negative (IHC 1+)"),
                 Evidence(CONSULT.filename, "HER2-positive"))),
        Planted("treatment_biomarker_conflict",
                "The consult plans trastuzumab (anti-HER2 therapy) although pathology reports "
                "HER2-negative disease (IHC 1+).",
                (Evidence(CONSULT.filename, "TCH (docetaxel, carboplatin, trastuzumab)"),
                 Evidence(PATHOLOGY.filename, "HER2: negative (IHC 1+)"))),
        Planted("laterality_conflict",
                "The CT report puts the mass in the right breast; the pathology report, the "
                "consult and the CT images show it in the left breast.",
                (Evidence(CT_REPORT.filename, "upper outer quadrant of the right breast"),
                 Evidence(PATHOLOGY.filename, "Left breast, lumpectomy"))),
        Planted("stage_inconsistency",
                "The consult stages the disease pT2 pN0, but pathology found 1 of 3 sentinel "
                "nodes positive (pN1a).",
                (Evidence(CONSULT.filename, "pT2 pN0"),
                 Evidence(PATHOLOGY.filename, "1 of 3 positive"))),
    ),
)


def build(out_dir: Path, seed: int) -> Path:
    """Write the breast oncology package under out_dir and return its folder."""
    root = out_dir / KEY
    dpat = DicomPatient(PATIENT.dicom_name, PATIENT.mrn, PATIENT.birth_date.replace("-", ""), "F")
    study = DicomStudy(uid=dicom_uid(seed, KEY, "study"), date="20260928", time="101500",
                       description="CT CHEST WITH CONTRAST", accession="CT26118834",
                       study_id="118834", frame_of_reference_uid=dicom_uid(seed, KEY, "frame"))
    series = DicomSeries(
        uid=dicom_uid(seed, KEY, "series", 2), number=2, modality="CT",
        sop_class_uid=CT_IMAGE_STORAGE, description="Chest 2.5mm C+ soft tissue",
        body_part="CHEST", window=(40.0, 400.0), signed=True, rescale=(1.0, -1024.0),
        extra=(("KVP", "120"), ("ConvolutionKernel", "STANDARD"),
               ("ContrastBolusAgent", "Iohexol 350"), ("ContrastBolusRoute", "IV"),
               ("ReconstructionDiameter", "360"), ("ProtocolName", "CHEST C+ STAGING")))
    x0, y0 = ct.origin_xy()

    def slices():
        for s in ct.chest_ct(seed):
            geo = SliceGeometry((x0, y0, s.z), AXIAL, ct.ROWS, ct.COLS,
                                (ct.PIXEL_SPACING, ct.PIXEL_SPACING), ct.SLICE_THICKNESS)
            yield geo, (s.hu.astype(np.int32) + 1024).astype(np.int16)

    info = write_dicom_series(root / "dicom" / "ct-chest-2.5mm", seed, dpat, study, series,
                              ("http://snomed.info/sct", "51185008", "Thoracic structure"),
                              slices())
    studies = [StudyInfo(study.uid, "2026-09-28T10:15:00+02:00", study.description, (info,))]

    slide_path = root / SLIDE_FILE
    slide_path.parent.mkdir(parents=True, exist_ok=True)
    write_slide(slide_path, seed, CASE_ID, "S26-04417 A1")
    slide = AttachmentInfo.of_file(
        root, slide_path, "Whole-slide image",
        "H&E whole-slide image, left breast lumpectomy, block A1 (S26-04417)",
        "2026-10-16T12:00:00+02:00", "image/tiff")
    return write_package(root, seed, CONTENT, studies, [slide])
