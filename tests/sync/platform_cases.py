"""Puts assigned cases on the FHIR double (with images on Orthanc), as a platform would."""
from __future__ import annotations

import base64
import hashlib

OWNER = "Practitioner/spec-1"


def add_case(double, case_id: str, *, documents: dict[str, bytes] | None = None, study: str | None = None,
             dicomweb: str | None = None, list_instances: bool = False, series: dict | None = None,
             family: str = "Testpatient", given: str = "Alice", status: str = "requested",
             with_endpoint: bool = True, content_types: dict[str, str] | None = None) -> dict:
    """A Task owned by OWNER with Patient, ServiceRequest, Condition, DocumentReferences on Binary and,
    when ``study`` is given, an ImagingStudy whose Endpoint points at ``dicomweb``. Returns ids.
    ``content_types`` gives a document's media type by name (default text/plain): application/pdf for a
    PDF record, image/tiff for a slide."""
    patient = double.put({"resourceType": "Patient", "name": [{"family": family, "given": [given]}],
                          "birthDate": "1970-01-01", "gender": "female",
                          "identifier": [{"type": {"text": "MRN"}, "value": f"MRN-{case_id}"}]})
    request = double.put({"resourceType": "ServiceRequest", "status": "active", "intent": "order",
                          "subject": {"reference": f"Patient/{patient['id']}"},
                          "performerType": {"text": "Medical oncology"},
                          "reasonCode": [{"text": "Is chemotherapy needed?"}],
                          "note": [{"text": "Do I need chemotherapy?"}]})
    condition = double.put({"resourceType": "Condition", "subject": {"reference": f"Patient/{patient['id']}"},
                            "code": {"text": "Invasive ductal carcinoma"}})
    inputs = [{"type": {"text": "first opinion"}, "valueReference": {"reference": f"Condition/{condition['id']}"}}]
    binaries = {}
    for i, (name, data) in enumerate((documents or {}).items()):
        ctype = (content_types or {}).get(name, "text/plain")
        bid = double.put_binary(data, ctype)
        binaries[name] = bid
        doc = double.put({"resourceType": "DocumentReference", "status": "current", "type": {"text": "Record"},
                          "subject": {"reference": f"Patient/{patient['id']}"}, "date": "2026-10-01T00:00:00Z",
                          "description": name,
                          "content": [{"attachment": {"contentType": ctype, "url": f"Binary/{bid}",
                                                      "title": name, "size": len(data),
                                                      "hash": base64.b64encode(hashlib.sha1(data).digest()).decode()}}]})
        inputs.append({"type": {"text": "record"}, "valueReference": {"reference": f"DocumentReference/{doc['id']}"}})
    if study:
        if with_endpoint:
            endpoint = double.put({
                "resourceType": "Endpoint", "status": "active", "payloadType": [{"text": "DICOM"}], "address": dicomweb,
                "connectionType": {"system": "http://terminology.hl7.org/CodeSystem/endpoint-connection-type",
                                   "code": "dicom-wado-rs"}})
        s = {"resourceType": "ImagingStudy", "status": "available", "subject": {"reference": f"Patient/{patient['id']}"},
             "identifier": [{"system": "urn:dicom:uid", "value": f"urn:oid:{study}"}]}
        if with_endpoint:
            s["endpoint"] = [{"reference": f"Endpoint/{endpoint['id']}"}]
        if list_instances and series:
            s["series"] = [{"uid": se, "modality": {"code": "MR"},
                            "instance": [{"uid": sop, "sopClass": {"code": "1.2.840.10008.5.1.4.1.1.4"}} for sop in sops]}
                           for se, sops in series.items()]
        img = double.put(s)
        inputs.append({"type": {"text": "imaging"}, "valueReference": {"reference": f"ImagingStudy/{img['id']}"}})
    task = double.put({"resourceType": "Task", "status": status, "intent": "order", "priority": "urgent",
                       "identifier": [{"system": "https://platform.example/case-id", "value": case_id}],
                       "for": {"reference": f"Patient/{patient['id']}"},
                       "focus": {"reference": f"ServiceRequest/{request['id']}"},
                       "owner": {"reference": OWNER},
                       "restriction": {"period": {"end": "2026-12-01T17:00:00+00:00"}}, "input": inputs})
    return {"task": task["id"], "patient": patient["id"], "binaries": binaries}
