"""TLS is verified: an unknown CA is refused with a clear message; a configured CA bundle is trusted."""
import datetime
import ssl

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from fhir_double import FhirTestDouble
from sync_helpers import fhir_config, run
from platform_cases import add_case
from reviewer.sync import SyncError


def _cert(subject, issuer_key, issuer_name, key, ca: bool):
    now = datetime.datetime.now(datetime.timezone.utc)
    b = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer_name).public_key(key.public_key())
         .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
         .not_valid_after(now + datetime.timedelta(days=2))
         .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if not ca:
        b = b.add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
    return b.sign(issuer_key, hashes.SHA256())


@pytest.fixture
def tls_double(tmp_path):
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test Hospital CA")])
    ca = _cert(ca_name, ca_key, ca_name, ca_key, True)
    cert = _cert(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]), ca_key, ca_name, key, False)
    (tmp_path / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "server.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "server.key").write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                            serialization.PrivateFormat.PKCS8,
                                                            serialization.NoEncryption()))
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(tmp_path / "server.pem", tmp_path / "server.key")
    d = FhirTestDouble(token="tls-token", tls=ctx).start()
    yield d, str(tmp_path / "ca.pem")
    d.stop()


def test_unknown_ca_refused_configured_ca_trusted(workspace, tls_double):
    double, ca = tls_double
    add_case(double, "SO-TLS-0001", documents={"a.txt": b"a"})
    from sync_helpers import keyring_with_token
    config = fhir_config(double)
    with pytest.raises(SyncError, match="TLS certificate of localhost could not be verified"):
        run(workspace, config, keyring_with_token(config, "tls-token"))
    config = fhir_config(double, ca_bundle=ca)
    r = run(workspace, config, keyring_with_token(config, "tls-token"))
    assert r.ok and r.new_cases == ["SO-TLS-0001"]
