"""Demo case 2: spine-surgery opinion on a recommended L4-L5 fusion.

Planted: the surgeon relies on a CT myelogram that is not in the package and that
contradicts the MRI (missing record); "failed 12 weeks of physiotherapy" written before
the first physiotherapy session (chronology); a left-sided herniation on MRI against a
right L5 radiculopathy in the clinic (laterality).
"""
from __future__ import annotations

from pathlib import Path

from . import mri
from .bundle import ConditionInfo, PatientInfo, StudyInfo, TaskInfo
from .dicom_series import MR_IMAGE_STORAGE, DicomPatient, DicomSeries, DicomStudy
from .ids import dicom_uid
from .imaging import write_dicom_series
from .package import CaseContent, Evidence, Planted, write_package
from .records import Record

KEY = "spine-surgery"
CASE_ID = "SO-2026-0212"

PATIENT = PatientInfo(given="Bob", family="Demo-Example", gender="male",
                      birth_date="1968-07-02", mrn="DEMO-000212")

QUESTIONS = (
    "My surgeon recommends a fusion at L4-L5. Is a fusion really necessary, or would a "
    "smaller operation to remove the disc herniation be enough?",
    "I have only just started physiotherapy. Should I try more conservative treatment "
    "before surgery?",
    "What are the risks of a fusion for the levels above and below?",
    "How long would I be off work after each type of operation? I am a warehouse supervisor.",
)

TASK = TaskInfo(
    case_id=CASE_ID, status="requested", priority="routine",
    description="Second opinion: recommended L4-L5 lumbar fusion for back and leg pain",
    authored_on="2026-11-16T14:30:00+01:00", due="2026-12-10T17:00:00+01:00",
    specialty="Spine surgery",
    reason="Is L4-L5 fusion indicated, or is discectomy or conservative care enough?",
    questions=QUESTIONS,
)

_HEADER = (
    "Patient: Demo-Example, Bob",
    "Date of birth: 1968-07-02",
    "MRN: DEMO-000212",
)

MRI_REPORT = Record(
    filename="mri-lumbar-spine-report.txt", kind="Imaging report",
    title="MRI lumbar spine without contrast",
    date="2026-09-03T09:05:00+02:00",
    lines=(
        *_HEADER,
        "Study date: 2026-09-02",
        "Accession: MR26097121",
        "## Indication",
        "Low back pain with radiating leg pain for 3 months.",
        "## Technique",
        "1.5 T. Sagittal T2 TSE (4 mm) and axial T2 TSE (4 mm, L3 to S1).",
        "## Findings",
        "Alignment: Normal lumbar lordosis. No spondylolisthesis.",
        "Conus medullaris: Normal, terminating at L1.",
        "Vertebral bodies: Normal height and marrow signal.",
        "T11-T12 to L3-L4: Normal discs without herniation or stenosis.",
        "L4-L5: Disc desiccation and loss of height. Left paracentral disc extrusion, 8 mm,",
        "compressing the traversing left L5 nerve root in the lateral recess.",
        "L4-L5: Moderate left lateral recess stenosis; mild central canal narrowing; mild facet "
        "arthropathy.",
        "L5-S1: Disc desiccation. No disc herniation. No neural compression.",
        "## Impression",
        "1. Left paracentral L4-L5 disc extrusion compressing the left L5 nerve root.",
        "2. Degenerative disc disease at L4-L5 and L5-S1.",
        "3. No spondylolisthesis or other sign of instability on this study.",
        "",
        "Reported by: Dr. Demo Neuroradiologist (synthetic)",
    ),
)

SURGEON_NOTE = Record(
    filename="spine-surgeon-note.pdf", kind="Consultation note",
    title="Orthopaedic spine clinic - consultation",
    date="2026-10-01T16:10:00+02:00",
    lines=(
        *_HEADER,
        "Date of visit: 2026-10-01",
        "Surgeon: Dr. First Opinion Spine (synthetic)",
        "## History",
        "58-year-old warehouse supervisor with 4 months of low back pain and leg pain radiating "
        "to the dorsum of the foot, worse on standing and walking. No bladder or bowel "
        "symptoms.",
        "Conservative care: he has failed 12 weeks of physiotherapy.",
        "Medication: ibuprofen 400 mg three times daily, pregabalin 75 mg twice daily.",
        "## Examination",
        "Right L5 radiculopathy: extensor hallucis longus 4/5 on the right.",
        "Reduced light touch over the right dorsal foot. Straight leg raise positive on the right "
        "at 45 degrees.",
        "## Imaging",
        "MRI 2026-09-02: L4-L5 disc herniation with lateral recess stenosis.",
        "CT myelogram 2026-08-12: grade 1 degenerative spondylolisthesis at L4-L5.",
        "Flexion-extension views on the myelogram show 4 mm of translation (instability).",
        "## Assessment",
        "L4-L5 disc herniation with radiculopathy and segmental instability.",
        "## Recommendation",
        "L4-L5 transforaminal lumbar interbody fusion (TLIF) with pedicle screw fixation.",
        "Expected hospital stay 3 days; return to light duties after 3 months.",
        "",
        "Dr. First Opinion Spine, Orthopaedic Surgery (synthetic)",
    ),
)

PHYSIO_NOTE = Record(
    filename="physiotherapy-note.txt", kind="Physiotherapy note",
    title="Physiotherapy - initial assessment",
    date="2026-10-20T10:45:00+02:00",
    lines=(
        *_HEADER,
        "Date: 2026-10-20",
        "Referral received: 2026-10-06 (GP)",
        "Visit: initial assessment, first physiotherapy session",
        "## Subjective",
        "Low back pain 5/10, right leg pain 7/10 to the dorsum of the foot. Sitting tolerance "
        "30 minutes. Works as a warehouse supervisor, currently on modified duties.",
        "## Objective",
        "Lumbar flexion limited to mid-shin, reproduces right leg pain. Right EHL 4/5. "
        "Neural tension test positive on the right.",
        "## Plan",
        "Directional preference exercises, core stabilisation, graded walking programme.",
        "Two sessions per week for 6 weeks, then review.",
        "",
        "Physiotherapist: Demo Physio (synthetic)",
    ),
)

PATIENT_QUESTIONS = Record(
    filename="patient-questions.txt", kind="Patient questions",
    title="Questions from the patient for the second opinion",
    date="2026-11-14T21:30:00+01:00",
    lines=tuple(f"{i}. {q}" for i, q in enumerate(QUESTIONS, 1)),
)

CONTENT = CaseContent(
    key=KEY,
    patient=PATIENT,
    task=TASK,
    conditions=(
        ConditionInfo(
            text="L4-L5 lumbar disc herniation with radiculopathy",
            code=("http://hl7.org/fhir/sid/icd-10", "M51.1",
                  "Lumbar and other intervertebral disc disorders with radiculopathy"),
            body_site=("http://snomed.info/sct", "122496007", "Lumbar spine structure"),
            recorded="2026-10-01"),
        ConditionInfo(
            text="Degenerative spondylolisthesis L4-L5 with segmental instability",
            code=("http://hl7.org/fhir/sid/icd-10", "M43.1", "Spondylolisthesis"),
            body_site=("http://snomed.info/sct", "122496007", "Lumbar spine structure"),
            recorded="2026-10-01"),
    ),
    records=(MRI_REPORT, SURGEON_NOTE, PHYSIO_NOTE, PATIENT_QUESTIONS),
    labs=(),
    planted=(
        Planted("missing_record",
                "The fusion recommendation relies on a CT myelogram (2026-08-12) showing "
                "spondylolisthesis and instability; that study is not in the package, and the "
                "MRI shows no spondylolisthesis.",
                (Evidence(SURGEON_NOTE.filename, "CT myelogram 2026-08-12"),
                 Evidence(MRI_REPORT.filename, "No spondylolisthesis."))),
        Planted("chronology",
                "The surgeon's note of 2026-10-01 says 12 weeks of physiotherapy failed, but "
                "physiotherapy only started on 2026-10-20.",
                (Evidence(SURGEON_NOTE.filename, "failed 12 weeks of physiotherapy"),
                 Evidence(PHYSIO_NOTE.filename, "first physiotherapy session"))),
        Planted("laterality_conflict",
                "The MRI shows a left paracentral herniation compressing the left L5 root, but "
                "the clinical findings are a right L5 radiculopathy.",
                (Evidence(MRI_REPORT.filename, "compressing the traversing left L5 nerve root"),
                 Evidence(SURGEON_NOTE.filename, "Right L5 radiculopathy"))),
    ),
)

_T2_TAGS = (("ScanningSequence", "SE"), ("SequenceVariant", "SK"), ("ScanOptions", ""),
            ("MRAcquisitionType", "2D"), ("RepetitionTime", "3500"), ("EchoTime", "105"),
            ("EchoTrainLength", 17), ("MagneticFieldStrength", "1.5"),
            ("ImagingFrequency", "63.87"), ("ImagedNucleus", "1H"))


def build(out_dir: Path, seed: int) -> Path:
    """Write the spine surgery package under out_dir and return its folder."""
    root = out_dir / KEY
    dpat = DicomPatient(PATIENT.dicom_name, PATIENT.mrn, PATIENT.birth_date.replace("-", ""), "M")
    study = DicomStudy(uid=dicom_uid(seed, KEY, "study"), date="20260902", time="081200",
                       description="MRI LUMBAR SPINE WO CONTRAST", accession="MR26097121",
                       study_id="97121", frame_of_reference_uid=dicom_uid(seed, KEY, "frame"))
    site = ("http://snomed.info/sct", "122496007", "Lumbar spine structure")
    infos = []
    for number, name, desc, slices in (
            (3, "sag-t2", "SAG T2 TSE", mri.lumbar_sagittal_t2(seed)),
            (5, "ax-t2", "AX T2 TSE L3-S1", mri.lumbar_axial_t2(seed))):
        series = DicomSeries(
            uid=dicom_uid(seed, KEY, "series", number), number=number, modality="MR",
            sop_class_uid=MR_IMAGE_STORAGE, description=desc, body_part="LSPINE",
            window=(480.0, 960.0),
            extra=(*_T2_TAGS, ("ProtocolName", "L-SPINE ROUTINE"),
                   ("SpacingBetweenSlices", "4")))
        infos.append(write_dicom_series(root / "dicom" / name, seed, dpat, study, series, site,
                                        ((s.geometry, s.pixels) for s in slices)))
    studies = [StudyInfo(study.uid, "2026-09-02T08:12:00+02:00", study.description,
                         tuple(infos))]
    return write_package(root, seed, CONTENT, studies, [])
