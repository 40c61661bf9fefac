"""Signing identities and PAdES signatures (pyHanko).

An *identity* is an X.509 certificate with its private key, either imported from PKCS#12 into the
workspace or living on a PKCS#11 token (smart card, HSM; tested with SoftHSM2). An imported key is
stored twice protected: wrapped under a key derived from the workspace passphrase (Argon2id, fresh
salt), inside an encrypted blob. So unlocking it proves the passphrase was typed again.

``SigningSession`` is the unlocked identity for the session: the parsed key (or the open token
session) is kept, because parsing/loading the key is most of the cost of a signature, and signing
must stay under 50 ms. Each signature still asks for the passphrase or PIN (intent to sign), checked
against an HMAC of it kept for the session (the secret itself is not kept), and is audited.

Signatures are PAdES baseline B-B (CAdES detached, ``ETSI.CAdES.detached``) with a visible appearance
(name, credentials, date, reason) drawn with the report's embedded fonts, so a PDF/A report stays
PDF/A; B-T when a timestamp authority (RFC 3161) is given.
"""
from __future__ import annotations

from reviewer.i18n import QT_TRANSLATE_NOOP, Text

import hashlib
import hmac
import io
import json
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from reviewer import store
from reviewer.errors import ReviewerError, WrongPassphrase

TEST_SUBJECT = "TEST IDENTITY - NOT FOR CLINICAL USE"
DEFAULT_FIELD = "ReviewerSignature"


class SigningError(ReviewerError):
    pass


@dataclass(frozen=True)
class Identity:
    id: str
    kind: str                   # "pkcs12" | "pkcs11"
    label: str
    subject: str                # the certificate's common name (or whole subject)
    credentials: str            # shown in the visible signature, e.g. "MD, Consultant radiologist"
    issuer: str
    serial: str
    not_before: datetime
    not_after: datetime
    cert_der: bytes
    is_test: bool
    is_default: bool
    created: datetime


# -- certificate helpers ----------------------------------------------------------------------
def _cn(name) -> str:
    from cryptography.x509.oid import NameOID
    cns = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return cns[0].value if cns else name.rfc4514_string()


def _row_identity(r) -> Identity:
    return Identity(id=r["id"], kind=r["kind"], label=r["label"], subject=r["subject"], credentials=r["credentials"],
                    issuer=r["issuer"], serial=r["serial"], not_before=datetime.fromisoformat(r["not_before"]),
                    not_after=datetime.fromisoformat(r["not_after"]), cert_der=r["cert_der"],
                    is_test=bool(r["is_test"]), is_default=bool(r["is_default"]),
                    created=datetime.fromisoformat(r["created"]))


def _kdf_params(ws):
    from reviewer.security.keys import KdfParams
    k = ws.keyfile.doc["kdf"]
    return KdfParams(k["memory_kib"], k["iterations"], k["lanes"])


def _wrap_key(ws, passphrase: str, key_der: bytes) -> tuple[bytes, dict]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    params = _kdf_params(ws)
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    kek = params.derive(passphrase, salt)
    blob = nonce + AESGCM(kek).encrypt(nonce, key_der, b"reviewer identity key v1")
    return blob, {"kdf": "argon2id", "salt": salt.hex(), "memory_kib": params.memory_kib,
                  "iterations": params.iterations, "lanes": params.lanes}


def _unwrap_key(blob: bytes, meta: dict, passphrase: str) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from reviewer.security.keys import KdfParams
    kek = KdfParams(meta["memory_kib"], meta["iterations"], meta["lanes"]).derive(passphrase, bytes.fromhex(meta["salt"]))
    try:
        return AESGCM(kek).decrypt(blob[:12], blob[12:], b"reviewer identity key v1")
    except InvalidTag:
        raise WrongPassphrase(Text(QT_TRANSLATE_NOOP(
            "Errors", "The passphrase is not correct: the signing key stays locked"))) from None


# -- identities in the workspace --------------------------------------------------------------
class IdentityStore:
    """The signing identities of one workspace (table ``identities``)."""

    def __init__(self, ws):
        self.ws = ws

    def list(self) -> list[Identity]:
        return [_row_identity(r) for r in self.ws.db.query("SELECT * FROM identities ORDER BY created")]

    def get(self, identity_id: str | None = None) -> Identity:
        """The identity with this id, or the default one."""
        rows = list(self.ws.db.query("SELECT * FROM identities WHERE id = ?", [identity_id]) if identity_id else
                    self.ws.db.query("SELECT * FROM identities ORDER BY is_default DESC, created DESC LIMIT 1"))
        if not rows:
            raise SigningError(Text(QT_TRANSLATE_NOOP("ReportErrors", "No signing identity {identity_id}"),
                                    identity_id=identity_id) if identity_id else
                               Text(QT_TRANSLATE_NOOP("ReportErrors", "No signing identity in this workspace: "
                                                      "`reviewer identity import P12` adds one "
                                                      "(`reviewer identity create-test` makes one for testing)")))
        return _row_identity(rows[0])

    def _insert(self, *, kind: str, cert_der: bytes, label: str, credentials: str, is_test: bool,
                key_blob: str | None = None, key_params: dict | None = None, pkcs11: dict | None = None) -> Identity:
        from cryptography import x509
        cert = x509.load_der_x509_certificate(cert_der)
        now = datetime.now(timezone.utc)
        ident_id = uuid.uuid4().hex
        with store.transaction(self.ws.db):
            self.ws.db.execute("UPDATE identities SET is_default = 0")
            self.ws.db.execute(
                "INSERT INTO identities (id, kind, label, subject, credentials, issuer, serial, not_before, not_after, "
                "cert_der, key_blob, key_params, pkcs11, is_test, is_default, created) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?)",
                (ident_id, kind, label or _cn(cert.subject), _cn(cert.subject), credentials,
                 cert.issuer.rfc4514_string(), format(cert.serial_number, "x"),
                 cert.not_valid_before_utc.isoformat(), cert.not_valid_after_utc.isoformat(), cert_der, key_blob,
                 json.dumps(key_params) if key_params else None, json.dumps(pkcs11) if pkcs11 else None,
                 int(is_test), now.isoformat()))
            self.ws.audit.append("identity.add", ident_id, kind=kind, test=is_test,
                                 sha256=hashlib.sha256(cert_der).hexdigest())
        return self.get(ident_id)

    def _store_key(self, passphrase: str, key_der: bytes) -> tuple[str, dict]:
        wrapped, meta = _wrap_key(self.ws, passphrase, key_der)
        return self.ws.blobs.put(wrapped), meta

    def import_pkcs12(self, data: bytes, p12_password: str | None, passphrase: str, *, label: str = "",
                      credentials: str = "") -> Identity:
        """Imports a certificate and key from PKCS#12; ``passphrase`` is the workspace's (it wraps the key)."""
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.serialization import pkcs12
        try:
            key, cert, extra = pkcs12.load_key_and_certificates(
                data, p12_password.encode() if p12_password else None)
        except ValueError:
            raise SigningError(Text(QT_TRANSLATE_NOOP("ReportErrors", "The PKCS#12 file cannot be opened: "
                                                                      "wrong password, or not a PKCS#12 file"))) from None
        if key is None or cert is None:
            raise SigningError(Text(QT_TRANSLATE_NOOP("ReportErrors", "The PKCS#12 file holds no private key "
                                                                      "with its certificate")))
        key_der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
        meta_blob, meta = self._store_key(passphrase, key_der)
        meta["chain"] = [c.public_bytes(serialization.Encoding.DER).hex() for c in (extra or [])]
        return self._insert(kind="pkcs12", cert_der=cert.public_bytes(serialization.Encoding.DER), label=label,
                            credentials=credentials, is_test=TEST_SUBJECT in _cn(cert.subject),
                            key_blob=meta_blob, key_params=meta)

    def create_test(self, passphrase: str, *, credentials: str = "Not a real signature") -> Identity:
        """A self-signed identity whose subject says it is not for clinical use."""
        key_der, cert_der = make_test_certificate()
        blob_id, meta = self._store_key(passphrase, key_der)
        meta["chain"] = []
        return self._insert(kind="pkcs12", cert_der=cert_der, label=TEST_SUBJECT, credentials=credentials,
                            is_test=True, key_blob=blob_id, key_params=meta)

    def add_pkcs11(self, module: str, pin: str, *, token_label: str, key_label: str, cert_label: str | None = None,
                   credentials: str = "") -> Identity:
        """Registers a key on a PKCS#11 token; the PIN is used once to read the certificate, never stored."""
        config = {"module": module, "token_label": token_label, "key_label": key_label,
                  "cert_label": cert_label or key_label}
        with _open_token(config, pin) as session:
            signer = _pkcs11_signer(session, config)
            cert_der = signer.signing_cert.dump()
        return self._insert(kind="pkcs11", cert_der=cert_der, label=key_label, credentials=credentials,
                            is_test=False, pkcs11=config)

    def unlock(self, secret: str, identity_id: str | None = None) -> "SigningSession":
        """Opens the identity for this session: the passphrase (imported key) or the token PIN."""
        ident = self.get(identity_id)
        row = next(self.ws.db.query("SELECT key_blob, key_params, pkcs11 FROM identities WHERE id = ?", [ident.id]))
        if ident.kind == "pkcs12":
            signer = _simple_signer(ident, row, secret, self.ws)
            closer = None
        else:
            config = json.loads(row["pkcs11"])
            session = _open_token(config, secret)
            signer = _pkcs11_signer(session, config)
            closer = session.close
        with store.transaction(self.ws.db):
            self.ws.audit.append("identity.unlock", ident.id, kind=ident.kind)
        return SigningSession(self.ws, ident, ReviewSigner(ident.subject, ident.credentials, signer), secret, closer)


def make_test_certificate(subject: str = TEST_SUBJECT, days: int = 365) -> tuple[bytes, bytes]:
    """(PKCS#8 key DER, certificate DER) of a new self-signed RSA-2048 signing certificate."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Specialist review workstation (test)")])
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    return (key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption()),
            cert.public_bytes(serialization.Encoding.DER))


def _simple_signer(ident: Identity, row, passphrase: str, ws):
    from asn1crypto import x509 as asn1_x509
    meta = json.loads(row["key_params"])
    key_der = _unwrap_key(ws.blobs.get(row["key_blob"]), meta, passphrase)
    chain = [asn1_x509.Certificate.load(bytes.fromhex(c)) for c in meta.get("chain", [])]
    return session_key_signer(key_der, ident.cert_der, chain)


def session_key_signer(key_der: bytes, cert_der: bytes, chain=()):
    """A pyHanko SimpleSigner that parses its key once.

    pyHanko's SimpleSigner re-parses (and, with cryptography ≥ 39, re-validates) the private key for
    every raw signature, about 45 ms for RSA-2048, twice per PDF (size estimate and signature). Here
    the key is parsed when the identity is unlocked and kept for the session."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa
    from pyhanko.sign import signers
    from pyhanko_certvalidator.util import get_pyca_cryptography_hash, process_pss_params
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = serialization.load_der_private_key(key_der, password=None)

    class SessionKeySigner(signers.SimpleSigner):
        async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run=False) -> bytes:
            if dry_run and isinstance(key, rsa.RSAPrivateKey):
                return bytes(key.key_size // 8)       # the size is all a dry run needs
            return self.sign_raw(data, digest_algorithm)

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mech = self.get_signature_mechanism_for_digest(digest_algorithm)
            algo = mech.signature_algo
            if algo == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPrivateKey):
                return key.sign(data, padding.PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))
            if algo == "rsassa_pss" and isinstance(key, rsa.RSAPrivateKey):
                pad, h = process_pss_params(mech["parameters"])
                return key.sign(data, pad, h)
            if algo == "ecdsa" and isinstance(key, ec.EllipticCurvePrivateKey):
                return key.sign(data, ec.ECDSA(get_pyca_cryptography_hash(digest_algorithm)))
            if isinstance(key, (ed25519.Ed25519PrivateKey, ed448.Ed448PrivateKey)):
                return key.sign(data)
            return super().sign_raw(data, digest_algorithm)

    return SessionKeySigner(signing_cert=asn1_x509.Certificate.load(cert_der),
                            signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
                            cert_registry=SimpleCertificateStore.from_certs(list(chain)))


def _open_token(config: dict, pin: str):
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import open_pkcs11_session
    try:
        return open_pkcs11_session(config["module"], token_criteria=TokenCriteria(label=config["token_label"]),
                                   user_pin=pin)
    except Exception as exc:   # python-pkcs11 raises its own types (PinIncorrect, NoSuchToken, ...)
        if "Pin" in type(exc).__name__:
            raise WrongPassphrase(Text(QT_TRANSLATE_NOOP("Errors", "The token PIN is not correct"))) from None
        raise SigningError(Text(QT_TRANSLATE_NOOP("ReportErrors", "The PKCS#11 token {token_label!r} cannot be "
                                                                  "opened ({name})"),
                                token_label=config['token_label'], name=type(exc).__name__)) from None


def _pkcs11_signer(session, config: dict):
    from pyhanko.sign.pkcs11 import PKCS11Signer
    try:
        signer = PKCS11Signer(session, cert_label=config["cert_label"], key_label=config["key_label"],
                              bulk_fetch=False)
        signer.signing_cert   # loads the certificate now, so a wrong label fails here
        return signer
    except Exception as exc:
        raise SigningError(Text(QT_TRANSLATE_NOOP("ReportErrors", "The key or certificate {key_label!r} is not "
                                                                  "on the token ({name})"),
                                key_label=config['key_label'], name=type(exc).__name__)) from None


# -- the signature itself ---------------------------------------------------------------------
@dataclass
class ReviewSigner:
    """Where the key lives is hidden here: ``signer`` is a pyHanko SimpleSigner (key in memory) or
    PKCS11Signer (key on a token); name and credentials are what the visible signature shows."""
    name: str
    credentials: str
    signer: object

    @property
    def cert_der(self) -> bytes:
        return self.signer.signing_cert.dump()


class _PdfBytesContent:
    """A pyHanko PdfContent that imports page 0 of an in-memory PDF (ImportedPdfPage wants a file name)."""

    def __new__(cls, pdf: bytes):
        import binascii

        from pyhanko.pdf_utils import content, layout
        from pyhanko.pdf_utils.reader import PdfFileReader

        class Imported(content.PdfContent):
            def render(self) -> bytes:
                xobj = self._ensure_writer.import_page_as_xobject(PdfFileReader(io.BytesIO(pdf)), page_ix=0)
                name = "/Import" + binascii.hexlify(uuid.uuid4().bytes).decode()
                self.resources.xobject[name] = xobj
                x1, y1, x2, y2 = xobj.get_object()["/BBox"]
                self.box = layout.BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
                return name.encode() + b" Do"
        return Imported()


def appearance_pdf(width: float, height: float, name: str, credentials: str, when: datetime, reason: str,
                   location: str = "", timestamped: bool = False, font_dir: Path | None = None) -> bytes:
    """A one-page PDF of the visible signature, in the report's fonts (Latin and Japanese)."""
    from reportlab.lib import colors
    from reportlab.pdfgen.canvas import Canvas

    from reviewer.paths import resource
    from reviewer.reports.render import _Fonts, _register_fonts
    cover = _register_fonts(Path(font_dir) if font_dir else resource("fonts"))
    fonts = _Fonts("RvSans", "RvSans-Bold", "RvJa", "RvJa", cover, False)
    from reviewer.reports.render import ReportRenderer
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(width, height), initialFontName="RvSans", pageCompression=0)
    c.setStrokeColor(colors.HexColor("#1f3a5f"))
    c.setLineWidth(1)
    c.rect(0.5, 0.5, width - 1, height - 1)
    c.setFillColor(colors.HexColor("#1f3a5f"))
    from reportlab.pdfbase.pdfmetrics import stringWidth
    size = 10.0
    while size > 6 and stringWidth(name, "RvSans-Bold", size) > width - 12:
        size -= 0.5
    y = height - 11
    ReportRenderer._text(c, fonts, False, 7, 6, y, "Digitally signed by")
    y -= size + 2
    ReportRenderer._text(c, fonts, True, size, 6, y, name)
    c.setFillColor(colors.black)
    lines = [credentials, "Date: " + when.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
             + (" (timestamped)" if timestamped else ""), f"Reason: {reason}" if reason else "",
             f"Location: {location}" if location else ""]
    for line in (x for x in lines if x):
        y -= 12
        ReportRenderer._text(c, fonts, False, 8, 6, y, line[:110])
    c.showPage()
    c.save()
    return buf.getvalue()


def signature_box_of(pdf: bytes) -> tuple[int, tuple[float, float, float, float]] | None:
    """The box the renderer reserved (``/RvSignatureBox`` in the Info dictionary), if any."""
    import re

    from reviewer.reports.render import SIGNATURE_BOX_KEY
    m = re.search(rb"/" + SIGNATURE_BOX_KEY.encode() + rb" \((\d+) ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)\)", pdf)
    if not m:
        return None
    page = int(m.group(1))
    return page, tuple(float(v) for v in m.groups()[1:])


def sign_pdf(pdf: bytes, signer: ReviewSigner, *, reason: str = "Second-opinion report", location: str = "",
             timestamper=None, field_name: str = DEFAULT_FIELD, visible: bool = True,
             when: datetime | None = None) -> bytes:
    """Signs ``pdf`` (PAdES B-B; B-T with ``timestamper``, a pyHanko TimeStamper) as an incremental
    update, with a visible signature in the box the renderer reserved (or at the foot of the last page).
    No intent check and no audit: that is ``SigningSession.sign``'s job; this is the mechanism."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle
    when = when or datetime.now(timezone.utc)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    except Exception as exc:
        raise SigningError(Text(QT_TRANSLATE_NOOP("ReportErrors", "The PDF cannot be read for signing ({name})"),
                                name=type(exc).__name__)) from None
    spec = None
    style = None
    if visible:
        found = signature_box_of(pdf)
        pages = int(writer.root["/Pages"]["/Count"])
        if found and found[0] < pages:
            page, box = found
        else:
            page, box = pages - 1, (40.0, 40.0, 310.0, 125.0)
        w, h = box[2] - box[0], box[3] - box[1]
        look = appearance_pdf(w, h, signer.name, signer.credentials, when, reason, location,
                              timestamped=timestamper is not None)
        style = StaticStampStyle(background=_PdfBytesContent(look), border_width=0, background_opacity=1.0,
                                 background_layout=_fill_layout())
        spec = fields.SigFieldSpec(sig_field_name=field_name, on_page=page, box=box)
    meta = signers.PdfSignatureMetadata(field_name=field_name, reason=reason or None, location=location or None,
                                        name=signer.name, md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES)
    pdf_signer = signers.PdfSigner(meta, signer=signer.signer, timestamper=timestamper, stamp_style=style,
                                   new_field_spec=spec)
    out = io.BytesIO()
    try:
        # a fixed reservation spares a dry-run signature to measure the container
        pdf_signer.sign_pdf(writer, output=out, bytes_reserved=16384 if timestamper is None else 32768)
    except SigningError:
        raise
    except Exception as exc:
        raise SigningError(Text(QT_TRANSLATE_NOOP("ReportErrors", "Signing failed ({name}: {exc})"),
                                name=type(exc).__name__, exc=str(exc)[:200])) from None
    return out.getvalue()


def _fill_layout():
    from pyhanko.pdf_utils import layout
    return layout.SimpleBoxLayoutRule(x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MID,
                                      margins=layout.Margins.uniform(0))


@dataclass
class SigningSession:
    """An identity unlocked for the session (see the module docstring)."""
    ws: object
    identity: Identity
    signer: ReviewSigner
    _secret: str = field(repr=False, default="")
    _closer: object = field(repr=False, default=None)

    def __post_init__(self):
        self._hkey = secrets.token_bytes(32)
        self._check = hmac.new(self._hkey, self._secret.encode(), "sha256").digest()
        self._secret = ""           # only the HMAC stays

    def confirm_intent(self, secret: str) -> None:
        """Raises WrongPassphrase unless ``secret`` is the passphrase/PIN the session was opened with."""
        if not hmac.compare_digest(self._check, hmac.new(self._hkey, secret.encode(), "sha256").digest()):
            raise WrongPassphrase(Text(QT_TRANSLATE_NOOP("Errors", "The passphrase or PIN is not correct; nothing was signed")))

    def sign(self, pdf: bytes, *, secret: str, reason: str = "Second-opinion report", location: str = "",
             tsa_url: str | None = None, timestamper=None, case_id: str = "", when: datetime | None = None) -> bytes:
        """Intent check, signature, audit entry (ids and hashes only). ``tsa_url`` makes it B-T."""
        self.confirm_intent(secret)
        if timestamper is None and tsa_url:
            from pyhanko.sign.timestamps import HTTPTimeStamper
            timestamper = HTTPTimeStamper(tsa_url, timeout=20)
        signed = sign_pdf(pdf, self.signer, reason=reason, location=location, timestamper=timestamper, when=when)
        with store.transaction(self.ws.db):
            self.ws.audit.append("report.sign", case_id or "-", identity=self.identity.id,
                                 level="B-T" if timestamper else "B-B", test_identity=self.identity.is_test,
                                 unsigned_sha256=hashlib.sha256(pdf).hexdigest(),
                                 signed_sha256=hashlib.sha256(signed).hexdigest())
        return signed

    def close(self) -> None:
        """Drops the key (on lock): the next signature needs ``IdentityStore.unlock`` again."""
        if self._closer:
            self._closer()
        self.signer = None
