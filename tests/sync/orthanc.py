"""A real Orthanc with its DICOMweb plugin, on a free loopback port, with a temporary storage folder."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pydicom

ORTHANC = shutil.which("Orthanc") or "/usr/sbin/Orthanc"
PLUGIN_DIRS = ("/usr/share/orthanc/plugins", "/usr/lib/orthanc", "/usr/lib/x86_64-linux-gnu/orthanc")


def dicomweb_plugin() -> str | None:
    for d in PLUGIN_DIRS:
        p = Path(d) / "libOrthancDicomWeb.so"
        if p.exists():
            return str(p)
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class OrthancServer:
    root: Path
    port: int = 0
    proc: subprocess.Popen | None = None
    instances: dict[str, bytes] = field(default_factory=dict)     # SOP UID -> original file bytes
    studies: dict[str, dict[str, list[str]]] = field(default_factory=dict)   # study -> series -> SOPs

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def dicomweb(self) -> str:
        return f"{self.url}/dicom-web"

    def start(self) -> "OrthancServer":
        plugin = dicomweb_plugin()
        self.port = free_port()
        storage = self.root / "storage"
        storage.mkdir(parents=True, exist_ok=True)
        config = {"Name": "reviewer-test", "StorageDirectory": str(storage), "IndexDirectory": str(storage),
                  "HttpPort": self.port, "HttpBindAddress": "127.0.0.1", "DicomServerEnabled": False,
                  "RemoteAccessAllowed": False, "AuthenticationEnabled": False, "HttpCompressionEnabled": False,
                  "Plugins": [plugin], "DicomWeb": {"Enable": True, "Root": "/dicom-web/", "StudiesMetadata": "Full"}}
        (self.root / "orthanc.json").write_text(json.dumps(config))
        self.log = open(self.root / "orthanc.log", "wb")
        self.proc = subprocess.Popen([ORTHANC, str(self.root / "orthanc.json")], stdout=self.log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"Orthanc exited: {(self.root / 'orthanc.log').read_text()[-2000:]}")
            try:
                if httpx.get(f"{self.url}/plugins", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("Orthanc did not start in 30 s")

    def upload(self, path: Path) -> None:
        data = path.read_bytes()
        r = httpx.post(f"{self.url}/instances", content=data, timeout=30)
        r.raise_for_status()
        ds = pydicom.dcmread(path, stop_before_pixels=True)
        self.instances[str(ds.SOPInstanceUID)] = data
        self.studies.setdefault(str(ds.StudyInstanceUID), {}).setdefault(str(ds.SeriesInstanceUID), []).append(
            str(ds.SOPInstanceUID))

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        if getattr(self, "log", None):
            self.log.close()
