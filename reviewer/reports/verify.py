"""Verifying signed PDFs: who signed, when, is it intact, does the signature cover the whole file,
is the certificate trusted.

``verify_pdf`` runs pyHanko's full validation (CMS signature, digest, certificate path against the
given trust roots, no network fetching; changes after signing). ``signed_ranges_intact`` is a cheap
check of the same digest (ByteRange → SHA-256 → the CMS messageDigest and the signer's signature over
the signed attributes) used where thousands of variants are checked, and as a second opinion.
"""
from __future__ import annotations

import hashlib
import io
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from reviewer.errors import ReviewerError

_BYTERANGE = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")


class VerificationError(ReviewerError):
    pass


@dataclass(frozen=True)
class SignatureInfo:
    field: str
    signer: str                       # certificate common name
    signer_subject: str               # full subject (RFC 4514)
    certificate_sha256: str
    signing_time: str | None          # ISO 8601; the timestamp's time for B-T, else the signer's claim
    timestamped: bool                 # B-T: an RFC 3161 timestamp token is present and valid
    level: str                        # "B-B" | "B-T" | "CMS" (not PAdES)
    intact: bool                      # the signed bytes are unchanged and the signature verifies
    valid: bool                       # intact and cryptographically sound
    trusted: bool                     # the certificate chains to one of the trust roots
    covers_whole_document: bool       # nothing was appended after this signature
    coverage: str                     # pyHanko's coverage level name
    modification: str                 # pyHanko's modification level name (what was changed after signing)
    reason: str | None
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class VerificationResult:
    signatures: tuple[SignatureInfo, ...]
    problems: tuple[str, ...] = ()

    @property
    def signed(self) -> bool:
        return bool(self.signatures)

    @property
    def last(self) -> SignatureInfo | None:
        return self.signatures[-1] if self.signatures else None

    @property
    def intact(self) -> bool:
        return self.signed and all(s.intact for s in self.signatures)

    @property
    def trusted(self) -> bool:
        return self.signed and all(s.trusted for s in self.signatures)

    @property
    def covers_whole_document(self) -> bool:
        """The last signature covers every byte of the file (no unsigned update appended)."""
        return self.signed and self.signatures[-1].covers_whole_document

    @property
    def modified_after_signing(self) -> bool:
        return self.signed and not self.covers_whole_document

    @property
    def ok(self) -> bool:
        return self.intact and self.covers_whole_document and self.trusted

    def as_dict(self) -> dict:
        last = self.last
        return {"signed": self.signed, "ok": self.ok, "intact": self.intact, "trusted": self.trusted,
                "covers_whole_document": self.covers_whole_document,
                "modified_after_signing": self.modified_after_signing,
                "signer": last.signer if last else None, "signing_time": last.signing_time if last else None,
                "level": last.level if last else None,
                "signatures": [asdict(s) | {"problems": list(s.problems)} for s in self.signatures],
                "problems": list(self.problems)}


def _load_roots(trust_roots) -> list:
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509
    out = []
    for r in trust_roots or ():
        if isinstance(r, asn1_x509.Certificate):
            out.append(r)
            continue
        data = Path(r).read_bytes() if isinstance(r, (str, Path)) else bytes(r)
        if pem.detect(data):
            out.extend(asn1_x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True))
        else:
            out.append(asn1_x509.Certificate.load(data))
    return out


def verify_pdf(pdf: str | Path | bytes, trust_roots=()) -> VerificationResult:
    """Validates every signature of ``pdf`` (a path or the bytes). ``trust_roots``: certificates as
    asn1crypto objects, DER/PEM bytes, or paths to DER/PEM files. Never fetches anything (offline)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext
    data = Path(pdf).read_bytes() if isinstance(pdf, (str, Path)) else bytes(pdf)
    roots = _load_roots(trust_roots)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:
        return VerificationResult((), (f"The PDF cannot be read ({type(exc).__name__})",))
    out = []
    for sig in embedded:
        name = sig.field_name or "?"
        try:
            vc = ValidationContext(trust_roots=roots, allow_fetching=False)
            st = validate_pdf_signature(sig, vc, skip_diff=False)
        except Exception as exc:   # a damaged signature, unparsable CMS: not intact, say why
            out.append(SignatureInfo(field=name, signer="?", signer_subject="", certificate_sha256="",
                                     signing_time=None, timestamped=False, level="?", intact=False, valid=False,
                                     trusted=False, covers_whole_document=False, coverage="?", modification="?",
                                     reason=None, problems=(f"{type(exc).__name__}: {str(exc)[:200]}",)))
            continue
        cert = st.signing_cert
        ts_ok = st.timestamp_validity is not None and st.timestamp_validity.intact and st.timestamp_validity.valid
        when: datetime | None = st.timestamp_validity.timestamp if ts_ok else st.signer_reported_dt
        sub = sig.sig_object.get("/SubFilter")
        pades = str(sub) == "/ETSI.CAdES.detached"
        coverage = st.coverage.name if st.coverage is not None else "?"
        problems = []
        if not st.intact:
            problems.append("the signed bytes were changed")
        elif not st.valid:
            problems.append("the signature does not verify")
        if not st.trusted:
            problems.append("the certificate is not trusted (no path to a trust root)")
        if coverage != "ENTIRE_FILE":
            problems.append("the file was changed after signing (an update not covered by the signature)")
        reason = sig.sig_object.get("/Reason")
        out.append(SignatureInfo(
            field=name, signer=cert.subject.native.get("common_name", cert.subject.human_friendly),
            signer_subject=cert.subject.human_friendly, certificate_sha256=hashlib.sha256(cert.dump()).hexdigest(),
            signing_time=when.isoformat() if when else None, timestamped=ts_ok,
            level=("B-T" if ts_ok else "B-B") if pades else "CMS", intact=bool(st.intact),
            valid=bool(st.intact and st.valid), trusted=bool(st.trusted),
            covers_whole_document=coverage == "ENTIRE_FILE", coverage=coverage,
            modification=st.modification_level.name if st.modification_level is not None else "?",
            reason=str(reason) if reason is not None else None, problems=tuple(problems)))
    return VerificationResult(tuple(out), () if out else ("The PDF has no signature",))


def signed_ranges_intact(pdf: bytes) -> bool:
    """Cheap integrity check of the last signature: SHA-256 of the ByteRange equals the CMS
    messageDigest, and the signer's signature over the signed attributes verifies. False for anything
    unparsable (a damaged file is not intact)."""
    try:
        m = list(_BYTERANGE.finditer(pdf))[-1]
        a, b, c, d = (int(x) for x in m.groups())
        if a != 0 or b <= 0 or c <= b or c + d > len(pdf):
            return False
        contents = pdf[b:c].strip()
        if not (contents.startswith(b"<") and contents.endswith(b">")):
            return False
        digest = hashlib.sha256(pdf[a:a + b] + pdf[c:c + d]).digest()
        from asn1crypto import cms
        ci = cms.ContentInfo.load(bytes.fromhex(contents[1:-1].decode("ascii")), strict=False)  # zero padding follows
        sd = ci["content"]
        si = sd["signer_infos"][0]
        attrs = {a["type"].native: a["values"][0] for a in si["signed_attrs"]}
        if attrs["message_digest"].native != digest:
            return False
        cert = next(c.chosen for c in sd["certificates"]
                    if c.chosen.serial_number == si["sid"].chosen["serial_number"].native)
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
        key = x509.load_der_x509_certificate(cert.dump()).public_key()
        signed = si["signed_attrs"].untag().dump()
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(si["signature"].native, signed, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(si["signature"].native, signed, ec.ECDSA(hashes.SHA256()))
        else:
            return False
        return True
    except Exception:
        return False
