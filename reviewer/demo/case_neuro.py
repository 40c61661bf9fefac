"""Demo case 3: neurology opinion on a new diagnosis of relapsing-remitting MS.

Planted: the CSF report carries another birth date (identity), and the neurologist cites
positive oligoclonal bands that the CSF report shows to be negative (lab vs diagnosis).
"""
from __future__ import annotations

from pathlib import Path

from . import mri
from .bundle import ConditionInfo, LabInfo, PatientInfo, StudyInfo, TaskInfo
from .dicom_series import MR_IMAGE_STORAGE, DicomPatient, DicomSeries, DicomStudy
from .ids import dicom_uid
from .imaging import write_dicom_series
from .package import CaseContent, Evidence, Planted, write_package
from .records import Record

KEY = "neurology"
CASE_ID = "SO-2026-0389"

PATIENT = PatientInfo(given="Carol", family="Synthetic-Sample", gender="female",
                      birth_date="1991-05-23", mrn="DEMO-000389")

QUESTIONS = (
    "Is it certain that I have multiple sclerosis, or could it be something else?",
    "My neurologist wants to start ocrelizumab. Is that the right first treatment for me?",
    "I would like to have children in the next few years. How would the treatment affect a "
    "pregnancy?",
    "Do I need another MRI or another lumbar puncture before starting treatment?",
)

TASK = TaskInfo(
    case_id=CASE_ID, status="ready", priority="asap",
    description="Second opinion: new diagnosis of relapsing-remitting MS before ocrelizumab",
    authored_on="2026-11-21T08:00:00+01:00", due="2026-11-24T12:00:00+01:00",
    specialty="Neurology",
    reason="Confirm RRMS diagnosis and treatment choice before starting ocrelizumab",
    questions=QUESTIONS,
)

_HEADER = (
    "Patient: Synthetic-Sample, Carol",
    "Date of birth: 1991-05-23",
    "MRN: DEMO-000389",
)

MRI_REPORT = Record(
    filename="mri-brain-report.txt", kind="Imaging report",
    title="MRI brain",
    date="2026-10-29T13:15:00+01:00",
    lines=(
        *_HEADER,
        "Study date: 2026-10-28",
        "Accession: MR26125560",
        "## Indication",
        "Right optic neuritis in August 2026, now left leg numbness. Demyelination?",
        "## Technique",
        "1.5 T. Axial T2 FLAIR, 5 mm.",
        "## Findings",
        "Multiple ovoid FLAIR-hyperintense lesions in the periventricular white matter of both "
        "hemispheres, several oriented perpendicular to the lateral ventricles (at least 8).",
        "One lesion in the body of the corpus callosum.",
        "Juxtacortical lesions in the left frontal and right parietal lobes.",
        "One lesion in the left pons.",
        "Ventricles and sulci normal for age. No mass effect.",
        "## Impression",
        "1. Multifocal white-matter lesions in a distribution typical of demyelinating disease.",
        "2. Dissemination in space is met (periventricular, juxtacortical, infratentorial).",
        "3. No contrast-enhanced sequences: dissemination in time cannot be assessed on MRI.",
        "",
        "Reported by: Dr. Demo Neuroradiologist (synthetic)",
    ),
)

NEURO_NOTE = Record(
    filename="neurology-consult.pdf", kind="Consultation note",
    title="Neurology clinic - consultation",
    date="2026-11-10T11:00:00+01:00",
    lines=(
        *_HEADER,
        "Date of visit: 2026-11-10",
        "Neurologist: Dr. First Opinion Neuro (synthetic)",
        "## History",
        "35-year-old woman. In August 2026 painful blurred vision in the right eye over a week, "
        "recovered over 6 weeks (right optic neuritis). Since mid-October 2026 numbness of the "
        "left leg to the groin. No bladder symptoms. No previous episodes.",
        "## Examination",
        "Right relative afferent pupillary defect. Reduced vibration sense in the left foot.",
        "EDSS 1.5.",
        "## Investigations",
        "MRI brain 2026-10-28: multiple periventricular, juxtacortical and pontine lesions.",
        "CSF 2026-11-04: positive for CSF-specific oligoclonal bands.",
        "AQP4 and MOG antibodies negative.",
        "## Diagnosis",
        "Relapsing-remitting multiple sclerosis (McDonald 2017 criteria).",
        "Dissemination in time is fulfilled by the oligoclonal bands.",
        "## Plan",
        "Start ocrelizumab 600 mg IV every 6 months (first dose split 2 x 300 mg).",
        "Before treatment: hepatitis B serology, immunoglobulins, VZV serology, vaccinations.",
        "Contraception advised; discuss pregnancy planning at next visit.",
        "",
        "Dr. First Opinion Neuro, Neurology (synthetic)",
    ),
)

CSF_REPORT = Record(
    filename="csf-lab-report.txt", kind="Lab results",
    title="Laboratory report - cerebrospinal fluid analysis",
    date="2026-11-06T16:20:00+01:00",
    lines=(
        "Patient: Synthetic-Sample, Carol",
        "DOB: 1991-03-25",
        "MRN: DEMO-000389",
        "Specimen: CSF (lumbar puncture) and paired serum, collected 2026-11-04 09:30",
        "",
        "Test                                   Result           Reference",
        "CSF white cells                        3 /uL            0-5",
        "CSF red cells                          0 /uL            0",
        "CSF protein                            0.38 g/L         0.15-0.45",
        "CSF/serum glucose ratio                0.62             >0.5",
        "IgG index                              0.52             <0.70",
        "Oligoclonal bands (isoelectric focusing): pattern 1, no CSF-specific bands (negative)",
        "Serum AQP4-IgG (cell-based assay)      negative",
        "Serum MOG-IgG (cell-based assay)       negative",
        "",
        "Validated by: Demo Laboratory Scientist (synthetic)",
    ),
)

PATIENT_QUESTIONS = Record(
    filename="patient-questions.txt", kind="Patient questions",
    title="Questions from the patient for the second opinion",
    date="2026-11-20T22:10:00+01:00",
    lines=tuple(f"{i}. {q}" for i, q in enumerate(QUESTIONS, 1)),
)

_CSF_DATE = "2026-11-04T09:30:00+01:00"

CONTENT = CaseContent(
    key=KEY,
    patient=PATIENT,
    task=TASK,
    conditions=(
        ConditionInfo(
            text="Relapsing-remitting multiple sclerosis",
            code=("http://hl7.org/fhir/sid/icd-10", "G35", "Multiple sclerosis"),
            body_site=("http://snomed.info/sct", "12738006", "Brain structure"),
            recorded="2026-11-10"),
    ),
    records=(MRI_REPORT, NEURO_NOTE, CSF_REPORT, PATIENT_QUESTIONS),
    labs=(
        LabInfo("CSF white cells", 3.0, "/uL", 0.0, 5.0, _CSF_DATE),
        LabInfo("CSF protein", 0.38, "g/L", 0.15, 0.45, _CSF_DATE),
        LabInfo("IgG index", 0.52, "1", None, 0.70, _CSF_DATE),
    ),
    planted=(
        Planted("identity_mismatch",
                "The CSF laboratory report gives the birth date 1991-03-25; the patient was "
                "born on 1991-05-23.",
                (Evidence(CSF_REPORT.filename, "DOB: 1991-03-25"),)),
        Planted("lab_diagnosis_conflict",
                "The neurologist cites positive CSF-specific oligoclonal bands as proof of "
                "dissemination in time, but the CSF report shows none (pattern 1, negative).",
                (Evidence(NEURO_NOTE.filename, "positive for CSF-specific oligoclonal bands"),
                 Evidence(CSF_REPORT.filename, "no CSF-specific bands (negative)"))),
    ),
)


def build(out_dir: Path, seed: int) -> Path:
    """Write the neurology package under out_dir and return its folder."""
    root = out_dir / KEY
    dpat = DicomPatient(PATIENT.dicom_name, PATIENT.mrn, PATIENT.birth_date.replace("-", ""), "F")
    study = DicomStudy(uid=dicom_uid(seed, KEY, "study"), date="20261028", time="174500",
                       description="MRI BRAIN", accession="MR26125560", study_id="125560",
                       frame_of_reference_uid=dicom_uid(seed, KEY, "frame"))
    series = DicomSeries(
        uid=dicom_uid(seed, KEY, "series", 4), number=4, modality="MR",
        sop_class_uid=MR_IMAGE_STORAGE, description="AX T2 FLAIR", body_part="BRAIN",
        window=(400.0, 800.0),
        extra=(("ScanningSequence", ["SE", "IR"]), ("SequenceVariant", "SK"),
               ("ScanOptions", ""), ("MRAcquisitionType", "2D"), ("RepetitionTime", "9000"),
               ("EchoTime", "120"), ("InversionTime", "2500"), ("EchoTrainLength", 21),
               ("MagneticFieldStrength", "1.5"), ("ImagingFrequency", "63.87"),
               ("ImagedNucleus", "1H"), ("ProtocolName", "BRAIN MS"),
               ("SpacingBetweenSlices", "5")))
    info = write_dicom_series(root / "dicom" / "ax-flair", seed, dpat, study, series,
                              ("http://snomed.info/sct", "12738006", "Brain structure"),
                              ((s.geometry, s.pixels) for s in mri.brain_flair_axial(seed)))
    studies = [StudyInfo(study.uid, "2026-10-28T17:45:00+01:00", study.description, (info,)),
               _prior_study(root, seed, dpat, series)]
    return write_package(root, seed, CONTENT, studies, [])


def _prior_study(root: Path, seed: int, dpat: DicomPatient, current: DicomSeries) -> StudyInfo:
    """The MRI of six months earlier: another day, another frame of reference, the head 1.5 mm
    lower in the scanner, and without the lesions that are new since (for the compare view)."""
    study = DicomStudy(uid=dicom_uid(seed, KEY, "prior-study"), date="20260412", time="091500",
                       description="MRI BRAIN", accession="MR26047781", study_id="47781",
                       frame_of_reference_uid=dicom_uid(seed, KEY, "prior-frame"))
    series = DicomSeries(uid=dicom_uid(seed, KEY, "prior-series", 4), number=4, modality="MR",
                         sop_class_uid=MR_IMAGE_STORAGE, description="AX T2 FLAIR", body_part="BRAIN",
                         window=current.window, extra=current.extra)
    info = write_dicom_series(root / "dicom" / "prior-ax-flair", seed, dpat, study, series,
                              ("http://snomed.info/sct", "12738006", "Brain structure"),
                              ((s.geometry, s.pixels) for s in mri.brain_flair_axial(
                                  seed, lesions=mri.PRIOR_LESIONS, z_first=-33.5, tag="prior-flair")))
    return StudyInfo(study.uid, "2026-04-12T09:15:00+02:00", study.description, (info,))
