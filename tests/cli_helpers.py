import os
import subprocess
import sys

from support import PASSPHRASE


def reviewer(workspace_root, *args, env=None, timeout=120, **kw):
    """Runs the real command line in a subprocess, passphrase from the environment."""
    e = {**os.environ, "REVIEWER_PASSPHRASE": PASSPHRASE, **(env or {})}
    return subprocess.run([sys.executable, "-m", "reviewer.cli", "--workspace", str(workspace_root), *args],
                          capture_output=True, text=True, env=e, timeout=timeout, **kw)
