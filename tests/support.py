"""Constants shared by the tests."""
from pathlib import Path

from reviewer.security.keys import KdfParams

# Argon2id cost lowered for speed in tests only; the default is tested on its own.
FAST_KDF = KdfParams(memory_kib=8 * 1024, iterations=1, lanes=1)
PASSPHRASE = "correct horse battery staple"
TESTDATA = Path(__file__).resolve().parents[2] / "shared" / "testdata"
