"""OAuth2 client credentials: the secret from the keyring, the token renewed after a 401."""
import pytest

from sync_helpers import fhir_config, run
from platform_cases import add_case
from sync_fakes import FakeKeyring
from reviewer.sync import AuthError
from reviewer.sync.credentials import Credentials, store_client_secret


def _client(double, secret="s3cret"):
    double.clients["reviewer-app"] = "s3cret"
    config = fhir_config(double, token_url=double.token_url, client_id="reviewer-app")
    k = FakeKeyring()
    store_client_secret(k, config, secret)
    return config, k


def test_client_credentials_grant_and_renewal_after_401(workspace, double):
    add_case(double, "SO-OAUTH-1", documents={"a.txt": b"a"})
    config, k = _client(double)
    assert run(workspace, config, k).new_cases == ["SO-OAUTH-1"]
    assert double.tokens_issued == 1
    add_case(double, "SO-OAUTH-2", documents={"b.txt": b"b"})
    from sync_helpers import engine
    e = engine(workspace, config, k)
    e.platform.http.token()                 # cache a token, then the platform revokes it
    double.token = "revoked-and-replaced"
    r = e.run()
    e.platform.close()
    assert r.new_cases == ["SO-OAUTH-2"] and double.tokens_issued == 3      # one per engine, one renewal


def test_wrong_client_secret_is_clear(workspace, double):
    config, k = _client(double, secret="wrong")
    with pytest.raises(AuthError, match="refused the client credentials"):
        run(workspace, config, k)


def test_credentials_repr_hides_secrets(double):
    config, k = _client(double)
    c = Credentials(config, lambda: k)
    token = c.bearer()
    assert token and token not in repr(c) and "s3cret" not in repr(c)
