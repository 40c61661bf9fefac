"""PAdES signing and verification, checked with pyHanko and with poppler's pdfsig (an independent
implementation): valid after signing; any byte changed in the signed ranges → invalid; an unsigned
update appended → reported; B-T with a timestamp; a key on a PKCS#11 token (SoftHSM2)."""
import hashlib
import io
import os
import random
import shutil
import subprocess
from datetime import datetime, timedelta, timezone

import pytest

from reviewer.errors import WrongPassphrase
from reviewer.reports.signing import IdentityStore, TEST_SUBJECT, sign_pdf
from reviewer.reports.verify import _BYTERANGE, signed_ranges_intact, verify_pdf
from support import PASSPHRASE


def pdfsig(pdf: bytes, tmp_path, name="x.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    return subprocess.run(["pdfsig", "-nocert", str(path)], capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def signed(example_pdf, signer):
    return sign_pdf(example_pdf, signer, reason="Second opinion", location="Tokyo")


def test_valid_after_signing_by_pyhanko_and_pdfsig(signed, test_key, tmp_path):
    r = verify_pdf(signed, [test_key[1]])
    assert r.ok and r.intact and r.trusted and r.covers_whole_document and not r.modified_after_signing
    s = r.last
    assert s.signer == TEST_SUBJECT and s.level == "B-B" and s.reason == "Second opinion"
    assert abs(datetime.fromisoformat(s.signing_time) - datetime.now(timezone.utc)) < timedelta(minutes=5)
    assert not verify_pdf(signed).trusted           # no trust root given: intact, not trusted
    assert verify_pdf(signed).intact
    out = pdfsig(signed, tmp_path)
    assert "Signature is Valid" in out and "Total document signed" in out and "ETSI.CAdES.detached" in out
    assert signed_ranges_intact(signed)


def test_visible_signature_sits_in_the_reserved_box(signed, example_pdf, tmp_path):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from reviewer.reports.signing import signature_box_of
    page, box = signature_box_of(example_pdf)
    r = PdfFileReader(io.BytesIO(signed))
    widget = r.root["/AcroForm"]["/Fields"][0].get_object()
    assert [round(float(v), 1) for v in widget["/Rect"]] == [round(v, 1) for v in box]
    assert widget["/P"].get_object() is r.root["/Pages"]["/Kids"][page].get_object() or page == r.root["/Pages"]["/Count"] - 1
    assert "/AP" in widget
    # poppler draws the appearance: the box is not blank when rendered
    (tmp_path / "s.pdf").write_bytes(signed)
    subprocess.run(["pdftoppm", "-r", "40", "-f", str(page + 1), "-l", str(page + 1), "-gray", str(tmp_path / "s.pdf"),
                    str(tmp_path / "p")], check=True)
    from PIL import Image
    img = Image.open(next(tmp_path.glob("p*.pgm")))
    scale = 40 / 72
    x1, y1, x2, y2 = box
    h = img.height
    crop = img.crop((int(x1 * scale) + 3, int(h - y2 * scale) + 3, int(x2 * scale) - 3, int(h - y1 * scale) - 3))
    assert crop.getextrema()[0] < 100          # text drawn inside the reserved box


def test_one_byte_changed_anywhere_in_the_signed_ranges_is_invalid(signed, test_key, tmp_path):
    a, b, c, d = (int(x) for x in list(_BYTERANGE.finditer(signed))[-1].groups())
    rng = random.Random(6)
    offsets = rng.sample(range(a, a + b), 70) + rng.sample(range(c, c + d), 40)
    tampered = []
    for off in offsets:
        data = bytearray(signed)
        data[off] ^= 1 << rng.randrange(8)
        tampered.append(bytes(data))
        assert not signed_ranges_intact(bytes(data)), off
    for data in rng.sample(tampered, 8):                       # full validation on a sample
        assert not verify_pdf(data, [test_key[1]]).ok
    for i, data in enumerate(rng.sample(tampered, 4)):        # and an independent implementation
        assert "Signature is Valid" not in pdfsig(data, tmp_path, f"t{i}.pdf")


def test_appended_unsigned_update_is_reported(signed, test_key, tmp_path):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    w = IncrementalPdfFileWriter(io.BytesIO(signed))
    page = w.root["/Pages"]["/Kids"][0].get_object()
    page["/Rotate"] = generic.NumberObject(90)
    w.update_container(page)
    out = io.BytesIO()
    w.write(out)
    r = verify_pdf(out.getvalue(), [test_key[1]])
    assert r.intact and not r.covers_whole_document and r.modified_after_signing and not r.ok
    assert any("changed after signing" in p for p in r.last.problems)
    assert "Not total document signed" in pdfsig(out.getvalue(), tmp_path)


def _tsa():
    """A fake timestamp authority, in process: pyHanko's DummyTimeStamper with a throwaway TSA cert."""
    from asn1crypto import keys, x509 as ax509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "FAKE TSA for tests")])
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(7).not_valid_before(now - timedelta(hours=1)).not_valid_after(now + timedelta(days=2))
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .sign(key, hashes.SHA256()))
    der = cert.public_bytes(serialization.Encoding.DER)
    tsa_key = keys.PrivateKeyInfo.load(key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                                         serialization.NoEncryption()))
    return DummyTimeStamper(tsa_cert=ax509.Certificate.load(der), tsa_key=tsa_key), der


def test_b_t_with_a_timestamp(example_pdf, signer, test_key, tmp_path):
    fake_tsa, tsa_cert = _tsa()
    signed = sign_pdf(example_pdf, signer, timestamper=fake_tsa)
    r = verify_pdf(signed, [test_key[1], tsa_cert])
    assert r.ok and r.last.level == "B-T" and r.last.timestamped
    assert "Signature is Valid" in pdfsig(signed, tmp_path)


def test_workspace_identity_intent_and_audit(workspace, example_pdf):
    ids = IdentityStore(workspace)
    ident = ids.create_test(PASSPHRASE)
    assert ident.is_test and TEST_SUBJECT in ident.subject and ids.get().id == ident.id
    with pytest.raises(WrongPassphrase):
        ids.unlock("not the passphrase")
    session = ids.unlock(PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        session.sign(example_pdf, secret="wrong")              # intent: the passphrase again
    signed = session.sign(example_pdf, secret=PASSPHRASE, case_id="c1")
    assert verify_pdf(signed, [ident.cert_der]).ok
    entries = [e for e in workspace.audit.entries() if e["action"] == "report.sign"]
    assert len(entries) == 1 and hashlib.sha256(signed).hexdigest() in entries[0]["details"]
    # the key is stored wrapped: the raw PKCS#8 is nowhere in the blobs
    assert all(b"TEST IDENTITY" not in f.read_bytes() for f in (workspace.root / "blobs").rglob("*") if f.is_file())
    session.close()


def test_pkcs12_import(workspace, example_pdf):
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12
    from reviewer.reports.signing import SigningError, make_test_certificate
    key_der, cert_der = make_test_certificate("Dr Test Ödön, MD")
    p12 = pkcs12.serialize_key_and_certificates(b"t", serialization.load_der_private_key(key_der, None),
                                                x509.load_der_x509_certificate(cert_der), None,
                                                serialization.BestAvailableEncryption(b"p12pw"))
    ids = IdentityStore(workspace)
    with pytest.raises(SigningError, match="wrong password"):
        ids.import_pkcs12(p12, "nope", PASSPHRASE)
    ident = ids.import_pkcs12(p12, "p12pw", PASSPHRASE, credentials="MD, radiologist")
    assert ident.subject == "Dr Test Ödön, MD" and not ident.is_test
    signed = ids.unlock(PASSPHRASE).sign(example_pdf, secret=PASSPHRASE)
    assert verify_pdf(signed, [cert_der]).last.signer == "Dr Test Ödön, MD"


SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so"


@pytest.mark.skipif(not (os.path.exists(SOFTHSM) and shutil.which("softhsm2-util")), reason="SoftHSM2 not installed")
def test_pkcs11_token_with_softhsm(workspace, example_pdf, tmp_path, monkeypatch):
    import pkcs11
    from cryptography.hazmat.primitives import serialization
    from pkcs11.util.x509 import decode_x509_certificate
    from reviewer.reports.signing import make_test_certificate
    (tmp_path / "tokens").mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tmp_path / 'tokens'}\nobjectstore.backend = file\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", "rvtest", "--pin", "1234",
                    "--so-pin", "5678"], check=True, capture_output=True)
    key_der, cert_der = make_test_certificate("Dr Token, MD")
    pem = serialization.load_der_private_key(key_der, None).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    (tmp_path / "key.pem").write_bytes(pem)
    subprocess.run(["softhsm2-util", "--import", str(tmp_path / "key.pem"), "--token", "rvtest", "--label", "rvkey",
                    "--id", "01", "--pin", "1234"], check=True, capture_output=True)
    (tmp_path / "key.pem").unlink()
    lib = pkcs11.lib(SOFTHSM)
    with lib.get_token(token_label="rvtest").open(rw=True, user_pin="1234") as s:
        attrs = decode_x509_certificate(cert_der)
        attrs.update({pkcs11.Attribute.TOKEN: True, pkcs11.Attribute.LABEL: "rvkey", pkcs11.Attribute.ID: b"\x01"})
        s.create_object(attrs)
    ids = IdentityStore(workspace)
    ident = ids.add_pkcs11(SOFTHSM, "1234", token_label="rvtest", key_label="rvkey")
    assert ident.kind == "pkcs11" and ident.subject == "Dr Token, MD"
    with pytest.raises(WrongPassphrase):
        ids.unlock("0000", ident.id)
    session = ids.unlock("1234", ident.id)
    try:
        with pytest.raises(WrongPassphrase):
            session.sign(example_pdf, secret="9999")
        signed = session.sign(example_pdf, secret="1234")
    finally:
        session.close()
    r = verify_pdf(signed, [cert_der])
    assert r.ok and r.last.signer == "Dr Token, MD"
    assert "Signature is Valid" in pdfsig(signed, tmp_path)
